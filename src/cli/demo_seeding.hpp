// What the demo's seeding files share: the sign-ins and people they refer to by e-mail (the
// organisation itself is built in demo.cpp), and errors that name the step that broke, so a
// failing seed says which part of the demo went wrong.
#pragma once

#include <string>
#include <algorithm>
#include <chrono>
#include <map>
#include <optional>
#include <string_view>
#include <variant>
#include <vector>

#include "common/result.hpp"
#include "domain/person.hpp"
#include "domain/text.hpp"
#include "services/use_case.hpp"
#include "storage/notifications_repo.hpp"

namespace mh::cli::seeding {

// The units a seeded history is written in (`using namespace seeding` brings them along).
using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;

inline constexpr const char* kAdminEmail = "admin@northwind.example";
inline constexpr const char* kMayaEmail = "maya.patel@northwind.example";
inline constexpr const char* kDanielEmail = "daniel.okafor@northwind.example";
inline constexpr const char* kSofiaEmail = "sofia.marquez@northwind.example";
inline constexpr const char* kHelenaEmail = "helena.osei@northwind.example";
inline constexpr const char* kGraceEmail = "grace.whitaker@fernwoodadvisory.example";
inline constexpr const char* kRohanEmail = "rohan.mehta@lumeninstitute.example";
inline constexpr const char* kAishaEmail = "aisha.rahman@tidewater.example";
inline constexpr const char* kMarcusEmail = "marcus.bell@quillstone.example";
inline constexpr const char* kKwameEmail = "kwame.asante@northstarsecurity.example";

// "demo <part>, <what>: <message> (<field>)"
inline Error step_error(std::string_view part, const std::string& what, const Error& e) {
  return Error{ErrorCode::internal,
               "demo " + std::string(part) + ", " + what + ": " + e.message + (e.field.empty() ? "" : " (" + e.field + ")"),
               {}};
}
inline Error step_failure(std::string_view part, const std::string& what) {
  return Error{ErrorCode::internal, "demo " + std::string(part) + ": " + what, {}};
}

// A seeded history is read: the notifications a use case wrote at `at` are marked read a few hours later
// when `read` says so, or by default when they are more than a week before `now`.
inline void mark_notifications_read(sql::Connection& db, const std::vector<services::Event>& events, TimePoint at,
                             TimePoint now, std::optional<bool> read = std::nullopt) {
  if (!read.value_or(at < now - std::chrono::days(7))) return;
  for (const auto& e : events)
    if (const auto* n = std::get_if<services::Notified>(&e))
      storage::mark_notification_read(db, n->person_id, n->id, std::min(at + std::chrono::hours(5), now));
}

// The people the demo's story is about, as found in the organisation.
struct FixedPeople {
  const Person* admin = nullptr;
  const Person* maya = nullptr;
  const Person* daniel = nullptr;
  const Person* sofia = nullptr;
  const Person* helena = nullptr;
  const Person* grace = nullptr;
  const Person* rohan = nullptr;
  const Person* aisha = nullptr;
  const Person* marcus = nullptr;
  const Person* kwame = nullptr;
};

// The level `p` gives `skill` (names compared without case); 0 when they do not list it.
inline int level_of(const Person& p, const std::string& skill) {
  const std::string key = ascii_lower(skill);
  for (const auto& s : p.skills)
    if (ascii_lower(s.name) == key) return s.level;
  return 0;
}

inline bool seeks(const Person& p, Format f) {
  return std::find(p.formats_sought.begin(), p.formats_sought.end(), f) != p.formats_sought.end();
}

// The organisation's people as a seeder finds them, in id order, and the days it places its
// history on.
class Roster {
 public:
  explicit Roster(TimePoint now) : now_(now) {}

  void set_people(std::vector<Person> people) {
    std::sort(people.begin(), people.end(), [](const Person& a, const Person& b) { return a.id < b.id; });
    people_ = std::move(people);
    index_.clear();
    for (std::size_t i = 0; i < people_.size(); ++i) index_[people_[i].id] = i;
  }

  TimePoint now() const { return now_; }
  const std::vector<Person>& people() const { return people_; }
  const Person& person(PersonId id) const { return people_.at(index_.at(id)); }
  const Person* find(PersonId id) const {
    auto it = index_.find(id);
    return it == index_.end() ? nullptr : &people_[it->second];
  }
  const Person* by_email(const std::string& email) const {
    for (const auto& p : people_)
      if (p.email == email) return &p;
    return nullptr;
  }

  // The demo's fixed people, by their e-mail addresses; a failure naming the first one missing.
  Result<FixedPeople> fixed_people() const {
    FixedPeople f;
    const std::pair<const Person**, const char*> wanted[] = {
        {&f.admin, kAdminEmail},   {&f.maya, kMayaEmail},   {&f.daniel, kDanielEmail}, {&f.sofia, kSofiaEmail},
        {&f.helena, kHelenaEmail}, {&f.grace, kGraceEmail}, {&f.rohan, kRohanEmail},   {&f.aisha, kAishaEmail},
        {&f.marcus, kMarcusEmail}, {&f.kwame, kKwameEmail}};
    for (const auto& [person, email] : wanted)
      if (!(*person = by_email(email)))
        return Error{ErrorCode::internal, std::string("the fixed person ") + email + " is missing", {}};
    return f;
  }

  // `offset` days from today (UTC) at hh:mm UTC; today's midnight for offset 0 and no time.
  TimePoint day(int offset, int hour = 0, int minute = 0) const {
    return TimePoint(std::chrono::floor<std::chrono::days>(now_)) + std::chrono::days(offset) +
           std::chrono::hours(hour) + std::chrono::minutes(minute);
  }

 protected:
  TimePoint now_;
  std::vector<Person> people_;

 private:
  std::map<PersonId, std::size_t> index_;
};

}  // namespace mh::cli::seeding

// Returns the step's error from the seeding function when `expr` (a Status or Result) failed.
// Each file defines wrap(what, error) naming its part of the demo.
#define SEED_CHECK(what, expr)                                    \
  do {                                                            \
    auto seed_status_ = (expr);                                   \
    if (!seed_status_) return wrap((what), seed_status_.error()); \
  } while (0)
