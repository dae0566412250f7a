// Random small cohorts for the matching tests (candidates_test.cpp, assignment_test.cpp):
// every scoring factor and every hard rule shows up, with deliberately few distinct values so
// that ties, shared classes and duplicates happen.
#pragma once

#include <algorithm>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "matching/candidates.hpp"
#include "matching/scoring.hpp"

namespace mh::matching::testing {

inline const std::vector<std::string>& skill_pool() {
  static const std::vector<std::string> pool = {"C++", "Go", "Python", "Finance", "Negotiation",
                                                "Generative AI", "LLM Evaluation", "Design", "SQL"};
  return pool;
}
inline std::vector<std::string> emerging_keys() { return {"generative ai", "llm evaluation"}; }

struct RandomCohortOptions {
  int mentees = 6;
  int mentors = 4;
  int max_capacity = 3;
  double pin_rate = 0.0;     // per mentee: pin to a random allowed mentor (if capacity permits)
  double forbid_rate = 0.0;  // per pair
  bool shared_people = true; // some mentees are also mentors (oneself rule)
};

inline Cohort random_cohort(std::uint32_t seed, const RandomCohortOptions& o) {
  std::mt19937 rng(seed);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  auto chance = [&](double p) { return (rng() % 10000) < p * 10000; };
  const std::vector<std::string> titles = {"Engineer", "Staff Engineer", "Analyst", "Manager", ""};
  const std::vector<std::string> departments = {"Engineering", "Finance", "Sales", ""};
  const std::vector<int> offsets = {0, 60, -300, 330, 540, -480};
  Cohort c;
  c.emerging = emerging_keys();
  c.weights = Weights{};
  for (int j = 0; j < o.mentors; ++j) {
    MentorProfile m;
    m.id = 100 + j;
    m.name = "Mentor " + std::to_string(j);
    m.title = titles[pick(static_cast<int>(titles.size()))];
    m.department = departments[pick(static_cast<int>(departments.size()))];
    m.is_external = chance(0.15);
    m.organisation = m.is_external ? "Partner" : "Home";
    m.years = pick(35);
    std::vector<std::pair<std::string, std::string>> keyed;
    for (const std::string& s : skill_pool())
      if (chance(0.35)) keyed.emplace_back(key_of(s), s);
    std::sort(keyed.begin(), keyed.end());
    for (const auto& [key, name] : keyed) {
      m.skills.emplace_back(key, 1 + pick(5));
      m.skill_names.push_back(name);
    }
    m.media_mask = static_cast<unsigned>(pick(16));
    if (!chance(0.1)) m.utc_offset_minutes = offsets[pick(static_cast<int>(offsets.size()))];
    m.live_mentees = chance(0.2) ? 1 : 0;
    m.capacity = m.live_mentees + pick(o.max_capacity + 1);
    if (chance(0.6)) {
      m.answer_rate = pick(101) / 100.0;
      if (chance(0.7)) m.median_hours_to_answer = 1 + pick(400);
    }
    if (chance(0.3)) m.manager_id = 100 + pick(o.mentors);
    c.mentors.push_back(std::move(m));
  }
  for (int i = 0; i < o.mentees; ++i) {
    MenteeProfile e;
    e.id = (o.shared_people && chance(0.1) && o.mentors > 0) ? 100 + pick(o.mentors) : 1000 + i;
    if (std::any_of(c.mentees.begin(), c.mentees.end(), [&](const MenteeProfile& x) { return x.id == e.id; }))
      e.id = 1000 + i;
    if (chance(0.3) && o.mentors > 0) e.manager_id = 100 + pick(o.mentors);
    if (chance(0.2) && o.mentors > 0) e.former_manager_ids.push_back(100 + pick(o.mentors));
    e.years = pick(30);
    e.department = key_of(departments[pick(static_cast<int>(departments.size()))]);
    const int wants = pick(4);
    for (int w = 0; w < wants; ++w) e.wanted_skills.push_back(key_of(skill_pool()[pick(static_cast<int>(skill_pool().size()))]));
    if (chance(0.4)) e.aspired_roles.push_back(key_of(titles[pick(static_cast<int>(titles.size()))]));
    if (chance(0.3)) e.aspired_roles.push_back(key_of(titles[pick(static_cast<int>(titles.size()))]));
    std::sort(e.aspired_roles.begin(), e.aspired_roles.end());
    if (chance(0.4)) e.aspired_departments.push_back(key_of(departments[pick(static_cast<int>(departments.size()))]));
    e.media_mask = static_cast<unsigned>(pick(16));
    if (!chance(0.1)) e.utc_offset_minutes = offsets[pick(static_cast<int>(offsets.size()))];
    if (chance(0.15) && o.mentors > 0) e.recommendations.push_back({100 + pick(o.mentors), "Boss", "good fit"});
    if (chance(0.15) && o.mentors > 0) e.engaged_with.push_back(100 + pick(o.mentors));
    std::sort(e.engaged_with.begin(), e.engaged_with.end());
    c.mentees.push_back(std::move(e));
  }
  for (const MenteeProfile& e : c.mentees)
    for (const MentorProfile& m : c.mentors)
      if (o.forbid_rate > 0 && chance(o.forbid_rate)) c.forbidden.emplace_back(e.id, m.id);
  if (o.pin_rate > 0) {
    std::vector<int> pins(c.mentors.size(), 0);
    for (const MenteeProfile& e : c.mentees) {
      if (!chance(o.pin_rate) || c.mentors.empty()) continue;
      const int j = pick(static_cast<int>(c.mentors.size()));
      const MentorProfile& m = c.mentors[j];
      const bool forbidden =
          std::find(c.forbidden.begin(), c.forbidden.end(), std::make_pair(e.id, m.id)) != c.forbidden.end();
      if (forbidden || exclusion(e, m) || pins[j] >= m.capacity - m.live_mentees) continue;
      ++pins[j];
      c.pinned.emplace_back(e.id, m.id);
    }
  }
  return c;
}

// `c` with its mentees and mentors, then its pins and its prohibitions when asked, put in another
// order by one generator seeded with `seed`: the same cohort.
inline Cohort shuffled(const Cohort& c, std::uint32_t seed, bool pins, bool prohibitions) {
  Cohort out = c;
  std::mt19937 rng(seed);
  std::shuffle(out.mentees.begin(), out.mentees.end(), rng);
  std::shuffle(out.mentors.begin(), out.mentors.end(), rng);
  if (pins) std::shuffle(out.pinned.begin(), out.pinned.end(), rng);
  if (prohibitions) std::shuffle(out.forbidden.begin(), out.forbidden.end(), rng);
  return out;
}

}  // namespace mh::matching::testing
