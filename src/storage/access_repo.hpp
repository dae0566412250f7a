// One-time links (invitations and password resets) and sign-in times in the store. A link is
// kept only as the hash of its token (common/crypto.hpp token_hash), so the table opens nothing
// to whoever reads it. Free functions over a connection inside a Store transaction; they never
// commit. Stateless.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "domain/access.hpp"
#include "domain/person.hpp"
#include "storage/sql/connection.hpp"

namespace mh::storage {

// Inserts `link` and returns its id.
std::int64_t insert_access_link(sql::Connection& db, const AccessLink& link);
std::optional<AccessLink> find_access_link(sql::Connection& db, std::int64_t id);
std::optional<AccessLink> find_access_link_by_hash(sql::Connection& db, const std::string& token_hash);

// Marks the link used if it is still pending at `now`; false when it was used, revoked or
// expired meanwhile (so of two requests with the same link, one wins).
bool use_access_link(sql::Connection& db, std::int64_t id, TimePoint now);
// Revokes one link if it is still pending; false otherwise.
bool revoke_access_link(sql::Connection& db, std::int64_t id, TimePoint now);
// Revokes every pending link of `person` (of `purpose` only, when given); how many.
int revoke_pending_links(sql::Connection& db, PersonId person, std::optional<AccessPurpose> purpose, TimePoint now);

// An invitation with the person it invites, for the administrators' list.
struct InvitationRow {
  AccessLink link;
  std::string name;
  std::string email;
  std::optional<std::string> invited_by;  // the administrator's name
};
struct InvitationsPage {
  std::vector<InvitationRow> items;
  std::optional<std::int64_t> next_before;  // the cursor of the next (older) page
};
// Invitations, newest first, older than the id `before` when given; only the pending ones at
// `now` when `pending_only`.
InvitationsPage list_invitations(sql::Connection& db, bool pending_only, std::optional<std::int64_t> before, int limit,
                                 TimePoint now);

// Active people who have never signed in and have no password, and no pending invitation at
// `now`: whom "invite everyone who has not signed in" invites. Ordered by id.
std::vector<Person> people_to_invite(sql::Connection& db, TimePoint now);
long long count_people_to_invite(sql::Connection& db, TimePoint now);

// Sign-in times (person_sign_ins, beside the person's row, which a sign-in leaves untouched): a
// person who has signed in is no longer invited.
void record_sign_in(sql::Connection& db, PersonId person, TimePoint at);
std::optional<TimePoint> last_sign_in_of(sql::Connection& db, PersonId person);

}  // namespace mh::storage
