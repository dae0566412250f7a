#include "services/directory.hpp"

#include <algorithm>
#include <set>

#include "common/timezones.hpp"
#include "matching/profiles.hpp"
#include "storage/finding_repo.hpp"
#include "storage/people_repo.hpp"
#include "storage/search_repo.hpp"

namespace mh::services {

namespace {

using Zones = std::map<std::string, std::optional<int>>;

// Changed people are found by their stamps (updated_at, through its index) and told apart by
// their row versions. A write's stamp is its handler's clock reading, taken before its
// transaction and at most its own run time (with the store's retries, well under a minute)
// before its commit; so a write the previous snapshot did not see is stamped at most that long
// before the snapshot read the people, and people stamped since then are looked at again.
// Clocks of servers sharing a database are assumed to agree to within a few seconds.
constexpr Seconds kRecentWrites{60};

// Past this share of the people, reading everyone in three queries beats reading them by id.
bool cheaper_to_read_all(std::size_t to_read, std::size_t people) { return to_read > people / 8 + 64; }

bool is_mentor(const Person& p) { return p.mentor_capacity > 0 && p.offers(Format::one_to_one); }

std::shared_ptr<const DirectoryPeople> read_all_people(sql::Connection& db) {
  auto people = storage::all_active_people(db);  // by id
  std::vector<DirectoryPeople::PersonPtr> shared;
  shared.reserve(people.size());
  for (Person& p : people) shared.push_back(std::make_shared<const Person>(std::move(p)));
  return std::make_shared<const DirectoryPeople>(std::move(shared));
}

// `old` with the people in `to_read` (sorted) read again and those in `gone` taken out. Someone
// read again who is no longer active (deactivated between two statements on PostgreSQL) is gone too.
std::shared_ptr<const DirectoryPeople> with_read_again(sql::Connection& db, const DirectoryPeople& old,
                                                       const std::vector<PersonId>& to_read, std::vector<PersonId> gone) {
  std::vector<Person> fresh = storage::active_people_with_ids(db, to_read);  // by id
  std::size_t f = 0;
  for (PersonId id : to_read) {
    while (f < fresh.size() && fresh[f].id < id) ++f;
    if (f == fresh.size() || fresh[f].id != id) gone.push_back(id);
  }
  std::sort(gone.begin(), gone.end());
  return old.with(std::move(fresh), gone);
}

// The same, found by comparing every active person's row version with `before`'s: what the
// refresh falls back to on SQLite when the people found through the index do not account for
// every write the counter saw.
std::shared_ptr<const DirectoryPeople> read_changed_people_by_scan(sql::Connection& db, const DirectorySnapshot& before) {
  const auto stamps = storage::active_people_stamps(db);  // by id
  const DirectoryPeople& old = *before.people;
  std::vector<PersonId> to_read;  // changed, new, or active again
  for (const auto& s : stamps) {
    const Person* held = old.find(s.id);
    if (!held || held->row_version != s.row_version) to_read.push_back(s.id);
  }
  if (cheaper_to_read_all(to_read.size(), stamps.size())) return nullptr;
  // Gone: held but no longer among the active.
  std::vector<PersonId> gone;
  std::size_t s = 0;
  old.for_each([&](const DirectoryPeople::PersonPtr& p) {
    while (s < stamps.size() && stamps[s].id < p->id) ++s;
    if (s == stamps.size() || stamps[s].id != p->id) gone.push_back(p->id);
  });
  return with_read_again(db, old, to_read, std::move(gone));
}

// The active people now, sharing every unchanged Person with `before`; nullptr when so many
// may have changed that reading everyone is cheaper. Only the people stamped since `before`
// read the people (less kRecentWrites), and anyone with an id above the last it holds, are looked
// at, through indexes, and only those whose row version differs from the copy held are read
// again: a refresh after one profile edit reads a handful of rows, not the whole organisation.
std::shared_ptr<const DirectoryPeople> read_changed_people(sql::Connection& db, const DirectorySnapshot& before,
                                                          std::int64_t people_version) {
  const DirectoryPeople& old = *before.people;
  const PersonId last_known = old.last_id();
  const auto changes = storage::people_stamped_since(db, before.people_read_at - kRecentWrites, last_known);  // by id
  std::vector<PersonId> to_read, gone;
  std::int64_t writes_found = 0;  // the profile writes the changed rows' versions account for
  for (const auto& c : changes) {
    const Person* person = old.find(c.id);
    const bool known = person != nullptr;
    const std::int64_t held = known ? person->row_version : -1;
    if (known && held == c.row_version) continue;  // as we hold it
    writes_found += c.row_version - held;  // a new row: its insert and every write since
    if (!c.active) {
      if (known) gone.push_back(c.id);
    } else {
      to_read.push_back(c.id);  // changed, new, or active again
    }
  }
  // On SQLite the counter and the rows come from one snapshot, and each profile write raises both
  // the counter and one row's version by one: when the versions found account for every write,
  // nobody else changed. When they do not (a write stamped long before it committed, a person
  // deleted, a batch import), the scan decides. PostgreSQL's counter is a sequence, outside
  // transactions, so there the people found are all there is to read.
  const std::int64_t writes = people_version - before.people_version;
  if (db.dialect() == sql::Dialect::sqlite && writes_found != writes) return read_changed_people_by_scan(db, before);
  if (cheaper_to_read_all(to_read.size(), old.size())) return nullptr;
  return with_read_again(db, old, to_read, std::move(gone));
}

void add_skill_names(DirectorySkills& skills, const Person& p) {
  for (const auto& s : p.skills) ++skills.holders[s.name];
}

std::shared_ptr<const DirectorySkills> count_skills(const DirectoryPeople& people) {
  auto out = std::make_shared<DirectorySkills>();
  people.for_each([&](const DirectoryPeople::PersonPtr& p) { add_skill_names(*out, *p); });
  for (const auto& [name, n] : out->holders) out->names.push_back(name);
  return out;
}

// `before`'s counts with the changed people's skill names taken out and put back; shared
// as they were when no changed person's names differ (a bio edit, a new title).
std::shared_ptr<const DirectorySkills> recount_skills(const DirectoryPeople& was, const DirectoryPeople& is,
                                                      const std::shared_ptr<const DirectorySkills>& before) {
  std::shared_ptr<DirectorySkills> out;
  auto names = [](const Person& p) {
    std::vector<std::string> n;
    for (const auto& s : p.skills) n.push_back(s.name);
    return n;
  };
  DirectoryPeople::for_each_change(was, is, [&](const Person* old, const Person* now) {
    if (old && now && names(*old) == names(*now)) return;
    if (!out) out = std::make_shared<DirectorySkills>(*before);
    if (old)
      for (const auto& s : old->skills) {
        auto it = out->holders.find(s.name);
        if (it != out->holders.end() && --it->second <= 0) out->holders.erase(it);
      }
    if (now) add_skill_names(*out, *now);
  });
  if (!out) return before;
  out->names.clear();
  for (const auto& [name, n] : out->holders) out->names.push_back(name);
  return out;
}

// The mentors' profiles, reusing `before`'s for every person who did not change, unless the
// profile went stale: a new year (years of experience) or a zone in `stale_zones` (daylight
// saving began or ended). New profiles record their zone's offset in `zones`.
std::vector<std::shared_ptr<const matching::MentorProfile>> mentor_profiles(const DirectoryPeople& people,
                                                                           const DirectorySnapshot* before,
                                                                           bool all_stale,
                                                                           const std::set<std::string>& stale_zones,
                                                                           Zones& zones, TimePoint now) {
  std::vector<std::shared_ptr<const matching::MentorProfile>> out;
  out.reserve(before ? before->mentors.size() + 16 : people.size() / 4);
  people.for_each([&](const DirectoryPeople::PersonPtr& p) {
    if (!is_mentor(*p)) return;
    // The same Person as before: its profile is still good unless it went stale.
    if (before && !all_stale && !stale_zones.count(p->timezone) && before->people->find(p->id) == p.get())
      if (auto at = before->mentors.index_of(p->id)) {
        out.push_back(before->mentors.shared_profile(*at));
        return;
      }
    auto profile = std::make_shared<const matching::MentorProfile>(matching::mentor_profile(*p, now));
    zones[p->timezone] = profile->utc_offset_minutes;
    out.push_back(std::move(profile));
  });
  return out;
}

// The mentors whose profile `was` -> `is` changed, for MentorTable::patched: a new profile for each
// changed, new or returning mentor, a removal for each who stopped mentoring or left. Only the
// changed people are looked at, so a refresh after one edit touches one profile. New profiles
// record their zone's offset in `zones`.
std::vector<matching::MentorChange> mentor_changes(const DirectoryPeople& was, const DirectoryPeople& is, Zones& zones,
                                                   TimePoint now) {
  std::vector<matching::MentorChange> out;
  DirectoryPeople::for_each_change(was, is, [&](const Person* old, const Person* fresh) {
    if (fresh && is_mentor(*fresh)) {
      auto profile = std::make_shared<const matching::MentorProfile>(matching::mentor_profile(*fresh, now));
      zones[fresh->timezone] = profile->utc_offset_minutes;
      out.push_back({fresh->id, std::move(profile)});
    } else if (old && is_mentor(*old)) {
      out.push_back({old->id, nullptr});
    }
  });
  return out;
}

// Places come from live relationships and responsiveness from the requests received.
void read_relationships(sql::Connection& db, DirectorySnapshot& next) {
  const auto live = storage::live_mentees_by_mentor(db);
  const auto received = storage::requests_received_by_mentor(db);
  next.live_mentees = std::unordered_map<PersonId, int>(live.begin(), live.end());
  const std::vector<ReceivedRequest> none;
  for (std::size_t i = 0; i < next.mentors.size(); ++i) {
    const PersonId id = next.mentors.row(i).id;
    auto l = live.find(id);
    auto r = received.find(id);
    const Responsiveness resp = responsiveness(r == received.end() ? none : r->second);
    next.mentors.set_places_and_responsiveness(i, l == live.end() ? 0 : l->second, resp.answer_rate,
                                               resp.median_hours_to_answer);
  }
}

// Relationships did not change: places and responsiveness carry over from `before`. False,
// with nothing to rely on, when a mentor is new to the table (their relationships were never read).
bool carry_relationships(const DirectorySnapshot& before, DirectorySnapshot& next) {
  for (std::size_t i = 0; i < next.mentors.size(); ++i) {
    const auto at = before.mentors.index_of(next.mentors.row(i).id);
    if (!at) return false;
    const matching::MentorRow& r = before.mentors.row(*at);
    next.mentors.set_places_and_responsiveness(
        i, r.live_mentees, r.has_answer_rate ? std::optional<double>(r.answer_rate) : std::nullopt,
        r.has_median_hours ? std::optional<double>(r.median_hours_to_answer) : std::nullopt);
  }
  next.live_mentees = before.live_mentees;
  return true;
}

// The snapshot for what `db`'s transaction sees (counters `people_version`,
// `relationships_version`), built from `before` (any earlier or later snapshot, or none).
std::shared_ptr<const DirectorySnapshot> build(sql::Connection& db, TimePoint now, const DirectorySnapshot* before,
                                               std::int64_t people_version, std::int64_t relationships_version) {
  auto next = std::make_shared<DirectorySnapshot>();
  next->people_version = people_version;
  next->relationships_version = relationships_version;
  next->profile_year = year_of(now);

  if (before && before->people_version == people_version) {
    next->people = before->people;
    next->skills = before->skills;
    next->people_read_at = before->people_read_at;
  } else {
    if (before) next->people = read_changed_people(db, *before, people_version);
    if (next->people) {
      next->skills = recount_skills(*before->people, *next->people, before->skills);
    } else {
      next->people = read_all_people(db);
      next->skills = count_skills(*next->people);
      before = nullptr;  // every Person is new: nothing left to share
    }
    next->people_read_at = now;
  }

  // Profiles count experience up to this year and hold their zone's offset now.
  const bool all_stale = before && before->profile_year != next->profile_year;
  Zones zones = before ? *before->zone_offsets : Zones{};
  std::set<std::string> stale_zones;
  for (auto& [zone, offset] : zones) {
    const auto current = utc_offset_minutes(zone, now);
    if (current != offset) stale_zones.insert(zone), offset = current;
  }
  // Whether the rows hold every mentor's current places and responsiveness already.
  bool places_carried = false;
  if (before && before->people == next->people && !all_stale && stale_zones.empty()) {
    next->mentors = before->mentors;  // shares everything but the rows
    places_carried = true;
  } else if (before && !all_stale && stale_zones.empty()) {
    std::size_t added = 0;
    next->mentors = before->mentors.patched(mentor_changes(*before->people, *next->people, zones, now), &added);
    places_carried = added == 0;  // a new mentor's places were never read
  } else {
    next->mentors = matching::MentorTable(mentor_profiles(*next->people, before, all_stale, stale_zones, zones, now),
                                          before ? &before->mentors : nullptr);
  }
  next->zone_offsets = std::make_shared<const Zones>(std::move(zones));

  const bool same_relationships = before && before->relationships_version == relationships_version;
  if (same_relationships && places_carried)
    next->live_mentees = before->live_mentees;
  else if (!(same_relationships && carry_relationships(*before, *next)))
    read_relationships(db, *next);
  return next;
}

}  // namespace

std::shared_ptr<const DirectorySnapshot> Directory::current(sql::Connection& db, TimePoint now) {
  const std::int64_t people_version = storage::change_counter(db, "people");
  const std::int64_t relationships_version = storage::change_counter(db, "relationships");
  auto matches = [&](const std::shared_ptr<const DirectorySnapshot>& s) {
    return s && s->people_version == people_version && s->relationships_version == relationships_version;
  };
  {
    std::lock_guard lock(mutex_);
    if (matches(snapshot_)) return snapshot_;
  }
  // Only requests that need a newer snapshot wait here; the others keep using the current one.
  std::lock_guard building(build_mutex_);
  std::shared_ptr<const DirectorySnapshot> base;
  {
    std::lock_guard lock(mutex_);
    base = snapshot_;
  }
  if (matches(base)) return base;  // refreshed by the request this one waited for
  auto next = build(db, now, base.get(), people_version, relationships_version);
  {
    std::lock_guard lock(mutex_);
    // A transaction that began before the installed snapshot's sees older counters: it gets a
    // snapshot of its own view and the newer one stays.
    if (!snapshot_ ||
        (people_version >= snapshot_->people_version && relationships_version >= snapshot_->relationships_version))
      snapshot_ = next;
  }
  return next;
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

}  // namespace mh::services
