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

}  // namespace
}  // namespace mh
