#include "storage/access_repo.hpp"

#include "storage/people_repo.hpp"
#include "storage/sql/rows.hpp"
#include "storage/sql/time_values.hpp"

namespace mh::storage {

using sql::Value;

namespace {

constexpr const char* kColumns =
    "l.id, l.person_id, l.purpose, l.token_hash, l.created_by, l.created_at, l.expires_at, l.used_at, l.revoked_at";

AccessLink link_from_row(const sql::Row& r) {
  AccessLink l;
  l.id = r.int64(0);
  l.person_id = r.int64(1);
  l.purpose = sql::decoded(r.text(2), access_purpose_from, "access link purpose");
  l.token_hash = r.text(3);
  l.created_by = r.opt_int64(4);
  l.created_at = sql::time_of(r, 5);
  l.expires_at = sql::time_of(r, 6);
  l.used_at = sql::optional_time_of(r, 7);
  l.revoked_at = sql::optional_time_of(r, 8);
  return l;
}

std::optional<AccessLink> one_link(sql::Connection& db, const std::string& where, const Value& v) {
  return sql::first_row<AccessLink>(db, std::string("SELECT ") + kColumns + " FROM access_links l WHERE " + where,
                                    std::vector<Value>{v}, link_from_row);
}

// Pending at `?`: neither used nor revoked, and not yet expired.
constexpr const char* kPending = "l.used_at IS NULL AND l.revoked_at IS NULL AND l.expires_at > ?";

// Sets `column` (used_at or revoked_at) to `now` on the links that match `where` (its `args`) and
// are pending at `now`; how many it set.
std::int64_t stamp_pending(sql::Connection& db, const char* column, const std::string& where,
                           const std::vector<Value>& args, TimePoint now) {
  const auto t = sql::unix_seconds(now);
  std::vector<Value> all{t};
  all.insert(all.end(), args.begin(), args.end());
  all.emplace_back(t);
  return db
      .execute(std::string("UPDATE access_links SET ") + column + " = ? WHERE " + where +
                   " AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?",
               all)
      .affected;
}

}  // namespace

std::int64_t insert_access_link(sql::Connection& db, const AccessLink& link) {
  return sql::returned_id(
      db,
      "INSERT INTO access_links (person_id, purpose, token_hash, created_by, created_at, expires_at) "
      "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
      std::vector<Value>{link.person_id, std::string(to_string(link.purpose)), link.token_hash,
                         link.created_by ? Value(*link.created_by) : Value(nullptr), sql::unix_seconds(link.created_at),
                         sql::unix_seconds(link.expires_at)});
}

std::optional<AccessLink> find_access_link(sql::Connection& db, std::int64_t id) {
  return one_link(db, "l.id = ?", Value(id));
}

std::optional<AccessLink> find_access_link_by_hash(sql::Connection& db, const std::string& token_hash) {
  return one_link(db, "l.token_hash = ?", Value(token_hash));
}

bool use_access_link(sql::Connection& db, std::int64_t id, TimePoint now) {
  return stamp_pending(db, "used_at", "id = ?", {id}, now) == 1;
}

bool revoke_access_link(sql::Connection& db, std::int64_t id, TimePoint now) {
  return stamp_pending(db, "revoked_at", "id = ?", {id}, now) == 1;
}

int revoke_pending_links(sql::Connection& db, PersonId person, std::optional<AccessPurpose> purpose, TimePoint now) {
  std::string where = "person_id = ?";
  std::vector<Value> args{person};
  if (purpose) {
    where += " AND purpose = ?";
    args.emplace_back(std::string(to_string(*purpose)));
  }
  return static_cast<int>(stamp_pending(db, "revoked_at", where, args, now));
}

InvitationsPage list_invitations(sql::Connection& db, bool pending_only, std::optional<std::int64_t> before, int limit,
                                 TimePoint now) {
  std::string q = std::string("SELECT ") + kColumns +
                  ", p.name, p.email, a.name FROM access_links l JOIN people p ON p.id = l.person_id "
                  "LEFT JOIN people a ON a.id = l.created_by WHERE l.purpose = 'invitation'";
  std::vector<Value> args;
  if (pending_only) {
    q += std::string(" AND ") + kPending;
    args.emplace_back(sql::unix_seconds(now));
  }
  if (before) {
    q += " AND l.id < ?";
    args.emplace_back(*before);
  }
  q += " ORDER BY l.id DESC LIMIT ?";
  args.emplace_back(std::int64_t{limit + 1});
  auto rs = db.execute(q, args);
  InvitationsPage page;
  for (std::size_t i = 0; i < rs.rows.size() && static_cast<int>(i) < limit; ++i) {
    const auto& r = rs.rows[i];
    page.items.push_back({link_from_row(r), r.text(9), r.text(10), r.opt_text(11)});
  }
  if (static_cast<int>(rs.rows.size()) > limit) page.next_before = page.items.back().link.id;
  return page;
}

namespace {

constexpr const char* kToInvite =
    " FROM people p WHERE p.active = 1 AND p.password_hash = '' AND NOT EXISTS (SELECT 1 FROM person_sign_ins s "
    "WHERE s.person_id = p.id) AND NOT EXISTS "
    "(SELECT 1 FROM access_links l WHERE l.person_id = p.id AND l.purpose = 'invitation' AND l.used_at IS NULL AND "
    "l.revoked_at IS NULL AND l.expires_at > ?)";

}  // namespace

std::vector<Person> people_to_invite(sql::Connection& db, TimePoint now) {
  std::vector<PersonId> ids;
  for (const auto& r : db.execute(std::string("SELECT p.id") + kToInvite + " ORDER BY p.id",
                                  std::vector<Value>{sql::unix_seconds(now)})
                           .rows)
    ids.push_back(r.int64(0));
  if (ids.empty()) return {};
  return active_people_with_ids(db, std::move(ids));
}

long long count_people_to_invite(sql::Connection& db, TimePoint now) {
  return db.execute(std::string("SELECT COUNT(*)") + kToInvite, std::vector<Value>{sql::unix_seconds(now)})
      .rows.at(0)
      .int64(0);
}

void record_sign_in(sql::Connection& db, PersonId person, TimePoint at) {
  db.execute("INSERT INTO person_sign_ins (person_id, last_sign_in_at) VALUES (?, ?) ON CONFLICT (person_id) DO UPDATE "
             "SET last_sign_in_at = excluded.last_sign_in_at",
             std::vector<Value>{person, sql::unix_seconds(at)});
}

std::optional<TimePoint> last_sign_in_of(sql::Connection& db, PersonId person) {
  auto rs = db.execute("SELECT last_sign_in_at FROM person_sign_ins WHERE person_id = ?", std::vector<Value>{person});
  if (rs.rows.empty()) return std::nullopt;
  return sql::optional_time_of(rs.rows[0], 0);
}

}  // namespace mh::storage
