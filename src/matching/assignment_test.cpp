// The cohort assignment: the same optimum as brute force on many small instances and as LEMON's
// NetworkSimplex on medium ones, a valid optimality certificate every time, pins and prohibitions
// honoured, capacities never exceeded, deterministic, and the reasons of the unmatched.
#include "matching/assignment.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <map>
#include <random>

#include "matching/cohort_families.hpp"  // bench/matching: the benchmark's cohort families
#include "matching/cohort_test_support.hpp"
#include "matching/lemon_reference.hpp"

namespace mh::matching {
namespace {

using testing::random_cohort;
using testing::RandomCohortOptions;
using testing::shuffled;

// A random candidate graph with few distinct scores (many ties).
CandidateGraph random_graph(std::uint32_t seed, int n, int m, int max_cap, int max_degree, int max_score,
                            double pin_rate) {
  std::mt19937 rng(seed);
  auto pick = [&](int k) { return static_cast<int>(rng() % static_cast<unsigned>(k)); };
  CandidateGraph g;
  for (int i = 0; i < n; ++i) g.mentee_ids.push_back(1000 + i);
  for (int j = 0; j < m; ++j) g.mentor_ids.push_back(100 + j);
  for (int j = 0; j < m; ++j) g.capacity.push_back(pick(max_cap + 1));
  g.offset.push_back(0);
  std::vector<int> pins(m, 0);
  for (int i = 0; i < n; ++i) {
    std::vector<std::pair<std::int32_t, std::int32_t>> arcs;  // (score, mentor)
    for (int j = 0; j < m; ++j)
      if (pick(100) < 100 * max_degree / std::max(1, m)) arcs.emplace_back(1 + pick(max_score), j);
    std::sort(arcs.begin(), arcs.end(), [](auto& a, auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
    std::int32_t pin = -1;
    if (!arcs.empty() && pick(1000) < pin_rate * 1000) {
      const auto& a = arcs[pick(static_cast<int>(arcs.size()))];
      if (pins[a.second] < g.capacity[a.second]) {
        pin = a.second;
        ++pins[a.second];
      }
    }
    for (const auto& [s, j] : arcs) {
      g.arc_mentor.push_back(j);
      g.arc_score.push_back(s);
    }
    g.offset.push_back(static_cast<std::int64_t>(g.arc_mentor.size()));
    g.pinned.push_back(pin);
    g.eligibility.push_back(arcs.empty() ? Eligibility::no_eligible_mentor : Eligibility::has_candidates);
    g.eligible_count.push_back(static_cast<std::int32_t>(arcs.size()));
  }
  return g;
}

// The optimum by enumeration: every mentee unmatched or on one of its arcs (pins forced).
std::int64_t brute_force(const CandidateGraph& g) {
  std::vector<std::int32_t> left = g.capacity;
  std::int64_t best = std::numeric_limits<std::int64_t>::min();
  std::function<void(int, std::int64_t)> go = [&](int i, std::int64_t total) {
    if (i == g.mentees()) {
      best = std::max(best, total);
      return;
    }
    if (g.pinned[i] < 0) go(i + 1, total);
    for (std::int64_t x = g.offset[i]; x < g.offset[i + 1]; ++x) {
      const std::int32_t j = g.arc_mentor[x];
      if (g.pinned[i] >= 0 && j != g.pinned[i]) continue;
      if (left[j] == 0) continue;
      --left[j];
      go(i + 1, total + g.arc_score[x]);
      ++left[j];
    }
  };
  go(0, 0);
  return best;
}

void expect_valid(const CandidateGraph& g, const Assignment& a) {
  EXPECT_EQ(certify(g, a), "");
  ASSERT_EQ(a.reason.size(), a.mentor_of.size());
  for (int i = 0; i < g.mentees(); ++i) {
    if (g.pinned[i] >= 0) {
      EXPECT_EQ(a.mentor_of[i], g.pinned[i]);
    }
    EXPECT_EQ(a.reason[i] == Unmatched::matched, a.mentor_of[i] >= 0);
  }
}

// A valid assignment of `g` that scores as LEMON's network simplex does.
void expect_lemons_optimum(const CandidateGraph& g, const Assignment& a, std::uint32_t seed) {
  expect_valid(g, a);
  const LemonResult l = lemon_network_simplex(g);
  ASSERT_TRUE(l.feasible);
  EXPECT_EQ(a.total_score, l.total_score) << "seed " << seed;
}

// The same pairs, in the same order.
void expect_same_pairs(const CohortMatch& x, const CohortMatch& y) {
  ASSERT_EQ(x.pairs.size(), y.pairs.size());
  for (std::size_t k = 0; k < x.pairs.size(); ++k) {
    EXPECT_EQ(x.pairs[k].mentee_id, y.pairs[k].mentee_id);
    EXPECT_EQ(x.pairs[k].mentor_id, y.pairs[k].mentor_id);
  }
}

TEST(Assignment, SameOptimumAsBruteForceOnRandomGraphs) {
  int instances = 0;
  for (std::uint32_t seed = 1; seed <= 300; ++seed) {
    const int n = 1 + static_cast<int>(seed % 7), m = 1 + static_cast<int>((seed / 7) % 4);
    const CandidateGraph g = random_graph(seed, n, m, 3, 3, seed % 2 ? 4 : 50, 0.2);
    const std::int64_t opt = brute_force(g);
    const Assignment a = solve(g);
    ASSERT_EQ(a.total_score, opt) << "seed " << seed;
    expect_valid(g, a);
    const LemonResult l = lemon_network_simplex(g);
    ASSERT_TRUE(l.feasible);
    EXPECT_EQ(l.total_score, opt) << "seed " << seed;
    const Assignment gr = greedy(g);
    EXPECT_EQ(certify(g, gr), "");
    EXPECT_LE(gr.total_score, opt);
    ++instances;
  }
  EXPECT_EQ(instances, 300);
}

TEST(Assignment, SameOptimumAsBruteForceOnRandomCohorts) {
  for (std::uint32_t seed = 1; seed <= 300; ++seed) {
    const RandomCohortOptions o{.mentees = 1 + static_cast<int>(seed % 7),
                                .mentors = 1 + static_cast<int>((seed / 7) % 4),
                                .max_capacity = 3,
                                .pin_rate = 0.15,
                                .forbid_rate = 0.1};
    const Cohort c = random_cohort(seed, o);
    auto g = build_candidates_exhaustive(c);
    ASSERT_TRUE(g) << g.error().message;
    const std::int64_t opt = brute_force(*g);
    const Assignment a = solve(*g);
    ASSERT_EQ(a.total_score, opt) << "seed " << seed;
    expect_valid(*g, a);
    // The pruned graph with K >= mentors is the same graph.
    CandidateOptions all;
    all.k = o.mentors;
    auto pruned = build_candidates(c, all);
    ASSERT_TRUE(pruned);
    EXPECT_EQ(solve(*pruned).total_score, opt);
    EXPECT_EQ(lemon_network_simplex(*g).total_score, opt);
  }
}

TEST(Assignment, SameOptimumAsLemonOnMediumGraphs) {
  for (std::uint32_t seed = 1; seed <= 30; ++seed) {
    const CandidateGraph g = random_graph(seed, 600, 120, 5, 12, seed % 3 == 0 ? 5 : 3000, 0.03);
    const Assignment a = solve(g);
    expect_lemons_optimum(g, a, seed);
    EXPECT_LE(greedy(g).total_score, a.total_score);
  }
}

// Popular mentors (each with about a thousand incoming arcs, so their arcs are put in order a
// chunk at a time from a sampled threshold), and scores spanning 2^30 (so an arc's key needs
// more than 32 bits): the same optimum either way.
TEST(Assignment, SameOptimumAsLemonWithPopularMentorsAndWideScores) {
  for (std::uint32_t seed = 1; seed <= 12; ++seed) {
    const int max_score = seed % 2 ? 1 << 30 : 3000;
    const CandidateGraph g = random_graph(seed, 2500, 25, 5, 10, max_score, 0.02);
    const Assignment a = solve(g);
    expect_lemons_optimum(g, a, seed);
  }
}

// More places than mentees: the solver searches from the mentees instead of the mentors.
TEST(Assignment, SameOptimumAsLemonWithMorePlacesThanMentees) {
  for (std::uint32_t seed = 1; seed <= 15; ++seed) {
    const CandidateGraph g = random_graph(seed, 150, 200, 5, 10, seed % 2 ? 4 : 2000, 0.03);
    const Assignment a = solve(g);
    expect_lemons_optimum(g, a, seed);
  }
}

TEST(Assignment, SameOptimumAsLemonOnMediumCohorts) {
  for (std::uint32_t seed = 1; seed <= 8; ++seed) {
    const Cohort c =
        random_cohort(seed, {.mentees = 700, .mentors = 150, .max_capacity = 4, .pin_rate = 0.02, .forbid_rate = 0.01});
    CandidateOptions k;
    k.k = 10;
    auto g = build_candidates(c, k);
    ASSERT_TRUE(g) << g.error().message;
    const Assignment a = solve(*g);
    expect_valid(*g, a);
    EXPECT_EQ(a.total_score, lemon_network_simplex(*g).total_score) << "seed " << seed;
  }
}

TEST(Assignment, PinsProhibitionsAndCapacitiesHold) {
  for (std::uint32_t seed = 1; seed <= 20; ++seed) {
    const Cohort c = random_cohort(seed, {.mentees = 200, .mentors = 40, .pin_rate = 0.1, .forbid_rate = 0.05});
    auto m = match_cohort(c);
    ASSERT_TRUE(m) << m.error().message;
    std::map<PersonId, int> load;
    std::map<PersonId, PersonId> mentor_of;
    for (const MatchedPair& p : m->pairs) {
      ++load[p.mentor_id];
      mentor_of[p.mentee_id] = p.mentor_id;
      EXPECT_EQ(std::count(c.forbidden.begin(), c.forbidden.end(), std::make_pair(p.mentee_id, p.mentor_id)), 0);
      const auto& e = *std::find_if(c.mentees.begin(), c.mentees.end(), [&](auto& x) { return x.id == p.mentee_id; });
      const auto& r = *std::find_if(c.mentors.begin(), c.mentors.end(), [&](auto& x) { return x.id == p.mentor_id; });
      EXPECT_FALSE(exclusion(e, r).has_value());
    }
    for (const MentorProfile& r : c.mentors) EXPECT_LE(load[r.id], std::max(0, r.capacity - r.live_mentees));
    for (const auto& [mentee, mentor] : c.pinned) EXPECT_EQ(mentor_of[mentee], mentor);
  }
}

// The benchmark's cohort families, small: contended (close scores on scarce popular skills), flat
// (ties everywhere), sparse (one or few candidates, many mentees with none), pins (pins and
// prohibitions); with K = 1 (one candidate each), few places (mostly capacity-1 mentors) and
// many places. The popular mentors have hundreds of incoming arcs, so the solver's lazily
// ordered arc lists (assignment.cpp, extend) are read far past their first chunk.
TEST(Assignment, SameOptimumAsLemonOnEveryCohortFamily) {
  int instances = 0;
  for (bench::Family family : bench::all_families())
    for (std::uint32_t seed = 1; seed <= 30; ++seed) {
      bench::FamilySpec spec;
      spec.family = family;
      spec.seed = seed;
      spec.mentees = 100 + 37 * static_cast<int>(seed % 11);
      spec.mentors = spec.mentees / (seed % 3 == 0 ? 12 : 5);
      spec.k = seed % 6 == 1 ? 1 : seed % 6 == 2 ? 3 : seed % 6 == 3 ? 40 : 12;
      spec.places_per_mentee = seed % 5 == 3 ? 0.1 : seed % 5 == 4 ? 1.5 : 0.6;
      spec.threads = 1;
      const CandidateGraph g = bench::make_family_graph(spec);
      const Assignment a = solve(g);
      expect_valid(g, a);
      const LemonResult l = lemon_network_simplex(g);
      ASSERT_TRUE(l.feasible);
      EXPECT_EQ(a.total_score, l.total_score) << bench::family_name(family) << " seed " << seed;
      EXPECT_LE(greedy(g).total_score, a.total_score);
      ++instances;
    }
  EXPECT_EQ(instances, 120);
}

// The solver's table holds only a window of a popular mentor's incoming arcs (its best ones),
// rebuilt larger when the solve reads past its end (assignment.cpp, build_windows, refill). With
// tiny windows nearly every mentor is windowed and the windows are rebuilt many times: the same
// optimum as LEMON, and the very same assignment and duals as with the default window, on every
// family and on graphs with few distinct scores (long ties) or wide ones (64-bit keys).
TEST(Assignment, SmallWindowsOfAMentorsArcsGiveTheSameAssignment) {
  int refilled = 0, instances = 0;
  auto check = [&](const CandidateGraph& g, const std::string& what) {
    const Assignment full = solve(g);
    expect_valid(g, full);
    for (std::int64_t window : {2, 3, 5, 16}) {
      SolveControl control;
      control.mentor_window = window;
      const Assignment a = solve(g, control);
      expect_valid(g, a);
      EXPECT_EQ(a.total_score, full.total_score) << what << " window " << window;
      EXPECT_EQ(a.mentor_of, full.mentor_of) << what << " window " << window;
      EXPECT_EQ(a.u, full.u) << what << " window " << window;
      EXPECT_EQ(a.p, full.p) << what << " window " << window;
      refilled += a.stats.window_refills > 0;
      ++instances;
    }
    const LemonResult l = lemon_network_simplex(g);
    ASSERT_TRUE(l.feasible);
    EXPECT_EQ(full.total_score, l.total_score) << what;
  };
  for (bench::Family family : bench::all_families())
    for (std::uint32_t seed = 1; seed <= 6; ++seed) {
      bench::FamilySpec spec;
      spec.family = family;
      spec.seed = seed;
      spec.mentees = 300 + 97 * static_cast<int>(seed);
      spec.mentors = spec.mentees / (seed % 2 ? 12 : 5);
      spec.k = seed % 3 == 0 ? 40 : 12;
      spec.places_per_mentee = seed % 3 == 1 ? 0.1 : 0.6;
      spec.threads = 1;
      check(bench::make_family_graph(spec), std::string(bench::family_name(family)) + " seed " + std::to_string(seed));
    }
  for (std::uint32_t seed = 1; seed <= 6; ++seed) {
    const int max_score = seed % 3 == 0 ? 1 << 30 : seed % 3 == 1 ? 3 : 3000;
    check(random_graph(seed, 1500, 30, 5, 12, max_score, 0.02), "random graph seed " + std::to_string(seed));
  }
  EXPECT_EQ(instances, 4 * (4 * 6 + 6));
  EXPECT_GT(refilled, instances / 2);  // the rebuilding is exercised, not just the first windows
}

TEST(Assignment, TheSameFamilyCohortGivesTheSameAssignmentEveryTime) {
  for (bench::Family family : bench::all_families()) {
    bench::FamilySpec spec;
    spec.family = family;
    spec.mentees = 2000;
    spec.mentors = 400;
    spec.k = 20;
    spec.threads = 1;
    const CandidateGraph g = bench::make_family_graph(spec);
    spec.threads = 2;  // the lists do not depend on the threads that score them
    const CandidateGraph h = bench::make_family_graph(spec);
    EXPECT_EQ(g.arc_mentor, h.arc_mentor);
    EXPECT_EQ(g.pinned, h.pinned);
    const Assignment a = solve(g), b = solve(h);
    EXPECT_EQ(a.mentor_of, b.mentor_of) << bench::family_name(family);
    EXPECT_EQ(a.u, b.u);
    EXPECT_EQ(a.p, b.p);
  }
}

TEST(Assignment, ACancelledSolveStopsAtOnceAndSaysSo) {
  bench::FamilySpec spec;
  spec.mentees = 8000;
  spec.mentors = 1600;
  spec.threads = 1;
  const CandidateGraph g = bench::make_family_graph(spec);
  std::atomic<bool> cancel{true};
  SolveControl control;
  control.cancel = &cancel;
  const Assignment a = solve(g, control);
  EXPECT_TRUE(a.cancelled);
  EXPECT_TRUE(a.u.empty() && a.p.empty());
  EXPECT_EQ(certify(g, a), "");  // feasible, though not optimal
  EXPECT_LE(a.stats.searches, 1);

  // Progress: the contested places are counted and all settled by the end.
  std::atomic<int> done{0}, total{0};
  cancel = false;
  control.places_done = &done;
  control.places_total = &total;
  const Assignment b = solve(g, control);
  EXPECT_FALSE(b.cancelled);
  EXPECT_GT(total.load(), 0);
  EXPECT_EQ(done.load(), total.load());
  EXPECT_EQ(certify(g, b), "");
}

TEST(Assignment, MatchCohortReportsACancelledSolveAsAnError) {
  const Cohort c = random_cohort(3, {.mentees = 300, .mentors = 60});
  std::atomic<bool> cancel{true};
  MatchOptions options;
  options.cancel = &cancel;
  const auto m = match_cohort(c, options);
  ASSERT_FALSE(m);
  EXPECT_EQ(m.error().code, ErrorCode::unavailable);
}

TEST(Assignment, Deterministic) {
  const CandidateGraph g = random_graph(11, 800, 100, 4, 15, 3, 0.02);  // scores 1..3: ties everywhere
  const Assignment a = solve(g), b = solve(g);
  EXPECT_EQ(a.mentor_of, b.mentor_of);
  EXPECT_EQ(a.u, b.u);
  EXPECT_EQ(a.p, b.p);

  const Cohort c = random_cohort(12, {.mentees = 300, .mentors = 60, .pin_rate = 0.05, .forbid_rate = 0.02});
  auto x = match_cohort(c), y = match_cohort(shuffled(c, 5, false, false));
  ASSERT_TRUE(x && y);
  expect_same_pairs(*x, *y);
}

// Big enough that popular mentors' arcs are ordered a chunk at a time (assignment.cpp, extend):
// every list of the input shuffled, pins and prohibitions included, the same pairs.
TEST(Assignment, ALargeCohortGivesTheSamePairsWhateverTheOrderOfItsLists) {
  const Cohort c =
      random_cohort(31, {.mentees = 1500, .mentors = 150, .max_capacity = 4, .pin_rate = 0.03, .forbid_rate = 0.02});
  MatchOptions options;
  options.candidates.k = 40;
  auto x = match_cohort(c, options), y = match_cohort(shuffled(c, 7, true, true), options);
  ASSERT_TRUE(x && y);
  EXPECT_GT(x->solve_stats.searches, 0);
  EXPECT_EQ(x->total_score, y->total_score);
  expect_same_pairs(*x, *y);
}

TEST(Assignment, NobodyEligible) {
  Cohort c = random_cohort(3, {.mentees = 20, .mentors = 5});
  for (MentorProfile& m : c.mentors) m.capacity = m.live_mentees;  // nobody has a free place
  c.pinned.clear();
  auto m = match_cohort(c);
  ASSERT_TRUE(m) << m.error().message;
  EXPECT_TRUE(m->pairs.empty());
  EXPECT_EQ(m->total_score, 0);
  ASSERT_EQ(m->unmatched.size(), 20u);
  for (const UnmatchedMentee& u : m->unmatched) EXPECT_EQ(u.reason, Unmatched::no_eligible_mentor);

  Cohort empty;
  auto e = match_cohort(empty);
  ASSERT_TRUE(e);
  EXPECT_TRUE(e->pairs.empty());
}

TEST(Assignment, MentorWithCapacityZeroIsNeverAssigned) {
  Cohort c = random_cohort(8, {.mentees = 50, .mentors = 6});
  c.pinned.clear();
  c.mentors[0].capacity = 0;
  c.mentors[0].live_mentees = 0;
  auto m = match_cohort(c);
  ASSERT_TRUE(m);
  for (const MatchedPair& p : m->pairs) EXPECT_NE(p.mentor_id, c.mentors[0].id);
}

// Three mentees, one mentor with one place: one wins, the others are unmatched for a reason.
TEST(Assignment, UnmatchedReasons) {
  Cohort c;
  MentorProfile r;
  r.id = 1;
  r.title = "Engineer";
  r.department = "Engineering";
  r.years = 20;
  r.skills = {{"go", 5}};
  r.skill_names = {"Go"};
  r.capacity = 1;
  r.utc_offset_minutes = 0;
  c.mentors = {r};
  MenteeProfile strong;
  strong.id = 10;
  strong.years = 10;
  strong.wanted_skills = {"go"};
  strong.utc_offset_minutes = 0;
  MenteeProfile weaker = strong;  // also wants a skill the mentor lacks: scores less
  weaker.id = 11;
  weaker.wanted_skills = {"go", "rust"};
  MenteeProfile managed = strong;  // the mentor is their manager
  managed.id = 12;
  managed.manager_id = 1;
  MenteeProfile low;  // wants nothing the mentor has, and the minimum is high
  low.id = 13;
  low.years = 19;
  c.mentees = {strong, weaker, managed, low};
  MatchOptions o;
  o.candidates.min_score = 3000;
  auto m = match_cohort(c, o);
  ASSERT_TRUE(m) << m.error().message;
  ASSERT_EQ(m->pairs.size(), 1u);
  EXPECT_EQ(m->pairs[0].mentee_id, 10);
  ASSERT_EQ(m->unmatched.size(), 3u);
  EXPECT_EQ(m->unmatched[0].mentee_id, 11);
  EXPECT_EQ(m->unmatched[0].reason, Unmatched::mentors_full);
  EXPECT_EQ(m->unmatched[0].candidates, 1);
  EXPECT_EQ(m->unmatched[1].mentee_id, 12);
  EXPECT_EQ(m->unmatched[1].reason, Unmatched::no_eligible_mentor);
  EXPECT_EQ(m->unmatched[2].mentee_id, 13);
  EXPECT_EQ(m->unmatched[2].reason, Unmatched::below_min_score);
  EXPECT_EQ(m->unmatched[2].eligible_mentors, 1);
  EXPECT_FALSE(explain(Unmatched::mentors_full).empty());
  EXPECT_STREQ(to_string(Unmatched::below_min_score), "below_min_score");
}

TEST(Assignment, EveryPairIsExplainedByItsFactors) {
  const Cohort c = random_cohort(21, {.mentees = 120, .mentors = 30, .pin_rate = 0.05});
  auto m = match_cohort(c);
  ASSERT_TRUE(m) << m.error().message;
  ASSERT_FALSE(m->pairs.empty());
  std::int64_t total = 0;
  for (const MatchedPair& p : m->pairs) {
    EXPECT_EQ(p.explanation.mentor_id, p.mentor_id);
    double sum = 0;
    for (const Factor& f : p.explanation.factors) {
      EXPECT_FALSE(f.reason.empty());
      sum += f.points;
    }
    EXPECT_EQ(integer_score(sum), p.score);
    EXPECT_FALSE(p.explanation.excluded.has_value());
    total += p.score;
  }
  EXPECT_EQ(total, m->total_score);
  EXPECT_TRUE(std::is_sorted(m->pairs.begin(), m->pairs.end(),
                             [](auto& a, auto& b) { return a.mentee_id < b.mentee_id; }));
}

TEST(Assignment, CertifyCatchesAWrongAnswer) {
  const CandidateGraph g = random_graph(4, 50, 10, 3, 5, 100, 0);
  Assignment a = solve(g);
  ASSERT_EQ(certify(g, a), "");
  // Drop one matched pair: still feasible, but the certificate no longer holds.
  for (int i = 0; i < g.mentees(); ++i)
    if (a.mentor_of[i] >= 0) {
      a.total_score -= g.arc_score[std::find(g.arc_mentor.begin() + g.offset[i], g.arc_mentor.begin() + g.offset[i + 1],
                                             a.mentor_of[i]) - g.arc_mentor.begin()];
      a.mentor_of[i] = -1;
      --a.matched;
      break;
    }
  EXPECT_NE(certify(g, a), "");
}

}  // namespace
}  // namespace mh::matching
