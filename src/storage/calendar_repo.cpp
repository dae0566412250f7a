#include "storage/calendar_repo.hpp"

#include <vector>

#include "storage/sql/time_values.hpp"

namespace mh::storage {

using sql::Value;

const char* calendar_change_sql() {
  return "(CASE WHEN starts_at <> ? OR duration_minutes <> ? OR medium <> ? OR location <> ? OR "
         "(status <> ? AND (status = 'cancelled' OR ? = 'cancelled')) THEN 1 ELSE 0 END)";
}

std::optional<std::string> calendar_feed_secret(sql::Connection& db, PersonId person) {
  auto rs = db.execute("SELECT secret FROM calendar_feeds WHERE person_id = ?", std::vector<Value>{person});
  if (rs.rows.empty()) return std::nullopt;
  return rs.rows[0].text(0);
}

void save_calendar_feed(sql::Connection& db, PersonId person, const std::string& secret, TimePoint at) {
  db.execute("INSERT INTO calendar_feeds (person_id, secret, created_at) VALUES (?, ?, ?) ON CONFLICT (person_id) "
             "DO UPDATE SET secret = excluded.secret, created_at = excluded.created_at",
             std::vector<Value>{person, secret, sql::unix_seconds(at)});
}

void delete_calendar_feed(sql::Connection& db, PersonId person) {
  db.execute("DELETE FROM calendar_feeds WHERE person_id = ?", std::vector<Value>{person});
}

std::optional<PersonId> calendar_feed_owner(sql::Connection& db, const std::string& secret) {
  auto rs = db.execute("SELECT person_id FROM calendar_feeds WHERE secret = ?", std::vector<Value>{secret});
  if (rs.rows.empty()) return std::nullopt;
  return rs.rows[0].int64(0);
}

}  // namespace mh::storage
