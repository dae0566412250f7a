// What every use case runs in: one store transaction, the time it happens at, the program's
// lifecycle rules, and the events it causes. A use case (requests.hpp, workspace.hpp, ...)
// takes a UseCase, the acting person and a parsed input; it checks who may act and the domain's
// rules, writes, and records each event here as it writes it, in the same transaction. So
// everything that must react to what happened (notifications today; mail, calendars and audit
// exports next) finds it in one place, and nothing is recorded for a use case that failed (the
// transaction is rolled back with it).
// Depends on storage and domain only: no JSON, no HTTP. Not safe across threads: one UseCase
// belongs to one transaction.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "common/result.hpp"
#include "domain/access.hpp"
#include "domain/circle.hpp"
#include "domain/mail.hpp"
#include "domain/meetings.hpp"
#include "domain/person.hpp"
#include "domain/relationship.hpp"
#include "storage/notifications_repo.hpp"
#include "storage/relationships_repo.hpp"
#include "storage/sql/connection.hpp"

namespace mh::services {

// A person was told something in the app: the notification as written (its id included).
using Notified = storage::Notification;

// What a use case tells one person: what it is about (the subject), on which occasion, and the
// web app's page where they act. The store writes one per person, kind, subject and occasion, so
// the occasion must tell apart the times the same thing may rightly be said again (a purpose's
// version, a meeting's start time); an empty occasion means once ever for that kind and subject.
struct Notice {
  PersonId person = 0;
  std::string kind;
  std::string subject;
  std::string occasion;
  std::string message;
  std::string link;
  std::optional<RelationshipId> relationship;

  Notice& about(std::string what) {
    subject = std::move(what);
    return *this;
  }
  Notice& on(std::string when) {
    occasion = std::move(when);
    return *this;
  }
  Notice& at(std::string page) {
    link = std::move(page);
    return *this;
  }
};

// Subjects and pages, spelled in one place.
std::string subject(const char* type, std::int64_t id);
std::string relationship_page(RelationshipId id, const char* section = nullptr);  // "/relationships/42#plan"
std::string circle_page(CircleId id);
std::string person_page(PersonId id);
inline constexpr const char* kRequestsPage = "/requests";
inline constexpr const char* kFlashPage = "/flash";
inline constexpr const char* kFindMentorPage = "/find-a-mentor";
inline constexpr const char* kPeoplePage = "/people";

// A notice to `person` about the relationship `r` (subject "relationship:<id>", once ever unless
// `.on()` says otherwise), acting on its workspace's `section` unless `.at()` names another page.
Notice relationship_notice(const Relationship& r, PersonId person, std::string kind, std::string message,
                           const char* section = nullptr);
// A notice to `person` about the circle `c`, acting on the circle's page.
Notice circle_notice(CircleId c, PersonId person, std::string kind, std::string message);

// A relationship moved from one state to another (also written to its audit trail).
struct StateChanged {
  RelationshipId relationship = 0;
  RelState from = RelState::requested;
  RelState to = RelState::requested;
  std::optional<PersonId> by;  // nobody for the scheduler
  std::string note;
};

// A circle's own state, or one person's standing in it, changed (also written to its audit
// trail). `from` and `to` are states of the circle or of the membership ("waitlisted" ->
// "member"); `person` is nobody for a change of the circle itself.
struct CircleChanged {
  CircleId circle = 0;
  std::optional<PersonId> person;
  std::optional<PersonId> by;  // nobody for the system (a promotion from the waitlist)
  std::string from;
  std::string to;
  std::string note;
};

using Event = std::variant<Notified, StateChanged, CircleChanged>;

class UseCase {
 public:
  UseCase(sql::Connection& db, TimePoint now, const LifecycleSettings& rules) : db_(db), now_(now), rules_(rules) {}

  sql::Connection& db() const { return db_; }
  TimePoint now() const { return now_; }
  const LifecycleSettings& rules() const { return rules_; }
  const std::vector<Event>& events() const { return events_; }

  // Writes the notification and records it; returns its id, or nullopt (and records nothing) when
  // its person already has one of that kind, subject and occasion. A notification that is mailed
  // at once (domain/mail.hpp immediate_mail_for) also queues its mail, in this transaction.
  std::optional<std::int64_t> notify(Notice notice);
  // Queues an e-mail of `kind` to `person` in the outbox, in this transaction, when the program
  // sends mail and the person has not switched the kind off: `message` says what happened and
  // `link` is the web app's path where they act. `meeting` attaches that meeting's invitation;
  // `notification` is the one the mail carries, which the daily digest then leaves out.
  void mail(PersonId person, MailKind kind, std::string message, std::string link,
            std::optional<MeetingId> meeting = std::nullopt, std::optional<std::int64_t> notification = std::nullopt);
  // Queues the mail that carries a one-time link (an invitation, a password reset) to `person`:
  // not a kind anyone switches off, and queued even when this server sends no mail, since a
  // server sharing the database, or this one started again with --smtp, sends it (while the link
  // still works). `link` holds the secret: the outbox forgets it once the mail has gone.
  void mail_account(PersonId person, AccessPurpose purpose, std::string message, std::string link);
  // A meeting was scheduled, moved or cancelled: both participants get its invitation (or its
  // cancellation). `told` is the notification one of them got about it, if any, which their
  // mail carries.
  void mail_meeting_change(const Relationship& r, const Meeting& m, std::string message,
                           std::optional<Notified> told = std::nullopt);
  // Moves `r` to `to` if the domain allows it, writes the audit row and records the change;
  // a refused transition is a conflict naming the current state, and nothing is written.
  Status change_state(Relationship& r, RelState to, std::optional<PersonId> by, std::string note = {});
  // Records a new request's first audit row (requested -> requested) for `r`.
  void record_created(const Relationship& r, std::optional<PersonId> by, std::string note);
  // Writes a circle's audit row and records the change.
  void record_circle_change(CircleChanged change);
  // Moves the circle `c` to `to` if the domain allows it (a refused transition is a conflict
  // naming the current state), saves it and records the change.
  Status change_circle_state(Circle& c, CircleState to, std::optional<PersonId> by, std::string note = {});

 private:
  sql::Connection& db_;
  TimePoint now_;
  const LifecycleSettings& rules_;
  std::vector<Event> events_;
};

// The relationship `id` if `actor` takes part in it: not_found if there is none, forbidden for
// anyone else, administrators included (they see states and counts, never content).
Result<Relationship> participant_relationship(sql::Connection& db, const Person& actor, RelationshipId id);
// participant_relationship for a use case about to change the relationship's state: its row
// locked until the transaction ends (storage::find_relationship_for_update), so that at READ
// COMMITTED a second answer to the same request waits and then sees what the first one did.
Result<Relationship> changing_relationship(sql::Connection& db, const Person& actor, RelationshipId id);

// Forbidden unless `actor` is the relationship's mentee or mentor. Every use case on a loaded
// relationship checks it first, so none depends on how its caller found the relationship.
Status require_participant(const Relationship& r, const Person& actor);

// A relationship's content may change only while it is starting, active or fading.
Status require_workable(const Relationship& r);

// Free text a person must give: present, not blank, at most `max` bytes.
Status check_required_text(const std::string& field, const std::string& text, std::size_t max);

}  // namespace mh::services
