#include "api/directory.hpp"

#include <algorithm>
#include <set>

#include "matching/profiles.hpp"
#include "storage/finding_repo.hpp"
#include "storage/people_repo.hpp"
#include "storage/search_repo.hpp"

namespace mh::api {

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
    next->people = storage::all_active_people(db);
    std::set<std::string> skills;
    for (std::size_t i = 0; i < next->people.size(); ++i) {
      const Person& p = next->people[i];
      next->index_of[p.id] = i;
      for (const auto& s : p.skills) skills.insert(s.name);
      if (p.mentor_capacity > 0 && p.offers(Format::one_to_one)) next->mentors.push_back(matching::mentor_profile(p, now));
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
  matching::MenteeProfile m = matching::mentee_profile(me, now);
  for (const auto& r : storage::mentor_recommendations_for(db, me.id)) {
    const Person* manager = snap.person(r.manager_id);
    m.recommendations.push_back({r.mentor_id, manager ? manager->name : "your manager", r.note});
  }
  m.engaged_with = storage::engaged_with(db, me.id);
  return m;
}

}  // namespace mh::api
