#include "matching/profiles.hpp"

#include <algorithm>

#include "common/timezones.hpp"

namespace mh::matching {

std::vector<std::string> sorted_keys(const std::vector<std::string>& items) {
  std::vector<std::string> keys;
  keys.reserve(items.size());
  for (const auto& i : items) keys.push_back(key_of(i));
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

MentorProfile mentor_profile(const Person& p, TimePoint now) {
  MentorProfile m;
  m.id = p.id;
  m.name = p.name;
  m.title = p.title;
  m.department = p.department;
  m.organisation = p.organisation;
  m.title_key = key_of(p.title);
  m.department_key = key_of(p.department);
  m.is_external = p.is_external;
  m.years = p.years_of_experience(year_of(now));
  std::vector<std::pair<std::string, const Skill*>> skills;  // (key, skill)
  for (const auto& s : p.skills) skills.emplace_back(key_of(s.name), &s);
  std::sort(skills.begin(), skills.end(),
            [](const auto& a, const auto& b) { return a.first != b.first ? a.first < b.first : a.second->name < b.second->name; });
  for (const auto& [key, skill] : skills) {
    m.skills.emplace_back(key, skill->level);
    m.skill_names.push_back(skill->name);
  }
  m.media_mask = media_mask_of(p.media);
  m.utc_offset_minutes = utc_offset_minutes(p.timezone, now);
  m.capacity = p.mentor_capacity;
  m.manager_id = p.manager_id;
  return m;
}

MenteeProfile mentee_profile(const Person& p, TimePoint now) {
  MenteeProfile m;
  m.id = p.id;
  m.manager_id = p.manager_id;
  m.former_manager_ids = p.former_manager_ids;
  m.years = p.years_of_experience(year_of(now));
  m.department = key_of(p.department);
  m.wanted_skills = sorted_keys(p.aspirations.skills);
  m.aspired_roles = sorted_keys(p.aspirations.roles);
  m.aspired_departments = sorted_keys(p.aspirations.departments);
  m.media_mask = media_mask_of(p.media);
  m.utc_offset_minutes = utc_offset_minutes(p.timezone, now);
  return m;
}

}  // namespace mh::matching
