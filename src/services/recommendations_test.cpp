// A manager's recommendation to a direct report: only to one's own report, and the report reads
// only the recommendations made to them, with the names resolved.
#include "services/recommendations.hpp"

#include "services/testing.hpp"

namespace mh::services {
namespace {

using namespace testing;

class RecommendationsTest : public ServicesTest {
 protected:
  std::vector<MentorRecommendationView> read_for(const Person& actor) {
    return read<std::vector<MentorRecommendationView>>(
        [&](sql::Connection& db) { return my_mentor_recommendations(db, actor); });
  }
  Ran<storage::MentorRecommendation> recommend(const Person& manager, const Person& report, const Person& mentor,
                                               const std::string& note) {
    return run<storage::MentorRecommendation>(
        kMonday, [&](UseCase& uc) { return recommend_mentor(uc, manager, report.id, mentor.id, note); });
  }
};

TEST_F(RecommendationsTest, OnlyAManagerRecommendsToTheirOwnReport) {
  auto ran = recommend(stranger_, mentee_, mentor_, "ask about roadmaps");
  EXPECT_EQ(code_of(ran.result), "forbidden");
  ran = recommend(manager_, mentee_, mentee_, "");
  expect_invalid(ran.result, "mentor_id");
  EXPECT_EQ(field_of(recommend(manager_, mentee_, mentor_, std::string(1001, 'x')).result), "note");
  Person nobody = mentee_;
  nobody.id = 999999;
  EXPECT_EQ(code_of(recommend(manager_, nobody, mentor_, "").result), "not_found");
}

TEST_F(RecommendationsTest, AReportReadsOnlyTheRecommendationsMadeToThem) {
  Person other_report = person("Otto Other", "otto@example.com", 0, stranger_.id);
  auto mine = recommend(manager_, mentee_, mentor_, "ask about roadmaps");
  ASSERT_TRUE(mine.result) << mine.result.error().message;
  auto theirs = recommend(stranger_, other_report, mentor_, "for Otto only");
  ASSERT_TRUE(theirs.result) << theirs.result.error().message;

  const auto views = read_for(mentee_);
  ASSERT_EQ(views.size(), 1u);
  EXPECT_EQ(views[0].recommendation.id, mine.result->id);
  EXPECT_EQ(views[0].recommendation.note, "ask about roadmaps");
  EXPECT_EQ(views[0].manager_name, "Morgan Manager");
  EXPECT_EQ(views[0].mentor_name, "Daniel Mentor");
  ASSERT_EQ(read_for(other_report).size(), 1u);
  EXPECT_EQ(read_for(other_report)[0].recommendation.note, "for Otto only");
  EXPECT_TRUE(read_for(manager_).empty());
  EXPECT_TRUE(read_for(mentor_).empty());
}

}  // namespace
}  // namespace mh::services
