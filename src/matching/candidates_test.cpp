// Candidate generation: the string-free scorer agrees with matching::score to the hundredth, the
// pruned top K is exactly the top K of scoring every pair, and the hard rules, prohibitions, pins
// and input checks hold.
#include "matching/candidates.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <optional>
#include <random>

#include "matching/cohort_test_support.hpp"

namespace mh::matching {
namespace {

using testing::random_cohort;

// The arcs of mentee i as (mentor id, score).
std::vector<std::pair<PersonId, std::int32_t>> arcs_of(const CandidateGraph& g, int i) {
  std::vector<std::pair<PersonId, std::int32_t>> out;
  for (std::int64_t x = g.offset[i]; x < g.offset[i + 1]; ++x)
    out.emplace_back(g.mentor_ids[g.arc_mentor[x]], g.arc_score[x]);
  return out;
}

TEST(Candidates, FastScoreEqualsScoreToTheHundredth) {
  int checked = 0;
  for (std::uint32_t seed = 1; seed <= 200; ++seed) {
    Cohort c = random_cohort(seed, {.mentees = 12, .mentors = 12});
    // Vary the weights too, including zero and negative ones.
    if (seed % 3 == 0) {
      c.weights.skill = 17.3;
      c.weights.timezone_overlap = 9.7;
      c.weights.shared_medium = 0;
      c.weights.outside_perspective = -4;
      c.weights.seasoned_years = 8;
    }
    // Some profiles carry precomputed keys (as bulk loaders set them), some of them stale.
    for (std::size_t j = 0; j < c.mentors.size(); ++j) {
      if ((seed + j) % 4 == 0) c.mentors[j].title_key = key_of(c.mentors[j].title);
      if ((seed + j) % 5 == 0) c.mentors[j].department_key = key_of(c.mentors[j].department);
      if ((seed + j) % 11 == 0) c.mentors[j].title_key = "manager";
    }
    for (const MenteeProfile& e : c.mentees)
      for (const MentorProfile& m : c.mentors) {
        const Scored s = score(e, m, c.weights, c.emerging);
        ASSERT_EQ(fast_integer_score(e, m, c.weights, c.emerging), integer_score(s.score))
            << "seed " << seed << " mentee " << e.id << " mentor " << m.id;
        ++checked;
      }
  }
  EXPECT_EQ(checked, 200 * 144);
}

TEST(Candidates, IntegerScoreRoundsHalfAwayFromZero) {
  EXPECT_EQ(integer_score(1.5), 150);
  EXPECT_EQ(integer_score(-3.2), -320);
  EXPECT_EQ(integer_score(0.004), 0);
  EXPECT_EQ(integer_score(0.125), 13);
  EXPECT_EQ(integer_score(-0.125), -13);
}

// The pruned lists equal the exhaustive lists (every pair scored with matching::score and
// checked with exclusion()) cut to K, for several K and minimum scores.
void expect_same_top_k(const Cohort& c, int k, int min_score, int threads) {
  auto exhaustive = build_candidates_exhaustive(c, min_score);
  ASSERT_TRUE(exhaustive) << exhaustive.error().message;
  CandidateOptions o;
  o.k = k;
  o.min_score = min_score;
  o.threads = threads;
  auto pruned = build_candidates(c, o);
  ASSERT_TRUE(pruned) << pruned.error().message;
  ASSERT_EQ(pruned->mentees(), exhaustive->mentees());
  for (int i = 0; i < pruned->mentees(); ++i) {
    // The exhaustive list, cut to K; a pin ranked K or beyond (or below the minimum, so
    // appended) is kept at the end, as build_candidates keeps it.
    auto want = arcs_of(*exhaustive, i);
    std::optional<std::pair<PersonId, std::int32_t>> pin_arc;
    if (const std::int32_t pin = exhaustive->pinned[i]; pin >= 0) {
      auto it = std::find_if(want.begin(), want.end(), [&](auto& a) { return a.first == exhaustive->mentor_ids[pin]; });
      EXPECT_NE(it, want.end());
      if (it != want.end() && it - want.begin() >= k) {
        pin_arc = *it;
        want.erase(it);
      }
    }
    if (static_cast<int>(want.size()) > k) want.resize(k);
    if (pin_arc) want.push_back(*pin_arc);
    const auto got = arcs_of(*pruned, i);
    ASSERT_EQ(got, want) << "mentee " << pruned->mentee_ids[i] << " k " << k;
    EXPECT_EQ(pruned->eligible_count[i], exhaustive->eligible_count[i]);
    EXPECT_EQ(pruned->eligibility[i], exhaustive->eligibility[i]);
  }
}

TEST(Candidates, PrunedTopKIsExactlyTheTopK) {
  for (std::uint32_t seed = 1; seed <= 40; ++seed) {
    Cohort c = random_cohort(seed, {.mentees = 40, .mentors = 60, .pin_rate = 0.1, .forbid_rate = 0.02});
    if (seed % 4 == 0) {  // other weights, some negative: the bounds must hold whatever the signs
      c.weights.skill = 41.5;
      c.weights.outside_perspective = -7;
      c.weights.experience_gap = 3;
      c.weights.shared_medium = -2;
      c.weights.seasoned_years = 6;
    }
    for (int k : {1, 3, 10, 100}) expect_same_top_k(c, k, 1, 1);
    expect_same_top_k(c, 5, 4000, 1);  // a high minimum: short lists, below_min_score
  }
}

TEST(Candidates, ThreadsGiveTheSameGraph) {
  // 2500 mentees: above the single-thread cut-off.
  const Cohort c = random_cohort(77, {.mentees = 2500, .mentors = 30, .pin_rate = 0.02, .forbid_rate = 0.01});
  expect_same_top_k(c, 6, 1, 2);
  CandidateOptions one, two;
  one.k = two.k = 6;
  one.threads = 1;
  two.threads = 2;
  auto a = build_candidates(c, one), b = build_candidates(c, two);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(b->stats.threads, 2);
  EXPECT_EQ(a->offset, b->offset);
  EXPECT_EQ(a->arc_mentor, b->arc_mentor);
  EXPECT_EQ(a->arc_score, b->arc_score);
}

TEST(Candidates, PruningScoresFewerPairsThanAll) {
  const Cohort c = random_cohort(5, {.mentees = 200, .mentors = 400});
  CandidateOptions opt;
  opt.k = 5;
  auto g = build_candidates(c, opt);
  ASSERT_TRUE(g);
  EXPECT_LT(g->stats.pairs_scored, g->stats.pairs_total);
}

TEST(Candidates, InputOrderDoesNotMatter) {
  const Cohort c = random_cohort(9, {.mentees = 30, .mentors = 20, .pin_rate = 0.1, .forbid_rate = 0.05});
  auto a = build_candidates(c), b = build_candidates(testing::shuffled(c, 3, false, true));
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->mentee_ids, b->mentee_ids);
  EXPECT_EQ(a->mentor_ids, b->mentor_ids);
  EXPECT_EQ(a->offset, b->offset);
  EXPECT_EQ(a->arc_mentor, b->arc_mentor);
  EXPECT_EQ(a->arc_score, b->arc_score);
  EXPECT_EQ(a->pinned, b->pinned);
}

// Ids far apart (no direct id table): the same graph as with the original ids.
TEST(Candidates, SparseIdsGiveTheSameGraph) {
  const Cohort c = random_cohort(31, {.mentees = 60, .mentors = 30, .pin_rate = 0.1, .forbid_rate = 0.05});
  auto spread = [](PersonId id) { return id * 1'000'003 + 7; };
  Cohort s = c;
  for (MentorProfile& m : s.mentors) {
    m.id = spread(m.id);
    if (m.manager_id) m.manager_id = spread(*m.manager_id);
  }
  for (MenteeProfile& e : s.mentees) {
    e.id = spread(e.id);
    if (e.manager_id) e.manager_id = spread(*e.manager_id);
    for (PersonId& id : e.former_manager_ids) id = spread(id);
    for (PersonId& id : e.engaged_with) id = spread(id);
    for (auto& r : e.recommendations) r.mentor_id = spread(r.mentor_id);
  }
  for (auto& [a, b] : s.pinned) a = spread(a), b = spread(b);
  for (auto& [a, b] : s.forbidden) a = spread(a), b = spread(b);
  auto x = build_candidates(c), y = build_candidates(s);
  ASSERT_TRUE(x && y) << (x ? y.error().message : x.error().message);
  EXPECT_EQ(x->offset, y->offset);
  EXPECT_EQ(x->arc_mentor, y->arc_mentor);
  EXPECT_EQ(x->arc_score, y->arc_score);
  EXPECT_EQ(x->pinned, y->pinned);
  EXPECT_EQ(x->eligible_count, y->eligible_count);
}

// A small hand-made cohort for the rules.
Cohort rules_cohort() {
  Cohort c;
  auto mentor = [](PersonId id, int capacity) {
    MentorProfile m;
    m.id = id;
    m.title = "Engineer";
    m.department = "Engineering";
    m.years = 20;
    m.skills = {{"go", 5}};
    m.skill_names = {"Go"};
    m.capacity = capacity;
    m.utc_offset_minutes = 0;
    return m;
  };
  c.mentors = {mentor(1, 2), mentor(2, 2), mentor(3, 0), mentor(4, 1), mentor(5, 2)};
  c.mentors[4].live_mentees = 2;  // no free place left
  MenteeProfile e;
  e.id = 10;
  e.years = 2;
  e.department = "sales";
  e.wanted_skills = {"go"};
  e.manager_id = 1;
  e.engaged_with = {2};
  e.utc_offset_minutes = 0;
  c.mentees = {e};
  MenteeProfile self = e;  // mentor 4 is also a mentee
  self.id = 4;
  self.manager_id.reset();
  self.engaged_with.clear();
  c.mentees.push_back(self);
  return c;
}

TEST(Candidates, HardRulesProhibitionsAndFullMentorsAreNeverArcs) {
  Cohort c = rules_cohort();
  c.forbidden = {{4, 1}};
  auto g = build_candidates(c);
  ASSERT_TRUE(g) << g.error().message;
  // Mentee 10: 1 is the manager, 2 already paired, 3 has capacity 0, 5 is full: only 4.
  EXPECT_EQ(arcs_of(*g, 1).size(), 1u);
  ASSERT_EQ(g->mentee_ids[1], 10);
  EXPECT_EQ(arcs_of(*g, 1)[0].first, 4);
  EXPECT_EQ(g->eligible_count[1], 1);
  // Mentee 4 (also a mentor): not oneself, 1 forbidden, 3 and 5 have no place: only 2.
  ASSERT_EQ(g->mentee_ids[0], 4);
  ASSERT_EQ(arcs_of(*g, 0).size(), 1u);
  EXPECT_EQ(arcs_of(*g, 0)[0].first, 2);
  EXPECT_EQ(g->capacity, (std::vector<std::int32_t>{2, 2, 0, 1, 0}));
}

TEST(Candidates, NobodyEligibleAndBelowMinimum) {
  Cohort c = rules_cohort();
  for (MentorProfile& m : c.mentors) m.capacity = 0;
  auto g = build_candidates(c);
  ASSERT_TRUE(g);
  for (int i = 0; i < g->mentees(); ++i) {
    EXPECT_EQ(g->eligibility[i], Eligibility::no_eligible_mentor);
    EXPECT_EQ(g->eligible_count[i], 0);
  }
  EXPECT_EQ(g->arcs(), 0);

  CandidateOptions high;
  high.min_score = 1'000'000;
  auto h = build_candidates(rules_cohort(), high);
  ASSERT_TRUE(h);
  EXPECT_EQ(h->eligibility[1], Eligibility::below_min_score);
  EXPECT_EQ(h->arcs(), 0);
}

TEST(Candidates, PinIsAlwaysAnArcEvenBelowTheMinimumAndBeyondK) {
  Cohort c = rules_cohort();
  c.pinned = {{4, 2}};
  CandidateOptions o;
  o.min_score = 1'000'000;
  auto g = build_candidates(c, o);
  ASSERT_TRUE(g) << g.error().message;
  ASSERT_EQ(arcs_of(*g, 0).size(), 1u);
  EXPECT_EQ(arcs_of(*g, 0)[0].first, 2);
  EXPECT_EQ(g->pinned[0], 1);
  EXPECT_EQ(g->eligibility[0], Eligibility::has_candidates);
}

TEST(Candidates, RejectsBadInput) {
  auto error_of = [](const Cohort& c, CandidateOptions o = {}) {
    auto g = build_candidates(c, o);
    return g ? std::string() : g.error().field + ": " + g.error().message;
  };
  Cohort c = rules_cohort();
  EXPECT_EQ(error_of(c), "");
  // Each change to the good cohort, and what the error it gives says.
  const std::vector<std::pair<std::function<void(Cohort&)>, std::string>> bad = {
      {[](Cohort& x) { x.mentees.push_back(x.mentees[0]); }, "listed twice"},
      {[](Cohort& x) { x.mentors.push_back(x.mentors[0]); }, "listed twice"},
      {[](Cohort& x) { x.pinned = {{99, 1}}; }, "not in the cohort"},
      {[](Cohort& x) { x.forbidden = {{10, 99}}; }, "not in the cohort"},
      {[](Cohort& x) { x.pinned = {{10, 1}}; }, "current_manager"},
      {[](Cohort& x) {
         x.pinned = {{10, 4}};
         x.forbidden = {{10, 4}};
       },
       "also forbidden"},
      {[](Cohort& x) { x.pinned = {{4, 2}, {4, 1}}; }, "two mentors"},
      {[](Cohort& x) {
         x.pinned = {{10, 4}, {4, 4}};
         x.mentees[1].id = 4;
       },
       "oneself"},
      {[](Cohort& x) {
         x.mentors[3].capacity = 1;
         x.mentees[1].id = 11;
         x.pinned = {{10, 4}, {11, 4}};
       },
       "more pinned mentees than free places"},
      {[](Cohort& x) { x.pinned = {{10, 3}}; }, "no_capacity"},
  };
  for (const auto& [change, says] : bad) {
    Cohort x = c;
    change(x);
    EXPECT_NE(error_of(x).find(says), std::string::npos) << says;
  }
  CandidateOptions bad_k;
  bad_k.k = 0;
  EXPECT_EQ(error_of(c, bad_k).rfind("k:", 0), 0u);
  CandidateOptions bad_min;
  bad_min.min_score = 0;
  EXPECT_EQ(error_of(c, bad_min).rfind("min_score:", 0), 0u);
}

}  // namespace
}  // namespace mh::matching
