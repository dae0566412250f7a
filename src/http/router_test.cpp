#include "http/router.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace mh::http {
namespace {

// A handler that answers with its own label, so a test can tell which route matched.
Handler labelled(std::string label) {
  return [label = std::move(label)](Request&) {
    Response r;
    r.body = label;
    return r;
  };
}

std::string call(const Router::Match& m) {
  Request req;
  return (*m.handler)(req).body;
}

TEST(Router, ALiteralSegmentBeatsAParameterWhateverTheOrderOfAdding) {
  Router param_first;
  param_first.add("GET", "/people/{id}", labelled("by id"));
  param_first.add("GET", "/people/me", labelled("me"));
  Router literal_first;
  literal_first.add("GET", "/people/me", labelled("me"));
  literal_first.add("GET", "/people/{id}", labelled("by id"));

  for (const Router* router : {&param_first, &literal_first}) {
    const auto m = router->match("GET", "/people/me");
    ASSERT_NE(m.handler, nullptr);
    EXPECT_EQ(call(m), "me");
    EXPECT_EQ(m.pattern, "/people/me");
    EXPECT_TRUE(m.params.empty());
  }
}

TEST(Router, AnEarlierLiteralSegmentOutweighsALaterOne) {
  Router router;
  router.add("GET", "/{kind}/{id}/photo", labelled("any kind"));
  router.add("GET", "/people/{id}/{part}", labelled("people"));

  const auto m = router.match("GET", "/people/7/photo");
  ASSERT_NE(m.handler, nullptr);
  EXPECT_EQ(call(m), "people");
}

TEST(Router, PathParametersAreExtractedByName) {
  Router router;
  router.add("GET", "/groups/{group}/members/{member}", labelled("member"));

  const auto m = router.match("GET", "/groups/g1/members/42");
  ASSERT_NE(m.handler, nullptr);
  EXPECT_EQ(m.pattern, "/groups/{group}/members/{member}");
  EXPECT_EQ(m.params, (std::map<std::string, std::string>{{"group", "g1"}, {"member", "42"}}));
}

TEST(Router, AnUnknownPathIsNotFoundAndNotMethodNotAllowed) {
  Router router;
  router.add("GET", "/people", labelled("list"));

  const auto m = router.match("GET", "/groups");
  EXPECT_EQ(m.handler, nullptr);
  EXPECT_FALSE(m.path_known);
  EXPECT_TRUE(m.allowed.empty());
}

TEST(Router, AKnownPathWithAnotherMethodListsTheAllowedMethods) {
  Router router;
  router.add("GET", "/people/{id}", labelled("get"));
  router.add("PATCH", "/people/{id}", labelled("patch"));
  router.add("POST", "/people", labelled("create"));

  const auto m = router.match("DELETE", "/people/3");
  EXPECT_EQ(m.handler, nullptr);
  EXPECT_TRUE(m.path_known);
  std::vector<std::string> allowed = m.allowed;
  std::sort(allowed.begin(), allowed.end());
  EXPECT_EQ(allowed, (std::vector<std::string>{"GET", "PATCH"}));
}

TEST(Router, AllowedMethodsIncludeRoutesMatchedThroughAParameter) {
  Router router;
  router.add("GET", "/people/{id}", labelled("get"));
  router.add("POST", "/people/me", labelled("update me"));

  const auto m = router.match("DELETE", "/people/me");
  EXPECT_EQ(m.handler, nullptr);
  std::vector<std::string> allowed = m.allowed;
  std::sort(allowed.begin(), allowed.end());
  EXPECT_EQ(allowed, (std::vector<std::string>{"GET", "POST"}));
}

TEST(Router, AMatchingRouteClearsTheMethodNotAllowedInformation) {
  Router router;
  router.add("POST", "/people/me", labelled("update me"));
  router.add("GET", "/people/{id}", labelled("get"));

  const auto m = router.match("GET", "/people/me");
  ASSERT_NE(m.handler, nullptr);
  EXPECT_EQ(call(m), "get");
  EXPECT_FALSE(m.path_known);
  EXPECT_TRUE(m.allowed.empty());
}

TEST(Router, MethodsAreMatchedCaseSensitively) {
  Router router;
  router.add("GET", "/people", labelled("list"));

  const auto m = router.match("get", "/people");
  EXPECT_EQ(m.handler, nullptr);
  EXPECT_TRUE(m.path_known);
}

TEST(Router, ATrailingSlashMatchesTheSameRoute) {
  Router router;
  router.add("GET", "/people", labelled("list"));

  const auto m = router.match("GET", "/people/");
  ASSERT_NE(m.handler, nullptr);
  EXPECT_EQ(call(m), "list");
}

TEST(Router, RepeatedSlashesAreIgnored) {
  Router router;
  router.add("GET", "/people/{id}", labelled("get"));

  const auto m = router.match("GET", "//people//5");
  ASSERT_NE(m.handler, nullptr);
  EXPECT_EQ(m.params.at("id"), "5");
}

TEST(Router, AParameterNeverMatchesAMissingSegment) {
  Router router;
  router.add("GET", "/people/{id}", labelled("get"));

  EXPECT_EQ(router.match("GET", "/people/").handler, nullptr);
  EXPECT_EQ(router.match("GET", "/people").handler, nullptr);
  EXPECT_EQ(router.match("GET", "/people/5/extra").handler, nullptr);
}

TEST(Router, TheRootPathMatchesTheRootRoute) {
  Router router;
  router.add("GET", "/", labelled("root"));

  const auto m = router.match("GET", "/");
  ASSERT_NE(m.handler, nullptr);
  EXPECT_EQ(call(m), "root");
}

TEST(Router, RoutesAreListedInTheOrderTheyWereAdded) {
  Router router;
  router.add("GET", "/b", labelled("b"));
  router.add("POST", "/a", labelled("a"));

  const auto routes = router.routes();
  ASSERT_EQ(routes.size(), 2u);
  EXPECT_EQ(routes[0].method, "GET");
  EXPECT_EQ(routes[0].pattern, "/b");
  EXPECT_EQ(routes[1].method, "POST");
  EXPECT_EQ(routes[1].pattern, "/a");
}

}  // namespace
}  // namespace mh::http
