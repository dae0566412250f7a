// A person's explained recommendations as a read: the skills asked about replace the profile's
// (each must be a skill someone holds), a purpose shifts the weights and nothing else, the
// person's own manager is listed as excluded with the reason, and circles or flash topics come
// only when that format is asked for.
#include "services/mentor_ranking.hpp"

#include "services/testing.hpp"

namespace mh::services {
namespace {

using namespace testing;

class MentorRankingTest : public ServicesTest {
 protected:
  void SetUp() override {
    ServicesTest::SetUp();
    gina_ = add("Gina Gopher", "gina@example.com", {{"Go", 4}, {"Kubernetes", 3}}, 2);
    pia_ = add("Pia Pivot", "pia@example.com", {{"Pivot tables", 5}}, 2);
    // Maya's manager mentors too, and knows Go: the rules exclude him all the same.
    manager_.mentor_capacity = 2;
    manager_.formats_offered = {Format::one_to_one};
    manager_.skills = {{"Go", 5}};
    save(manager_);
  }

  Person add(const std::string& name, const std::string& email, std::vector<Skill> skills, int capacity) {
    Person p = person(name, email, capacity);
    p.skills = std::move(skills);
    save(p);
    return p;
  }

  Result<MentorRanking> rank(const RankingQuery& q) {
    return store_->read_value<MentorRanking>(
        [&](sql::Connection& db) { return rank_mentors_for(db, directory_, mentee_, kMonday, q); });
  }

  static std::vector<PersonId> ids(const std::vector<RankedMentor>& entries) {
    std::vector<PersonId> out;
    for (const auto& e : entries) out.push_back(e.scored.mentor_id);
    return out;
  }

  Directory directory_;
  Person gina_, pia_;
};

TEST_F(MentorRankingTest, TheSkillsAskedAboutDecideWhoRanksFirst) {
  RankingQuery q;
  q.skills = std::vector<std::string>{"go", "Kubernetes", "GO"};
  auto go = rank(q);
  ASSERT_TRUE(go) << go.error().message;
  EXPECT_EQ(go->wanted_skills, (std::vector<std::string>{"go", "kubernetes"}));
  ASSERT_FALSE(go->ranked.empty());
  EXPECT_EQ(go->ranked.front().scored.mentor_id, gina_.id);
  EXPECT_EQ(go->ranked.front().person->name, "Gina Gopher");
  EXPECT_EQ(go->ranked.front().mentor.capacity, 2);

  q.skills = std::vector<std::string>{"pivot tables"};
  auto pivot = rank(q);
  ASSERT_TRUE(pivot);
  EXPECT_EQ(pivot->ranked.front().scored.mentor_id, pia_.id);
}

TEST_F(MentorRankingTest, ASkillNobodyHoldsIsRefusedNamingTheField) {
  RankingQuery q;
  q.skills = std::vector<std::string>{"Go", "Underwater basket weaving"};
  auto r = rank(q);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::invalid);
  EXPECT_EQ(r.error().field, "skills");
}

TEST_F(MentorRankingTest, TheManagerIsExcludedWithTheReasonAndNeverRanked) {
  RankingQuery q;
  q.skills = std::vector<std::string>{"Go"};
  auto r = rank(q);
  ASSERT_TRUE(r);
  const auto ranked = ids(r->ranked), excluded = ids(r->excluded);
  EXPECT_EQ(std::count(ranked.begin(), ranked.end(), manager_.id), 0);
  ASSERT_EQ(std::count(excluded.begin(), excluded.end(), manager_.id), 1);
  for (const auto& e : r->excluded)
    if (e.scored.mentor_id == manager_.id) {
      EXPECT_TRUE(e.scored.excluded.has_value());
    }
}

TEST_F(MentorRankingTest, OffersComeOnlyWithTheirFormat) {
  RankingQuery q;
  auto plain = rank(q);
  ASSERT_TRUE(plain);
  EXPECT_FALSE(plain->offers.has_value());
  q.format = Format::one_to_one;
  EXPECT_FALSE(rank(q)->offers.has_value());
  q.format = Format::circle;
  EXPECT_TRUE(rank(q)->offers.has_value());
  q.format = Format::flash;
  EXPECT_TRUE(rank(q)->offers.has_value());
}

TEST(MentorRankingWeights, APurposeShiftsOnlyItsOwnFactors) {
  const matching::Weights base;
  const auto same = [&](const matching::Weights& w) {
    return w.skill == base.skill && w.outside_perspective == base.outside_perspective &&
           w.aspiration_role == base.aspiration_role && w.aspiration_department == base.aspiration_department &&
           w.experience_gap == base.experience_gap && w.reverse_mentoring == base.reverse_mentoring &&
           w.timezone_overlap == base.timezone_overlap && w.free_capacity == base.free_capacity;
  };
  EXPECT_TRUE(same(weights_for_purpose(base, std::nullopt)));
  EXPECT_TRUE(same(weights_for_purpose(base, ObjectiveCategory::other)));

  const auto networking = weights_for_purpose(base, ObjectiveCategory::networking);
  EXPECT_DOUBLE_EQ(networking.outside_perspective, base.outside_perspective * 1.5);
  EXPECT_DOUBLE_EQ(networking.aspiration_department, base.aspiration_department * 1.5);
  EXPECT_DOUBLE_EQ(networking.skill, base.skill);

  const auto career = weights_for_purpose(base, ObjectiveCategory::career_options);
  EXPECT_DOUBLE_EQ(career.aspiration_role, base.aspiration_role * 1.5);
  EXPECT_DOUBLE_EQ(career.experience_gap, base.experience_gap * 1.3);
  EXPECT_DOUBLE_EQ(career.skill, base.skill);

  for (auto skills : {ObjectiveCategory::skill_gaps, ObjectiveCategory::skill_coaching}) {
    const auto w = weights_for_purpose(base, skills);
    EXPECT_DOUBLE_EQ(w.skill, base.skill * 1.5);
    EXPECT_DOUBLE_EQ(w.reverse_mentoring, base.reverse_mentoring * 1.2);
    EXPECT_DOUBLE_EQ(w.outside_perspective, base.outside_perspective);
  }
}

}  // namespace
}  // namespace mh::services
