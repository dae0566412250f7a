// Action 2, decide the logistics: the values a pair may choose, and the advice they get.
#include "domain/logistics.hpp"

#include <gtest/gtest.h>

#include "domain/testing.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace mh {
namespace {

using namespace mh::testing;

// Fortnightly video calls, with a review in three months.
Logistics fortnightly_video() {
  Logistics l;
  l.cadence_days = 14;
  l.medium = Medium::video;
  l.where = "https://meet.example.com/mia-max";
  l.feedback_preference = "Direct, in writing after each meeting";
  l.mentee_learning = "How product managers decide priorities";
  l.mentor_learning = "What new hires find confusing";
  l.review_date = kNow + days(90);
  return l;
}

bool mentions_face_to_face(const std::vector<std::string>& hints) {
  return std::any_of(hints.begin(), hints.end(),
                     [](const std::string& h) { return h.find("face to face") != std::string::npos; });
}

// ---------------------------------------------------------------------------------------------
// validate_logistics

TEST(LogisticsValidation, AcceptsFortnightlyVideoMeetingsWithAReviewDate) {
  EXPECT_TRUE(validate_logistics(fortnightly_video(), kNow));
}

TEST(LogisticsValidation, AcceptsNoReviewDate) {
  Logistics l = fortnightly_video();
  l.review_date.reset();

  EXPECT_TRUE(validate_logistics(l, kNow));
}

TEST(LogisticsValidation, AcceptsDailyMeetings) {
  Logistics l = fortnightly_video();
  l.cadence_days = kMinCadenceDays;

  EXPECT_TRUE(validate_logistics(l, kNow));
}

TEST(LogisticsValidation, AcceptsMeetingEveryNinetyDays) {
  Logistics l = fortnightly_video();
  l.cadence_days = kMaxCadenceDays;

  EXPECT_TRUE(validate_logistics(l, kNow));
}

TEST(LogisticsValidation, RejectsACadenceOfZeroDays) {
  Logistics l = fortnightly_video();
  l.cadence_days = 0;

  const Status s = validate_logistics(l, kNow);

  EXPECT_EQ(code_of(s), "invalid");
  EXPECT_EQ(field_of(s), "cadence_days");
}

TEST(LogisticsValidation, RejectsACadenceAboveNinetyDays) {
  Logistics l = fortnightly_video();
  l.cadence_days = kMaxCadenceDays + 1;

  EXPECT_EQ(field_of(validate_logistics(l, kNow)), "cadence_days");
}

TEST(LogisticsValidation, RejectsAReviewDateInThePast) {
  Logistics l = fortnightly_video();
  l.review_date = kNow - days(1);

  const Status s = validate_logistics(l, kNow);

  EXPECT_EQ(code_of(s), "invalid");
  EXPECT_EQ(field_of(s), "review_date");
}

TEST(LogisticsValidation, RejectsAReviewDateOfRightNow) {
  Logistics l = fortnightly_video();
  l.review_date = kNow;

  EXPECT_EQ(field_of(validate_logistics(l, kNow)), "review_date");
}

TEST(LogisticsValidation, AcceptsAReviewDateOneSecondAhead) {
  Logistics l = fortnightly_video();
  l.review_date = kNow + 1s;

  EXPECT_TRUE(validate_logistics(l, kNow));
}

TEST(LogisticsValidation, RejectsAnOverlongPlace) {
  Logistics l = fortnightly_video();
  l.where = std::string(501, 'x');

  EXPECT_EQ(field_of(validate_logistics(l, kNow)), "where");
}

TEST(LogisticsValidation, NamesTheOverlongLearningText) {
  Logistics l = fortnightly_video();
  l.mentor_learning = std::string(2001, 'x');

  EXPECT_EQ(field_of(validate_logistics(l, kNow)), "mentor_learning");
}

TEST(LogisticsValidation, NamesTheOverlongFeedbackPreference) {
  Logistics l = fortnightly_video();
  l.feedback_preference = std::string(2001, 'x');

  EXPECT_EQ(field_of(validate_logistics(l, kNow)), "feedback_preference");
}

// ---------------------------------------------------------------------------------------------
// logistics_hints: advice, never a block.

TEST(LogisticsHints, FortnightlyVideoWithAReviewDateGetsNoHint) {
  EXPECT_TRUE(logistics_hints(fortnightly_video()).empty());
}

// Audio-only and text-only meetings (phone, chat) get the hint to meet face to face, even through
// a camera; video and meeting in person do not.
class LogisticsFaceToFaceHint : public ::testing::TestWithParam<Medium> {};

TEST_P(LogisticsFaceToFaceHint, ComesOnlyForPhoneAndChat) {
  Logistics l = fortnightly_video();
  l.medium = GetParam();
  l.review_date.reset();  // other hints may come, but they are not this one

  EXPECT_EQ(mentions_face_to_face(logistics_hints(l)), GetParam() == Medium::phone || GetParam() == Medium::chat);
}

INSTANTIATE_TEST_SUITE_P(LogisticsHints, LogisticsFaceToFaceHint,
                         ::testing::Values(Medium::video, Medium::in_person, Medium::phone, Medium::chat),
                         [](const auto& info) { return std::string(to_string(info.param)); });

TEST(LogisticsHints, MeetingLessThanEverySixWeeksGetsAMomentumHint) {
  Logistics l = fortnightly_video();
  l.cadence_days = 43;

  const auto hints = logistics_hints(l);

  ASSERT_EQ(hints.size(), 1u);
  EXPECT_NE(hints[0].find("six weeks"), std::string::npos) << hints[0];
}

TEST(LogisticsHints, MeetingEverySixWeeksGetsNoMomentumHint) {
  Logistics l = fortnightly_video();
  l.cadence_days = 42;

  EXPECT_TRUE(logistics_hints(l).empty());
}

TEST(LogisticsHints, NoReviewDateGetsAHintToSetOne) {
  Logistics l = fortnightly_video();
  l.review_date.reset();

  const auto hints = logistics_hints(l);

  ASSERT_EQ(hints.size(), 1u);
  EXPECT_NE(hints[0].find("review date"), std::string::npos) << hints[0];
}

}  // namespace
}  // namespace mh
