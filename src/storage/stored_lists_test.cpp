#include "storage/stored_lists.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace mh::storage {
namespace {

using nlohmann::json;

// What the full parse makes of a list column (people_repo's fallback).
std::vector<std::string> parsed_list(const std::string& text) {
  std::vector<std::string> out;
  const json j = json::parse(text, nullptr, false);
  if (j.is_array())
    for (const auto& item : j)
      if (item.is_string()) out.push_back(item.get<std::string>());
  return out;
}

TEST(StoredLists, ThePlainFormReadsAsTheFullParseDoes) {
  for (const std::vector<std::string>& list : std::vector<std::vector<std::string>>{
           {}, {"en"}, {"en", "fr", "de"}, {""}, {"a b", "x,y", "[", "]", "{", ":"}}) {
    const std::string text = json(list).dump();
    const auto plain = plain_string_list(text);
    ASSERT_TRUE(plain) << text;
    EXPECT_EQ(*plain, list) << text;
    EXPECT_EQ(*plain, parsed_list(text)) << text;
  }
}

TEST(StoredLists, AnythingElseIsLeftToTheFullParse) {
  for (const std::string text : {"", "[", "]", "[\"a\"", "[\"a\",]", "[,]", " [\"a\"]", "[\"a\"] ", "[\"a\", \"b\"]",
                                 "[\"a\\\"b\"]", "[\"caf\xc3\xa9\"]", "[\"\xff\"]", "[1]", "[null]", "{}", "\"en\"",
                                 "[\"a\"]x", "[\"tab\there\"]"})
    EXPECT_FALSE(plain_string_list(text)) << text;
}

TEST(StoredLists, AspirationsInThePlainFormKeepTheirThreeLists) {
  const std::string text = json{{"roles", {"lead"}}, {"departments", json::array()}, {"skills", {"go", "sql"}}}.dump();
  const auto plain = plain_aspirations(text);
  ASSERT_TRUE(plain) << text;
  EXPECT_EQ(plain->roles, std::vector<std::string>{"lead"});
  EXPECT_TRUE(plain->departments.empty());
  EXPECT_EQ(plain->skills, (std::vector<std::string>{"go", "sql"}));

  ASSERT_TRUE(plain_aspirations("{}"));
  EXPECT_TRUE(plain_aspirations("{}")->roles.empty());
  // Another key is ignored, as the full parse's value("roles") does; a repeated one keeps the last.
  const auto repeated = plain_aspirations(R"({"other":["x"],"roles":["a"],"roles":["b"]})");
  ASSERT_TRUE(repeated);
  EXPECT_EQ(repeated->roles, std::vector<std::string>{"b"});
  EXPECT_EQ(json::parse(R"({"roles":["a"],"roles":["b"]})")["roles"], json({"b"}));

  for (const std::string bad : {"", "{", "[]", R"({"roles":"a"})", R"({"roles":["a"]} )", R"({ "roles":["a"]})",
                                R"({"roles":["a"],})", R"({"roles":[1]})", R"({"ro\"les":["a"]})"})
    EXPECT_FALSE(plain_aspirations(bad)) << bad;
}

}  // namespace
}  // namespace mh::storage
