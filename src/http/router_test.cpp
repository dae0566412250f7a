#include "http/router.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <initializer_list>
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

struct LabelledRoute {
  const char* method;
  const char* pattern;
  const char* label;
};

// A router holding `routes`, added in this order.
Router router_of(std::initializer_list<LabelledRoute> routes) {
  Router router;
  for (const auto& r : routes) router.add(r.method, r.pattern, labelled(r.label));
  return router;
}

std::string call(const Router::Match& m) {
  Request req;
  return (*m.handler)(req).body;
}

// The label of the route that `method` `path` matches, or "(no route)".
std::string answer(const Router& router, std::string_view method, std::string_view path) {
  const auto m = router.match(method, path);
  return m.handler ? call(m) : "(no route)";
}

std::vector<std::string> sorted_allowed(const Router::Match& m) {
  std::vector<std::string> allowed = m.allowed;
  std::sort(allowed.begin(), allowed.end());
  return allowed;
}

TEST(Router, ALiteralSegmentBeatsAParameterWhateverTheOrderOfAdding) {
  const Router param_first = router_of({{"GET", "/people/{id}", "by id"}, {"GET", "/people/me", "me"}});
  const Router literal_first = router_of({{"GET", "/people/me", "me"}, {"GET", "/people/{id}", "by id"}});

  for (const Router* router : {&param_first, &literal_first}) {
    const auto m = router->match("GET", "/people/me");
    ASSERT_NE(m.handler, nullptr);
    EXPECT_EQ(call(m), "me");
    EXPECT_EQ(m.pattern, "/people/me");
    EXPECT_TRUE(m.params.empty());
  }
}

TEST(Router, AnEarlierLiteralSegmentOutweighsALaterOne) {
  const Router router = router_of({{"GET", "/{kind}/{id}/photo", "any kind"}, {"GET", "/people/{id}/{part}", "people"}});
  EXPECT_EQ(answer(router, "GET", "/people/7/photo"), "people");
}

TEST(Router, PathParametersAreExtractedByName) {
  const Router router = router_of({{"GET", "/groups/{group}/members/{member}", "member"}});

  const auto m = router.match("GET", "/groups/g1/members/42");
  ASSERT_NE(m.handler, nullptr);
  EXPECT_EQ(m.pattern, "/groups/{group}/members/{member}");
  EXPECT_EQ(m.params, (std::map<std::string, std::string>{{"group", "g1"}, {"member", "42"}}));
}

TEST(Router, AnUnknownPathIsNotFoundAndNotMethodNotAllowed) {
  const Router router = router_of({{"GET", "/people", "list"}});
  EXPECT_EQ(answer(router, "GET", "/groups"), "(no route)");
  const auto m = router.match("GET", "/groups");
  EXPECT_FALSE(m.path_known);
  EXPECT_TRUE(m.allowed.empty());
}

TEST(Router, AKnownPathWithAnotherMethodListsTheAllowedMethods) {
  const Router router = router_of(
      {{"GET", "/people/{id}", "get"}, {"PATCH", "/people/{id}", "patch"}, {"POST", "/people", "create"}});

  const auto m = router.match("DELETE", "/people/3");
  EXPECT_EQ(m.handler, nullptr);
  EXPECT_TRUE(m.path_known);
  EXPECT_EQ(sorted_allowed(m), (std::vector<std::string>{"GET", "PATCH"}));
}

TEST(Router, AllowedMethodsIncludeRoutesMatchedThroughAParameter) {
  const Router router = router_of({{"GET", "/people/{id}", "get"}, {"POST", "/people/me", "update me"}});

  const auto m = router.match("DELETE", "/people/me");
  EXPECT_EQ(m.handler, nullptr);
  EXPECT_EQ(sorted_allowed(m), (std::vector<std::string>{"GET", "POST"}));
}

TEST(Router, AMatchingRouteClearsTheMethodNotAllowedInformation) {
  const Router router = router_of({{"POST", "/people/me", "update me"}, {"GET", "/people/{id}", "get"}});

  const auto m = router.match("GET", "/people/me");
  ASSERT_NE(m.handler, nullptr);
  EXPECT_EQ(call(m), "get");
  EXPECT_FALSE(m.path_known);
  EXPECT_TRUE(m.allowed.empty());
}

TEST(Router, MethodsAreMatchedCaseSensitively) {
  const Router router = router_of({{"GET", "/people", "list"}});
  EXPECT_EQ(answer(router, "get", "/people"), "(no route)");
  EXPECT_TRUE(router.match("get", "/people").path_known);
}

TEST(Router, ATrailingSlashMatchesTheSameRoute) {
  EXPECT_EQ(answer(router_of({{"GET", "/people", "list"}}), "GET", "/people/"), "list");
}

TEST(Router, RepeatedSlashesAreIgnored) {
  const Router router = router_of({{"GET", "/people/{id}", "get"}});
  EXPECT_EQ(answer(router, "GET", "//people//5"), "get");
  EXPECT_EQ(router.match("GET", "//people//5").params.at("id"), "5");
}

TEST(Router, AParameterNeverMatchesAMissingSegment) {
  const Router router = router_of({{"GET", "/people/{id}", "get"}});

  EXPECT_EQ(router.match("GET", "/people/").handler, nullptr);
  EXPECT_EQ(router.match("GET", "/people").handler, nullptr);
  EXPECT_EQ(router.match("GET", "/people/5/extra").handler, nullptr);
}

TEST(Router, RoutesOfEveryLengthAddedInAnyOrderMatchOnlyPathsOfTheirOwnLength) {
  const Router router = router_of({{"GET", "/a/{x}/c", "three"},
                                   {"GET", "/a", "one"},
                                   {"GET", "/a/{x}/c/{y}/e", "five"},
                                   {"GET", "/a/{x}", "two"},
                                   {"POST", "/a/b/c", "post three"},
                                   {"GET", "/", "root"}});
  EXPECT_EQ(answer(router, "GET", "/"), "root");
  EXPECT_EQ(answer(router, "GET", "/a"), "one");
  EXPECT_EQ(answer(router, "GET", "/a/1"), "two");
  EXPECT_EQ(answer(router, "GET", "/a/1/c"), "three");
  EXPECT_EQ(answer(router, "POST", "/a/b/c"), "post three");
  EXPECT_EQ(answer(router, "GET", "/a/1/c/2"), "(no route)");
  EXPECT_EQ(answer(router, "GET", "/a/1/c/2/e"), "five");
  EXPECT_EQ(router.match("GET", "/a/1/c/2/e").params.at("y"), "2");
  // Longer than every route: not found, and no route's methods offered.
  const auto longer = router.match("GET", "/a/1/c/2/e/f/g");
  EXPECT_EQ(longer.handler, nullptr);
  EXPECT_FALSE(longer.path_known);
  // The methods offered are those of the routes of the path's own length only.
  const auto other_method = router.match("POST", "/a/1/c");
  EXPECT_EQ(other_method.handler, nullptr);
  EXPECT_TRUE(other_method.path_known);
  EXPECT_EQ(sorted_allowed(other_method), (std::vector<std::string>{"GET"}));
}

TEST(Router, TheRootPathMatchesTheRootRoute) {
  EXPECT_EQ(answer(router_of({{"GET", "/", "root"}}), "GET", "/"), "root");
}

TEST(Router, RoutesAreListedInTheOrderTheyWereAdded) {
  const auto routes = router_of({{"GET", "/b", "b"}, {"POST", "/a", "a"}}).routes();
  ASSERT_EQ(routes.size(), 2u);
  EXPECT_EQ(routes[0].method, "GET");
  EXPECT_EQ(routes[0].pattern, "/b");
  EXPECT_EQ(routes[1].method, "POST");
  EXPECT_EQ(routes[1].pattern, "/a");
}

}  // namespace
}  // namespace mh::http
