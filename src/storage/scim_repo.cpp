#include "storage/scim_repo.hpp"

#include <algorithm>

#include "storage/sql/placeholders.hpp"
#include "storage/sql/rows.hpp"
#include "storage/sql/time_values.hpp"

namespace mh::storage {

using sql::Value;

namespace {

ScimToken token_from(const sql::Row& r) {
  ScimToken t;
  t.id = r.int64(0);
  t.name = r.text(1);
  t.created_at = TimePoint(Seconds(r.int64(2)));
  if (auto revoked = r.opt_int64(3)) t.revoked_at = TimePoint(Seconds(*revoked));
  return t;
}

}  // namespace

std::int64_t insert_scim_token(sql::Connection& db, const std::string& name, const std::string& token_hash, TimePoint at) {
  return sql::returned_id(db, "INSERT INTO scim_tokens (name, token_hash, created_at) VALUES (?, ?, ?) RETURNING id",
                          std::vector<Value>{name, token_hash, sql::unix_seconds(at)});
}

std::vector<ScimToken> list_scim_tokens(sql::Connection& db) {
  return sql::all_rows<ScimToken>(db, "SELECT id, name, created_at, revoked_at FROM scim_tokens ORDER BY id", {},
                                  [&](const sql::Row& r) -> ScimToken { return token_from(r); });
}

bool revoke_scim_token(sql::Connection& db, std::int64_t id, TimePoint at) {
  auto rs = db.execute("UPDATE scim_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL RETURNING id",
                       std::vector<Value>{sql::unix_seconds(at), id});
  return !rs.rows.empty();
}

std::optional<ScimToken> live_scim_token(sql::Connection& db, const std::string& token_hash) {
  auto rs = db.execute("SELECT id, name, created_at, revoked_at FROM scim_tokens WHERE token_hash = ? AND revoked_at IS NULL",
                       std::vector<Value>{token_hash});
  if (rs.rows.empty()) return std::nullopt;
  return token_from(rs.rows[0]);
}

std::optional<std::string> scim_external_id(sql::Connection& db, PersonId person) {
  auto rs = db.execute("SELECT external_id FROM scim_external_ids WHERE person_id = ?", std::vector<Value>{person});
  if (rs.rows.empty()) return std::nullopt;
  return rs.rows[0].text(0);
}

std::map<PersonId, std::string> scim_external_ids(sql::Connection& db, const std::vector<PersonId>& people) {
  std::map<PersonId, std::string> out;
  constexpr std::size_t kChunk = 500;
  for (std::size_t start = 0; start < people.size(); start += kChunk) {
    const std::size_t end = std::min(people.size(), start + kChunk);
    const std::vector<Value> ids(people.begin() + static_cast<std::ptrdiff_t>(start),
                                 people.begin() + static_cast<std::ptrdiff_t>(end));
    const std::string q =
        "SELECT person_id, external_id FROM scim_external_ids WHERE person_id IN (" + sql::placeholders(end - start) + ")";
    for (const auto& r : db.execute(q, ids).rows) out.emplace(r.int64(0), r.text(1));
  }
  return out;
}

void set_scim_external_id(sql::Connection& db, PersonId person, const std::string& external_id) {
  db.execute("DELETE FROM scim_external_ids WHERE person_id = ?", std::vector<Value>{person});
  if (!external_id.empty())
    db.execute("INSERT INTO scim_external_ids (person_id, external_id) VALUES (?, ?)",
               std::vector<Value>{person, external_id});
}

std::vector<PersonId> people_with_scim_external_id(sql::Connection& db, const std::string& external_id) {
  return sql::all_rows<PersonId>(db, "SELECT person_id FROM scim_external_ids WHERE external_id = ? ORDER BY person_id",
                                 {external_id}, [&](const sql::Row& r) -> PersonId { return r.int64(0); });
}

std::vector<PersonId> people_ids_page(sql::Connection& db, std::int64_t offset, std::int64_t count) {
  return sql::all_rows<PersonId>(db, "SELECT id FROM people ORDER BY id LIMIT ? OFFSET ?", {count, offset},
                                 [&](const sql::Row& r) -> PersonId { return r.int64(0); });
}


}  // namespace mh::storage
