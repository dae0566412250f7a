// A person's own data in the store: what the export reads that no other repository answers (their
// cohorts, linked identities, mail sent to them, break-glass openings of their relationships),
// and the erasure of the rows that were only theirs when they delete their account. Free
// functions over a connection inside a Store transaction; they never commit.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/break_glass.hpp"
#include "domain/person.hpp"
#include "storage/sql/connection.hpp"

namespace mh::storage {

struct CohortMembership {
  std::int64_t cohort_id = 0;
  std::string cohort_name;
  std::string role;  // "mentee" or "mentor"
};
std::vector<CohortMembership> cohort_memberships_of(sql::Connection& db, PersonId person);

// An identity of the organisation's identity provider linked to the person by single sign-on.
struct LinkedIdentity {
  std::string issuer;
  std::string subject;
  TimePoint linked_at{};
  TimePoint last_sign_in_at{};
};
std::vector<LinkedIdentity> identities_of(sql::Connection& db, PersonId person);

// Mail queued or sent to the person (what and when, never the link it carried), oldest first.
struct MailSent {
  std::string kind;
  std::string state;
  TimePoint queued_at{};
  std::optional<TimePoint> sent_at;
};
std::vector<MailSent> mail_sent_to(sql::Connection& db, PersonId person);

// Every break-glass grant opened on a relationship the person takes part in, oldest first.
std::vector<BreakGlassGrant> break_glass_grants_involving(sql::Connection& db, PersonId person);

// Active administrators other than `person`.
long long other_active_admins(sql::Connection& db, PersonId person);

// Removes what belonged to the person alone: sessions and API tokens, linked identities, links
// to set a password, sign-in times, the calendar feed, their availability, mail settings and
// mail, their private notes, their notifications, managers' recommendations about or of them,
// cohort memberships and pair rules, and former-manager rows naming them; their reports no
// longer have them as manager.
// The person's row itself is rewritten by the caller (update_person with the tombstone).
void erase_person_rows(sql::Connection& db, PersonId person, TimePoint now);

}  // namespace mh::storage
