// A program's cohorts as use cases: making a cohort (from a list or a filter), its pins and
// prohibitions, queueing a matching job and applying a finished one as one-to-one proposals.
// The HTTP routes (api/cohort_routes.cpp), the job runner (services/cohort_matching_job.hpp,
// services/matching_runner.hpp) and the command line (`mentorhub match`) all call these, so a
// cohort behaves the same wherever it is run. Each runs in the caller's transaction and records
// the administrator's action in the audit trail.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "domain/person.hpp"
#include "domain/relationship.hpp"
#include "storage/cohorts_repo.hpp"
#include "storage/sql/connection.hpp"

namespace mh::services {

// Who is in a new cohort: listed people, or everyone active (in one department, if given)
// who seeks one-to-one mentoring as mentees and who offers it with a place as mentors.
struct CohortSelection {
  std::optional<std::vector<PersonId>> mentee_ids, mentor_ids;  // both given: a list
  std::optional<std::string> department;                        // a filter otherwise
  bool signup_only = false;  // neither: people sign themselves up (the plan's signup_open)
  // How the cohort was chosen, as stored with it: {"kind": "list"}, {"kind": "filter",
  // "department": ...} or {"kind": "signup"}.
  std::string stored_json() const;
};

// Where a new cohort belongs and when it runs: its program (the default one when none is
// given), its dates, and whether people may sign themselves up.
struct CohortPlan {
  std::optional<std::int64_t> program_id;
  std::optional<std::chrono::sys_days> starts_on, ends_on;
  bool signup_open = false;
};

// Creates the cohort with its members, in the caller's transaction. Errors name the field:
// `name` (taken: 409), `mentee_ids[3]` (no such active person), `filter` (selects nobody),
// `program_id` (no such program, closed, or not offering one-to-one mentoring), `ends_on`
// (before `starts_on`).
Result<storage::CohortId> create_cohort(sql::Connection& db, const std::string& name, const std::string& description,
                                        const CohortSelection& selection, std::optional<PersonId> by, TimePoint now,
                                        const CohortPlan& plan = {});

// Forbidden unless `actor` is a program administrator: only they change cohorts and read their
// members and matchings (a person sees their own cohorts through my_cohorts).
Status require_cohort_administrator(const Person& actor);

// A job is abandoned when its server stopped: no heartbeat for this long.
inline constexpr Seconds kJobHeartbeatTimeout{120};
inline constexpr Seconds kQueuedJobTimeout{30 * 60};
// The job as callers should see it: a queued or running job without a heartbeat is failed.
storage::MatchingJob effective(storage::MatchingJob job, TimePoint now);

struct MatchingRequest {
  int k = 50;
  int min_score = 1;  // hundredths of a point
  // Mentees who already have a mentor (starting, active, fading) are left out unless this is set.
  bool include_mentored = false;
};

// Queues a job for the cohort (409 while another one is queued or running).
Result<storage::MatchingJob> queue_matching(sql::Connection& db, storage::CohortId cohort, const MatchingRequest& request,
                                            std::optional<PersonId> by, TimePoint now);

// Pins `mentee` to `mentor` (the matching must pair them) or forbids the pair, replacing a rule
// the pair had: not_found for an unknown cohort. Both must be members of the cohort in those
// roles (invalid naming `mentee_id` or `mentor_id`); nobody is pinned to themselves or to their
// current manager, and a mentee has one pin at most (conflict naming `mentee_id`, with the
// mentor they are pinned to).
Status set_pair_rule(sql::Connection& db, storage::CohortId cohort, PersonId mentee, PersonId mentor,
                     storage::PairRuleKind kind, PersonId by, TimePoint now);
// Removes the pair's pin or prohibition: not_found for an unknown cohort, or when the pair has
// none.
Status remove_pair_rule(sql::Connection& db, storage::CohortId cohort, PersonId mentee, PersonId mentor, PersonId by,
                        TimePoint now);

// Applies a done job: one proposal (a request in the lifecycle's `requested` state, the mentee
// as initiator, the mentor to accept or decline) per pair that the lifecycle's rules still
// allow; the others are reported with the reason. One transaction. 409 unless the job is done
// and is the cohort's latest.
struct AppliedMatching {
  int created = 0;
  std::vector<storage::JobPair> skipped;  // with not_applied
};
// Run it in Store::write_locking_rows: it locks the people it proposes (storage/row_locks.hpp).
Result<AppliedMatching> apply_matching(sql::Connection& db, storage::MatchingJobId job, const Person* actor,
                                       TimePoint now, const LifecycleSettings& lifecycle);

}  // namespace mh::services
