#include "storage/auth_repo.hpp"

#include "storage/sql/rows.hpp"
#include "storage/sql/time_values.hpp"

namespace mh::storage {

using sql::Value;

namespace {

AuthToken token_from_row(const sql::Row& r) {
  return AuthToken{r.text(0),    r.int64(1), r.text(2), r.text(3), r.text(4), TimePoint(Seconds(r.int64(5))),
                   TimePoint(Seconds(r.int64(6))), r.text(7), r.int64(8) != 0};
}
constexpr const char* kTokenColumns =
    "token_hash, person_id, kind, label, csrf_token, created_at, expires_at, client, enrol_only";
}  // namespace

void insert_token(sql::Connection& db, const AuthToken& t) {
  db.execute(
      "INSERT INTO auth_tokens (token_hash, person_id, kind, label, csrf_token, created_at, expires_at, client, "
      "enrol_only) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      std::vector<Value>{t.token_hash, t.person_id, t.kind, t.label, t.csrf_token, sql::unix_seconds(t.created_at),
                         sql::unix_seconds(t.expires_at), t.client, std::int64_t{t.enrol_only ? 1 : 0}});
}

void clear_enrol_only(sql::Connection& db, const std::string& token_hash) {
  db.execute("UPDATE auth_tokens SET enrol_only = 0 WHERE token_hash = ?", std::vector<Value>{token_hash});
}

std::optional<AuthToken> find_live_token(sql::Connection& db, const std::string& token_hash, TimePoint now) {
  return sql::first_row<AuthToken>(
      db, std::string("SELECT ") + kTokenColumns + " FROM auth_tokens WHERE token_hash = ? AND expires_at > ?",
      std::vector<Value>{token_hash, sql::unix_seconds(now)}, token_from_row);
}

bool delete_token(sql::Connection& db, const std::string& token_hash) {
  return db.execute("DELETE FROM auth_tokens WHERE token_hash = ?", std::vector<Value>{token_hash}).affected > 0;
}

void delete_tokens_of(sql::Connection& db, PersonId person, const std::string& kind) {
  db.execute("DELETE FROM auth_tokens WHERE person_id = ? AND kind = ?", std::vector<Value>{person, kind});
}

void delete_expired_tokens(sql::Connection& db, TimePoint now) {
  db.execute("DELETE FROM auth_tokens WHERE expires_at <= ?", std::vector<Value>{sql::unix_seconds(now)});
}

std::vector<AuthToken> list_tokens_of(sql::Connection& db, PersonId person, const std::string& kind, TimePoint now) {
  return sql::all_rows<AuthToken>(
      db,
      std::string("SELECT ") + kTokenColumns +
          " FROM auth_tokens WHERE person_id = ? AND kind = ? AND expires_at > ? ORDER BY created_at",
      {person, kind, sql::unix_seconds(now)}, [&](const sql::Row& r) -> AuthToken { return token_from_row(r); });
}

int delete_tokens_of_except(sql::Connection& db, PersonId person, const std::string& kind, const std::string& keep_hash) {
  return static_cast<int>(
      db.execute("DELETE FROM auth_tokens WHERE person_id = ? AND kind = ? AND token_hash <> ?",
                 std::vector<Value>{person, kind, keep_hash})
          .affected);
}

int failures_in_window(sql::Connection& db, const std::string& subject, TimePoint now, Seconds window) {
  auto rs = db.execute("SELECT failures, window_start FROM sign_in_failures WHERE subject = ?",
                       std::vector<Value>{subject});
  if (rs.rows.empty()) return 0;
  if (rs.rows[0].int64(1) + window.count() <= sql::unix_seconds(now)) return 0;
  return static_cast<int>(rs.rows[0].int64(0));
}

int record_failure(sql::Connection& db, const std::string& subject, TimePoint now, Seconds window) {
  const int current = failures_in_window(db, subject, now, window);
  if (current == 0) {
    db.execute(
        "INSERT INTO sign_in_failures (subject, failures, window_start) VALUES (?, 1, ?) "
        "ON CONFLICT (subject) DO UPDATE SET failures = 1, window_start = excluded.window_start",
        std::vector<Value>{subject, sql::unix_seconds(now)});
    return 1;
  }
  db.execute("UPDATE sign_in_failures SET failures = failures + 1 WHERE subject = ?", std::vector<Value>{subject});
  return current + 1;
}

void clear_failures(sql::Connection& db, const std::string& subject) {
  db.execute("DELETE FROM sign_in_failures WHERE subject = ?", std::vector<Value>{subject});
}

}  // namespace mh::storage
