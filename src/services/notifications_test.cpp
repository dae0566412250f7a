// Notifications as the use cases write them: once per person, kind, subject and occasion; with
// the page where the person acts; and a manager's recommendation, the one the report receives.
#include "services/recommendations.hpp"
#include "services/workspace.hpp"

#include "services/testing.hpp"

namespace mh::services {
namespace {

using namespace testing;

using NotificationsTest = ServicesTest;

TEST_F(NotificationsTest, TheSameOccasionIsWrittenOnceAndRecordedOnce) {
  const Notice notice{mentee_.id, "fading", "relationship:1", "since:x", "Meet again.", "/relationships/1", std::nullopt};
  auto first = run<bool>(kMonday, [&](UseCase& uc) -> Result<bool> { return uc.notify(notice).has_value(); });
  auto again = run<bool>(kMonday + days(1), [&](UseCase& uc) -> Result<bool> { return uc.notify(notice).has_value(); });
  EXPECT_TRUE(*first.result);
  EXPECT_EQ(first.events.size(), 1u);
  EXPECT_FALSE(*again.result);
  EXPECT_TRUE(again.events.empty());
  EXPECT_EQ(notifications_of(mentee_).size(), 1u);
}

TEST_F(NotificationsTest, EachDraftOfThePurposeIsItsOwnOccasion) {
  const Relationship r = accepted();
  Objective o;
  o.category = ObjectiveCategory::career_options;
  o.description = "Understand what a product manager does all day";
  o.success_measure = "Three informational interviews held";
  for (int i = 0; i < 2; ++i) {
    auto drafted = on(mentee_, r.id, kMonday + hours(1 + i), [&](UseCase& uc, Relationship& rel) {
      return draft_purpose(uc, mentee_, rel, {o}, "A clear next step, draft " + std::to_string(i));
    });
    ASSERT_TRUE(drafted.result) << drafted.result.error().message;
  }
  int to_agree = 0;
  for (const auto& n : notifications_of(mentor_)) {
    if (n.kind != "purpose_to_agree") continue;
    ++to_agree;
    EXPECT_EQ(n.link, "/relationships/" + std::to_string(r.id) + "#purpose");
    EXPECT_EQ(n.relationship_id, r.id);
  }
  EXPECT_EQ(to_agree, 2);
}

TEST_F(NotificationsTest, ARequestTellsTheMentorToAnswerOnTheRequestsPage) {
  const Relationship r = requested();
  const auto mine = notifications_of(mentor_);
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].subject, "relationship:" + std::to_string(r.id));
  EXPECT_EQ(mine[0].link, "/requests");
  EXPECT_TRUE(notifications_of(stranger_).empty());
}

TEST_F(NotificationsTest, AManagersRecommendationNotifiesTheReportWithTheMentorsPage) {
  auto ran = run<storage::MentorRecommendation>(kMonday, [&](UseCase& uc) {
    return recommend_mentor(uc, manager_, mentee_.id, mentor_.id, "Ask about the first year.");
  });
  ASSERT_TRUE(ran.result) << ran.result.error().message;
  EXPECT_EQ(notifications_in(ran.events), (Pairs{{mentee_.id, "manager_recommendation"}}));
  const auto mine = notifications_of(mentee_);
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].link, "/people/" + std::to_string(mentor_.id));
  EXPECT_NE(mine[0].message.find("Ask about the first year."), std::string::npos);
  EXPECT_TRUE(notifications_of(manager_).empty());
}

TEST_F(NotificationsTest, OnlyTheReportsManagerRecommendsAndNothingIsWrittenOtherwise) {
  auto ran = run<storage::MentorRecommendation>(
      kMonday, [&](UseCase& uc) { return recommend_mentor(uc, stranger_, mentee_.id, mentor_.id, ""); });
  EXPECT_EQ(code_of(ran.result), "forbidden");
  auto self = run<storage::MentorRecommendation>(
      kMonday, [&](UseCase& uc) { return recommend_mentor(uc, manager_, mentee_.id, manager_.id, ""); });
  EXPECT_EQ(field_of(self.result), "mentor_id");
  auto long_note = run<storage::MentorRecommendation>(kMonday, [&](UseCase& uc) {
    return recommend_mentor(uc, manager_, mentee_.id, mentor_.id, std::string(1001, 'x'));
  });
  EXPECT_EQ(field_of(long_note.result), "note");
  EXPECT_TRUE(notifications_of(mentee_).empty());
}

}  // namespace
}  // namespace mh::services
