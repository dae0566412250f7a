#include "services/access.hpp"

#include "common/crypto.hpp"
#include "services/admin_audit.hpp"
#include "services/single_sign_on.hpp"
#include "storage/people_repo.hpp"

namespace mh::services {

namespace {

constexpr const char* kLinkNoGood =
    "this link no longer works: it was used, replaced by a newer one, or has expired; ask for a new one";

Status require_admin(const Person* actor) {
  if (actor && !actor->is_admin) return forbidden("only a program administrator may invite people");
  return {};
}

// A fresh link of `purpose` for `person`, its mail queued; the token comes back once.
std::string new_link(UseCase& uc, const Person& person, AccessPurpose purpose, const Person* by, AccessLink& link) {
  const std::string token = random_token();
  link = AccessLink{};
  link.person_id = person.id;
  link.purpose = purpose;
  link.token_hash = token_hash(token);
  if (by) link.created_by = by->id;
  link.created_at = uc.now();
  link.expires_at = uc.now() + lifetime_of(purpose);
  link.id = storage::insert_access_link(uc.db(), link);
  const std::string message =
      purpose == AccessPurpose::invitation
          ? (by ? by->name + " invites you to the mentoring program. " : std::string("You are invited to the mentoring program. ")) +
                "Choose your password to sign in; the link works once, for 7 days."
          : std::string("Someone, hopefully you, asked to reset your password. Choose a new one with this link; it "
                        "works once, for an hour. If it was not you, ignore this mail: your password stays as it is.");
  uc.mail_account(person.id, purpose, message, std::string(kSetPasswordPage) + "#" + token);
  return token;
}

Result<Invitation> invite(UseCase& uc, const Person* actor, const Person& person) {
  if (!person.active) return conflict(person.name + " is deactivated; reactivate them first", "person_id");
  if (!check_password_sign_in_allowed(uc.db(), person.email))
    return conflict("password sign-in is turned off: people sign in through the identity provider", "person_id");
  if (!storage::password_hash_of(uc.db(), person.id).empty() || storage::last_sign_in_of(uc.db(), person.id))
    return conflict(person.name + " has signed in or has a password already; they can reset it with Forgot password",
                    "person_id");
  storage::revoke_pending_links(uc.db(), person.id, AccessPurpose::invitation, uc.now());
  Invitation out;
  out.person = person;
  out.token = new_link(uc, person, AccessPurpose::invitation, actor, out.link);
  if (actor) out.invited_by = actor->name;
  return out;
}

}  // namespace

Result<Invitation> invite_person(UseCase& uc, const Person* actor, PersonId person_id) {
  MH_CHECK(require_admin(actor));
  auto person = storage::find_person(uc.db(), person_id);
  if (!person) return invalid("person_id", "no person has this id");
  MH_TRY(made, invite(uc, actor, *person));
  record_admin_action(uc.db(), uc.now(), actor, admin_action::kInvitationSent, subject("person", person->id),
                      person->name + " <" + person->email + ">");
  return made;
}

Result<std::vector<Invitation>> invite_everyone_not_signed_in(UseCase& uc, const Person* actor) {
  MH_CHECK(require_admin(actor));
  std::vector<Invitation> out;
  for (const Person& p : storage::people_to_invite(uc.db(), uc.now())) {
    MH_TRY(made, invite(uc, actor, p));
    out.push_back(std::move(made));
  }
  if (!out.empty())
    record_admin_action(uc.db(), uc.now(), actor, admin_action::kInvitationSent, "people",
                        count_of(static_cast<std::int64_t>(out.size()), "person", "people") +
                            " who had never signed in");
  return out;
}

Result<Invitation> resend_invitation(UseCase& uc, const Person* actor, std::int64_t id) {
  MH_CHECK(require_admin(actor));
  auto link = storage::find_access_link(uc.db(), id);
  if (!link || link->purpose != AccessPurpose::invitation) return not_found("no such invitation");
  if (state_of(*link, uc.now()) == LinkState::used)
    return conflict("this invitation was used: the person has chosen a password", "state");
  auto person = storage::find_person(uc.db(), link->person_id);
  if (!person) return not_found("no such invitation");
  MH_TRY(made, invite(uc, actor, *person));
  record_admin_action(uc.db(), uc.now(), actor, admin_action::kInvitationResent, subject("person", person->id),
                      person->name + " <" + person->email + ">");
  return made;
}

Result<InvitationList> list_invitations(sql::Connection& db, const Person& actor, bool pending_only,
                                        std::optional<std::int64_t> before, int limit, TimePoint now) {
  MH_CHECK(require_admin(&actor));
  InvitationList out;
  out.page = storage::list_invitations(db, pending_only, before, limit, now);
  out.not_invited = storage::count_people_to_invite(db, now);
  return out;
}

Result<Invitation> revoke_invitation(UseCase& uc, const Person* actor, std::int64_t id) {
  MH_CHECK(require_admin(actor));
  auto link = storage::find_access_link(uc.db(), id);
  if (!link || link->purpose != AccessPurpose::invitation) return not_found("no such invitation");
  const LinkState state = state_of(*link, uc.now());
  if (state != LinkState::pending)
    return conflict("this invitation is " + std::string(to_string(state)) + "; only a pending one can be revoked",
                    "state");
  storage::revoke_access_link(uc.db(), id, uc.now());
  Invitation out;
  out.link = *storage::find_access_link(uc.db(), id);
  if (auto p = storage::find_person(uc.db(), link->person_id)) out.person = std::move(*p);
  if (link->created_by)
    if (auto by = storage::find_person(uc.db(), *link->created_by)) out.invited_by = by->name;
  record_admin_action(uc.db(), uc.now(), actor, admin_action::kInvitationRevoked, subject("person", link->person_id),
                      out.person.name + " <" + out.person.email + ">");
  return out;
}

void request_password_reset(UseCase& uc, const std::string& email) {
  auto person = storage::find_person_by_email(uc.db(), email);
  if (!person || !person->active) return;
  // With password sign-in turned off (single sign-on), a password would open nothing.
  if (!check_password_sign_in_allowed(uc.db(), person->email)) return;
  storage::revoke_pending_links(uc.db(), person->id, AccessPurpose::password_reset, uc.now());
  AccessLink link;
  new_link(uc, *person, AccessPurpose::password_reset, nullptr, link);
}

namespace {

// The link and its person when the link is pending and the person active.
Result<std::pair<AccessLink, Person>> live_link(sql::Connection& db, const std::string& token, TimePoint now) {
  if (token.size() != 64) return not_found(kLinkNoGood);
  auto link = storage::find_access_link_by_hash(db, token_hash(token));
  if (!link || state_of(*link, now) != LinkState::pending) return not_found(kLinkNoGood);
  auto person = storage::find_person(db, link->person_id);
  if (!person || !person->active) return not_found(kLinkNoGood);
  return std::pair{std::move(*link), std::move(*person)};
}

}  // namespace

Result<LinkView> look_up_link(sql::Connection& db, const std::string& token, TimePoint now) {
  MH_TRY(found, live_link(db, token, now));
  return LinkView{found.first.purpose, found.second.name, found.second.email, found.first.expires_at};
}

Result<Person> set_password_with_link(UseCase& uc, const std::string& token, const std::string& password_hash) {
  MH_TRY(found, live_link(uc.db(), token, uc.now()));
  auto& [link, person] = found;
  if (!storage::use_access_link(uc.db(), link.id, uc.now())) return not_found(kLinkNoGood);
  storage::set_password_hash(uc.db(), person.id, password_hash);
  storage::revoke_pending_links(uc.db(), person.id, std::nullopt, uc.now());
  // Whoever knew the old password is signed out everywhere.
  storage::delete_tokens_of(uc.db(), person.id, "session");
  return person;
}

void change_password(UseCase& uc, const Person& actor, const std::string& password_hash,
                     const std::string& current_session_hash) {
  storage::set_password_hash(uc.db(), actor.id, password_hash);
  storage::revoke_pending_links(uc.db(), actor.id, AccessPurpose::password_reset, uc.now());
  storage::delete_tokens_of_except(uc.db(), actor.id, "session", current_session_hash);
}

std::vector<SessionView> sessions_of(sql::Connection& db, const Person& actor, const std::string& current_hash,
                                     TimePoint now) {
  std::vector<SessionView> out;
  for (const char* kind : {"session", "api"})
    for (const auto& t : storage::list_tokens_of(db, actor.id, kind, now))
      out.push_back({t.token_hash.substr(0, 16), t.kind, t.label, t.client, t.created_at, t.expires_at,
                     t.token_hash == current_hash});
  return out;
}

namespace {

// Deletes the actor's live token of one of `kinds` named `id`; whether there was one.
bool delete_named_token(UseCase& uc, const Person& actor, const std::string& id, std::initializer_list<const char*> kinds) {
  if (id.size() != 16) return false;
  for (const char* kind : kinds)
    for (const auto& t : storage::list_tokens_of(uc.db(), actor.id, kind, uc.now()))
      if (t.token_hash.starts_with(id)) {
        storage::delete_token(uc.db(), t.token_hash);
        return true;
      }
  return false;
}

}  // namespace

Status end_session(UseCase& uc, const Person& actor, const std::string& id) {
  if (delete_named_token(uc, actor, id, {"session", "api"})) return {};
  return not_found("no such session or API token");
}

Result<NewApiToken> create_api_token(UseCase& uc, const Person& actor, const std::string& label, Seconds ttl) {
  if (label.size() > kMaxApiTokenLabel) return invalid("label", "is longer than 100 characters");
  if (api_tokens_of(uc.db(), actor, uc.now()).size() >= kMaxApiTokens)
    return conflict("you already have 20 API tokens; revoke one first");
  NewApiToken out;
  out.secret = random_token();
  out.stored = {token_hash(out.secret), actor.id, "api", label, "", uc.now(), uc.now() + ttl, ""};
  storage::insert_token(uc.db(), out.stored);
  return out;
}

std::vector<storage::AuthToken> api_tokens_of(sql::Connection& db, const Person& actor, TimePoint now) {
  return storage::list_tokens_of(db, actor.id, "api", now);
}

Status revoke_api_token(UseCase& uc, const Person& actor, const std::string& id) {
  if (delete_named_token(uc, actor, id, {"api"})) return {};
  return not_found("no such API token");
}

int end_other_sessions(UseCase& uc, const Person& actor, const std::string& current_hash) {
  return storage::delete_tokens_of_except(uc.db(), actor.id, "session", current_hash);
}

}  // namespace mh::services
