#include "common/utf8.hpp"

#include <gtest/gtest.h>

namespace mh {
namespace {

TEST(Utf8, AcceptsWellFormedTextUpToTheLastCodePoint) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("plain"));
  EXPECT_TRUE(is_valid_utf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF \xEF\xBF\xBF \xED\x9F\xBF"));
}

TEST(Utf8, RefusesStrayTruncatedOverlongSurrogateAndTooLargeSequences) {
  for (const char* bad : {"\xFF", "\x80", "\xC3", "\xE2\x82", "\xC0\xAF", "\xC1\xBF", "\xE0\x80\xAF", "\xE0\x9F\xBF",
                          "\xED\xA0\x80", "\xED\xBF\xBF", "\xF0\x8F\xBF\xBF", "\xF4\x90\x80\x80", "\xF5\x80\x80\x80",
                          "a\xC3(b", "\xE2\x28\xA1", "\xF0\x9F\x98"})
    EXPECT_FALSE(is_valid_utf8(bad)) << bad;
}

TEST(Utf8, ReplacingLeavesValidTextAsItIs) {
  for (std::string_view good : {"", "plain", "Zoë Ångström — 会議 🎉", "\xF4\x8F\xBF\xBF"})
    EXPECT_EQ(with_invalid_utf8_replaced(good), good);
}

TEST(Utf8, ReplacingPutsOneReplacementCharacterPerBadByteAndKeepsTheRest) {
  const std::string r = "\xEF\xBF\xBD";
  EXPECT_EQ(with_invalid_utf8_replaced("a\xFF" "b"), "a" + r + "b");
  EXPECT_EQ(with_invalid_utf8_replaced("\xBC\xBC ok"), r + r + " ok");  // stray continuations
  EXPECT_EQ(with_invalid_utf8_replaced("end \xE4\xBC"), "end " + r + r);  // truncated at the end
  EXPECT_EQ(with_invalid_utf8_replaced("\xED\xA0\x80"), r + r + r);  // a UTF-16 surrogate
  EXPECT_EQ(with_invalid_utf8_replaced("\xC3\xA9\xC3"), "\xC3\xA9" + r);
  EXPECT_TRUE(is_valid_utf8(with_invalid_utf8_replaced("\x80\xC0\xAF\xF5\x80\x80\x80 \xF0\x9F\x8E")));
}

}  // namespace
}  // namespace mh
