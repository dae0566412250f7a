#include "storage/availability_repo.hpp"

#include <chrono>
#include <string>

namespace mh::storage {

using sql::Value;

namespace {

std::int64_t secs(TimePoint t) { return t.time_since_epoch().count(); }

std::chrono::sys_days stored_day(const std::string& text) { return sql::decoded(text, parse_day, "date"); }

Weekday stored_weekday(std::int64_t v) {
  if (v < 0 || v > 6) throw sql::Error(sql::Error::Kind::corrupt_row, "a stored weekday cannot be read: " + std::to_string(v));
  return static_cast<Weekday>(v);
}

}  // namespace

std::optional<Availability> find_availability(sql::Connection& db, PersonId person) {
  auto head = db.execute("SELECT timezone FROM availability WHERE person_id = ?", std::vector<Value>{person});
  if (head.rows.empty()) return std::nullopt;
  Availability a;
  a.timezone = head.rows[0].text(0);
  auto windows = db.execute(
      "SELECT weekday, start_minute, end_minute FROM availability_windows WHERE person_id = ? "
      "ORDER BY weekday, start_minute",
      std::vector<Value>{person});
  for (const auto& r : windows.rows)
    a.windows.push_back({stored_weekday(r.int64(0)), static_cast<int>(r.int64(1)), static_cast<int>(r.int64(2))});
  auto exceptions = db.execute(
      "SELECT kind, from_day, to_day, start_minute, end_minute, note FROM availability_exceptions "
      "WHERE person_id = ? ORDER BY position",
      std::vector<Value>{person});
  for (const auto& r : exceptions.rows) {
    AvailabilityException e;
    e.kind = sql::decoded(r.text(0), parse_exception_kind, "exception kind");
    e.from = stored_day(r.text(1));
    e.to = stored_day(r.text(2));
    e.start_minute = static_cast<int>(r.int64(3));
    e.end_minute = static_cast<int>(r.int64(4));
    e.note = r.text(5);
    a.exceptions.push_back(std::move(e));
  }
  return a;
}

void save_availability(sql::Connection& db, PersonId person, const Availability& a, TimePoint at) {
  delete_availability(db, person);
  db.execute("INSERT INTO availability (person_id, timezone, updated_at) VALUES (?, ?, ?)",
             std::vector<Value>{person, a.timezone, secs(at)});
  for (const auto& w : a.windows)
    db.execute("INSERT INTO availability_windows (person_id, weekday, start_minute, end_minute) VALUES (?, ?, ?, ?)",
               std::vector<Value>{person, std::int64_t{static_cast<int>(w.day)}, std::int64_t{w.start_minute},
                                  std::int64_t{w.end_minute}});
  std::int64_t position = 0;
  for (const auto& e : a.exceptions)
    db.execute(
        "INSERT INTO availability_exceptions (person_id, position, kind, from_day, to_day, start_minute, end_minute, "
        "note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        std::vector<Value>{person, position++, std::string(to_string(e.kind)), format_day(e.from), format_day(e.to),
                           std::int64_t{e.start_minute}, std::int64_t{e.end_minute}, e.note});
}

std::optional<TimePoint> availability_updated_at(sql::Connection& db, PersonId person) {
  auto rs = db.execute("SELECT updated_at FROM availability WHERE person_id = ?", std::vector<Value>{person});
  if (rs.rows.empty()) return std::nullopt;
  return TimePoint(Seconds(rs.rows[0].int64(0)));
}

void delete_availability(sql::Connection& db, PersonId person) {
  db.execute("DELETE FROM availability_exceptions WHERE person_id = ?", std::vector<Value>{person});
  db.execute("DELETE FROM availability_windows WHERE person_id = ?", std::vector<Value>{person});
  db.execute("DELETE FROM availability WHERE person_id = ?", std::vector<Value>{person});
}

std::vector<TimeInterval> taken_times(sql::Connection& db, PersonId person, TimePoint from, TimePoint to) {
  // A meeting or session lasts at most a day, so one starting a day before `from` may still run.
  const std::int64_t lo = secs(from) - 86400, hi = secs(to);
  std::vector<TimeInterval> out;
  const auto add = [&](const sql::ResultSet& rs) {
    for (const auto& r : rs.rows) {
      const TimePoint start{Seconds(r.int64(0))};
      const TimeInterval i{start, start + std::chrono::minutes(r.int64(1))};
      if (i.end > from && i.start < to) out.push_back(i);
    }
  };
  add(db.execute(
      "SELECT m.starts_at, m.duration_minutes FROM meetings m JOIN relationships r ON r.id = m.relationship_id "
      "WHERE (r.mentee_id = ? OR r.mentor_id = ?) AND m.status = 'scheduled' AND m.starts_at >= ? AND m.starts_at < ?",
      std::vector<Value>{person, person, lo, hi}));
  add(db.execute(
      "SELECT starts_at, duration_minutes FROM flash_bookings WHERE (mentee_id = ? OR mentor_id = ?) "
      "AND status = 'booked' AND starts_at >= ? AND starts_at < ?",
      std::vector<Value>{person, person, lo, hi}));
  return out;
}

}  // namespace mh::storage
