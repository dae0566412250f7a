// The administrators' audit trail (issue 18: "every administrator action is in an audit trail
// that administrators can read and export"). Each administrator use case records its action here,
// in its own transaction, so a refused or failed action leaves no entry and a done one always
// has its entry. The trail holds who, what, on which subject and a short detail: never a
// relationship's content (a break-glass reason is the administrator's own words).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "domain/person.hpp"
#include "storage/break_glass_repo.hpp"
#include "storage/sql/connection.hpp"

namespace mh::services {

// The actions, spelled once: the API, the CSV and the web app's labels use these names.
namespace admin_action {
inline constexpr const char* kBreakGlassOpened = "break_glass_opened";
inline constexpr const char* kPersonCreated = "person_created";
inline constexpr const char* kPersonUpdated = "person_updated";
inline constexpr const char* kPersonDeactivated = "person_deactivated";
inline constexpr const char* kPersonReactivated = "person_reactivated";
inline constexpr const char* kPasswordSet = "password_set";
inline constexpr const char* kPeopleImported = "people_imported";
inline constexpr const char* kInvitationSent = "invitation_sent";
inline constexpr const char* kInvitationResent = "invitation_resent";
inline constexpr const char* kInvitationRevoked = "invitation_revoked";
inline constexpr const char* kCohortCreated = "cohort_created";
inline constexpr const char* kPairRuleSet = "pair_rule_set";
inline constexpr const char* kPairRuleRemoved = "pair_rule_removed";
inline constexpr const char* kMatchingStarted = "matching_started";
inline constexpr const char* kMatchingApplied = "matching_applied";
inline constexpr const char* kCohortChanged = "cohort_changed";
inline constexpr const char* kCohortExtended = "cohort_extended";
inline constexpr const char* kCohortMembersAdded = "cohort_members_added";
inline constexpr const char* kCohortMemberRemoved = "cohort_member_removed";
inline constexpr const char* kProgramCreated = "program_created";
inline constexpr const char* kProgramChanged = "program_changed";
inline constexpr const char* kProgramClosed = "program_closed";
inline constexpr const char* kProgramSettingsChanged = "program_settings_changed";
inline constexpr const char* kSsoConfigured = "sso_configured";
inline constexpr const char* kSsoRemoved = "sso_removed";
inline constexpr const char* kVideoConfigured = "video_configured";
inline constexpr const char* kLifecycleRun = "lifecycle_run";
inline constexpr const char* kPairsNudged = "pairs_nudged";
inline constexpr const char* kSecondFactorRequired = "second_factor_required";
inline constexpr const char* kSecondFactorNotRequired = "second_factor_not_required";
inline constexpr const char* kSecondFactorRemoved = "second_factor_removed";  // one person's, on the command line
inline constexpr const char* kAccountDeleted = "account_deleted";  // by the person themself
inline constexpr const char* kScimTokenCreated = "scim_token_created";
inline constexpr const char* kScimTokenRevoked = "scim_token_revoked";
}  // namespace admin_action

// Writes one entry at `at`. `by` is the administrator, or nobody for the command line (an
// operator with the database in hand); `subject` names what was acted on ("person:42",
// "cohort:3", "program"); `detail` says how, in words an auditor reads.
void record_admin_action(sql::Connection& db, TimePoint at, std::optional<PersonId> by, const char* action,
                         std::string subject, std::string detail = {});

// The same for a use case whose actor may be the command line (nullptr, or a person without an
// id), or a system acting as an administrator (a person without an id, named: a SCIM provider,
// whose name then starts the detail).
void record_admin_action(sql::Connection& db, TimePoint at, const Person* by, const char* action, std::string subject,
                         std::string detail = {});

// The administrators' audit trail, newest first: administrators only.
Result<std::vector<storage::AdminAuditEntry>> read_admin_audit(sql::Connection& db, const Person& admin, int limit,
                                                               std::optional<std::int64_t> before);

// Entries as administrators read them: each with the person who acted (read once however many
// entries they wrote; nullopt for the command line, or someone deleted since).
struct AdminAuditView {
  std::vector<storage::AdminAuditEntry> entries;
  std::map<PersonId, std::optional<Person>> actors;

  const std::optional<Person>& actor_of(const storage::AdminAuditEntry& e) const;
};
// A page of the trail, newest first, older than the entry `before` when given; `more` tells
// whether older entries remain. Administrators only.
struct AdminAuditPage {
  AdminAuditView view;
  bool more = false;
};
Result<AdminAuditPage> admin_audit_page(sql::Connection& db, const Person& admin, int limit,
                                        std::optional<std::int64_t> before);
// The whole trail, oldest first (for the CSV an auditor downloads). Administrators only.
Result<AdminAuditView> whole_admin_audit(sql::Connection& db, const Person& admin);

// "3 people" / "1 person": counts in the details read as sentences.
std::string count_of(std::int64_t n, const char* one, const char* many);

}  // namespace mh::services
