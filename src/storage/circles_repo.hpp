// Circles in the store: the circle (with its purpose, one row), its roster and waitlist, the
// audit trail of who joined, waited, moved up, left or was removed, the purpose's objectives,
// group sessions with attendance, and the host's stories and each member's reflection (members'
// action items and the debriefs, the same as a relationship's, are in content_repo.hpp). Free
// functions over a connection inside a Store transaction; they never commit. Every lookup of a
// circle's part is scoped to its circle, so an id from another circle reads as missing.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/circle.hpp"
#include "storage/sql/connection.hpp"

namespace mh::storage {

CircleId insert_circle(sql::Connection& db, const Circle& c);
std::optional<Circle> find_circle(sql::Connection& db, CircleId id);
// Writes the settings, the state and its timestamps.
void update_circle(sql::Connection& db, const Circle& c);

struct CircleFilter {
  std::optional<CircleState> state;
  std::optional<bool> accepting;             // accepting members (and active)
  std::optional<PersonId> involving;         // hosted by, or with a row for, this person
  std::optional<CircleId> after;             // cursor: ids greater than this
  int limit = 50;
};
std::vector<Circle> list_circles(sql::Connection& db, const CircleFilter& f);
// Every circle, oldest first (the administrator's overview).
std::vector<Circle> all_circles(sql::Connection& db);

// What the administrators' overview counts of a circle (never its content).
struct CircleCounts {
  int members = 0, waitlisted = 0, requested = 0, left = 0;  // left: left or removed
  bool purpose_agreed = false;
  int sessions_held = 0, sessions_scheduled = 0;
  int action_items = 0, action_items_done = 0;
  int debriefs = 0;
};
// Every circle's counts, by circle id, in five statements whatever the number of circles.
std::unordered_map<CircleId, CircleCounts> circle_counts(sql::Connection& db);

// The circle's rows: members, waitlisted, requests and those who left, declined or were removed.
std::vector<CircleMember> roster_of(sql::Connection& db, CircleId circle);
// Inserts or rewrites the person's row.
void save_member(sql::Connection& db, const CircleMember& m);
// The next queue number of the circle: after everyone who entered the line before.
std::int64_t next_queue_number(sql::Connection& db, CircleId circle);

struct CircleEvent {
  CircleId circle_id = 0;
  std::optional<PersonId> person_id;  // whose standing changed; none for the circle itself
  std::optional<PersonId> actor_id;   // who did it; none for the system (a promotion)
  std::string from;
  std::string to;
  TimePoint at{};
  std::string note;
};
void insert_circle_event(sql::Connection& db, const CircleEvent& e);
std::vector<CircleEvent> circle_events_of(sql::Connection& db, CircleId circle);

CirclePurpose load_circle_purpose(sql::Connection& db, CircleId circle);
// Objectives without an id are inserted (their ids written back), those no longer listed are
// deleted (action items lose the link).
void save_circle_purpose(sql::Connection& db, CircleId circle, CirclePurpose& p);

CircleSessionId insert_circle_session(sql::Connection& db, const CircleSession& s);
void update_circle_session(sql::Connection& db, const CircleSession& s);
std::optional<CircleSession> find_circle_session(sql::Connection& db, CircleId circle, CircleSessionId id);
std::vector<CircleSession> circle_sessions_of(sql::Connection& db, CircleId circle);

struct AttendanceRecord {
  CircleSessionId session_id = 0;
  PersonId person_id = 0;
  Attendance status = Attendance::present;
  PersonId recorded_by = 0;
  TimePoint recorded_at{};
};
void save_attendance(sql::Connection& db, const AttendanceRecord& a);
std::vector<AttendanceRecord> attendance_of(sql::Connection& db, CircleId circle);

// Stories of the circle's sessions: a Story whose meeting_id is the session's id.
StoryId insert_circle_story(sql::Connection& db, CircleId circle, const Story& s, TimePoint at);
std::vector<Story> circle_stories_of(sql::Connection& db, CircleId circle);

struct CircleReflection {
  StoryId story_id = 0;
  PersonId person_id = 0;
  std::string reflection;
  TimePoint reflected_at{};
};
void save_circle_reflection(sql::Connection& db, const CircleReflection& r);
std::vector<CircleReflection> circle_reflections_of(sql::Connection& db, CircleId circle);


}  // namespace mh::storage
