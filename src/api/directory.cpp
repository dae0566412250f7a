#include "api/directory.hpp"

#include <algorithm>
#include <set>

#include "common/timezones.hpp"
#include "storage/finding_repo.hpp"
#include "storage/people_repo.hpp"
#include "storage/search_repo.hpp"

namespace mh::api {

namespace {

std::vector<std::string> sorted_keys(const std::vector<std::string>& items) {
  std::vector<std::string> keys;
  for (const auto& i : items) keys.push_back(matching::key_of(i));
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

matching::MentorProfile mentor_profile(const Person& p, int year, TimePoint now) {
  matching::MentorProfile m;
  m.id = p.id;
  m.name = p.name;
  m.title = p.title;
  m.department = p.department;
  m.organisation = p.organisation;
  m.title_key = matching::key_of(p.title);
  m.department_key = matching::key_of(p.department);
  m.is_external = p.is_external;
  m.years = p.years_of_experience(year);
  std::vector<std::pair<std::string, std::string>> skills;  // (key, name)
  for (const auto& s : p.skills) skills.emplace_back(matching::key_of(s.name), s.name);
  std::sort(skills.begin(), skills.end());
  for (const auto& [key, name] : skills) {
    auto level = std::find_if(p.skills.begin(), p.skills.end(), [&](const Skill& s) { return s.name == name; })->level;
    m.skills.emplace_back(key, level);
    m.skill_names.push_back(name);
  }
  m.media_mask = matching::media_mask_of(p.media);
  m.utc_offset_minutes = utc_offset_minutes(p.timezone, now);
  m.capacity = p.mentor_capacity;
  m.manager_id = p.manager_id;
  return m;
}

}  // namespace

std::shared_ptr<const DirectorySnapshot> Directory::current(sql::Connection& db, TimePoint now) {
  const std::int64_t people_version = storage::change_counter(db, "people");
  const std::int64_t relationships_version = storage::change_counter(db, "relationships");
  std::lock_guard lock(mutex_);
  if (snapshot_ && snapshot_->people_version == people_version &&
      snapshot_->relationships_version == relationships_version)
    return snapshot_;
  auto next = std::make_shared<DirectorySnapshot>();
  next->people_version = people_version;
  next->relationships_version = relationships_version;
  if (snapshot_ && snapshot_->people_version == people_version) {
    // Only relationships changed: keep the people, refresh places and responsiveness.
    next->people = snapshot_->people;
    next->index_of = snapshot_->index_of;
    next->mentors = snapshot_->mentors;
    next->skill_names = snapshot_->skill_names;
  } else {
    const int year = year_of(now);
    next->people = storage::all_active_people(db);
    std::set<std::string> skills;
    for (std::size_t i = 0; i < next->people.size(); ++i) {
      const Person& p = next->people[i];
      next->index_of[p.id] = i;
      for (const auto& s : p.skills) skills.insert(s.name);
      if (p.mentor_capacity > 0 && p.offers(Format::one_to_one)) next->mentors.push_back(mentor_profile(p, year, now));
    }
    next->skill_names.assign(skills.begin(), skills.end());
  }
  const auto live = storage::live_mentees_by_mentor(db);
  const auto received = storage::requests_received_by_mentor(db);
  next->live_mentees.clear();
  for (const auto& [id, n] : live) next->live_mentees[id] = n;
  for (auto& m : next->mentors) {
    auto l = live.find(m.id);
    m.live_mentees = l == live.end() ? 0 : l->second;
    auto r = received.find(m.id);
    const Responsiveness resp = responsiveness(r == received.end() ? std::vector<ReceivedRequest>{} : r->second);
    m.answer_rate = resp.answer_rate;
    m.median_hours_to_answer = resp.median_hours_to_answer;
  }
  snapshot_ = std::move(next);
  return snapshot_;
}

matching::MenteeProfile mentee_profile(sql::Connection& db, const DirectorySnapshot& snap, const Person& me,
                                       TimePoint now) {
  matching::MenteeProfile m;
  m.id = me.id;
  m.manager_id = me.manager_id;
  m.former_manager_ids = me.former_manager_ids;
  m.years = me.years_of_experience(year_of(now));
  m.department = matching::key_of(me.department);
  m.wanted_skills = sorted_keys(me.aspirations.skills);
  m.aspired_roles = sorted_keys(me.aspirations.roles);
  m.aspired_departments = sorted_keys(me.aspirations.departments);
  m.media_mask = matching::media_mask_of(me.media);
  m.utc_offset_minutes = utc_offset_minutes(me.timezone, now);
  for (const auto& r : storage::mentor_recommendations_for(db, me.id)) {
    const Person* manager = snap.person(r.manager_id);
    m.recommendations.push_back({r.mentor_id, manager ? manager->name : "your manager", r.note});
  }
  m.engaged_with = storage::engaged_with(db, me.id);
  return m;
}

}  // namespace mh::api
