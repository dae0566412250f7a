// The attempt counters behind every credential route: refused once any subject has used up its
// attempts in the window, each subject counted apart, forgotten when the window has passed or
// the attempt succeeded.
#include "services/attempts.hpp"

#include "services/testing.hpp"

namespace mh::services {
namespace {

using namespace testing;

class AttemptsTest : public ServicesTest {
 protected:
  Status check(const std::vector<AttemptLimit>& limits, TimePoint at) {
    return store_->read([&](sql::Connection& db) { return check_attempts(db, limits, at, kWindow, "sign-in attempts"); });
  }
  void count(const std::string& subject, TimePoint at) {
    ASSERT_TRUE(store_->write([&](sql::Connection& db) -> Status {
      count_attempt(db, subject, at, kWindow);
      return {};
    }));
  }
  static constexpr Seconds kWindow = std::chrono::minutes(15);
};

TEST_F(AttemptsTest, ASubjectThatUsedUpItsAttemptsIsRefusedUntilTheWindowPasses) {
  const std::vector<AttemptLimit> limits{{"account:ann@example.com", 3}, {"address:10.0.0.1", 10}};
  for (int i = 0; i < 3; ++i) {
    EXPECT_TRUE(check(limits, kMonday + minutes(i))) << "attempt " << i + 1;
    count("account:ann@example.com", kMonday + minutes(i));
  }
  const Status refused = check(limits, kMonday + minutes(3));
  EXPECT_EQ(code_of(refused), "rate_limited");
  EXPECT_NE(refused.error().message.find("too many sign-in attempts"), std::string::npos) << refused.error().message;
  EXPECT_TRUE(check({{"account:bob@example.com", 3}}, kMonday + minutes(3))) << "another account is counted apart";
  EXPECT_TRUE(check(limits, kMonday + minutes(3) + kWindow)) << "the window has passed";
}

TEST_F(AttemptsTest, ASuccessForgetsTheSubjectsAttempts) {
  for (int i = 0; i < 3; ++i) count("account:ann@example.com", kMonday);
  ASSERT_EQ(code_of(check({{"account:ann@example.com", 3}}, kMonday)), "rate_limited");
  ASSERT_TRUE(store_->write([&](sql::Connection& db) -> Status {
    clear_attempts(db, "account:ann@example.com");
    return {};
  }));
  EXPECT_TRUE(check({{"account:ann@example.com", 3}}, kMonday));
}

}  // namespace
}  // namespace mh::services
