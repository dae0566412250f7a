#include "storage/outbox_repo.hpp"

#include "common/crypto.hpp"
#include "storage/sql/rows.hpp"
#include "storage/sql/time_values.hpp"

namespace mh::storage {

using sql::Value;

namespace {

constexpr const char* kColumns =
    "id, person_id, kind, message, link, meeting_id, notification_id, token, state, attempts, next_attempt_at, lease_owner, "
    "lease_until, handed_over, recipient, content, last_error, created_at, sent_at";

OutboxMessage read_message(const sql::Row& r) {
  OutboxMessage m;
  m.id = r.int64(0);
  m.person_id = r.int64(1);
  m.kind = r.text(2);
  m.message = r.text(3);
  m.link = r.text(4);
  m.meeting_id = r.opt_int64(5);
  m.notification_id = r.opt_int64(6);
  m.token = r.text(7);
  m.state = r.text(8);
  m.attempts = static_cast<int>(r.int64(9));
  m.next_attempt_at = sql::time_of(r, 10);
  m.lease_owner = r.opt_text(11);
  m.lease_until = sql::optional_time_of(r, 12);
  m.handed_over = r.int64(13) != 0;
  m.recipient = r.opt_text(14);
  m.content = r.opt_text(15);
  m.last_error = r.opt_text(16);
  m.created_at = sql::time_of(r, 17);
  m.sent_at = sql::optional_time_of(r, 18);
  return m;
}

}  // namespace

std::int64_t enqueue_mail(sql::Connection& db, OutboxMessage m) {
  if (m.token.empty()) m.token = random_token();
  return sql::returned_id(
      db,
      "INSERT INTO outbox (person_id, kind, message, link, meeting_id, notification_id, token, state, attempts, "
      "next_attempt_at, recipient, content, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?) "
      "RETURNING id",
      std::vector<Value>{m.person_id, m.kind, m.message, m.link, sql::optional_id(m.meeting_id),
                         sql::optional_id(m.notification_id), m.token,
                         sql::unix_seconds(m.next_attempt_at < m.created_at ? m.created_at : m.next_attempt_at),
                         m.recipient ? Value(*m.recipient) : Value(nullptr),
                         m.content ? Value(*m.content) : Value(nullptr), sql::unix_seconds(m.created_at)});
}

bool mail_due(sql::Connection& db, TimePoint now) {
  const std::int64_t t = sql::unix_seconds(now);
  return !db.execute("SELECT 1 FROM outbox WHERE (state = 'pending' AND next_attempt_at <= ?) OR (state = 'sending' "
                     "AND lease_until < ?) LIMIT 1",
                     std::vector<Value>{t, t})
              .rows.empty();
}

std::vector<OutboxMessage> claim_mail(sql::Connection& db, const std::string& owner, TimePoint now, Seconds lease,
                                      int limit) {
  const std::int64_t t = sql::unix_seconds(now);
  // A sender that died after handing a message over leaves it in doubt: it is never resent.
  db.execute("UPDATE outbox SET state = 'unconfirmed', content = NULL, link = '', last_error = 'the sender stopped after "
             "handing it to the mail server; it may or may not have been delivered' WHERE state = 'sending' AND "
             "handed_over = 1 AND lease_until < ?",
             std::vector<Value>{t});
  std::string pick =
      "SELECT id FROM outbox WHERE (state = 'pending' AND next_attempt_at <= ?) OR (state = 'sending' AND "
      "handed_over = 0 AND lease_until < ?) ORDER BY id LIMIT ?";
  // On PostgreSQL several servers claim at once; each skips the rows another is claiming.
  if (db.dialect() == sql::Dialect::postgres) pick += " FOR UPDATE SKIP LOCKED";
  auto ids = db.execute(pick, std::vector<Value>{t, t, std::int64_t{limit}});
  std::vector<OutboxMessage> out;
  for (const auto& row : ids.rows) {
    auto rs = db.execute(std::string("UPDATE outbox SET state = 'sending', lease_owner = ?, lease_until = ?, "
                                     "attempts = attempts + 1 WHERE id = ? RETURNING ") +
                             kColumns,
                         std::vector<Value>{owner, t + lease.count(), row.int64(0)});
    if (!rs.rows.empty()) out.push_back(read_message(rs.rows[0]));
  }
  return out;
}

bool save_rendered_mail(sql::Connection& db, std::int64_t id, const std::string& owner, const std::string& recipient,
                        const std::string& content) {
  return db.execute("UPDATE outbox SET recipient = ?, content = ? WHERE id = ? AND state = 'sending' AND lease_owner = ?",
                    std::vector<Value>{recipient, content, id, owner})
             .affected == 1;
}

bool hand_over_mail(sql::Connection& db, std::int64_t id, const std::string& owner) {
  return db.execute("UPDATE outbox SET handed_over = 1 WHERE id = ? AND state = 'sending' AND lease_owner = ?",
                    std::vector<Value>{id, owner})
             .affected == 1;
}

bool mark_mail_sent(sql::Connection& db, std::int64_t id, const std::string& owner, TimePoint now) {
  return db.execute("UPDATE outbox SET state = 'sent', sent_at = ?, content = NULL, link = '', lease_until = NULL, "
                    "last_error = NULL WHERE id = ? AND state = 'sending' AND lease_owner = ?",
                    std::vector<Value>{sql::unix_seconds(now), id, owner})
             .affected == 1;
}

bool retry_mail(sql::Connection& db, std::int64_t id, const std::string& owner, TimePoint now, const std::string& error,
                bool permanent) {
  auto rs = db.execute("SELECT attempts FROM outbox WHERE id = ? AND state = 'sending' AND lease_owner = ?",
                       std::vector<Value>{id, owner});
  if (rs.rows.empty()) return false;
  const int attempts = static_cast<int>(rs.rows[0].int64(0));
  const bool give_up = permanent || attempts >= kMaxMailAttempts;
  if (give_up)
    db.execute("UPDATE outbox SET state = 'failed', lease_owner = NULL, lease_until = NULL, handed_over = 0, content = "
               "NULL, link = '', last_error = ? WHERE id = ?",
               std::vector<Value>{error, id});
  else
    db.execute("UPDATE outbox SET state = 'pending', next_attempt_at = ?, lease_owner = NULL, lease_until = NULL, "
               "handed_over = 0, last_error = ? WHERE id = ?",
               std::vector<Value>{sql::unix_seconds(now + mail_retry_delay(attempts)), error, id});
  return true;
}

bool mark_mail_unconfirmed(sql::Connection& db, std::int64_t id, const std::string& owner, const std::string& error) {
  return db.execute("UPDATE outbox SET state = 'unconfirmed', content = NULL, link = '', lease_until = NULL, "
                    "last_error = ? WHERE id = ? AND state = 'sending' AND lease_owner = ?",
                    std::vector<Value>{error, id, owner})
             .affected == 1;
}

bool skip_mail(sql::Connection& db, std::int64_t id, const std::string& owner, const std::string& reason) {
  return db.execute("UPDATE outbox SET state = 'skipped', content = NULL, link = '', lease_until = NULL, last_error = "
                    "? WHERE id = ? AND state = 'sending' AND lease_owner = ?",
                    std::vector<Value>{reason, id, owner})
             .affected == 1;
}

std::optional<OutboxMessage> find_mail(sql::Connection& db, std::int64_t id) {
  return sql::first_row<OutboxMessage>(db, std::string("SELECT ") + kColumns + " FROM outbox WHERE id = ?",
                                       std::vector<Value>{id}, read_message);
}

std::map<std::string, long long> outbox_counts(sql::Connection& db) {
  std::map<std::string, long long> out;
  for (const auto& r : db.execute("SELECT state, COUNT(*) FROM outbox GROUP BY state").rows) out[r.text(0)] = r.int64(1);
  return out;
}

bool mail_kind_on(sql::Connection& db, PersonId person, MailKind kind) {
  return db.execute("SELECT 1 FROM mail_opt_outs WHERE person_id = ? AND kind = ?",
                    std::vector<Value>{person, std::string(to_string(kind))})
      .rows.empty();
}

std::vector<MailKind> mail_kinds_off(sql::Connection& db, PersonId person) {
  return sql::all_rows<MailKind>(
      db, "SELECT kind FROM mail_opt_outs WHERE person_id = ? ORDER BY kind", {person},
      [&](const sql::Row& r) -> MailKind { return sql::decoded(r.text(0), mail_kind_from, "mail kind"); });
}

void set_mail_kind(sql::Connection& db, PersonId person, MailKind kind, bool on, TimePoint now) {
  if (on)
    db.execute("DELETE FROM mail_opt_outs WHERE person_id = ? AND kind = ?",
               std::vector<Value>{person, std::string(to_string(kind))});
  else
    db.execute("INSERT INTO mail_opt_outs (person_id, kind, created_at) VALUES (?, ?, ?) ON CONFLICT (person_id, kind) "
               "DO NOTHING",
               std::vector<Value>{person, std::string(to_string(kind)), sql::unix_seconds(now)});
}

std::string mail_token_of(sql::Connection& db, PersonId person) {
  auto rs = db.execute("SELECT unsubscribe_token FROM mail_people WHERE person_id = ?", std::vector<Value>{person});
  if (!rs.rows.empty()) return rs.rows[0].text(0);
  db.execute("INSERT INTO mail_people (person_id, unsubscribe_token) VALUES (?, ?) ON CONFLICT (person_id) DO NOTHING",
             std::vector<Value>{person, random_token()});
  return db.execute("SELECT unsubscribe_token FROM mail_people WHERE person_id = ?", std::vector<Value>{person})
      .rows.at(0)
      .text(0);
}

std::optional<PersonId> mail_token_owner(sql::Connection& db, const std::string& token) {
  auto rs = db.execute("SELECT person_id FROM mail_people WHERE unsubscribe_token = ?", std::vector<Value>{token});
  if (rs.rows.empty()) return std::nullopt;
  return rs.rows[0].int64(0);
}

std::vector<DigestItem> digest_candidates(sql::Connection& db, TimePoint fresh_since, PersonId after_person, int limit) {
  auto rs = db.execute(
      "SELECT n.id, n.person_id, n.relationship_id, n.kind, n.message, n.link, n.created_at FROM notifications n "
      "LEFT JOIN mail_people mp ON mp.person_id = n.person_id "
      "WHERE n.person_id > ? AND n.read_at IS NULL AND n.dismissed_at IS NULL "
      "AND n.id > COALESCE(mp.digest_through_notification, 0) "
      "AND (mp.last_digest_at IS NOT NULL OR n.created_at >= ?) "
      "AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.notification_id = n.id) "
      "AND NOT EXISTS (SELECT 1 FROM mail_opt_outs x WHERE x.person_id = n.person_id AND x.kind = 'digest') "
      "ORDER BY n.person_id, n.id LIMIT ?",
      std::vector<Value>{after_person, sql::unix_seconds(fresh_since), std::int64_t{limit}});
  std::vector<DigestItem> out;
  out.reserve(rs.rows.size());
  for (const auto& r : rs.rows)
    out.push_back({r.int64(0), r.int64(1), r.opt_int64(2), r.text(3), r.text(4), r.text(5), sql::time_of(r, 6)});
  return out;
}

std::optional<TimePoint> last_digest_at(sql::Connection& db, PersonId person) {
  auto rs = db.execute("SELECT last_digest_at FROM mail_people WHERE person_id = ?", std::vector<Value>{person});
  if (rs.rows.empty()) return std::nullopt;
  return sql::optional_time_of(rs.rows[0], 0);
}

void mark_digested(sql::Connection& db, PersonId person, std::int64_t through_notification, TimePoint at) {
  mail_token_of(db, person);  // the row exists from here on
  db.execute("UPDATE mail_people SET digest_through_notification = ?, last_digest_at = ? WHERE person_id = ?",
             std::vector<Value>{through_notification, sql::unix_seconds(at), person});
}

}  // namespace mh::storage
