#include "storage/workspace_repo.hpp"

#include "storage/calendar_repo.hpp"
#include "storage/sql/rows.hpp"
#include "storage/sql/time_values.hpp"
#include "storage/video_repo.hpp"

#include <nlohmann/json.hpp>

namespace mh::storage {

using nlohmann::json;
using sql::Value;

namespace {

std::string agenda_text(const std::vector<AgendaItem>& agenda) {
  json a = json::array();
  for (const auto& item : agenda) a.push_back({{"kind", to_string(item.kind)}, {"ref_id", item.ref_id}, {"text", item.text}});
  return a.dump();
}

std::vector<AgendaItem> agenda_from(const std::string& text) {
  std::vector<AgendaItem> out;
  for (const auto& item : json::parse(text, nullptr, false)) {
    if (!item.is_object()) continue;
    out.push_back({sql::decoded(item.value("kind", ""), parse_agenda_kind, "agenda kind"),
                   item.value("ref_id", std::int64_t{0}), item.value("text", "")});
  }
  return out;
}

constexpr const char* kMeetingColumns =
    "id, relationship_id, starts_at, duration_minutes, medium, location, status, agenda, shared_notes, created_at, "
    "recorded_afterwards, calendar_sequence";

Meeting meeting_from_row(const sql::Row& r) {
  Meeting m;
  m.id = r.int64(0);
  m.relationship_id = r.int64(1);
  m.starts_at = TimePoint(Seconds(r.int64(2)));
  m.duration_minutes = static_cast<int>(r.int64(3));
  m.medium = sql::decoded(r.text(4), parse_medium, "medium");
  m.where = r.text(5);
  m.status = sql::decoded(r.text(6), parse_meeting_status, "meeting status");
  m.agenda = agenda_from(r.text(7));
  m.shared_notes = r.text(8);
  m.created_at = TimePoint(Seconds(r.int64(9)));
  m.recorded_afterwards = r.int64(10) != 0;
  m.calendar_sequence = static_cast<int>(r.int64(11));
  return m;
}

}  // namespace

MeetingId insert_meeting(sql::Connection& db, const Meeting& m) {
  const MeetingId id = db
      .execute("INSERT INTO meetings (relationship_id, starts_at, duration_minutes, medium, location, status, agenda, "
               "shared_notes, created_at, recorded_afterwards) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
               std::vector<Value>{m.relationship_id, sql::unix_seconds(m.starts_at), std::int64_t{m.duration_minutes},
                                  to_string(m.medium), m.where, to_string(m.status), agenda_text(m.agenda),
                                  m.shared_notes, sql::unix_seconds(m.created_at),
                                  std::int64_t{m.recorded_afterwards ? 1 : 0}})
      .rows.at(0)
      .int64(0);
  create_video_room(db, VideoSubject::meeting, id, m.created_at);
  return id;
}

void update_meeting(sql::Connection& db, const Meeting& m) {
  const std::int64_t starts = sql::unix_seconds(m.starts_at);
  const std::string medium = to_string(m.medium), status = to_string(m.status);
  // The SET expressions read the row as it was: the sequence goes up when what a calendar shows
  // changes, whoever changed it.
  db.execute("UPDATE meetings SET calendar_sequence = calendar_sequence + " + std::string(calendar_change_sql()) +
                 ", starts_at = ?, duration_minutes = ?, medium = ?, location = ?, status = ?, agenda = ?, "
                 "shared_notes = ? WHERE id = ? AND relationship_id = ?",
             std::vector<Value>{starts, std::int64_t{m.duration_minutes}, medium, m.where, status, status,
                                starts, std::int64_t{m.duration_minutes}, medium, m.where, status,
                                agenda_text(m.agenda), m.shared_notes, m.id, m.relationship_id});
}

std::optional<Meeting> find_meeting(sql::Connection& db, RelationshipId rel, MeetingId id) {
  auto rs = db.execute(std::string("SELECT ") + kMeetingColumns + " FROM meetings WHERE id = ? AND relationship_id = ?",
                       std::vector<Value>{id, rel});
  if (rs.rows.empty()) return std::nullopt;
  return meeting_from_row(rs.rows[0]);
}

std::vector<Meeting> meetings_of(sql::Connection& db, RelationshipId rel) {
  return sql::all_rows<Meeting>(
      db, std::string("SELECT ") + kMeetingColumns + " FROM meetings WHERE relationship_id = ? ORDER BY starts_at, id",
      {rel}, [&](const sql::Row& row) -> Meeting { return meeting_from_row(row); });
}

std::string private_note(sql::Connection& db, MeetingId meeting, PersonId author) {
  auto rs = db.execute("SELECT text FROM meeting_private_notes WHERE meeting_id = ? AND author_id = ?",
                       std::vector<Value>{meeting, author});
  return rs.rows.empty() ? std::string() : rs.rows[0].text(0);
}

void save_private_note(sql::Connection& db, MeetingId meeting, PersonId author, const std::string& text, TimePoint at) {
  db.execute("INSERT INTO meeting_private_notes (meeting_id, author_id, text, updated_at) VALUES (?, ?, ?, ?) "
             "ON CONFLICT (meeting_id, author_id) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at",
             std::vector<Value>{meeting, author, text, sql::unix_seconds(at)});
}

StoryId insert_story(sql::Connection& db, const Story& s, TimePoint at) {
  return db
      .execute("INSERT INTO stories (meeting_id, teller_id, story, point, created_at) VALUES (?, ?, ?, ?, ?) "
               "RETURNING id",
               std::vector<Value>{s.meeting_id, s.teller_id, s.story, s.point, sql::unix_seconds(at)})
      .rows.at(0)
      .int64(0);
}

void save_reflection(sql::Connection& db, StoryId id, const std::string& reflection, TimePoint at) {
  db.execute("UPDATE stories SET reflection = ?, reflected_at = ? WHERE id = ?",
             std::vector<Value>{reflection, sql::unix_seconds(at), id});
}

std::vector<Story> stories_of(sql::Connection& db, RelationshipId rel) {
  return sql::all_rows<Story>(db,
                              "SELECT s.id, s.meeting_id, s.teller_id, s.story, s.point, s.reflection, "
                              "s.reflected_at FROM stories s JOIN meetings m ON m.id = s.meeting_id WHERE "
                              "m.relationship_id = ? ORDER BY s.id",
                              {rel}, [&](const sql::Row& row) -> Story {
                                return {row.int64(0),
                                        row.int64(1),
                                        row.int64(2),
                                        row.text(3),
                                        row.text(4),
                                        row.text(5),
                                        sql::optional_time_of(row, 6)};
                              });
}

}  // namespace mh::storage
