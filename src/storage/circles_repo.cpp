#include "storage/circles_repo.hpp"

#include "storage/calendar_repo.hpp"
#include "storage/content_repo.hpp"
#include "storage/sql/rows.hpp"
#include "storage/sql/time_values.hpp"
#include "storage/video_repo.hpp"

#include <nlohmann/json.hpp>

namespace mh::storage {

using nlohmann::json;
using sql::Value;

namespace {

using sql::unix_seconds;

constexpr const char* kCircleColumns =
    "id, host_id, created_by, topic, description, size_limit, cadence_days, medium, membership, accepting_members, "
    "state, created_at, updated_at, concluding_at, concluded_at";

Circle circle_from_row(const sql::Row& r) {
  Circle c;
  c.id = r.int64(0);
  c.host_id = r.int64(1);
  c.created_by = r.int64(2);
  c.topic = r.text(3);
  c.description = r.text(4);
  c.size_limit = static_cast<int>(r.int64(5));
  c.cadence_days = static_cast<int>(r.int64(6));
  c.medium = sql::decoded(r.text(7), parse_medium, "medium");
  c.membership = sql::decoded(r.text(8), parse_membership, "membership");
  c.accepting_members = r.int64(9) != 0;
  c.state = sql::decoded(r.text(10), parse_circle_state, "circle state");
  c.created_at = sql::time_of(r, 11);
  c.updated_at = sql::time_of(r, 12);
  c.concluding_at = sql::optional_time_of(r, 13);
  c.concluded_at = sql::optional_time_of(r, 14);
  return c;
}

constexpr const char* kSessionColumns =
    "id, circle_id, starts_at, duration_minutes, medium, location, status, notes, created_at, calendar_sequence";

CircleSession session_from_row(const sql::Row& r) {
  CircleSession s;
  s.id = r.int64(0);
  s.circle_id = r.int64(1);
  s.starts_at = sql::time_of(r, 2);
  s.duration_minutes = static_cast<int>(r.int64(3));
  s.medium = sql::decoded(r.text(4), parse_medium, "medium");
  s.where = r.text(5);
  s.status = sql::decoded(r.text(6), parse_meeting_status, "meeting status");
  s.notes = r.text(7);
  s.created_at = sql::time_of(r, 8);
  s.calendar_sequence = static_cast<int>(r.int64(9));
  return s;
}

}  // namespace

CircleId insert_circle(sql::Connection& db, const Circle& c) {
  return sql::returned_id(
      db,
      "INSERT INTO circles (host_id, created_by, topic, description, size_limit, cadence_days, medium, "
      "membership, accepting_members, state, created_at, updated_at, concluding_at, concluded_at) VALUES "
      "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      std::vector<Value>{c.host_id, c.created_by, c.topic, c.description, std::int64_t{c.size_limit},
                         std::int64_t{c.cadence_days}, to_string(c.medium), to_string(c.membership),
                         std::int64_t{c.accepting_members ? 1 : 0}, to_string(c.state), unix_seconds(c.created_at),
                         unix_seconds(c.updated_at), sql::optional_time(c.concluding_at),
                         sql::optional_time(c.concluded_at)});
}

std::optional<Circle> find_circle(sql::Connection& db, CircleId id) {
  return sql::first_row<Circle>(db, std::string("SELECT ") + kCircleColumns + " FROM circles WHERE id = ?",
                                std::vector<Value>{id}, circle_from_row);
}

void update_circle(sql::Connection& db, const Circle& c) {
  db.execute("UPDATE circles SET topic = ?, description = ?, size_limit = ?, cadence_days = ?, medium = ?, "
             "membership = ?, accepting_members = ?, state = ?, updated_at = ?, concluding_at = ?, concluded_at = ? "
             "WHERE id = ?",
             std::vector<Value>{c.topic, c.description, std::int64_t{c.size_limit}, std::int64_t{c.cadence_days},
                                to_string(c.medium), to_string(c.membership),
                                std::int64_t{c.accepting_members ? 1 : 0}, to_string(c.state), unix_seconds(c.updated_at),
                                sql::optional_time(c.concluding_at), sql::optional_time(c.concluded_at), c.id});
}

std::vector<Circle> list_circles(sql::Connection& db, const CircleFilter& f) {
  std::string q = std::string("SELECT ") + kCircleColumns + " FROM circles WHERE 1 = 1";
  std::vector<Value> params;
  if (f.state) {
    q += " AND state = ?";
    params.emplace_back(std::string(to_string(*f.state)));
  }
  if (f.accepting) {
    q += *f.accepting ? " AND accepting_members = 1 AND state = 'active'"
                      : " AND (accepting_members = 0 OR state <> 'active')";
  }
  if (f.involving) {
    q += " AND (host_id = ? OR EXISTS (SELECT 1 FROM circle_members m WHERE m.circle_id = circles.id AND "
         "m.person_id = ?))";
    params.emplace_back(*f.involving);
    params.emplace_back(*f.involving);
  }
  if (f.after) {
    q += " AND id > ?";
    params.emplace_back(*f.after);
  }
  q += " ORDER BY id LIMIT ?";
  params.emplace_back(std::int64_t{f.limit});
  return sql::all_rows<Circle>(db, q, params, circle_from_row);
}

std::vector<Circle> all_circles(sql::Connection& db) {
  return sql::all_rows<Circle>(db, std::string("SELECT ") + kCircleColumns + " FROM circles ORDER BY id", {},
                               circle_from_row);
}

std::vector<CircleMember> roster_of(sql::Connection& db, CircleId circle) {
  return sql::all_rows<CircleMember>(
      db,
      "SELECT person_id, status, queue_position, message, decline_reason, requested_at, since FROM circle_members "
      "WHERE circle_id = ? ORDER BY queue_position, person_id",
      {circle}, [&](const sql::Row& r) {
        CircleMember m;
        m.circle_id = circle;
        m.person_id = r.int64(0);
        m.status = sql::decoded(r.text(1), parse_member_status, "member status");
        m.queue = r.int64(2);
        m.message = r.text(3);
        m.decline_reason = r.text(4);
        m.requested_at = sql::time_of(r, 5);
        m.since = sql::time_of(r, 6);
        return m;
      });
}

void save_member(sql::Connection& db, const CircleMember& m) {
  db.execute("INSERT INTO circle_members (circle_id, person_id, status, queue_position, message, decline_reason, "
             "requested_at, since) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (circle_id, person_id) DO UPDATE SET "
             "status = excluded.status, queue_position = excluded.queue_position, message = excluded.message, "
             "decline_reason = excluded.decline_reason, requested_at = excluded.requested_at, since = excluded.since",
             std::vector<Value>{m.circle_id, m.person_id, to_string(m.status), m.queue, m.message, m.decline_reason,
                                unix_seconds(m.requested_at), unix_seconds(m.since)});
}

std::int64_t next_queue_number(sql::Connection& db, CircleId circle) {
  return db.execute("SELECT COALESCE(MAX(queue_position), 0) + 1 FROM circle_members WHERE circle_id = ?",
                    std::vector<Value>{circle})
      .rows.at(0)
      .int64(0);
}

void insert_circle_event(sql::Connection& db, const CircleEvent& e) {
  db.execute("INSERT INTO circle_events (circle_id, person_id, actor_id, from_status, to_status, at, note) VALUES (?, "
             "?, ?, ?, ?, ?, ?)",
             std::vector<Value>{e.circle_id, sql::optional_id(e.person_id), sql::optional_id(e.actor_id), e.from, e.to, unix_seconds(e.at), e.note});
}

std::vector<CircleEvent> circle_events_of(sql::Connection& db, CircleId circle) {
  return sql::all_rows<CircleEvent>(db,
                                    "SELECT person_id, actor_id, from_status, to_status, at, note FROM circle_events "
                                    "WHERE circle_id = ? ORDER BY id",
                                    {circle}, [&](const sql::Row& r) -> CircleEvent {
                                      return {circle,    r.opt_int64(0),     r.opt_int64(1), r.text(2),
                                              r.text(3), sql::time_of(r, 4), r.text(5)};
                                    });
}

CirclePurpose load_circle_purpose(sql::Connection& db, CircleId circle) {
  CirclePurpose p;
  auto rs = db.execute("SELECT desired_outcome, purpose_version, purpose_agreed_version, purpose_agreed_at FROM circles "
                       "WHERE id = ?",
                       std::vector<Value>{circle});
  if (rs.rows.empty()) return p;
  const auto& row = rs.rows[0];
  p.desired_outcome = row.text(0);
  p.version = static_cast<int>(row.int64(1));
  p.agreed_version = static_cast<int>(row.int64(2));
  p.agreed_at = sql::optional_time_of(row, 3);
  p.objectives = objectives_of(db, ContentOwner::circle(circle));
  return p;
}

void save_circle_purpose(sql::Connection& db, CircleId circle, CirclePurpose& p) {
  db.execute("UPDATE circles SET desired_outcome = ?, purpose_version = ?, purpose_agreed_version = ?, "
             "purpose_agreed_at = ? WHERE id = ?",
             std::vector<Value>{p.desired_outcome, std::int64_t{p.version}, std::int64_t{p.agreed_version},
                                sql::optional_time(p.agreed_at), circle});
  save_objectives(db, ContentOwner::circle(circle), p.objectives);
}

CircleSessionId insert_circle_session(sql::Connection& db, const CircleSession& s) {
  const CircleSessionId id = db
      .execute("INSERT INTO circle_sessions (circle_id, starts_at, duration_minutes, medium, location, status, notes, "
               "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
               std::vector<Value>{s.circle_id, unix_seconds(s.starts_at), std::int64_t{s.duration_minutes}, to_string(s.medium),
                                  s.where, to_string(s.status), s.notes, unix_seconds(s.created_at)})
      .rows.at(0)
      .int64(0);
  create_video_room(db, VideoSubject::circle_session, id, s.created_at);
  return id;
}

void update_circle_session(sql::Connection& db, const CircleSession& s) {
  const std::int64_t starts = unix_seconds(s.starts_at);
  const std::string medium = to_string(s.medium), status = to_string(s.status);
  // As update_meeting: the sequence goes up when what a calendar shows changes.
  db.execute("UPDATE circle_sessions SET calendar_sequence = calendar_sequence + " + std::string(calendar_change_sql()) +
                 ", starts_at = ?, duration_minutes = ?, medium = ?, location = ?, status = ?, notes = ? "
                 "WHERE id = ? AND circle_id = ?",
             std::vector<Value>{starts, std::int64_t{s.duration_minutes}, medium, s.where, status, status,
                                starts, std::int64_t{s.duration_minutes}, medium, s.where, status, s.notes, s.id,
                                s.circle_id});
}

std::optional<CircleSession> find_circle_session(sql::Connection& db, CircleId circle, CircleSessionId id) {
  return sql::first_row<CircleSession>(
      db, std::string("SELECT ") + kSessionColumns + " FROM circle_sessions WHERE id = ? AND circle_id = ?",
      std::vector<Value>{id, circle}, session_from_row);
}

std::vector<CircleSession> circle_sessions_of(sql::Connection& db, CircleId circle) {
  return sql::all_rows<CircleSession>(
      db, std::string("SELECT ") + kSessionColumns + " FROM circle_sessions WHERE circle_id = ? ORDER BY starts_at, id",
      {circle}, [&](const sql::Row& row) -> CircleSession { return session_from_row(row); });
}

void save_attendance(sql::Connection& db, const AttendanceRecord& a) {
  db.execute("INSERT INTO circle_attendance (session_id, person_id, status, recorded_by, recorded_at) VALUES (?, ?, ?, "
             "?, ?) ON CONFLICT (session_id, person_id) DO UPDATE SET status = excluded.status, recorded_by = "
             "excluded.recorded_by, recorded_at = excluded.recorded_at",
             std::vector<Value>{a.session_id, a.person_id, to_string(a.status), a.recorded_by, unix_seconds(a.recorded_at)});
}

std::vector<AttendanceRecord> attendance_of(sql::Connection& db, CircleId circle) {
  return sql::all_rows<AttendanceRecord>(
      db,
      "SELECT a.session_id, a.person_id, a.status, a.recorded_by, a.recorded_at FROM "
      "circle_attendance a JOIN circle_sessions s ON s.id = a.session_id WHERE "
      "s.circle_id = ? ORDER BY a.session_id, a.person_id",
      {circle}, [&](const sql::Row& r) -> AttendanceRecord {
        return {r.int64(0), r.int64(1), sql::decoded(r.text(2), parse_attendance, "attendance"), r.int64(3),
                sql::time_of(r, 4)};
      });
}

StoryId insert_circle_story(sql::Connection& db, CircleId circle, const Story& s, TimePoint at) {
  return sql::returned_id(
      db,
      "INSERT INTO circle_stories (circle_id, session_id, teller_id, story, point, created_at) VALUES (?, ?, "
      "?, ?, ?, ?) RETURNING id",
      std::vector<Value>{circle, s.meeting_id, s.teller_id, s.story, s.point, unix_seconds(at)});
}

std::vector<Story> circle_stories_of(sql::Connection& db, CircleId circle) {
  return sql::all_rows<Story>(
      db, "SELECT id, session_id, teller_id, story, point FROM circle_stories WHERE circle_id = ? ORDER BY id",
      {circle}, [](const sql::Row& r) {
        Story s;
        s.id = r.int64(0);
        s.meeting_id = r.int64(1);
        s.teller_id = r.int64(2);
        s.story = r.text(3);
        s.point = r.text(4);
        return s;
      });
}

void save_circle_reflection(sql::Connection& db, const CircleReflection& r) {
  db.execute("INSERT INTO circle_reflections (story_id, person_id, reflection, reflected_at) VALUES (?, ?, ?, ?) ON "
             "CONFLICT (story_id, person_id) DO UPDATE SET reflection = excluded.reflection, reflected_at = "
             "excluded.reflected_at",
             std::vector<Value>{r.story_id, r.person_id, r.reflection, unix_seconds(r.reflected_at)});
}

std::vector<CircleReflection> circle_reflections_of(sql::Connection& db, CircleId circle) {
  return sql::all_rows<CircleReflection>(
      db,
      "SELECT r.story_id, r.person_id, r.reflection, r.reflected_at FROM circle_reflections "
      "r JOIN circle_stories s ON s.id = r.story_id WHERE s.circle_id = ? ORDER BY "
      "r.story_id, r.reflected_at, r.person_id",
      {circle}, [&](const sql::Row& r) -> CircleReflection {
        return {r.int64(0), r.int64(1), r.text(2), sql::time_of(r, 3)};
      });
}

std::unordered_map<CircleId, CircleCounts> circle_counts(sql::Connection& db) {
  std::unordered_map<CircleId, CircleCounts> out;
  for (const auto& r : db.execute("SELECT id, purpose_version, purpose_agreed_version FROM circles").rows)
    out[r.int64(0)].purpose_agreed = r.int64(1) > 0 && r.int64(2) == r.int64(1);
  for (const auto& r : db.execute("SELECT circle_id, status, COUNT(*) FROM circle_members GROUP BY circle_id, status").rows) {
    CircleCounts& c = out[r.int64(0)];
    const std::string& status = r.text(1);
    const int n = static_cast<int>(r.int64(2));
    if (status == to_string(MemberStatus::member)) c.members += n;
    else if (status == to_string(MemberStatus::waitlisted)) c.waitlisted += n;
    else if (status == to_string(MemberStatus::requested)) c.requested += n;
    else if (status == to_string(MemberStatus::left) || status == to_string(MemberStatus::removed)) c.left += n;
  }
  for (const auto& r : db.execute("SELECT circle_id, status, COUNT(*) FROM circle_sessions GROUP BY circle_id, status").rows) {
    CircleCounts& c = out[r.int64(0)];
    if (r.text(1) == to_string(MeetingStatus::held)) c.sessions_held += static_cast<int>(r.int64(2));
    else if (r.text(1) == to_string(MeetingStatus::scheduled)) c.sessions_scheduled += static_cast<int>(r.int64(2));
  }
  for (const auto& r : db.execute("SELECT circle_id, status, COUNT(*) FROM tasks WHERE circle_id IS NOT NULL GROUP BY "
                                  "circle_id, status")
                           .rows) {
    CircleCounts& c = out[r.int64(0)];
    c.action_items += static_cast<int>(r.int64(2));
    if (r.text(1) == to_string(TaskStatus::done)) c.action_items_done += static_cast<int>(r.int64(2));
  }
  for (const auto& r :
       db.execute("SELECT circle_id, COUNT(*) FROM debriefs WHERE circle_id IS NOT NULL GROUP BY circle_id").rows)
    out[r.int64(0)].debriefs = static_cast<int>(r.int64(1));
  return out;
}

}  // namespace mh::storage
