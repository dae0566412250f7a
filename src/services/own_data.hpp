// A person's own account: deleting it (GDPR erasure). The export of everything held about a
// person is a read the API renders with its own JSON views (api/own_data_routes.cpp).
// Depends on storage and domain only. Not safe across threads: a UseCase belongs to one transaction.
#pragma once

#include "domain/own_data.hpp"
#include "services/use_case.hpp"

namespace mh::services {

// Deletes the actor's account in the use case's transaction (the caller checked the
// confirmation: domain/own_data.hpp). Refused (conflict naming is_admin) for the last active
// administrator. Otherwise:
// - each of their pending requests is withdrawn (sent) or declined (received), and each open
//   relationship concluded, the other party told in the app (notification account_deleted);
// - they leave every circle they are in; a circle they host is concluded, its people told;
// - their upcoming flash sessions are cancelled (the other participant told), their free slots
//   withdrawn and their topics unpublished;
// - every row that was only theirs is removed (storage::erase_person_rows: sessions, tokens,
//   identities, private notes, notifications, mail, ...), and their row becomes the tombstone
//   "Deleted person" (no profile, skills or search entry, no password, a reserved address), so
//   the other party keeps each relationship's record, what the deleted person wrote in it now
//   attributed to "Deleted person";
// - the administrators' audit trail gets an entry account_deleted for "person:<id>", with no
//   content.
// Nothing is ever mailed to the deleted person.
Status delete_own_account(UseCase& uc, const Person& actor);

}  // namespace mh::services
