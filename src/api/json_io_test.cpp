#include "api/json_io.hpp"

#include <gtest/gtest.h>

#include "api/errors.hpp"

namespace mh::api {
namespace {

http::Request json_request(std::string body) {
  http::Request req;
  req.method = "POST";
  req.headers.emplace_back("content-type", "application/json");
  req.body = std::move(body);
  return req;
}

// The status and field of the ApiError `f` throws; {0, ""} if it throws none.
template <typename F>
std::pair<int, std::string> refusal(F&& f) {
  try {
    f();
  } catch (const ApiError& e) {
    return {http_status(e.error().code), e.error().field};
  }
  return {0, ""};
}

TEST(JsonBody, ParsesAnObject) {
  EXPECT_EQ(parse_object_body(json_request(R"({"bio":"hello"})"))["bio"], "hello");
}

TEST(JsonBody, RefusesInvalidUtf8As400) {
  EXPECT_EQ(refusal([] { parse_object_body(json_request("{\"bio\":\"\xff\xfe\"}")); }).first, 400);
  EXPECT_EQ(refusal([] { parse_object_body(json_request("{\"bio\":\"\xc0\xaf\"}")); }).first, 400);
}

TEST(JsonBody, RefusesALoneSurrogateEscapeAs400) {
  EXPECT_EQ(refusal([] { parse_object_body(json_request(R"({"bio":"\ud800"})")); }).first, 400);
}

TEST(JsonBody, RefusesNestingDeeperThanTheLimitAs400) {
  const std::string deep = "{\"a\":" + std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']') + "}";
  EXPECT_EQ(refusal([&] { parse_object_body(json_request(deep)); }).first, 400);
  const std::string bomb(1 << 20, '[');
  EXPECT_EQ(refusal([&] { parse_object_body(json_request(bomb)); }).first, 400);
}

TEST(JsonBody, AcceptsNestingUpToTheLimit) {
  const std::string ok = "{\"a\":" + std::string(kMaxJsonDepth - 1, '[') + std::string(kMaxJsonDepth - 1, ']') + "}";
  EXPECT_EQ(refusal([&] { parse_object_body(json_request(ok)); }).first, 0);
}

TEST(JsonDepth, IgnoresBracketsInsideStrings) {
  EXPECT_EQ(json_depth(R"({"a":"[[[{{{\"[[["})"), 1u);
  EXPECT_EQ(json_depth(R"([[1],[2,[3]]])"), 3u);
  EXPECT_EQ(json_depth("]]]}}"), 0u);
}

TEST(StringField, RefusesControlCharactersNamingTheField) {
  for (const std::string& bad : {std::string("nul\0byte", 8), std::string("bell\a"), std::string("esc\x1b[1m"),
                                std::string("lone\rreturn"), std::string("del\x7f")}) {
    const auto [status, field] = refusal([&] { string_field(json(bad), "bio"); });
    EXPECT_EQ(status, 422) << bad;
    EXPECT_EQ(field, "bio");
  }
}

TEST(StringField, KeepsLineBreaksTabsAndCrlf) {
  EXPECT_EQ(string_field(json("a\nb\r\n\tc"), "bio"), "a\nb\r\n\tc");
}

TEST(StringField, RefusesAControlCharacterInsideAList) {
  EXPECT_EQ(refusal([] { string_list_field(json::array({"ok", "bad\x01"}), "skills"); }).second, "skills[1]");
}

// Found by the json_io fuzzer: a field name the body lacks made text_field read past the end of
// the object's map (operator[] on a const json).
TEST(TextField, AMissingMemberIs422NamingItNotAnOverRead) {
  const json body = {{"name", "x"}};
  EXPECT_EQ(refusal([&] { text_field(body, "title", 100); }), std::make_pair(422, std::string("title")));
  EXPECT_EQ(refusal([&] { text_field(json::array(), "title", 100); }).first, 422);
}

TEST(IntField, RefusesIntegersBeyondInt64InsteadOfWrapping) {
  const json huge = json::parse("18446744073709551615");
  EXPECT_EQ(refusal([&] { int_field(huge, "capacity"); }), std::make_pair(422, std::string("capacity")));
  EXPECT_EQ(refusal([&] { int_in_range(huge, "capacity", -5, 5); }).first, 422);
  EXPECT_EQ(refusal([&] { id_from_json(huge, "mentor_id"); }).first, 422);
  EXPECT_EQ(int_field(json::parse("9223372036854775807"), "n"), INT64_MAX);
}

TEST(IntField, RefusesFloats) {
  EXPECT_EQ(refusal([] { int_field(json(1.5), "n"); }).first, 422);
  EXPECT_EQ(refusal([] { int_field(json::parse("1e300"), "n"); }).first, 422);
}

TEST(JsonBody, ANumberBeyondADoubleIs400) {
  EXPECT_EQ(refusal([] { parse_object_body(json_request(R"({"n": 1e400})")); }).first, 400);
}

}  // namespace
}  // namespace mh::api
