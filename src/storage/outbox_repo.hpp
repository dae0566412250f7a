// E-mail in the store: the outbox and each person's mail settings (the kinds they switched off,
// their unsubscribe token, how far their last digest reached).
//
// The outbox is a state machine per message, driven by whichever server's sender holds its lease:
//   pending --claim--> sending --hand_over--> sending (handed over) --mark_sent--> sent
//   sending --retry_mail--> pending (next attempt after a back-off) or failed (after the last)
//   sending --skip_mail--> skipped (the person switched the kind off, or has no address)
//   sending, lease expired, not handed over --claim--> sending again (it never reached the server)
//   sending, lease expired, handed over --claim--> unconfirmed (never resent; see below)
// A claim takes due messages with `FOR UPDATE SKIP LOCKED` on PostgreSQL (each message goes to one
// server even when several claim at once) and under SQLite's single writer lock. A sender marks a
// message handed over in its own committed transaction just before it lets the mail server have
// the end of the message; a message whose sender died after that point may or may not have been
// accepted, so it is never sent again, only reported (RFC 1047's window). So a message is sent
// at most once, and every message whose sender died before that point, or whose mail server was
// down, is sent later.
// Stateless; each call runs on the caller's connection and transaction.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "domain/mail.hpp"
#include "domain/person.hpp"
#include "storage/sql/connection.hpp"

namespace mh::storage {

struct OutboxMessage {
  std::int64_t id = 0;
  PersonId person_id = 0;
  std::string kind;     // a MailKind
  std::string message;  // what happened, in a sentence (the notification's text)
  std::string link;     // the web app's path where the person acts ("/requests")
  std::optional<std::int64_t> meeting_id;
  std::optional<std::int64_t> notification_id;  // the notification this mail carries, so no digest repeats it
  std::string token;                     // the stable left part of its Message-ID
  std::string state = "pending";
  int attempts = 0;
  TimePoint next_attempt_at{};
  std::optional<std::string> lease_owner;
  std::optional<TimePoint> lease_until;
  bool handed_over = false;
  std::optional<std::string> recipient;  // the address it goes to, once rendered
  std::optional<std::string> content;    // the whole RFC 5322 message, once rendered
  std::optional<std::string> last_error;
  TimePoint created_at{};
  std::optional<TimePoint> sent_at;
};

// Inserts `m` as pending and due at once (a fresh random token unless it has one); its id.
std::int64_t enqueue_mail(sql::Connection& db, OutboxMessage m);

// Whether a claim at `now` would find anything (a read, so an idle sender takes no write lock).
bool mail_due(sql::Connection& db, TimePoint now);
// Up to `limit` due messages, oldest first, now leased to `owner` until `now + lease` and counted
// as one more attempt. First turns expired leases of handed-over messages into `unconfirmed`.
std::vector<OutboxMessage> claim_mail(sql::Connection& db, const std::string& owner, TimePoint now, Seconds lease,
                                      int limit);

// The rest take effect only while `owner` still holds the message's lease (true then), so a
// sender that lost its lease changes nothing.
bool save_rendered_mail(sql::Connection& db, std::int64_t id, const std::string& owner, const std::string& recipient,
                        const std::string& content);
bool hand_over_mail(sql::Connection& db, std::int64_t id, const std::string& owner);
// Sent: the rendered content and the link are dropped (the outbox is not an archive, and the
// link of an invitation or reset holds its secret). Every other final state drops them too.
bool mark_mail_sent(sql::Connection& db, std::int64_t id, const std::string& owner, TimePoint now);
// A failed attempt: pending again after mail_retry_delay(attempts), or failed for good when
// `permanent` (the server refused the address) or after kMaxMailAttempts.
bool retry_mail(sql::Connection& db, std::int64_t id, const std::string& owner, TimePoint now,
                const std::string& error, bool permanent);
// Handed over and then no answer from the server: it may or may not have been delivered, so it
// is never sent again.
bool mark_mail_unconfirmed(sql::Connection& db, std::int64_t id, const std::string& owner, const std::string& error);
bool skip_mail(sql::Connection& db, std::int64_t id, const std::string& owner, const std::string& reason);

std::optional<OutboxMessage> find_mail(sql::Connection& db, std::int64_t id);
// How many messages are in each state.
std::map<std::string, long long> outbox_counts(sql::Connection& db);

// Mail settings. Every kind is on until the person switches it off.
bool mail_kind_on(sql::Connection& db, PersonId person, MailKind kind);
std::vector<MailKind> mail_kinds_off(sql::Connection& db, PersonId person);
void set_mail_kind(sql::Connection& db, PersonId person, MailKind kind, bool on, TimePoint now);
// The person's unsubscribe token (made on first use); it opens nothing but switching kinds off.
std::string mail_token_of(sql::Connection& db, PersonId person);
std::optional<PersonId> mail_token_owner(sql::Connection& db, const std::string& token);

// The digest. Notifications of people not yet digested, unread and not dismissed, not carried by
// an immediate mail, newer than the person's last digest (or than `fresh_since` for someone who
// never had one), for people who did not switch the digest off: by person, then id; at most
// `limit` rows.
struct DigestItem {
  std::int64_t notification_id = 0;
  PersonId person_id = 0;
  std::optional<std::int64_t> relationship_id;
  std::string kind;
  std::string message;
  std::string link;  // the web app's page where the person acts
  TimePoint created_at{};
};
std::vector<DigestItem> digest_candidates(sql::Connection& db, TimePoint fresh_since, PersonId after_person, int limit);
std::optional<TimePoint> last_digest_at(sql::Connection& db, PersonId person);
// Records a digest sent at `at` covering notifications up to `through_notification`.
void mark_digested(sql::Connection& db, PersonId person, std::int64_t through_notification, TimePoint at);

}  // namespace mh::storage
