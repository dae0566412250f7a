#include "http/message.hpp"

#include <gtest/gtest.h>

#include <iterator>
#include <string>
#include <utility>
#include <vector>

namespace mh::http {
namespace {

std::string decoded(std::string_view in, bool plus_is_space = false) {
  std::string out;
  EXPECT_TRUE(percent_decode(in, out, plus_is_space)) << in;
  return out;
}

Request with_headers(std::vector<std::pair<std::string, std::string>> headers) {
  Request req;
  req.headers = std::move(headers);
  return req;
}

TEST(PercentDecode, DecodesEscapesInEitherHexCase) {
  EXPECT_EQ(decoded("/a%20b/%C3%A9%c3%a9"), "/a b/\xC3\xA9\xC3\xA9");
}

TEST(PercentDecode, LeavesTextWithoutEscapesUnchanged) { EXPECT_EQ(decoded("/people/12?x"), "/people/12?x"); }

TEST(PercentDecode, TurnsPlusIntoSpaceOnlyWhenAsked) {
  EXPECT_EQ(decoded("a+b", true), "a b");
  EXPECT_EQ(decoded("a+b", false), "a+b");
  EXPECT_EQ(decoded("a%2Bb", true), "a+b");
}

TEST(PercentDecode, DecodesAnEscapeAtTheVeryEnd) { EXPECT_EQ(decoded("ab%41"), "abA"); }

TEST(PercentDecode, DecodesEncodedDotsAndSlashesLiterally) { EXPECT_EQ(decoded("%2e%2E%2f"), "../"); }

TEST(PercentDecode, DecodesAnEncodedNulByte) { EXPECT_EQ(decoded("a%00b"), std::string("a\0b", 3)); }

TEST(PercentDecode, RejectsATruncatedEscape) {
  std::string out;
  EXPECT_FALSE(percent_decode("abc%", out, false));
  EXPECT_FALSE(percent_decode("abc%4", out, false));
}

TEST(PercentDecode, RejectsNonHexDigits) {
  std::string out;
  EXPECT_FALSE(percent_decode("%zz", out, false));
  EXPECT_FALSE(percent_decode("%4g", out, false));
  EXPECT_FALSE(percent_decode("% 41", out, false));
}

TEST(PercentDecode, ClearsThePreviousOutput) {
  std::string out = "stale";
  ASSERT_TRUE(percent_decode("new", out, false));
  EXPECT_EQ(out, "new");
}

TEST(ParseQuery, SplitsPairsAndDecodesKeysAndValues) {
  const auto q = parse_query("name=Ada+Lovelace&city=S%C3%A3o%20Paulo&a%26b=1");
  EXPECT_EQ(q, (std::multimap<std::string, std::string>{
                   {"name", "Ada Lovelace"}, {"city", "S\xC3\xA3o Paulo"}, {"a&b", "1"}}));
}

TEST(ParseQuery, KeepsRepeatedKeysInOrder) {
  const auto q = parse_query("tag=a&tag=b");
  const auto [first, last] = q.equal_range("tag");
  ASSERT_EQ(std::distance(first, last), 2);
  EXPECT_EQ(first->second, "a");
  EXPECT_EQ(std::next(first)->second, "b");
}

TEST(ParseQuery, AKeyWithoutEqualsSignHasAnEmptyValue) {
  const auto q = parse_query("flag&x=");
  EXPECT_EQ(q, (std::multimap<std::string, std::string>{{"flag", ""}, {"x", ""}}));
}

TEST(ParseQuery, OnlyTheFirstEqualsSignSplits) {
  const auto q = parse_query("expr=a=b");
  EXPECT_EQ(q, (std::multimap<std::string, std::string>{{"expr", "a=b"}}));
}

TEST(ParseQuery, SkipsEmptyPairs) {
  const auto q = parse_query("&&a=1&&");
  EXPECT_EQ(q, (std::multimap<std::string, std::string>{{"a", "1"}}));
}

TEST(ParseQuery, KeepsMalformedEscapesVerbatim) {
  const auto q = parse_query("q=100%&p%zz=1");
  EXPECT_EQ(q, (std::multimap<std::string, std::string>{{"q", "100%"}, {"p%zz", "1"}}));
}

TEST(ParseQuery, AnEmptyQueryHasNoParameters) { EXPECT_TRUE(parse_query("").empty()); }

TEST(RequestQueryParam, ReturnsTheFirstValueOrNull) {
  Request req;
  req.query = parse_query("a=1&a=2");
  ASSERT_NE(req.query_param("a"), nullptr);
  EXPECT_EQ(*req.query_param("a"), "1");
  EXPECT_EQ(req.query_param("b"), nullptr);
}

TEST(RequestHeader, ReturnsTheFirstHeaderWithTheName) {
  const Request req = with_headers({{"accept", "text/html"}, {"x-tag", "one"}, {"x-tag", "two"}});
  EXPECT_EQ(req.header("x-tag"), "one");
  EXPECT_EQ(req.header("accept"), "text/html");
}

TEST(RequestHeader, AMissingHeaderIsEmpty) {
  EXPECT_EQ(with_headers({{"accept", "text/html"}}).header("authorization"), "");
}

TEST(RequestHeader, LooksUpNamesAsStoredInLowerCase) {
  const Request req = with_headers({{"content-type", "application/json"}});
  EXPECT_EQ(req.header("content-type"), "application/json");
  EXPECT_EQ(req.header("Content-Type"), "");
}

TEST(RequestCookie, FindsACookieAmongSeveral) {
  const Request req = with_headers({{"cookie", "theme=dark; session=abc123;lang=pt"}});
  EXPECT_EQ(req.cookie("session"), "abc123");
  EXPECT_EQ(req.cookie("theme"), "dark");
  EXPECT_EQ(req.cookie("lang"), "pt");
}

TEST(RequestCookie, DoesNotMatchANameThatOnlySharesAPrefix) {
  const Request req = with_headers({{"cookie", "session_old=x; session=y"}});
  EXPECT_EQ(req.cookie("session"), "y");
  EXPECT_EQ(req.cookie("sess"), "");
}

TEST(RequestCookie, KeepsEqualsSignsInTheValue) {
  EXPECT_EQ(with_headers({{"cookie", "token=YWJj=="}}).cookie("token"), "YWJj==");
}

TEST(RequestCookie, AMissingCookieOrHeaderIsEmpty) {
  EXPECT_EQ(with_headers({{"cookie", "a=1"}}).cookie("b"), "");
  EXPECT_EQ(Request{}.cookie("a"), "");
}

TEST(ParseTarget, SplitsAndDecodesPathAndQuery) {
  std::string path;
  std::multimap<std::string, std::string> query;
  ASSERT_TRUE(parse_target("/api/v1/people?q=ann+lee&limit=5", path, query));
  EXPECT_EQ(path, "/api/v1/people");
  EXPECT_EQ(query.find("q")->second, "ann lee");
  EXPECT_EQ(query.find("limit")->second, "5");
}

TEST(ParseTarget, RefusesNulBytesAndInvalidUtf8InPathOrQuery) {
  std::string path;
  std::multimap<std::string, std::string> query;
  for (const char* bad : {"/a%00b", "/a%FF", "/people?q=%00", "/people?q=%C0%AF", "/people?%FF=1", "relative",
                          "", "/bad%zzescape"})
    EXPECT_FALSE(parse_target(bad, path, query)) << bad;
}

TEST(ParseTarget, KeepsAMalformedQueryEscapeVerbatim) {
  std::string path;
  std::multimap<std::string, std::string> query;
  ASSERT_TRUE(parse_target("/people?q=100%", path, query));
  EXPECT_EQ(query.find("q")->second, "100%");
}

}  // namespace
}  // namespace mh::http
