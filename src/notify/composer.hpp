// Turns a message of the outbox into the e-mail a person receives: their name and address, the
// kind's template in the organisation's name, a link to the page where they act, a one-click
// unsubscribe address for the kind (RFC 8058), and for a meeting its invitation or cancellation
// (calendar/ics.hpp). Mail with a one-time link (an invitation, a password reset) has its own
// layout and no unsubscribe address. Also the daily digest of one person. Reads the store on the caller's
// connection; the MailConfig and templates are immutable, so a Composer is safe across threads.
// Depends on storage, calendar and domain: never on services, HTTP or curl.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/access.hpp"
#include "notify/mime.hpp"
#include "notify/templates.hpp"
#include "storage/outbox_repo.hpp"

namespace mh::notify {

struct MailConfig {
  MailAddress from;                       // the address mail is sent from, with the organisation's name
  std::string organisation = "Mentorhub";  // named in every mail
  std::string public_url;                 // the web app's address, for links ("https://mentoring.example.org")
  // The right part of every Message-ID (the from-address's domain).
  std::string message_id_domain() const;
};

struct Composed {
  std::string recipient;  // the envelope address
  std::string content;    // the RFC 5322 message
};

class Composer {
 public:
  Composer(MailConfig config, MailTemplates templates) : config_(std::move(config)), templates_(std::move(templates)) {}

  const MailConfig& config() const { return config_; }

  // The mail for `m`, or none with the reason it is no longer sent (the person left, has no
  // address, or switched the kind off since it was queued).
  struct Outcome {
    std::optional<Composed> mail;
    std::string skipped_because;
  };
  Outcome compose(sql::Connection& db, const storage::OutboxMessage& m, TimePoint now) const;

  // A digest for `person` of `items` (their notifications since the last one): the outbox row to queue,
  // already rendered, or none when the person cannot receive it.
  std::optional<storage::OutboxMessage> digest(sql::Connection& db, PersonId person,
                                               const std::vector<storage::DigestItem>& items, TimePoint now) const;

  // The one-click address that switches `kind` off for the holder of `token`.
  std::string unsubscribe_url(const std::string& token, MailKind kind) const;

 private:
  Outcome compose_account(sql::Connection& db, const storage::OutboxMessage& m, AccessPurpose purpose,
                          TimePoint now) const;
  TemplateValues common_values(sql::Connection& db, const Person& p, MailKind kind) const;
  std::string link(const std::string& path) const;
  // Who sends `mail` to whom and when, and its Message-ID from the outbox message's `token`.
  void address(MailMessage& mail, const Person& to, const std::string& token, TimePoint now) const;

  MailConfig config_;
  MailTemplates templates_;
};

}  // namespace mh::notify
