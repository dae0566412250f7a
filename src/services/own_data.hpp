// A person's own account: deleting it (GDPR erasure), and the records held about them that the
// export of everything (GDPR access) lists beside the app's own views of their relationships,
// circles and flash sessions, which the API renders (api/own_data_routes.cpp).
// Depends on storage and domain only. Not safe across threads: a UseCase belongs to one transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/own_data.hpp"
#include "services/named_people.hpp"
#include "services/use_case.hpp"
#include "storage/notifications_repo.hpp"
#include "storage/own_data_repo.hpp"

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

// An administrator's opening of one of the person's relationships, with the administrator's
// name (none once their account is gone).
struct OwnRelationshipOpening {
  BreakGlassGrant grant;
  std::optional<std::string> administrator_name;
};

// What is held about `me` (only ever the caller) as plain records: every relationship they are
// or were in, oldest first, their cohort places, every notification (dismissed ones too), their
// last sign-in, linked identities, whether they have a calendar feed (never its secret), the
// mail kinds they switched off and the mail sent to them (kinds and states, no content), and
// every break-glass opening of their relationships; and their manager and former managers, read
// together, so the export names them without reading anything.
struct OwnRecords {
  std::vector<Relationship> relationships;
  std::vector<storage::CohortMembership> cohorts;
  std::vector<storage::Notification> notifications;
  std::optional<TimePoint> last_sign_in_at;
  std::vector<storage::LinkedIdentity> identities;
  bool calendar_feed = false;
  std::vector<MailKind> mail_kinds_off;
  std::vector<storage::MailSent> mail_sent;
  std::vector<OwnRelationshipOpening> openings;
  NamedPeople managers;  // me.manager_id and me.former_manager_ids, a deactivated one as such
};
OwnRecords own_records(sql::Connection& db, const Person& me);

}  // namespace mh::services
