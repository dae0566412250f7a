// Getting people in without an identity provider, and keeping them safe once in: an
// administrator's invitations (one person, or everyone who has not signed in yet; resent and
// revoked), the reset link a person asks for when they forgot their password, setting a password
// with either link, changing it, and a person's own sessions and API tokens, which they can end.
//
// Every link is a 256-bit random token mailed to the person (through the outbox, in the use
// case's transaction) and kept only as its hash; it works once, until it expires (domain/access.hpp)
// or a newer link of the same kind replaces it. Setting or changing a password ends the person's
// other browser sessions. Passwords arrive here already hashed (argon2id costs ~70 ms, which no
// transaction should wait for). Nothing here logs, and no error names a token or a password.
// Depends on storage and domain only. Not safe across threads: a UseCase belongs to one transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/access.hpp"
#include "services/use_case.hpp"
#include "storage/access_repo.hpp"
#include "storage/auth_repo.hpp"

namespace mh::services {

// The web app's page that takes a link's token (after '#', so it never reaches a server log).
inline constexpr const char* kSetPasswordPage = "/set-password";

// An invitation as made: its link, the person it invites, and the token, which exists only here
// and in the mail (the command line prints it when asked).
struct Invitation {
  AccessLink link;
  Person person;
  std::string token;                      // empty for one revoked
  std::optional<std::string> invited_by;  // the administrator's name
};

// Invites `person_id` to set a password, replacing a pending invitation of theirs. `actor` is
// the administrator, or nullptr for the operator at the command line. forbidden for anyone but
// an administrator; invalid (person_id) for an unknown person; conflict (person_id) for a
// deactivated person or one who has signed in or has a password already (they reset it).
Result<Invitation> invite_person(UseCase& uc, const Person* actor, PersonId person_id);

// Invites every active person who has never signed in, has no password and no pending
// invitation (storage::people_to_invite), in one transaction.
Result<std::vector<Invitation>> invite_everyone_not_signed_in(UseCase& uc, const Person* actor);

// A new link for the invitation `id` (the old one stops working): not_found for no such
// invitation; conflict when it was used already; otherwise as invite_person.
Result<Invitation> resend_invitation(UseCase& uc, const Person* actor, std::int64_t id);

// Revokes the invitation `id`: not_found for no such invitation, conflict unless it is pending.
Result<Invitation> revoke_invitation(UseCase& uc, const Person* actor, std::int64_t id);

// The administrators' list: invitations newest first (only the pending ones at `now` when
// `pending_only`), older than the id `before` when given, and how many people "invite everyone"
// would invite now. Forbidden for anyone but an administrator.
struct InvitationList {
  storage::InvitationsPage page;
  long long not_invited = 0;
};
Result<InvitationList> list_invitations(sql::Connection& db, const Person& actor, bool pending_only,
                                        std::optional<std::int64_t> before, int limit, TimePoint now);

// "Forgot password": mails a reset link to the active person with this address, replacing a
// pending one; does nothing for an unknown or deactivated address. The caller answers the same
// either way and limits how often it is asked (per address and per client).
void request_password_reset(UseCase& uc, const std::string& email);

// What a link is for, for the page that asks for the new password.
struct LinkView {
  AccessPurpose purpose = AccessPurpose::invitation;
  std::string name;
  std::string email;
  TimePoint expires_at{};
};
// not_found, with one message for every reason (unknown, used, replaced, expired, the person
// deactivated), so a link tells nothing about anyone once it is no good.
Result<LinkView> look_up_link(sql::Connection& db, const std::string& token, TimePoint now);

// Sets the password (`password_hash`) of the link's person and uses the link up; their other
// pending links are revoked and every browser session of theirs ends. not_found as look_up_link,
// also for the second of two requests racing with the same link.
Result<Person> set_password_with_link(UseCase& uc, const std::string& token, const std::string& password_hash);

// The actor changes their own password (the caller checked the current one): every other
// browser session of theirs ends, the one with `current_session_hash` stays.
void change_password(UseCase& uc, const Person& actor, const std::string& password_hash,
                     const std::string& current_session_hash);

// One of a person's ways in: a browser session or an API token. `id` is the first 16 hex
// digits of its token's hash: enough to name it, useless for signing in.
struct SessionView {
  std::string id;
  std::string kind;  // "session" or "api"
  std::string label;   // an API token's name
  std::string client;  // a session's browser
  TimePoint created_at{};
  TimePoint expires_at{};
  bool current = false;  // the one this request came with
};
// The actor's live sessions and API tokens, sessions first, each oldest first.
std::vector<SessionView> sessions_of(sql::Connection& db, const Person& actor, const std::string& current_hash,
                                     TimePoint now);
// Ends the actor's session or API token `id`; not_found when they have no such one.
Status end_session(UseCase& uc, const Person& actor, const std::string& id);

// Personal API tokens: a script uses the API as the person who made one, for `ttl`.
inline constexpr std::size_t kMaxApiTokens = 20;
inline constexpr std::size_t kMaxApiTokenLabel = 100;
struct NewApiToken {
  storage::AuthToken stored;  // only the hash is kept
  std::string secret;         // shown once
};
// invalid naming `label` over 100 bytes; conflict when the actor holds kMaxApiTokens live ones.
Result<NewApiToken> create_api_token(UseCase& uc, const Person& actor, const std::string& label, Seconds ttl);
// The actor's live API tokens, oldest first.
std::vector<storage::AuthToken> api_tokens_of(sql::Connection& db, const Person& actor, TimePoint now);
// Revokes the actor's API token `id` (its hash's first 16 hex digits); not_found for anything else,
// a browser session's id included.
Status revoke_api_token(UseCase& uc, const Person& actor, const std::string& id);
// Ends every browser session of the actor but the current one; how many.
int end_other_sessions(UseCase& uc, const Person& actor, const std::string& current_hash);

}  // namespace mh::services
