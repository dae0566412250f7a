#include "storage/second_factor_repo.hpp"

#include "storage/sql/time_values.hpp"

namespace mh::storage {

using sql::Value;

std::optional<SecondFactor> second_factor_of(sql::Connection& db, PersonId person) {
  auto rs = db.execute(
      "SELECT person_id, secret, created_at, confirmed_at, last_used_step FROM second_factors WHERE person_id = ?",
      std::vector<Value>{person});
  if (rs.rows.empty()) return std::nullopt;
  const auto& r = rs.rows[0];
  return SecondFactor{r.int64(0), r.text(1), sql::time_of(r, 2), sql::optional_time_of(r, 3), r.int64(4)};
}

bool has_second_factor(sql::Connection& db, PersonId person) {
  return !db.execute("SELECT 1 FROM second_factors WHERE person_id = ? AND confirmed_at IS NOT NULL",
                     std::vector<Value>{person})
              .rows.empty();
}

void save_unconfirmed_second_factor(sql::Connection& db, PersonId person, const std::string& secret, TimePoint now) {
  db.execute(
      "INSERT INTO second_factors (person_id, secret, created_at, confirmed_at, last_used_step) "
      "VALUES (?, ?, ?, NULL, -1) ON CONFLICT (person_id) DO UPDATE SET secret = excluded.secret, "
      "created_at = excluded.created_at, confirmed_at = NULL, last_used_step = -1",
      std::vector<Value>{person, secret, sql::unix_seconds(now)});
}

bool confirm_second_factor(sql::Connection& db, PersonId person, std::int64_t step, TimePoint now) {
  return db.execute("UPDATE second_factors SET confirmed_at = ?, last_used_step = ? WHERE person_id = ? AND "
                    "confirmed_at IS NULL",
                    std::vector<Value>{sql::unix_seconds(now), step, person})
             .affected == 1;
}

bool use_totp_step(sql::Connection& db, PersonId person, std::int64_t step) {
  return db.execute("UPDATE second_factors SET last_used_step = ? WHERE person_id = ? AND last_used_step < ?",
                    std::vector<Value>{step, person, step})
             .affected == 1;
}

void delete_second_factor(sql::Connection& db, PersonId person) {
  const std::vector<Value> args{person};
  db.execute("DELETE FROM second_factor_challenges WHERE person_id = ?", args);
  db.execute("DELETE FROM recovery_codes WHERE person_id = ?", args);
  db.execute("DELETE FROM second_factors WHERE person_id = ?", args);
}

void replace_recovery_codes(sql::Connection& db, PersonId person, const std::vector<std::string>& code_hashes,
                            TimePoint now) {
  db.execute("DELETE FROM recovery_codes WHERE person_id = ?", std::vector<Value>{person});
  for (const auto& h : code_hashes)
    db.execute("INSERT INTO recovery_codes (person_id, code_hash, created_at) VALUES (?, ?, ?)",
               std::vector<Value>{person, h, sql::unix_seconds(now)});
}

bool use_recovery_code(sql::Connection& db, PersonId person, const std::string& code_hash, TimePoint now) {
  return db.execute("UPDATE recovery_codes SET used_at = ? WHERE person_id = ? AND code_hash = ? AND used_at IS NULL",
                    std::vector<Value>{sql::unix_seconds(now), person, code_hash})
             .affected == 1;
}

int unused_recovery_codes(sql::Connection& db, PersonId person) {
  return static_cast<int>(
      db.execute("SELECT COUNT(*) FROM recovery_codes WHERE person_id = ? AND used_at IS NULL",
                 std::vector<Value>{person})
          .rows.at(0)
          .int64(0));
}

void insert_challenge(sql::Connection& db, const SecondFactorChallenge& c) {
  db.execute(
      "INSERT INTO second_factor_challenges (token_hash, person_id, client, created_at, expires_at) "
      "VALUES (?, ?, ?, ?, ?)",
      std::vector<Value>{c.token_hash, c.person_id, c.client, sql::unix_seconds(c.created_at),
                         sql::unix_seconds(c.expires_at)});
}

std::optional<SecondFactorChallenge> find_live_challenge(sql::Connection& db, const std::string& token_hash,
                                                         TimePoint now) {
  auto rs = db.execute(
      "SELECT token_hash, person_id, client, created_at, expires_at FROM second_factor_challenges "
      "WHERE token_hash = ? AND expires_at > ?",
      std::vector<Value>{token_hash, sql::unix_seconds(now)});
  if (rs.rows.empty()) return std::nullopt;
  const auto& r = rs.rows[0];
  return SecondFactorChallenge{r.text(0), r.int64(1), r.text(2), sql::time_of(r, 3), sql::time_of(r, 4)};
}

bool delete_challenge(sql::Connection& db, const std::string& token_hash) {
  return db.execute("DELETE FROM second_factor_challenges WHERE token_hash = ?", std::vector<Value>{token_hash})
             .affected == 1;
}

void delete_expired_challenges(sql::Connection& db, TimePoint now) {
  db.execute("DELETE FROM second_factor_challenges WHERE expires_at <= ?", std::vector<Value>{sql::unix_seconds(now)});
}

AdminSecondFactors count_admin_second_factors(sql::Connection& db) {
  auto rs = db.execute(
      "SELECT COUNT(*), COUNT(f.person_id) FROM people p LEFT JOIN second_factors f ON f.person_id = p.id AND "
      "f.confirmed_at IS NOT NULL WHERE p.is_admin = 1 AND p.active = 1");
  return {rs.rows.at(0).int64(0), rs.rows.at(0).int64(1)};
}

int end_sessions_of_admins_without_second_factor(sql::Connection& db, const std::string& keep_hash) {
  return static_cast<int>(
      db.execute("DELETE FROM auth_tokens WHERE kind IN ('session', 'api') AND token_hash <> ? AND person_id IN (SELECT p.id "
                 "FROM people p WHERE p.is_admin = 1 AND NOT EXISTS (SELECT 1 FROM second_factors f WHERE "
                 "f.person_id = p.id AND f.confirmed_at IS NOT NULL))",
                 std::vector<Value>{keep_hash})
          .affected);
}

int clear_all_enrol_only(sql::Connection& db) {
  return static_cast<int>(db.execute("UPDATE auth_tokens SET enrol_only = 0 WHERE enrol_only = 1").affected);
}

}  // namespace mh::storage
