#include "storage/notifications_repo.hpp"

#include "storage/sql/rows.hpp"
#include "storage/sql/time_values.hpp"

namespace mh::storage {

using sql::Value;

namespace {

constexpr const char* kColumns =
    "id, person_id, kind, subject, occasion, message, link, relationship_id, created_at, read_at, dismissed_at";

Notification notification_from_row(const sql::Row& row) {
  return {row.int64(0),         row.int64(1),        row.text(2),
          row.text(3),          row.text(4),         row.text(5),
          row.text(6),          row.opt_int64(7),    TimePoint(Seconds(row.int64(8))),
          sql::optional_time_of(row, 9), sql::optional_time_of(row, 10)};
}

}  // namespace

std::optional<std::int64_t> insert_notification(sql::Connection& db, const Notification& n) {
  auto rs = db.execute(
      "INSERT INTO notifications (person_id, kind, subject, occasion, message, link, relationship_id, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (person_id, kind, subject, occasion) DO NOTHING RETURNING id",
      std::vector<Value>{n.person_id, n.kind, n.subject, n.occasion, n.message, n.link,
                         n.relationship_id ? Value(*n.relationship_id) : Value(nullptr),
                         sql::unix_seconds(n.created_at)});
  if (rs.rows.empty()) return std::nullopt;
  return rs.rows.at(0).int64(0);
}

std::vector<Notification> notifications_of(sql::Connection& db, PersonId person, bool unread_only, int limit,
                                           std::optional<std::int64_t> before) {
  std::string q = std::string("SELECT ") + kColumns + " FROM notifications WHERE person_id = ? AND dismissed_at IS NULL";
  std::vector<Value> args{person};
  if (unread_only) q += " AND read_at IS NULL";
  if (before) {
    q += " AND id < ?";
    args.emplace_back(*before);
  }
  q += " ORDER BY id DESC LIMIT ?";
  args.emplace_back(std::int64_t{limit});
  std::vector<Notification> out;
  for (const auto& row : db.execute(q, args).rows) out.push_back(notification_from_row(row));
  return out;
}

std::vector<Notification> all_notifications_of(sql::Connection& db, PersonId person) {
  return sql::all_rows<Notification>(
      db, std::string("SELECT ") + kColumns + " FROM notifications WHERE person_id = ? ORDER BY id", {person},
      [&](const sql::Row& row) -> Notification { return notification_from_row(row); });
}

int unread_notifications(sql::Connection& db, PersonId person) {
  auto rs = db.execute(
      "SELECT COUNT(*) FROM notifications WHERE person_id = ? AND read_at IS NULL AND dismissed_at IS NULL",
      std::vector<Value>{person});
  return static_cast<int>(rs.rows.at(0).int64(0));
}

int count_notifications(sql::Connection& db, RelationshipId relationship, const std::string& kind) {
  auto rs = db.execute("SELECT COUNT(*) FROM notifications WHERE relationship_id = ? AND kind = ?",
                       std::vector<Value>{relationship, kind});
  return static_cast<int>(rs.rows.at(0).int64(0));
}

bool mark_notification_read(sql::Connection& db, PersonId person, std::int64_t id, TimePoint at) {
  auto rs = db.execute("SELECT read_at FROM notifications WHERE id = ? AND person_id = ?", std::vector<Value>{id, person});
  if (rs.rows.empty()) return false;
  db.execute("UPDATE notifications SET read_at = ? WHERE id = ? AND read_at IS NULL",
             std::vector<Value>{sql::unix_seconds(at), id});
  return true;
}

bool dismiss_notification(sql::Connection& db, PersonId person, std::int64_t id, TimePoint at) {
  auto rs = db.execute("SELECT dismissed_at FROM notifications WHERE id = ? AND person_id = ?",
                       std::vector<Value>{id, person});
  if (rs.rows.empty()) return false;
  db.execute(
      "UPDATE notifications SET dismissed_at = COALESCE(dismissed_at, ?), read_at = COALESCE(read_at, ?) WHERE id = ?",
      std::vector<Value>{sql::unix_seconds(at), sql::unix_seconds(at), id});
  return true;
}

int mark_all_notifications_read(sql::Connection& db, PersonId person, TimePoint at) {
  auto rs = db.execute(
      "UPDATE notifications SET read_at = ? WHERE person_id = ? AND read_at IS NULL AND dismissed_at IS NULL",
      std::vector<Value>{sql::unix_seconds(at), person});
  return static_cast<int>(rs.affected);
}

}  // namespace mh::storage
