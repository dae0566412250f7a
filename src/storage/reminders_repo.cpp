#include "storage/reminders_repo.hpp"

#include "storage/circles_repo.hpp"
#include "storage/relationships_repo.hpp"
#include "storage/sql/rows.hpp"
#include "storage/sql/time_values.hpp"

namespace mh::storage {

using sql::Value;

namespace {

std::vector<Value> window(TimePoint from, TimePoint to) { return {sql::unix_seconds(from), sql::unix_seconds(to)}; }

OverdueItem overdue_from_row(const sql::Row& row) {
  return {row.int64(0), row.int64(1), row.int64(2), row.text(3), TimePoint(Seconds(row.int64(4)))};
}

}  // namespace

std::vector<Upcoming> meetings_starting_between(sql::Connection& db, TimePoint from, TimePoint to) {
  return sql::all_rows<Upcoming>(
      db,
      "SELECT m.id, m.relationship_id, r.mentee_id, r.mentor_id, m.starts_at FROM meetings m "
      "JOIN relationships r ON r.id = m.relationship_id WHERE m.status = 'scheduled' AND m.starts_at > ? "
      "AND m.starts_at <= ? AND r.state IN ('starting', 'active', 'fading') ORDER BY m.id",
      window(from, to), [&](const sql::Row& row) -> Upcoming {
        return {row.int64(0), row.int64(1), {row.int64(2), row.int64(3)},
                row.int64(3), "",           TimePoint(Seconds(row.int64(4)))};
      });
}

std::vector<Upcoming> circle_sessions_starting_between(sql::Connection& db, TimePoint from, TimePoint to) {
  std::vector<Upcoming> out;
  for (const auto& row :
       db.execute("SELECT s.id, s.circle_id, c.host_id, c.topic, s.starts_at FROM circle_sessions s "
                  "JOIN circles c ON c.id = s.circle_id WHERE s.status = 'scheduled' AND s.starts_at > ? "
                  "AND s.starts_at <= ? AND c.state IN ('active', 'concluding') ORDER BY s.id",
                  window(from, to))
           .rows) {
    Upcoming u{row.int64(0), row.int64(1), {row.int64(2)}, std::nullopt, row.text(3), TimePoint(Seconds(row.int64(4)))};
    for (const auto& m : roster_of(db, u.within))
      if (m.status == MemberStatus::member) u.people.push_back(m.person_id);
    out.push_back(std::move(u));
  }
  return out;
}

std::vector<Upcoming> flash_bookings_starting_between(sql::Connection& db, TimePoint from, TimePoint to) {
  return sql::all_rows<Upcoming>(
      db,
      "SELECT b.id, b.topic_id, b.mentee_id, b.mentor_id, t.title, b.starts_at FROM flash_bookings b "
      "JOIN flash_topics t ON t.id = b.topic_id WHERE b.status = 'booked' AND b.starts_at > ? "
      "AND b.starts_at <= ? ORDER BY b.id",
      window(from, to), [&](const sql::Row& row) -> Upcoming {
        return {row.int64(0), row.int64(1), {row.int64(2), row.int64(3)},
                row.int64(3), row.text(4),  TimePoint(Seconds(row.int64(5)))};
      });
}

std::vector<OverdueItem> overdue_tasks(sql::Connection& db, TimePoint day_start) {
  return sql::all_rows<OverdueItem>(
      db,
      "SELECT t.id, t.relationship_id, CASE WHEN t.owner = 'mentor' THEN r.mentor_id ELSE r.mentee_id END, t.title, "
      "t.due FROM tasks t JOIN relationships r ON r.id = t.relationship_id WHERE t.status = 'open' AND t.due IS NOT "
      "NULL AND t.due < ? AND r.state IN ('starting', 'active', 'fading') ORDER BY t.id",
      std::vector<Value>{sql::unix_seconds(day_start)}, overdue_from_row);
}

std::vector<OverdueItem> overdue_action_items(sql::Connection& db, TimePoint day_start) {
  return sql::all_rows<OverdueItem>(
      db,
      "SELECT a.id, a.circle_id, a.owner_id, a.title, a.due FROM tasks a JOIN circles c ON c.id = a.circle_id WHERE "
      "a.status = 'open' AND a.due IS NOT NULL AND a.due < ? AND c.state IN ('active', 'concluding') ORDER BY a.id",
      std::vector<Value>{sql::unix_seconds(day_start)}, overdue_from_row);
}

std::vector<ReviewDue> reviews_due(sql::Connection& db, TimePoint now) {
  return sql::all_rows<ReviewDue>(db,
                                  "SELECT id, mentee_id, mentor_id, review_date FROM relationships WHERE "
                                  "review_date IS NOT NULL AND review_date <= ? AND state IN ('active', 'fading') "
                                  "ORDER BY id",
                                  {sql::unix_seconds(now)}, [&](const sql::Row& row) -> ReviewDue {
                                    return {row.int64(0), row.int64(1), row.int64(2), TimePoint(Seconds(row.int64(3)))};
                                  });
}

std::vector<Relationship> requests_expiring(sql::Connection& db, TimePoint now, TimePoint until) {
  std::vector<Relationship> out;
  for (const auto& row : db.execute("SELECT id FROM relationships WHERE state = 'requested' AND expires_at > ? AND "
                                    "expires_at <= ? ORDER BY id",
                                    window(now, until))
                             .rows)
    if (auto r = find_relationship(db, row.int64(0))) out.push_back(std::move(*r));
  return out;
}

}  // namespace mh::storage
