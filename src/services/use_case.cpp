#include "services/use_case.hpp"

#include "storage/circles_repo.hpp"
#include "storage/outbox_repo.hpp"
#include "storage/relationships_repo.hpp"

namespace mh::services {

std::string subject(const char* type, std::int64_t id) { return std::string(type) + ":" + std::to_string(id); }

std::string relationship_page(RelationshipId id, const char* section) {
  return "/relationships/" + std::to_string(id) + (section ? std::string("#") + section : std::string());
}

std::string circle_page(CircleId id) { return "/circles/" + std::to_string(id); }

std::string person_page(PersonId id) { return "/people/" + std::to_string(id); }

Notice relationship_notice(const Relationship& r, PersonId person, std::string kind, std::string message,
                           const char* section) {
  return Notice{person, std::move(kind), subject("relationship", r.id), "", std::move(message),
                relationship_page(r.id, section), r.id};
}

Notice circle_notice(CircleId c, PersonId person, std::string kind, std::string message) {
  return Notice{person, std::move(kind), subject("circle", c), "", std::move(message), circle_page(c), std::nullopt};
}

std::optional<std::int64_t> UseCase::notify(Notice notice) {
  Notified n{0,
             notice.person,
             std::move(notice.kind),
             std::move(notice.subject),
             std::move(notice.occasion),
             std::move(notice.message),
             std::move(notice.link),
             notice.relationship,
             now_,
             std::nullopt,
             std::nullopt};
  auto id = storage::insert_notification(db_, n);
  if (!id) return std::nullopt;
  n.id = *id;
  if (rules_.send_mail) {
    if (auto kind = immediate_mail_for(n.kind)) mail(n.person_id, *kind, n.message, n.link, std::nullopt, n.id);
  }
  events_.push_back(std::move(n));
  return id;
}

void UseCase::mail(PersonId person, MailKind kind, std::string message, std::string link,
                   std::optional<MeetingId> meeting, std::optional<std::int64_t> notification) {
  if (!rules_.send_mail || !storage::mail_kind_on(db_, person, kind)) return;
  storage::OutboxMessage m;
  m.person_id = person;
  m.kind = std::string(to_string(kind));
  m.message = std::move(message);
  m.link = std::move(link);
  m.meeting_id = meeting;
  m.notification_id = notification;
  m.created_at = m.next_attempt_at = now_;
  storage::enqueue_mail(db_, std::move(m));
}

void UseCase::mail_account(PersonId person, AccessPurpose purpose, std::string message, std::string link) {
  storage::OutboxMessage m;
  m.person_id = person;
  m.kind = std::string(to_string(purpose));
  m.message = std::move(message);
  m.link = std::move(link);
  m.created_at = m.next_attempt_at = now_;
  storage::enqueue_mail(db_, std::move(m));
}

void UseCase::mail_meeting_change(const Relationship& r, const Meeting& m, std::string message,
                                  std::optional<Notified> told) {
  const std::string link = relationship_page(r.id, "meetings");
  for (PersonId p : {r.mentee_id, r.mentor_id}) {
    std::optional<std::int64_t> carries;
    if (told && told->person_id == p) carries = told->id;
    mail(p, MailKind::meetings, message, link, m.id, carries);
  }
}

Status UseCase::change_state(Relationship& r, RelState to, std::optional<PersonId> by, std::string note) {
  const RelState from = r.state;
  MH_CHECK(storage::change_state(db_, r, to, by, now_, note));
  events_.push_back(StateChanged{r.id, from, to, by, std::move(note)});
  return {};
}

void UseCase::record_created(const Relationship& r, std::optional<PersonId> by, std::string note) {
  storage::insert_state_change(db_, {r.id, by, RelState::requested, RelState::requested, now_, note});
  events_.push_back(StateChanged{r.id, RelState::requested, RelState::requested, by, std::move(note)});
}

void UseCase::record_circle_change(CircleChanged change) {
  storage::insert_circle_event(db_, {change.circle, change.person, change.by, change.from, change.to, now_, change.note});
  events_.push_back(std::move(change));
}

Status UseCase::change_circle_state(Circle& c, CircleState to, std::optional<PersonId> by, std::string note) {
  const CircleState from = c.state;
  MH_CHECK(check_circle_transition(from, to));
  c.state = to;
  if (to == CircleState::concluding) c.concluding_at = now_;
  if (to == CircleState::concluded) {
    c.concluded_at = now_;
    c.accepting_members = false;
  }
  c.updated_at = now_;
  storage::update_circle(db_, c);
  record_circle_change({c.id, std::nullopt, by, to_string(from), to_string(to), std::move(note)});
  return {};
}

namespace {

Result<Relationship> participant_only(std::optional<Relationship> r, const Person& actor) {
  if (!r) return not_found("no such relationship");
  MH_CHECK(require_participant(*r, actor));
  return std::move(*r);
}

}  // namespace

Result<Relationship> participant_relationship(sql::Connection& db, const Person& actor, RelationshipId id) {
  return participant_only(storage::find_relationship(db, id), actor);
}

Result<Relationship> changing_relationship(sql::Connection& db, const Person& actor, RelationshipId id) {
  return participant_only(storage::find_relationship_for_update(db, id), actor);
}

Status require_participant(const Relationship& r, const Person& actor) {
  if (r.is_participant(actor.id)) return {};
  return forbidden("only the mentee and the mentor of a relationship can see or change its content");
}

Status require_workable(const Relationship& r) {
  if (is_workable(r.state)) return {};
  return conflict(std::string("the relationship is ") + to_string(r.state) +
                      (r.state == RelState::concluded ? "; it is read-only now" : "; this cannot change now"),
                  "state");
}

Status check_required_text(const std::string& field, const std::string& text, std::size_t max) {
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) return invalid(field, "must not be empty");
  if (text.size() > max) return invalid(field, "is longer than " + std::to_string(max) + " characters");
  return {};
}

}  // namespace mh::services
