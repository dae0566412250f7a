// The interned ranking (MentorTable) must rank exactly as the string path (scores bit for bit,
// the same order, the same explanations). (The directory snapshot built on it is tested in
// src/services/directory_refresh_test.cpp.)
#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "matching/profiles.hpp"
#include "matching/ranking_test_support.hpp"
#include "matching/scoring.hpp"

namespace mh::matching {
namespace {

// Names as people write them: two spellings of one key, a key long enough to live on the heap,
// spaces to trim, and two emerging skills.
const std::vector<std::string> kSkills = {"Python", "python", "SQL", "Budgeting", "Generative AI", "LLM evaluation",
                                          "Public speaking", "Negotiation", " Kubernetes ",
                                          "Statistical process control for manufacturing lines"};
const std::vector<std::string> kTitles = {"Analyst", "Senior Analyst", "", "  ", "Data Scientist", "Head of Finance"};
const std::vector<std::string> kDepartments = {"Finance", "finance ", "Sales", "", "Engineering"};
const std::vector<std::string> kEmerging = {"generative ai", "llm evaluation", "python"};

struct Random {
  std::mt19937 rng;
  explicit Random(unsigned seed) : rng(seed) {}
  int below(int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); }
  bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; }
  double real(double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng); }
  template <class T>
  const T& pick(const std::vector<T>& v) { return v[static_cast<std::size_t>(below(static_cast<int>(v.size())))]; }
  std::optional<int> offset() {
    // Real zones, a quarter-hour one, and offsets off the quarter-hour grid or past UTC+14.
    static const std::vector<int> offsets = {-480, -300, 0, 60, 330, 345, 540, 7, -725, 900};
    return chance(0.1) ? std::nullopt : std::optional<int>(pick(offsets));
  }
};

MentorProfile random_mentor(Random& r, PersonId id) {
  MentorProfile m;
  m.id = id;
  m.name = "Mentor " + std::to_string(id);
  m.title = r.pick(kTitles);
  m.department = r.pick(kDepartments);
  m.organisation = r.chance(0.5) ? "Northwind" : "Contoso";
  // Bulk builders precompute the keys; others leave them to be computed on the fly.
  if (r.chance(0.5)) m.title_key = key_of(m.title), m.department_key = key_of(m.department);
  m.is_external = r.chance(0.2);
  m.years = r.below(41);
  std::vector<std::pair<std::string, std::string>> keyed;  // (key, name)
  for (int n = r.below(9); n > 0; --n) {
    const std::string& name = r.pick(kSkills);
    keyed.emplace_back(key_of(name), name);
  }
  if (r.chance(0.9)) std::sort(keyed.begin(), keyed.end());  // as profiles are built; now and then not
  for (const auto& [key, name] : keyed) {
    m.skills.emplace_back(key, 1 + r.below(5));
    m.skill_names.push_back(name);
  }
  m.media_mask = static_cast<unsigned>(r.below(16));
  m.utc_offset_minutes = r.offset();
  m.capacity = r.below(5);
  m.live_mentees = r.below(m.capacity + 2);
  if (r.chance(0.7)) m.answer_rate = r.chance(0.2) ? 0.5 : r.real(0, 1);
  if (r.chance(0.6)) m.median_hours_to_answer = r.real(1, 500);
  return m;
}

std::vector<std::string> random_keys(Random& r, const std::vector<std::string>& pool, const std::string& unknown,
                                     int most, bool sorted) {
  std::vector<std::string> keys;
  for (int n = r.below(most + 1); n > 0; --n) keys.push_back(r.chance(0.15) ? unknown : key_of(r.pick(pool)));
  if (sorted) std::sort(keys.begin(), keys.end());
  return keys;
}

MenteeProfile random_mentee(Random& r, int mentors) {
  MenteeProfile e;
  e.id = 1 + r.below(mentors + 5);  // sometimes a mentor themselves
  if (r.chance(0.7)) e.manager_id = 1 + r.below(mentors);
  for (int n = r.below(3); n > 0; --n) e.former_manager_ids.push_back(1 + r.below(mentors));
  e.years = r.below(41);
  e.department = r.chance(0.1) ? "marketing" : key_of(r.pick(kDepartments));
  // Sorted, duplicates kept (a ?skills= list may repeat one).
  e.wanted_skills = random_keys(r, kSkills, "quantum basket weaving", 4, true);
  e.aspired_roles = random_keys(r, kTitles, "astronaut", 3, r.chance(0.9));
  e.aspired_departments = random_keys(r, kDepartments, "legal", 2, r.chance(0.9));
  e.media_mask = static_cast<unsigned>(r.below(16));
  e.utc_offset_minutes = r.offset();
  for (int n = r.below(3); n > 0; --n)
    e.recommendations.push_back({1 + r.below(mentors), "Sofia", r.chance(0.5) ? "" : "She knows budgets"});
  for (int n = r.below(4); n > 0; --n) e.engaged_with.push_back(1 + r.below(mentors));
  std::sort(e.engaged_with.begin(), e.engaged_with.end());
  return e;
}

Weights random_weights(Random& r) {
  Weights w;
  for (double* x : {&w.skill, &w.aspiration_role, &w.aspiration_department, &w.experience_gap, &w.outside_perspective,
                    &w.reverse_mentoring, &w.former_manager, &w.timezone_overlap, &w.shared_medium, &w.free_capacity,
                    &w.responsiveness, &w.unresponsive_penalty, &w.manager_recommendation})
    *x = r.chance(0.1) ? 0 : r.real(0, 40);
  w.seasoned_years = r.below(30);
  return w;
}

std::vector<MentorProfile> random_mentors(Random& r, int n) {
  std::vector<MentorProfile> out;
  for (int id = 1; id <= n; ++id) out.push_back(random_mentor(r, id));
  std::shuffle(out.begin(), out.end(), r.rng);  // the table keeps any order it is given
  return out;
}

TEST(MentorTableTest, RandomProfilesScoreBitForBitAsTheStringPath) {
  Random r(20261125);
  for (int round = 0; round < 40; ++round) {
    const auto mentors = random_mentors(r, 60);
    const MentorTable table(mentors);
    for (int k = 0; k < 25; ++k) {
      const MenteeProfile mentee = random_mentee(r, 60);
      const Weights w = k % 3 == 0 ? Weights{} : random_weights(r);
      for (std::size_t i = 0; i < mentors.size(); ++i) {
        const double interned = score_points(mentee, table, i, w, kEmerging);
        const double strings = score_points(mentee, mentors[i], w, kEmerging);
        ASSERT_TRUE(same_bits(interned, strings)) << "round " << round << " mentee " << k << " mentor "
                                                  << mentors[i].id << ": " << interned << " vs " << strings;
        // And the explained score adds up to the same number.
        EXPECT_TRUE(same_bits(score(mentee, table.profile(i), w, kEmerging).score,
                              score(mentee, mentors[i], w, kEmerging).score));
      }
    }
  }
}

TEST(MentorTableTest, RandomProfilesRankAndExplainAsTheStringPath) {
  Random r(7);
  for (int round = 0; round < 60; ++round) {
    const auto mentors = random_mentors(r, 80);
    const MentorTable table(mentors);
    std::vector<MentorProfile> internal;
    std::copy_if(mentors.begin(), mentors.end(), std::back_inserter(internal),
                 [](const MentorProfile& m) { return !m.is_external; });
    for (int k = 0; k < 10; ++k) {
      const MenteeProfile mentee = random_mentee(r, 80);
      const Weights w = k % 2 == 0 ? Weights{} : random_weights(r);
      const int limit = r.chance(0.2) ? 100 : 1 + r.below(12);
      const std::string what = "round " + std::to_string(round) + " mentee " + std::to_string(k);
      expect_same(recommend(mentee, table, w, kEmerging, limit), recommend(mentee, mentors, w, kEmerging, limit), what);
      expect_same(recommend(mentee, table, w, kEmerging, limit, false),
                  recommend(mentee, internal, w, kEmerging, limit), what + " without externals");
    }
  }
}

// A table of `mentors` patched `rounds` times (profiles replaced, some with keys never seen,
// mentors added between and after the others, removed) ranks exactly as the profiles it should
// hold, each replaced mentor keeping their places and responsiveness; the keys stay shared while
// no new one appears, and a round that only replaces profiles shares every chunk it did not touch.
void patch_again_and_again(int mentors, int rounds) {
  Random r(20261205 + static_cast<std::uint64_t>(mentors));
  const int ids = 2 * mentors + 20;
  std::map<PersonId, MentorProfile> want;  // what the table should hold, by id
  std::vector<std::shared_ptr<const MentorProfile>> start;
  for (PersonId id = 2; id <= 2 * mentors; id += 2) {  // even ids: odd ones arrive later, in between
    want[id] = random_mentor(r, id);
    start.push_back(std::make_shared<const MentorProfile>(want[id]));
  }
  MentorTable table(std::move(start));
  int novel = 0;
  for (int round = 0; round < rounds; ++round) {
    std::map<PersonId, MentorChange> changes;
    bool new_key = false;
    const bool only_replace = round % 3 == 0;
    for (int n = 1 + r.below(round % 50 == 0 ? 40 : 4); n > 0; --n) {
      const PersonId id = 1 + r.below(ids);
      if (only_replace && !want.count(id)) continue;
      if (!only_replace && want.count(id) && r.chance(0.25)) {
        changes[id] = {id, nullptr};
        continue;
      }
      MentorProfile p = random_mentor(r, id);
      if (r.chance(0.1)) {  // a skill nobody had
        p.skills.insert(p.skills.begin(), {"zz novel " + std::to_string(++novel), 4});
        p.skill_names.insert(p.skill_names.begin(), "ZZ novel");
        new_key = true;
      }
      changes[id] = {id, std::make_shared<const MentorProfile>(p)};
    }
    std::vector<MentorChange> list;
    std::size_t added_want = 0;
    for (auto& [id, c] : changes) {
      list.push_back(c);
      if (!c.profile) {
        want.erase(id);
        continue;
      }
      MentorProfile next = *c.profile;
      if (auto old = want.find(id); old != want.end()) {
        next.live_mentees = old->second.live_mentees;
        next.answer_rate = old->second.answer_rate;
        next.median_hours_to_answer = old->second.median_hours_to_answer;
      } else {
        ++added_want;
      }
      want[id] = next;
    }
    std::size_t added = 99;
    const MentorTable next = table.patched(list, &added);
    const std::string what = "round " + std::to_string(round);
    ASSERT_EQ(added, added_want) << what;
    ASSERT_EQ(next.size(), want.size()) << what;
    if (!new_key) {
      EXPECT_EQ(&next.keys(), &table.keys()) << what << ": the keys were copied";
    }
    if (only_replace) {
      std::set<std::size_t> touched;
      for (const auto& c : list) touched.insert(*table.index_of(c.id) / MentorTable::kChunkRows);
      for (std::size_t i = 0; i < next.size(); ++i)
        if (!touched.count(i / MentorTable::kChunkRows)) {
          ASSERT_EQ(&next.row(i), &table.row(i)) << what << ": an untouched chunk was copied";
        }
    }
    std::vector<MentorProfile> profiles;
    std::size_t i = 0;
    for (const auto& [id, p] : want) {
      ASSERT_EQ(next.row(i).id, id) << what;
      ASSERT_EQ(next.index_of(id), std::optional<std::size_t>(i)) << what;
      profiles.push_back(p);
      ++i;
    }
    for (int k = 0; k < 4; ++k) {
      const MenteeProfile mentee = random_mentee(r, ids);
      const Weights w = k == 0 ? Weights{} : random_weights(r);
      expect_same(recommend(mentee, next, w, kEmerging, 100), recommend(mentee, profiles, w, kEmerging, 100),
                  what + " mentee " + std::to_string(k));
    }
    table = next;
  }
}

TEST(MentorTableTest, APatchedTableRanksAsItsProfiles) { patch_again_and_again(60, 800); }

// The same over several chunks of rows: replacements in one chunk, moves across all.
TEST(MentorTableTest, APatchedTableOfSeveralChunksRanksAsItsProfiles) {
  patch_again_and_again(static_cast<int>(3 * MentorTable::kChunkRows + 40), 300);
}

TEST(MentorTableTest, ProfilesBuiltFromPeopleRankAsTheStringPath) {
  Random r(42);
  const TimePoint now = TimePoint(Seconds(1795000000));
  std::vector<MentorProfile> mentors;
  std::vector<MenteeProfile> mentees;
  for (int id = 1; id <= 120; ++id) {
    Person p;
    p.id = id;
    p.name = "Person " + std::to_string(id);
    p.title = r.pick(kTitles);
    p.department = r.pick(kDepartments);
    p.career_start_year = 1985 + r.below(40);
    for (int n = r.below(6); n > 0; --n) p.skills.push_back({r.pick(kSkills), 1 + r.below(5)});
    p.aspirations.skills = {r.pick(kSkills), r.pick(kSkills)};
    p.aspirations.roles = {r.pick(kTitles)};
    p.aspirations.departments = {r.pick(kDepartments)};
    p.timezone = r.chance(0.5) ? "Europe/Paris" : "America/New_York";
    p.media = {Medium::video};
    mentors.push_back(mentor_profile(p, now));
    mentors.back().capacity = 1 + r.below(3);
    mentees.push_back(mentee_profile(p, now));
  }
  const MentorTable table(mentors);
  for (const auto& mentee : mentees)
    expect_same(recommend(mentee, table, Weights{}, kEmerging, 10), recommend(mentee, mentors, Weights{}, kEmerging, 10),
                "mentee " + std::to_string(mentee.id));
}

TEST(MentorTableTest, AnUnknownWantedSkillMatchesNobody) {
  Random r(3);
  const auto mentors = random_mentors(r, 30);
  const MentorTable table(mentors);
  EXPECT_EQ(table.keys().find("quantum basket weaving"), KeyIds::kUnknown);
  MenteeProfile mentee = random_mentee(r, 30);
  mentee.wanted_skills = {"quantum basket weaving"};
  const auto recs = recommend(mentee, table, Weights{}, kEmerging, 100);
  for (const auto& s : recs.ranked)
    for (const auto& f : s.factors) EXPECT_NE(f.name, "skill_match");
  expect_same(recs, recommend(mentee, mentors, Weights{}, kEmerging, 100), "unknown skill");
}

TEST(MentorTableTest, ARefreshReusesUnchangedRowsAndRanksAsAFreshTable) {
  Random r(11);
  auto values = random_mentors(r, 100);
  std::vector<std::shared_ptr<const MentorProfile>> shared;
  for (const auto& m : values) shared.push_back(std::make_shared<const MentorProfile>(m));
  const MentorTable first(shared);

  // Some mentors change (one takes up a skill nobody had), some leave, some join.
  std::vector<std::shared_ptr<const MentorProfile>> next;
  for (std::size_t i = 0; i < shared.size(); ++i) {
    if (i % 17 == 3) continue;
    if (i % 9 == 0) {
      MentorProfile changed = *shared[i];
      changed.title = "Chief Pastry Officer";
      changed.title_key.clear();
      changed.skills.emplace_back("zymurgy", 5);
      changed.skill_names.push_back("Zymurgy");
      next.push_back(std::make_shared<const MentorProfile>(std::move(changed)));
    } else {
      next.push_back(shared[i]);
    }
  }
  for (PersonId id = 200; id < 210; ++id) next.push_back(std::make_shared<const MentorProfile>(random_mentor(r, id)));
  const MentorTable refreshed(next, &first);
  const MentorTable fresh(next);
  ASSERT_EQ(refreshed.size(), next.size());
  EXPECT_NE(refreshed.keys().find("zymurgy"), KeyIds::kUnknown);

  std::vector<MentorProfile> as_values;
  for (const auto& p : next) as_values.push_back(*p);
  for (int k = 0; k < 40; ++k) {
    MenteeProfile mentee = random_mentee(r, 210);
    if (k % 4 == 0) mentee.wanted_skills = {"zymurgy"}, mentee.aspired_roles = {"chief pastry officer"};
    const auto want = recommend(mentee, as_values, Weights{}, kEmerging, 15);
    expect_same(recommend(mentee, refreshed, Weights{}, kEmerging, 15), want, "refreshed " + std::to_string(k));
    expect_same(recommend(mentee, fresh, Weights{}, kEmerging, 15), want, "fresh " + std::to_string(k));
  }
  for (std::size_t i = 0; i < next.size(); ++i) {
    ASSERT_EQ(refreshed.index_of(next[i]->id), i);
    EXPECT_EQ(refreshed.shared_profile(i).get(), next[i].get());  // shared, not copied
  }
  EXPECT_FALSE(refreshed.index_of(99999));
}

TEST(MentorTableTest, PlacesAndResponsivenessChangeOnlyTheCopysRows) {
  Random r(5);
  auto values = random_mentors(r, static_cast<int>(2 * MentorTable::kChunkRows + 7));
  const MentorTable table(values);
  MentorTable copy = table;
  for (std::size_t i = 0; i < copy.size(); ++i) {
    const int live = r.below(4);
    const std::optional<double> rate = r.chance(0.5) ? std::optional<double>(r.real(0, 1)) : std::nullopt;
    const std::optional<double> hours = r.chance(0.5) ? std::optional<double>(r.real(1, 300)) : std::nullopt;
    copy.set_places_and_responsiveness(i, live, rate, hours);
    const PersonId id = copy.row(i).id;
    auto& v = *std::find_if(values.begin(), values.end(), [&](const MentorProfile& m) { return m.id == id; });
    v.live_mentees = live, v.answer_rate = rate, v.median_hours_to_answer = hours;
    EXPECT_EQ(copy.profile(i).live_mentees, live);
    EXPECT_EQ(copy.profile(i).answer_rate, rate);
  }
  for (int k = 0; k < 30; ++k) {
    const MenteeProfile mentee = random_mentee(r, static_cast<int>(values.size()));
    expect_same(recommend(mentee, copy, Weights{}, kEmerging, 10), recommend(mentee, values, Weights{}, kEmerging, 10),
                "updated " + std::to_string(k));
  }
  // The original keeps its own rows.
  for (std::size_t i = 0; i < table.size(); ++i)
    EXPECT_EQ(table.profile(i).live_mentees, table.built_profile(i).live_mentees);
}

}  // namespace
}  // namespace mh::matching
