#include "api/app.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "common/clock.hpp"
#include "http/message.hpp"
#include "storage/store.hpp"
#include "support/sqlite_test_db.hpp"

namespace mh::api {
namespace {

http::Request request(std::string method, std::string path) {
  http::Request r;
  r.method = std::move(method);
  r.path = std::move(path);
  return r;
}

class AppOnSqlite : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = Store::open(test::fresh_sqlite_path_for_test("app_test"), 2);
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::move(*opened);
    ASSERT_TRUE(store_->migrate(0));
    app_ = std::make_unique<App>(*store_, clock_, Settings{});
  }

  SystemClock clock_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<App> app_;
};

TEST_F(AppOnSqlite, OnlyTheHealthCheckRunsOnTheIoThread) {
  EXPECT_TRUE(app_->runs_inline(request("GET", "/healthz")));
  // A person's reads cost ten times the hand-off, writes wait for SQLite's lock, and the rest may
  // take long or rebuild a cache: all of them run on the workers.
  for (const char* path : {"/api/v1/me", "/api/v1/people", "/api/v1/people/42", "/api/v1/relationships",
                           "/api/v1/relationships/7", "/api/v1/me/recommendations", "/api/v1/me/export",
                           "/api/v1/nothing/here", "/", "/metrics"})
    EXPECT_FALSE(app_->runs_inline(request("GET", path))) << path;
  EXPECT_FALSE(app_->runs_inline(request("POST", "/healthz")));
  EXPECT_FALSE(app_->runs_inline(request("PATCH", "/api/v1/me")));
  EXPECT_FALSE(app_->runs_inline(request("POST", "/api/v1/auth/login")));
}

TEST_F(AppOnSqlite, TheHealthCheckAndAPersonsReadAnswerAsBefore) {
  http::Request health = request("GET", "/healthz");
  EXPECT_EQ(app_->handle(health).status, 200);
  http::Request me = request("GET", "/api/v1/me");
  EXPECT_EQ(app_->handle(me).status, 401);
}

}  // namespace
}  // namespace mh::api
