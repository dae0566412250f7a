#include "matching/cohort_generator.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

namespace mh::bench {

namespace {

using matching::key_of;

constexpr int kDepartments = 24;
constexpr int kPool = 300;
constexpr int kHome = 40;  // skills a department leans on

const std::array<const char*, kDepartments> kDepartmentNames = {
    "Engineering", "Sales",      "Finance",   "Marketing",  "Operations", "Legal",      "People",  "Product",
    "Design",      "Data",       "Security",  "Support",    "Research",   "Procurement", "Logistics", "Quality",
    "Strategy",    "Compliance", "Facilities", "Communications", "Risk",  "Treasury",   "Platform", "Analytics"};
// Department sizes: a long tail (weights).
const std::array<int, kDepartments> kDepartmentWeight = {30, 16, 9, 8, 8, 3, 4, 7, 4, 6, 3, 10,
                                                         3,  2,  5, 2, 2, 2, 1, 2, 2, 1, 5, 4};
const std::array<int, 9> kOffsets = {0, 60, 120, -300, -360, -480, 330, 480, 540};
const std::array<const char*, 6> kEmerging = {"Generative AI", "LLM Evaluation", "Prompt Engineering",
                                              "Vector Search",  "AI Safety",      "Edge ML"};

class Rng {
 public:
  explicit Rng(std::uint32_t seed) : mt_(seed) {}
  int below(int n) { return static_cast<int>(mt_() % static_cast<std::uint32_t>(n)); }
  bool chance(int percent) { return below(100) < percent; }
  double unit() { return (mt_() % 1'000'000) / 1'000'000.0; }

 private:
  std::mt19937 mt_;
};

std::string skill_name(int s) {
  if (s >= kPool - static_cast<int>(kEmerging.size())) return kEmerging[s - (kPool - kEmerging.size())];
  char buf[32];
  std::snprintf(buf, sizeof buf, "Skill %03d", s);
  return buf;
}

int home_skill(Rng& r, int department) {
  // Skewed towards the first skills of the department's home set.
  const int t = r.below(kHome) * r.below(kHome) / kHome;
  return (department * 12 + t) % (kPool - static_cast<int>(kEmerging.size()));
}
int any_skill(Rng& r) { return r.below(kPool - static_cast<int>(kEmerging.size())); }
int emerging_skill(Rng& r) { return kPool - static_cast<int>(kEmerging.size()) + r.below(static_cast<int>(kEmerging.size())); }

std::string title_of(int department, int level) {
  const std::string d = kDepartmentNames[department];
  switch (level) {
    case 0: return "Associate " + d + " Specialist";
    case 1: return d + " Specialist";
    case 2: return "Senior " + d + " Specialist";
    default: return d + " Lead";
  }
}
int level_of(int years) { return years < 3 ? 0 : years < 8 ? 1 : years < 15 ? 2 : 3; }

int pick_department(Rng& r) {
  static const int total = [] {
    int t = 0;
    for (int w : kDepartmentWeight) t += w;
    return t;
  }();
  int x = r.below(total);
  for (int d = 0; d < kDepartments; ++d) {
    if (x < kDepartmentWeight[d]) return d;
    x -= kDepartmentWeight[d];
  }
  return 0;
}

int pick_offset(Rng& r, int department) {
  static const std::array<int, 12> primary = {0, 1, 1, 3, 3, 6, 5, 0, 2, 7, 4, 8};
  return r.chance(70) ? kOffsets[primary[department % 12]] : kOffsets[r.below(static_cast<int>(kOffsets.size()))];
}

}  // namespace

matching::Cohort make_cohort(const CohortSpec& spec) {
  Rng r(spec.seed);
  matching::Cohort c;
  for (const char* e : kEmerging) c.emerging.push_back(key_of(e));
  std::sort(c.emerging.begin(), c.emerging.end());

  const int m = spec.mentors, n = spec.mentees;
  std::vector<int> department_of(m);
  std::vector<std::vector<int>> by_department(kDepartments), seniors(kDepartments), holders(kPool);
  c.mentors.resize(m);
  for (int j = 0; j < m; ++j) {
    matching::MentorProfile& p = c.mentors[j];
    p.id = j + 1;
    p.name = "Mentor " + std::to_string(p.id);
    const int d = pick_department(r);
    department_of[j] = d;
    p.years = 3 + r.below(30);
    p.is_external = r.chance(5);
    if (p.is_external) {
      p.organisation = "Partner " + std::to_string(1 + r.below(40));
      p.department = "Advisory";
      p.title = p.years >= 15 ? "Principal Consultant" : "Consultant";
    } else {
      p.organisation = "Northwind";
      p.department = kDepartmentNames[d];
      p.title = title_of(d, level_of(p.years));
      by_department[d].push_back(j);
      if (p.years >= 10) seniors[d].push_back(j);
    }
    std::vector<std::pair<std::string, std::pair<std::string, int>>> skills;  // key -> (name, level)
    const int count = 5 + r.below(6);
    for (int s = 0; s < count; ++s) {
      const int x = r.below(100);
      const int skill = x < 70 ? home_skill(r, d) : x < 95 ? any_skill(r) : emerging_skill(r);
      const int level = std::min(5, 2 + r.below(4) + (p.years >= 15 && r.chance(50) ? 1 : 0));
      const std::string name = skill_name(skill);
      const std::string key = key_of(name);
      if (std::none_of(skills.begin(), skills.end(), [&](auto& e) { return e.first == key; })) {
        skills.push_back({key, {name, level}});
        holders[skill].push_back(j);
      }
    }
    std::sort(skills.begin(), skills.end());
    for (const auto& [key, v] : skills) {
      p.skills.emplace_back(key, v.second);
      p.skill_names.push_back(v.first);
    }
    p.media_mask = 1 + static_cast<unsigned>(r.below(15));
    p.utc_offset_minutes = pick_offset(r, d);
    p.capacity = 1 + r.below(5);
    if (r.chance(75)) {
      p.answer_rate = 0.3 + r.below(71) / 100.0;
      if (r.chance(80)) p.median_hours_to_answer = 1 + r.below(300);
    }
  }
  // Scale the places to about places_per_mentee x mentees, keeping each capacity in 1-5.
  {
    long long target = static_cast<long long>(spec.places_per_mentee * n + 0.5), total = 0;
    for (const auto& p : c.mentors) total += p.capacity;
    target = std::clamp<long long>(target, m, 5LL * m);
    while (total > target) {
      auto& p = c.mentors[r.below(m)];
      if (p.capacity > 1) --p.capacity, --total;
    }
    while (total < target) {
      auto& p = c.mentors[r.below(m)];
      if (p.capacity < 5) ++p.capacity, ++total;
    }
    // Some mentors already mentor someone: a place is taken outside this matching.
    for (auto& p : c.mentors)
      if (r.chance(10)) {
        ++p.live_mentees;
        ++p.capacity;
      }
  }

  c.mentees.resize(n);
  for (int i = 0; i < n; ++i) {
    matching::MenteeProfile& e = c.mentees[i];
    e.id = m + 1 + i;
    const int d = pick_department(r);
    e.department = key_of(kDepartmentNames[d]);
    e.years = std::min(r.below(26), r.below(26));
    const int wants = 1 + r.below(4);
    std::vector<int> wanted;
    for (int w = 0; w < wants; ++w) {
      const int x = r.below(100);
      const int skill = x < 55 ? home_skill(r, d) : x < 85 ? any_skill(r) : emerging_skill(r);
      if (std::find(wanted.begin(), wanted.end(), skill) != wanted.end()) continue;
      wanted.push_back(skill);
      e.wanted_skills.push_back(key_of(skill_name(skill)));
    }
    if (r.chance(50)) e.aspired_roles.push_back(key_of(title_of(d, std::min(3, level_of(e.years) + 1))));
    if (r.chance(15)) e.aspired_roles.push_back(key_of(title_of(pick_department(r), 3)));
    std::sort(e.aspired_roles.begin(), e.aspired_roles.end());
    e.aspired_roles.erase(std::unique(e.aspired_roles.begin(), e.aspired_roles.end()), e.aspired_roles.end());
    if (r.chance(25)) e.aspired_departments.push_back(key_of(kDepartmentNames[pick_department(r)]));
    e.media_mask = 1 + static_cast<unsigned>(r.below(15));
    e.utc_offset_minutes = pick_offset(r, d);
    if (r.chance(40) && !seniors[d].empty()) e.manager_id = seniors[d][r.below(static_cast<int>(seniors[d].size()))] + 1;
    if (r.chance(15)) e.former_manager_ids.push_back(1 + r.below(m));
    if (r.chance(3) && !by_department[d].empty())
      e.recommendations.push_back(
          {by_department[d][r.below(static_cast<int>(by_department[d].size()))] + 1, "Manager", "A good fit."});
    if (r.chance(2)) e.engaged_with.push_back(1 + r.below(m));

    // The administrator's prohibitions: about forbidden_share of the pairs sharing a wanted skill.
    for (int skill : wanted) {
      const auto& h = holders[skill];
      const int count = h.empty() ? 0 : static_cast<int>(h.size() * spec.forbidden_share + r.unit());
      for (int k = 0; k < count; ++k) c.forbidden.emplace_back(e.id, h[r.below(static_cast<int>(h.size()))] + 1);
    }
  }
  std::sort(c.forbidden.begin(), c.forbidden.end());
  c.forbidden.erase(std::unique(c.forbidden.begin(), c.forbidden.end()), c.forbidden.end());
  return c;
}

}  // namespace mh::bench
