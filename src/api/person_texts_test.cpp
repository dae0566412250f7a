// The people texts kept between requests: a text is found only for the exact version, view and
// year it was written for, a newer version replaces the older one, and the bound in bytes holds
// by letting the least recently used texts go.
#include "api/person_texts.hpp"

#include <gtest/gtest.h>

namespace mh::api {
namespace {

PersonTexts::Text text(std::string s) { return std::make_shared<const std::string>(std::move(s)); }

TEST(PersonTexts, FindsATextOnlyForTheVersionViewAndYearItWasWrittenFor) {
  PersonTexts texts;
  texts.keep(7, 3, PersonView::colleague, 2026, text(R"({"id":"7"})"));
  ASSERT_NE(texts.find(7, 3, PersonView::colleague, 2026), nullptr);
  EXPECT_EQ(*texts.find(7, 3, PersonView::colleague, 2026), R"({"id":"7"})");
  EXPECT_EQ(texts.find(7, 4, PersonView::colleague, 2026), nullptr);  // edited since
  EXPECT_EQ(texts.find(7, 2, PersonView::colleague, 2026), nullptr);
  EXPECT_EQ(texts.find(7, 3, PersonView::outsider, 2026), nullptr);  // another reader's view
  EXPECT_EQ(texts.find(7, 3, PersonView::admin, 2026), nullptr);
  EXPECT_EQ(texts.find(7, 3, PersonView::colleague, 2027), nullptr);  // a year more of experience
  EXPECT_EQ(texts.find(8, 3, PersonView::colleague, 2026), nullptr);
}

TEST(PersonTexts, EachViewOfAPersonIsKeptApartAndANewVersionReplacesTheOld) {
  PersonTexts texts;
  texts.keep(7, 3, PersonView::colleague, 2026, text("colleague v3"));
  texts.keep(7, 3, PersonView::admin, 2026, text("admin v3"));
  EXPECT_EQ(*texts.find(7, 3, PersonView::admin, 2026), "admin v3");
  EXPECT_EQ(*texts.find(7, 3, PersonView::colleague, 2026), "colleague v3");
  texts.keep(7, 4, PersonView::colleague, 2026, text("colleague v4"));
  EXPECT_EQ(texts.find(7, 3, PersonView::colleague, 2026), nullptr);
  EXPECT_EQ(*texts.find(7, 4, PersonView::colleague, 2026), "colleague v4");
  EXPECT_EQ(texts.size(), 2u);
}

TEST(PersonTexts, StaysWithinItsBytesByLettingTheLeastRecentlyUsedGo) {
  const std::string body(872, 'x');  // with the 128 bytes an entry costs besides, 1,000 bytes each
  PersonTexts texts(10'000);
  for (PersonId id = 1; id <= 10; ++id) texts.keep(id, 0, PersonView::colleague, 2026, text(body));
  EXPECT_EQ(texts.size(), 10u);
  EXPECT_EQ(texts.bytes(), 10'000u);
  ASSERT_NE(texts.find(1, 0, PersonView::colleague, 2026), nullptr);  // 1 is now the most recent
  texts.keep(11, 0, PersonView::colleague, 2026, text(body));
  EXPECT_EQ(texts.size(), 10u);
  EXPECT_LE(texts.bytes(), 10'000u);
  EXPECT_EQ(texts.find(2, 0, PersonView::colleague, 2026), nullptr);  // the least recently used went
  EXPECT_NE(texts.find(1, 0, PersonView::colleague, 2026), nullptr);
  EXPECT_NE(texts.find(11, 0, PersonView::colleague, 2026), nullptr);
  // A text larger than the whole bound is not kept, and pushes nothing out.
  texts.keep(12, 0, PersonView::colleague, 2026, text(std::string(20'000, 'y')));
  EXPECT_EQ(texts.find(12, 0, PersonView::colleague, 2026), nullptr);
  EXPECT_EQ(texts.size(), 10u);
}

TEST(PersonTexts, AFoundTextOutlivesItsEviction) {
  PersonTexts texts(1'000);
  texts.keep(1, 0, PersonView::self, 2026, text(std::string(800, 'a')));
  const PersonTexts::Text held = texts.find(1, 0, PersonView::self, 2026);
  texts.keep(2, 0, PersonView::self, 2026, text(std::string(800, 'b')));  // pushes 1 out
  EXPECT_EQ(texts.find(1, 0, PersonView::self, 2026), nullptr);
  ASSERT_NE(held, nullptr);
  EXPECT_EQ(*held, std::string(800, 'a'));  // a page being written with it still has it
}

}  // namespace
}  // namespace mh::api
