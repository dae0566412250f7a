#include "api/json_writer.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace mh::api {
namespace {

using nlohmann::json;

std::string dumped(const json& v) { return v.dump(-1, ' ', false, json::error_handler_t::replace); }

TEST(JsonWriter, StringsComeOutAsNlohmannWritesThem) {
  const std::vector<std::string> strings = {
      "",
      "plain words, digits 0-9 and ~!@#$%^&*()",
      "a \"quoted\" word and a back\\slash",
      "line\nbreak, tab\t, carriage\r, bell\x07, escape\x1b",
      std::string("a NUL\0inside", 12),
      "delete \x7f char",
      "caf\xc3\xa9, \xe6\x97\xa5\xe6\x9c\xac, \xf0\x9f\x99\x82",
      "stray \xff byte, cut \xe6\x97 short",
      "\xc0\xaf overlong slash",
      "slash / stays",
  };
  for (const auto& s : strings) {
    JsonWriter w;
    w.string(s);
    EXPECT_EQ(w.text(), dumped(json(s))) << s;
  }
}

// Plain text is scanned eight bytes at a time: every byte value, at every place in a word and in
// the tail after the last whole word, must still be told apart exactly.
TEST(JsonWriter, EveryByteAtEveryPlaceIsEscapedAsNlohmannWould) {
  for (int byte = 0; byte < 256; ++byte) {
    for (std::size_t at = 0; at < 19; ++at) {
      std::string s(19, 'a');
      s[at] = static_cast<char>(byte);
      JsonWriter w;
      w.string(s);
      ASSERT_EQ(w.text(), dumped(json(s))) << "byte " << byte << " at " << at;
    }
  }
}

TEST(JsonWriter, NumbersBooleansAndNull) {
  JsonWriter w;
  w.begin_array()
      .number(0)
      .number(-1)
      .number(std::numeric_limits<std::int64_t>::min())
      .number(std::numeric_limits<std::int64_t>::max())
      .boolean(true)
      .boolean(false)
      .null()
      .end_array();
  EXPECT_EQ(w.text(), dumped(json::array({0, -1, std::numeric_limits<std::int64_t>::min(),
                                          std::numeric_limits<std::int64_t>::max(), true, false, nullptr})));
}

TEST(JsonWriter, CommasBetweenItemsAndMembersWhateverTheNesting) {
  JsonWriter w;
  w.begin_object();
  w.key("empty_array").begin_array().end_array();
  w.key("empty_object").begin_object().end_object();
  w.key("items").begin_array();
  w.begin_object().key("a").number(1).key("b").begin_array().string("x").string("y").end_array().end_object();
  w.begin_object().end_object();
  w.begin_array().begin_array().end_array().null().end_array();
  w.end_array();
  w.key("last").value(json{{"k", json::array({1, "two"})}});
  w.end_object();
  const std::string expected =
      R"({"empty_array":[],"empty_object":{},"items":[{"a":1,"b":["x","y"]},{},[[],null]],"last":{"k":[1,"two"]}})";
  EXPECT_EQ(w.text(), expected);
  EXPECT_EQ(dumped(json::parse(w.text())), expected);
}

TEST(JsonWriter, KeysAreEscapedLikeValues) {
  JsonWriter w;
  w.begin_object().key("say \"hi\"").string("\xff").end_object();
  EXPECT_EQ(w.text(), dumped(json{{"say \"hi\"", "\xff"}}));
}

TEST(JsonWriter, TakeHandsOverTheText) {
  JsonWriter w;
  w.begin_object().key("n").number(3).end_object();
  EXPECT_EQ(w.take(), R"({"n":3})");
}

}  // namespace
}  // namespace mh::api
