#include "storage/break_glass_repo.hpp"

#include "storage/sql/rows.hpp"
#include "storage/sql/time_values.hpp"

namespace mh::storage {

using sql::Value;

std::int64_t insert_break_glass_grant(sql::Connection& db, const BreakGlassGrant& g) {
  return sql::returned_id(db,
                          "INSERT INTO break_glass_grants (relationship_id, admin_id, reason, opened_at, expires_at) "
                          "VALUES (?, ?, ?, ?, ?) RETURNING id",
                          std::vector<Value>{g.relationship_id, g.admin_id, g.reason, sql::unix_seconds(g.opened_at),
                                             sql::unix_seconds(g.expires_at)});
}

std::optional<BreakGlassGrant> open_break_glass_grant(sql::Connection& db, RelationshipId relationship,
                                                      PersonId admin, TimePoint now) {
  const std::int64_t t = sql::unix_seconds(now);
  auto rs = db.execute(
      "SELECT id, relationship_id, admin_id, reason, opened_at, expires_at FROM break_glass_grants "
      "WHERE relationship_id = ? AND admin_id = ? AND opened_at <= ? AND expires_at > ? ORDER BY id DESC LIMIT 1",
      std::vector<Value>{relationship, admin, t, t});
  if (rs.rows.empty()) return std::nullopt;
  const sql::Row& row = rs.rows[0];
  return BreakGlassGrant{row.int64(0),         row.int64(1), row.int64(2), row.text(3),
                         TimePoint(Seconds(row.int64(4))), TimePoint(Seconds(row.int64(5)))};
}

std::int64_t insert_admin_audit(sql::Connection& db, const AdminAuditEntry& e) {
  return sql::returned_id(
      db, "INSERT INTO admin_audit (actor_id, action, subject, detail, at) VALUES (?, ?, ?, ?, ?) RETURNING id",
      std::vector<Value>{e.actor ? Value(*e.actor) : Value(nullptr), e.action, e.subject, e.detail,
                         sql::unix_seconds(e.at)});
}

std::vector<AdminAuditEntry> admin_audit(sql::Connection& db, int limit, std::optional<std::int64_t> before) {
  std::string q = "SELECT id, actor_id, action, subject, detail, at FROM admin_audit";
  std::vector<Value> args;
  if (before) {
    q += " WHERE id < ?";
    args.emplace_back(*before);
  }
  q += " ORDER BY id DESC LIMIT ?";
  args.emplace_back(std::int64_t{limit});
  return sql::all_rows<AdminAuditEntry>(db, q, args, [&](const sql::Row& row) -> AdminAuditEntry {
    return {row.int64(0), row.opt_int64(1), row.text(2), row.text(3), row.text(4), TimePoint(Seconds(row.int64(5)))};
  });
}

}  // namespace mh::storage
