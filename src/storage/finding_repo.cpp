#include "storage/finding_repo.hpp"
#include "storage/sql/rows.hpp"

#include <algorithm>

namespace mh::storage {

using sql::Value;

namespace {
constexpr const char* kLive = "'accepted','starting','active','fading','concluding'";
}

std::optional<std::string> program_setting(sql::Connection& db, const std::string& name) {
  auto rs = db.execute("SELECT value FROM program_settings WHERE name = ?", std::vector<Value>{name});
  if (rs.rows.empty()) return std::nullopt;
  return rs.rows[0].text(0);
}

void save_program_setting(sql::Connection& db, const std::string& name, const std::string& value, TimePoint at) {
  db.execute("INSERT INTO program_settings (name, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE "
             "SET value = excluded.value, updated_at = excluded.updated_at",
             std::vector<Value>{name, value, std::int64_t{at.time_since_epoch().count()}});
}

std::int64_t save_mentor_recommendation(sql::Connection& db, const MentorRecommendation& r) {
  return sql::returned_id(
      db,
      "INSERT INTO manager_recommendations (manager_id, report_id, mentor_id, note, created_at) VALUES (?, ?, ?, "
      "?, ?) ON CONFLICT (report_id, mentor_id) DO UPDATE SET manager_id = excluded.manager_id, note = "
      "excluded.note, created_at = excluded.created_at RETURNING id",
      std::vector<Value>{r.manager_id, r.report_id, r.mentor_id, r.note,
                         std::int64_t{r.created_at.time_since_epoch().count()}});
}

std::vector<MentorRecommendation> mentor_recommendations_for(sql::Connection& db, PersonId report) {
  return sql::all_rows<MentorRecommendation>(db,
                                             "SELECT id, manager_id, report_id, mentor_id, note, created_at FROM "
                                             "manager_recommendations WHERE report_id = ? ORDER BY id",
                                             {report}, [&](const sql::Row& row) -> MentorRecommendation {
                                               return {row.int64(0), row.int64(1), row.int64(2),
                                                       row.int64(3), row.text(4),  TimePoint(Seconds(row.int64(5)))};
                                             });
}

std::map<PersonId, int> live_mentees_by_mentor(sql::Connection& db) {
  std::map<PersonId, int> out;
  for (const auto& row : db.execute(std::string("SELECT mentor_id, COUNT(*) FROM relationships WHERE state IN (") + kLive +
                                    ") GROUP BY mentor_id")
                             .rows)
    out[row.int64(0)] = static_cast<int>(row.int64(1));
  return out;
}

std::map<PersonId, std::vector<ReceivedRequest>> requests_received_by_mentor(sql::Connection& db) {
  std::map<PersonId, std::vector<ReceivedRequest>> out;
  for (const auto& row : db.execute("SELECT mentor_id, requested_at, answered_at, state FROM relationships WHERE "
                                    "initiator_id = mentee_id")
                             .rows) {
    std::optional<TimePoint> answered;
    if (auto a = row.opt_int64(2)) answered = TimePoint(Seconds(*a));
    out[row.int64(0)].push_back({TimePoint(Seconds(row.int64(1))), answered,
                                 sql::decoded(row.text(3), parse_rel_state, "rel state")});
  }
  return out;
}

std::vector<PersonId> engaged_with(sql::Connection& db, PersonId person) {
  std::vector<PersonId> out;
  for (const auto& row : db.execute(std::string("SELECT CASE WHEN mentee_id = ? THEN mentor_id ELSE mentee_id END FROM "
                                                "relationships WHERE (mentee_id = ? OR mentor_id = ?) AND state IN "
                                                "('requested',") + kLive + ")",
                                    std::vector<Value>{person, person, person})
                             .rows)
    out.push_back(row.int64(0));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace mh::storage
