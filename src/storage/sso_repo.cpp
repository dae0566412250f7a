#include "storage/sso_repo.hpp"

#include <vector>

#include "storage/sql/time_values.hpp"

namespace mh::storage {

using sql::Value;

namespace {

constexpr const char* kColumns =
    "enabled, display_name, issuer, client_id, client_secret, token_auth_method, scopes, public_url, create_people, "
    "password_sign_in, break_glass_email, name_claim, department_claim, title_claim, clock_skew_seconds, updated_at, "
    "email_claim, trusted_email_domains";

}  // namespace

std::optional<SsoSettings> sso_settings(sql::Connection& db) {
  auto rs = db.execute(std::string("SELECT ") + kColumns + " FROM sso_settings WHERE id = 1");
  if (rs.rows.empty()) return std::nullopt;
  const auto& r = rs.rows[0];
  SsoSettings s;
  s.enabled = r.int64(0) != 0;
  s.display_name = r.text(1);
  s.issuer = r.text(2);
  s.client_id = r.text(3);
  s.client_secret = r.text(4);
  s.token_auth_method = r.text(5);
  s.scopes = r.text(6);
  s.public_url = r.text(7);
  s.create_people = r.int64(8) != 0;
  s.password_sign_in = r.int64(9) != 0;
  s.break_glass_email = r.text(10);
  s.name_claim = r.text(11);
  s.department_claim = r.text(12);
  s.title_claim = r.text(13);
  s.clock_skew_seconds = static_cast<int>(r.int64(14));
  s.updated_at = sql::time_of(r, 15);
  s.email_claim = r.text(16);
  s.trusted_email_domains = r.text(17);
  return s;
}

void save_sso_settings(sql::Connection& db, const SsoSettings& s) {
  const std::vector<Value> values{std::int64_t{s.enabled},
                                  s.display_name,
                                  s.issuer,
                                  s.client_id,
                                  s.client_secret,
                                  s.token_auth_method,
                                  s.scopes,
                                  s.public_url,
                                  std::int64_t{s.create_people},
                                  std::int64_t{s.password_sign_in},
                                  s.break_glass_email,
                                  s.name_claim,
                                  s.department_claim,
                                  s.title_claim,
                                  std::int64_t{s.clock_skew_seconds},
                                  sql::unix_seconds(s.updated_at),
                                  s.email_claim,
                                  s.trusted_email_domains};
  db.execute("DELETE FROM sso_settings WHERE id = 1");
  db.execute(std::string("INSERT INTO sso_settings (id, ") + kColumns +
                 ") VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
             values);
}

void delete_sso_settings(sql::Connection& db) { db.execute("DELETE FROM sso_settings WHERE id = 1"); }

void insert_sso_state(sql::Connection& db, const SsoState& s) {
  db.execute(
      "INSERT INTO sso_states (state_hash, nonce, code_verifier, return_to, created_at, expires_at) "
      "VALUES (?, ?, ?, ?, ?, ?)",
      std::vector<Value>{s.state_hash, s.nonce, s.code_verifier, s.return_to, sql::unix_seconds(s.created_at),
                         sql::unix_seconds(s.expires_at)});
}

std::optional<SsoState> take_sso_state(sql::Connection& db, const std::string& state_hash) {
  auto rs = db.execute(
      "SELECT state_hash, nonce, code_verifier, return_to, created_at, expires_at FROM sso_states WHERE state_hash = ?",
      std::vector<Value>{state_hash});
  if (rs.rows.empty()) return std::nullopt;
  const auto& r = rs.rows[0];
  SsoState s{r.text(0), r.text(1), r.text(2), r.text(3), sql::time_of(r, 4), sql::time_of(r, 5)};
  // Only the transaction that deletes the row may use it: two callbacks with one state race
  // here, and the loser's delete changes nothing.
  auto deleted = db.execute("DELETE FROM sso_states WHERE state_hash = ?", std::vector<Value>{state_hash});
  if (deleted.affected != 1) return std::nullopt;
  return s;
}

void delete_expired_sso_states(sql::Connection& db, TimePoint now) {
  db.execute("DELETE FROM sso_states WHERE expires_at < ?", std::vector<Value>{sql::unix_seconds(now)});
}

std::optional<PersonId> person_with_identity(sql::Connection& db, const std::string& issuer, const std::string& subject) {
  auto rs = db.execute("SELECT person_id FROM person_identities WHERE issuer = ? AND subject = ?",
                       std::vector<Value>{issuer, subject});
  if (rs.rows.empty()) return std::nullopt;
  return rs.rows[0].int64(0);
}

void link_identity(sql::Connection& db, const std::string& issuer, const std::string& subject, PersonId person,
                   TimePoint now) {
  db.execute(
      "INSERT INTO person_identities (issuer, subject, person_id, created_at, last_sign_in_at) VALUES (?, ?, ?, ?, ?) "
      "ON CONFLICT (issuer, subject) DO UPDATE SET last_sign_in_at = excluded.last_sign_in_at",
      std::vector<Value>{issuer, subject, person, sql::unix_seconds(now), sql::unix_seconds(now)});
}

}  // namespace mh::storage
