// Who makes a good mentor, in the article's terms: each test builds a small organisation and
// asserts an order or an explanation (a factor's name, points and reason, or an exclusion).
#include "matching/scoring.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "common/timezones.hpp"

namespace mh::matching {
namespace {

const std::vector<std::string> kEmerging = {"generative ai", "llm evaluation", "prompt engineering"};

// A mentor with free places in the mentee's timezone; skills as people write them.
MentorProfile mentor(PersonId id, int years, std::initializer_list<std::pair<std::string, int>> skills,
                     std::string department = "Finance") {
  MentorProfile m;
  m.id = id;
  m.name = "Mentor " + std::to_string(id);
  m.title = "Analyst";
  m.department = std::move(department);
  m.organisation = "Northwind";
  m.years = years;
  std::vector<std::pair<std::string, std::string>> keyed;  // (key, name)
  for (const auto& [name, level] : skills) keyed.emplace_back(key_of(name), name);
  std::sort(keyed.begin(), keyed.end());
  for (const auto& [key, name] : keyed) {
    const auto it = std::find_if(skills.begin(), skills.end(), [&](const auto& s) { return s.first == name; });
    m.skills.emplace_back(key, it->second);
    m.skill_names.push_back(name);
  }
  m.utc_offset_minutes = 0;
  m.capacity = 2;
  return m;
}

MentorProfile external(MentorProfile m, std::string organisation) {
  m.is_external = true;
  m.organisation = std::move(organisation);
  m.department.clear();
  return m;
}

MenteeProfile mentee(PersonId id, int years, std::vector<std::string> wanted, std::string department = "finance") {
  MenteeProfile m;
  m.id = id;
  m.years = years;
  m.department = std::move(department);
  std::sort(wanted.begin(), wanted.end());
  m.wanted_skills = std::move(wanted);
  m.utc_offset_minutes = 0;
  return m;
}

const Factor* factor(const Scored& s, const std::string& name) {
  for (const auto& f : s.factors)
    if (f.name == name) return &f;
  return nullptr;
}

bool has(const Scored& s, const std::string& name) { return factor(s, name) != nullptr; }

// The first of two ranked mentors, alone, scores `points` for factor `name`, with a reason that
// says each of `says`.
void expect_first_alone_has(const std::vector<Scored>& ranked, const std::string& name, double points,
                            std::initializer_list<const char*> says) {
  const Factor* f = factor(ranked[0], name);
  ASSERT_NE(f, nullptr);
  EXPECT_DOUBLE_EQ(f->points, points);
  for (const char* said : says) EXPECT_NE(f->reason.find(said), std::string::npos) << f->reason;
  EXPECT_EQ(factor(ranked[1], name), nullptr);
}

std::vector<PersonId> ids(const std::vector<Scored>& list) {
  std::vector<PersonId> out;
  for (const auto& s : list) out.push_back(s.mentor_id);
  return out;
}

bool listed(const std::vector<Scored>& list, PersonId id) {
  return std::any_of(list.begin(), list.end(), [&](const Scored& s) { return s.mentor_id == id; });
}

const Scored& find(const std::vector<Scored>& list, PersonId id) {
  return *std::find_if(list.begin(), list.end(), [&](const Scored& s) { return s.mentor_id == id; });
}

TEST(ScoringTest, ASeasonedMenteeSeesAnExternalExpertAboveAnEquallySkilledColleague) {
  const MenteeProfile me = mentee(1, 20, {"budgeting"});
  // The colleague has the smaller id, so a tie would put them first.
  const std::vector<MentorProfile> mentors = {mentor(2, 28, {{"Budgeting", 5}}),
                                              external(mentor(3, 28, {{"Budgeting", 5}}), "Contoso")};
  const auto recs = recommend(me, mentors, Weights{}, kEmerging, 10);
  ASSERT_EQ(ids(recs.ranked), (std::vector<PersonId>{3, 2}));
  expect_first_alone_has(recs.ranked, "outside_perspective", Weights{}.outside_perspective,
                         {"outside the organisation", "Contoso"});
  EXPECT_DOUBLE_EQ(recs.ranked[0].score - recs.ranked[1].score, Weights{}.outside_perspective);
}

TEST(ScoringTest, AMenteeEarlierInTheirCareerGetsNoOutsidePerspectiveBonus) {
  const MenteeProfile me = mentee(1, 14, {"budgeting"});
  const std::vector<MentorProfile> mentors = {mentor(2, 20, {{"Budgeting", 5}}),
                                              external(mentor(3, 20, {{"Budgeting", 5}}), "Contoso")};
  const auto recs = recommend(me, mentors, Weights{}, kEmerging, 10);
  ASSERT_EQ(ids(recs.ranked), (std::vector<PersonId>{2, 3}));  // a tie, broken by id
  EXPECT_EQ(factor(recs.ranked[1], "outside_perspective"), nullptr);
  EXPECT_DOUBLE_EQ(recs.ranked[0].score, recs.ranked[1].score);
}

TEST(ScoringTest, ForASeasonedMenteeAnotherDepartmentIsHalfAnOutsidePerspective) {
  const MenteeProfile me = mentee(1, 20, {"budgeting"});
  const Scored other = score(me, mentor(2, 28, {{"Budgeting", 5}}, "Sales"), Weights{}, kEmerging);
  const Factor* outside = factor(other, "outside_perspective");
  ASSERT_NE(outside, nullptr);
  EXPECT_DOUBLE_EQ(outside->points, Weights{}.outside_perspective / 2);
  EXPECT_NE(outside->reason.find("another department"), std::string::npos) << outside->reason;
}

TEST(ScoringTest, AJuniorMenteeWantingAnEmergingSkillSeesAReverseMentoringMatch) {
  const MenteeProfile me = mentee(1, 4, {"generative ai"});
  const std::vector<MentorProfile> mentors = {
      mentor(2, 2, {{"Generative AI", 3}}),  // less experienced but not expert enough
      mentor(3, 2, {{"Generative AI", 4}}),  // the reverse mentor
  };
  const auto recs = recommend(me, mentors, Weights{}, kEmerging, 10);
  ASSERT_EQ(ids(recs.ranked), (std::vector<PersonId>{3, 2}));
  expect_first_alone_has(recs.ranked, "reverse_mentoring", Weights{}.reverse_mentoring,
                         {"Reverse mentoring", "level 4 in Generative AI", "cutting-edge"});
}

TEST(ScoringTest, ReverseMentoringNeedsALessExperiencedMentorAndAnEmergingSkill) {
  const MenteeProfile me = mentee(1, 4, {"generative ai", "budgeting"});
  // As experienced as the mentee: not reverse mentoring.
  EXPECT_FALSE(has(score(me, mentor(2, 4, {{"Generative AI", 5}}), Weights{}, kEmerging), "reverse_mentoring"));
  // An expert in a skill that is not emerging.
  EXPECT_FALSE(has(score(me, mentor(3, 1, {{"Budgeting", 5}}), Weights{}, kEmerging), "reverse_mentoring"));
  // The same skill once the program no longer calls it emerging.
  EXPECT_FALSE(has(score(me, mentor(4, 1, {{"Generative AI", 5}}), Weights{}, {}), "reverse_mentoring"));
  EXPECT_TRUE(has(score(me, mentor(4, 1, {{"Generative AI", 5}}), Weights{}, kEmerging), "reverse_mentoring"));
}

TEST(ScoringTest, AFormerManagerIsLabelledAsKnowingWhereYouStarted) {
  MenteeProfile me = mentee(1, 8, {"budgeting"});
  me.former_manager_ids = {7};
  const std::vector<MentorProfile> mentors = {mentor(6, 18, {{"Budgeting", 5}}), mentor(7, 18, {{"Budgeting", 5}})};
  const auto recs = recommend(me, mentors, Weights{}, kEmerging, 10);
  ASSERT_EQ(ids(recs.ranked), (std::vector<PersonId>{7, 6}));
  expect_first_alone_has(recs.ranked, "former_manager", Weights{}.former_manager, {"they know where you started"});
}

TEST(ScoringTest, TheCurrentManagerIsExcludedAndExplainedEvenWithALowScore) {
  MenteeProfile me = mentee(1, 8, {"budgeting"});
  me.manager_id = 9;
  MentorProfile manager = mentor(9, 30, {{"Cooking", 2}});
  manager.answer_rate = 0.0;  // a score below zero
  std::vector<MentorProfile> mentors = {manager};
  for (PersonId id = 20; id < 25; ++id) mentors.push_back(mentor(id, 18, {{"Budgeting", 5}}));
  EXPECT_EQ(exclusion(me, manager), Exclusion::current_manager);
  EXPECT_LT(score(me, manager, Weights{}, kEmerging).score, 0);

  const auto recs = recommend(me, mentors, Weights{}, kEmerging, 2);
  EXPECT_FALSE(listed(recs.ranked, 9));
  ASSERT_TRUE(listed(recs.excluded, 9));
  const Scored& excluded = find(recs.excluded, 9);
  EXPECT_EQ(excluded.excluded, Exclusion::current_manager);
  EXPECT_STREQ(to_string(Exclusion::current_manager), "current_manager");
  EXPECT_NE(explain(Exclusion::current_manager).find("not your manager"), std::string::npos);
}

TEST(ScoringTest, TheCurrentManagerIsExcludedEvenWhenTheyWouldRankFirst) {
  MenteeProfile me = mentee(1, 8, {"budgeting"});
  me.manager_id = 9;
  me.recommendations = {{9, "Self Promoter", "pick me"}};
  const std::vector<MentorProfile> mentors = {mentor(9, 18, {{"Budgeting", 5}}), mentor(10, 12, {{"Budgeting", 2}})};
  const auto recs = recommend(me, mentors, Weights{}, kEmerging, 10);
  EXPECT_EQ(ids(recs.ranked), (std::vector<PersonId>{10}));
  ASSERT_EQ(ids(recs.excluded), (std::vector<PersonId>{9}));
  EXPECT_EQ(recs.excluded[0].excluded, Exclusion::current_manager);
}

TEST(ScoringTest, OneselfNeverAppearsInEitherList) {
  MenteeProfile me = mentee(1, 8, {"budgeting"});
  const std::vector<MentorProfile> mentors = {mentor(1, 8, {{"Budgeting", 5}}), mentor(2, 18, {{"Budgeting", 1}})};
  EXPECT_EQ(exclusion(me, mentors[0]), Exclusion::oneself);
  for (int limit : {1, 10}) {
    const auto recs = recommend(me, mentors, Weights{}, kEmerging, limit);
    EXPECT_FALSE(listed(recs.ranked, 1));
    EXPECT_FALSE(listed(recs.excluded, 1));
    EXPECT_EQ(ids(recs.ranked), (std::vector<PersonId>{2}));
  }
  // Even when one is also one's own (inconsistent) manager.
  me.manager_id = 1;
  const auto recs = recommend(me, mentors, Weights{}, kEmerging, 10);
  EXPECT_FALSE(listed(recs.ranked, 1));
  EXPECT_FALSE(listed(recs.excluded, 1));
}

TEST(ScoringTest, AFullMentorIsExcludedForHavingNoCapacity) {
  const MenteeProfile me = mentee(1, 8, {"budgeting"});
  MentorProfile full = mentor(2, 18, {{"Budgeting", 5}});
  full.live_mentees = 2;
  MentorProfile none = mentor(3, 18, {{"Budgeting", 5}});
  none.capacity = 0;
  EXPECT_EQ(exclusion(me, full), Exclusion::no_capacity);
  EXPECT_EQ(exclusion(me, none), Exclusion::no_capacity);
  const auto recs = recommend(me, {full, none, mentor(4, 18, {{"Budgeting", 1}})}, Weights{}, kEmerging, 10);
  EXPECT_EQ(ids(recs.ranked), (std::vector<PersonId>{4}));
  ASSERT_EQ(ids(recs.excluded), (std::vector<PersonId>{2, 3}));
  EXPECT_EQ(recs.excluded[0].excluded, Exclusion::no_capacity);
  EXPECT_EQ(factor(find(recs.excluded, 2), "free_capacity"), nullptr);
}

TEST(ScoringTest, AnExcludedMentorWhoWouldNotHaveMadeTheListIsNotExplained) {
  const MenteeProfile me = mentee(1, 8, {"budgeting"});
  MentorProfile full = mentor(3, 18, {{"Budgeting", 1}});
  full.live_mentees = 2;
  const auto recs = recommend(me, {mentor(2, 18, {{"Budgeting", 5}}), full}, Weights{}, kEmerging, 1);
  EXPECT_EQ(ids(recs.ranked), (std::vector<PersonId>{2}));
  EXPECT_TRUE(recs.excluded.empty());
}

TEST(ScoringTest, AnEngagedPairIsExcludedAsAlreadyPaired) {
  MenteeProfile me = mentee(1, 8, {"budgeting"});
  me.engaged_with = {3, 5};
  const MentorProfile engaged = mentor(5, 18, {{"Budgeting", 5}});
  EXPECT_EQ(exclusion(me, engaged), Exclusion::already_paired);
  const auto recs = recommend(me, {engaged, mentor(6, 18, {{"Budgeting", 2}})}, Weights{}, kEmerging, 10);
  EXPECT_EQ(ids(recs.ranked), (std::vector<PersonId>{6}));
  ASSERT_EQ(ids(recs.excluded), (std::vector<PersonId>{5}));
  EXPECT_EQ(recs.excluded[0].excluded, Exclusion::already_paired);
  EXPECT_STREQ(to_string(Exclusion::already_paired), "already_paired");
}

TEST(ScoringTest, AManagersRecommendationIsLabelledWithTheManagersNameAndNote) {
  MenteeProfile me = mentee(1, 8, {"budgeting"});
  me.manager_id = 50;
  me.recommendations = {{4, "Dana Reyes", "She moved from sales to product last year"}};
  const auto recs = recommend(me, {mentor(3, 18, {{"Budgeting", 5}}), mentor(4, 18, {{"Budgeting", 5}})}, Weights{},
                              kEmerging, 10);
  ASSERT_EQ(ids(recs.ranked), (std::vector<PersonId>{4, 3}));
  expect_first_alone_has(recs.ranked, "manager_recommendation", Weights{}.manager_recommendation,
                         {"Dana Reyes", "She moved from sales to product last year"});
}

TEST(ScoringTest, AnUnresponsiveMentorSinksBelowAnEqualResponsiveOne) {
  const MenteeProfile me = mentee(1, 8, {"budgeting"});
  MentorProfile silent = mentor(2, 18, {{"Budgeting", 5}});  // smaller id: would win a tie
  silent.answer_rate = 0.1;
  silent.median_hours_to_answer = 300;
  MentorProfile responsive = mentor(3, 18, {{"Budgeting", 5}});
  responsive.answer_rate = 0.9;
  responsive.median_hours_to_answer = 12;
  MentorProfile unknown = mentor(4, 18, {{"Budgeting", 5}});  // no requests yet
  const auto recs = recommend(me, {silent, responsive, unknown}, Weights{}, kEmerging, 10);
  ASSERT_EQ(ids(recs.ranked), (std::vector<PersonId>{3, 4, 2}));
  const Factor* penalty = factor(recs.ranked[2], "responsiveness");
  ASSERT_NE(penalty, nullptr);
  EXPECT_LT(penalty->points, 0);
  EXPECT_NEAR(penalty->points, -Weights{}.unresponsive_penalty * 0.8, 1e-9);
  EXPECT_NE(penalty->reason.find("10%"), std::string::npos) << penalty->reason;
  const Factor* bonus = factor(recs.ranked[0], "responsiveness");
  ASSERT_NE(bonus, nullptr);
  EXPECT_GT(bonus->points, 0);
  EXPECT_NE(bonus->reason.find("90%"), std::string::npos) << bonus->reason;
  EXPECT_EQ(factor(recs.ranked[1], "responsiveness"), nullptr);
}

TEST(ScoringTest, TimezoneOverlapPointsScaleWithTheOverlap) {
  const MenteeProfile me = mentee(1, 8, {"budgeting"});  // UTC
  const Weights w;
  double previous = 1e9;
  for (int offset_hours : {0, 2, 5, 7}) {
    MentorProfile m = mentor(2, 18, {{"Budgeting", 5}});
    m.utc_offset_minutes = offset_hours * 60;
    const double overlap = working_hours_overlap(0, offset_hours * 60);
    EXPECT_DOUBLE_EQ(overlap, 8.0 - offset_hours);
    const Scored scored = score(me, m, w, kEmerging);
    const Factor* tz = factor(scored, "timezone_overlap");
    ASSERT_NE(tz, nullptr) << offset_hours;
    EXPECT_DOUBLE_EQ(tz->points, w.timezone_overlap * overlap / 8.0) << offset_hours;
    EXPECT_LT(tz->points, previous) << offset_hours;
    previous = tz->points;
    if (offset_hours == 0) EXPECT_EQ(tz->reason, "Works in your timezone.");
    else EXPECT_NE(tz->reason.find("working hours overlap"), std::string::npos) << tz->reason;
  }
  // No working hour in common: no points; an unknown timezone: no factor either.
  MentorProfile far = mentor(2, 18, {{"Budgeting", 5}});
  far.utc_offset_minutes = 12 * 60;
  EXPECT_FALSE(has(score(me, far, w, kEmerging), "timezone_overlap"));
  far.utc_offset_minutes.reset();
  EXPECT_FALSE(has(score(me, far, w, kEmerging), "timezone_overlap"));

  // And the overlap orders otherwise equal mentors.
  std::vector<MentorProfile> mentors;
  for (PersonId id : {10, 11, 12}) mentors.push_back(mentor(id, 18, {{"Budgeting", 5}}));
  mentors[0].utc_offset_minutes = 6 * 60;
  mentors[1].utc_offset_minutes = 1 * 60;
  mentors[2].utc_offset_minutes = 0;
  EXPECT_EQ(ids(recommend(me, mentors, w, kEmerging, 10).ranked), (std::vector<PersonId>{12, 11, 10}));
}

TEST(ScoringTest, TheScoreIsTheSumOfItsFactors) {
  MenteeProfile me = mentee(1, 20, {"budgeting", "generative ai"});
  me.former_manager_ids = {2};
  me.media_mask = media_mask_of({Medium::video});
  me.aspired_departments = {"sales"};
  MentorProfile m = mentor(2, 30, {{"Budgeting", 5}, {"Generative AI", 3}}, "Sales");
  m.media_mask = media_mask_of({Medium::video, Medium::phone});
  m.answer_rate = 1.0;
  const Scored s = score(me, m, Weights{}, kEmerging);
  double sum = 0;
  for (const auto& f : s.factors) {
    sum += f.points;
    EXPECT_FALSE(f.reason.empty()) << f.name;
    EXPECT_NE(f.points, 0) << f.name;
  }
  EXPECT_DOUBLE_EQ(s.score, sum);
  for (const char* name : {"skill_match", "aspiration_department", "experience_gap", "outside_perspective",
                           "former_manager", "timezone_overlap", "shared_medium", "free_capacity", "responsiveness"})
    EXPECT_NE(factor(s, name), nullptr) << name;
  EXPECT_DOUBLE_EQ(factor(s, "skill_match")->points, Weights{}.skill * (1.0 + 0.6) / 2);
}

TEST(ScoringTest, AZeroWeightRemovesTheFactor) {
  const MenteeProfile me = mentee(1, 20, {"budgeting"});
  Weights w;
  w.outside_perspective = 0;
  const Scored s = score(me, external(mentor(3, 28, {{"Budgeting", 5}}), "Contoso"), w, kEmerging);
  EXPECT_EQ(factor(s, "outside_perspective"), nullptr);
}

TEST(RecommendTest, TheRankingIsStableWithTiesBrokenById) {
  const MenteeProfile me = mentee(1, 8, {"budgeting"});
  std::vector<MentorProfile> mentors;
  for (PersonId id : {40, 10, 30, 20, 50}) mentors.push_back(mentor(id, 18, {{"Budgeting", 5}}));
  mentors.push_back(mentor(5, 18, {{"Budgeting", 1}}));  // lower score, smaller id
  const std::vector<PersonId> expected{10, 20, 30, 40, 50, 5};
  EXPECT_EQ(ids(recommend(me, mentors, Weights{}, kEmerging, 10).ranked), expected);
  std::reverse(mentors.begin(), mentors.end());
  EXPECT_EQ(ids(recommend(me, mentors, Weights{}, kEmerging, 10).ranked), expected);
  std::rotate(mentors.begin(), mentors.begin() + 2, mentors.end());
  EXPECT_EQ(ids(recommend(me, mentors, Weights{}, kEmerging, 10).ranked), expected);
}

TEST(RecommendTest, TheLimitIsRespected) {
  const MenteeProfile me = mentee(1, 8, {"budgeting"});
  std::vector<MentorProfile> mentors;
  for (PersonId id = 10; id < 20; ++id) mentors.push_back(mentor(id, 18, {{"Budgeting", 1 + id % 5}}));
  for (int limit : {0, 1, 3, 10, 100}) {
    const auto recs = recommend(me, mentors, Weights{}, kEmerging, limit);
    EXPECT_EQ(recs.ranked.size(), static_cast<std::size_t>(std::min(limit, 10))) << limit;
  }
  const auto top3 = recommend(me, mentors, Weights{}, kEmerging, 3);
  const auto all = recommend(me, mentors, Weights{}, kEmerging, 10);
  const std::vector<PersonId> all_ids = ids(all.ranked);
  EXPECT_EQ(ids(top3.ranked), std::vector<PersonId>(all_ids.begin(), all_ids.begin() + 3));
  EXPECT_TRUE(std::is_sorted(all.ranked.begin(), all.ranked.end(),
                             [](const Scored& a, const Scored& b) { return a.score > b.score; }));
}

}  // namespace
}  // namespace mh::matching
