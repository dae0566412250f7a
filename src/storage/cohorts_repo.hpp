// Cohorts and their matching jobs in the store: members, pins and prohibitions, each job's
// progress and summary, and the pairs and unmatched mentees of its preview. Free functions over
// a connection inside a Store transaction; they never commit.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/person.hpp"
#include "storage/sql/connection.hpp"

namespace mh::storage {

using CohortId = std::int64_t;
using MatchingJobId = std::int64_t;

struct CohortRecord {
  CohortId id = 0;
  std::string name;
  std::string description;
  std::string selection;  // JSON: how the members were chosen
  std::optional<PersonId> created_by;
  TimePoint created_at{};
  std::int64_t program_id = 0;
  std::optional<std::chrono::sys_days> starts_on, ends_on;
  bool signup_open = false;  // people may add themselves (see domain takes_signups)
};

enum class CohortRole { mentee, mentor };
const char* to_string(CohortRole r);

enum class PairRuleKind { pin, forbid };
const char* to_string(PairRuleKind k);
std::optional<PairRuleKind> parse_pair_rule_kind(std::string_view s);

struct PairRule {
  PersonId mentee_id = 0;
  PersonId mentor_id = 0;
  PairRuleKind kind = PairRuleKind::pin;
  std::optional<PersonId> created_by;
  TimePoint created_at{};
};

CohortId insert_cohort(sql::Connection& db, const CohortRecord& c);
std::optional<CohortRecord> find_cohort(sql::Connection& db, CohortId id);
std::optional<CohortRecord> find_cohort_by_name(sql::Connection& db, const std::string& name);
std::vector<CohortRecord> list_cohorts(sql::Connection& db);
// Writes the name, description, dates and sign-up of the cohort with this id.
void update_cohort(sql::Connection& db, const CohortRecord& c);
// Cohorts with sign-up on, and cohorts `person` is a member of (with the roles they hold).
struct CohortWithRoles {
  CohortRecord cohort;
  std::vector<CohortRole> roles;
};
std::vector<CohortWithRoles> signup_or_member_cohorts(sql::Connection& db, PersonId person);

void insert_cohort_members(sql::Connection& db, CohortId cohort, CohortRole role, const std::vector<PersonId>& people);
// Sorted ids.
std::vector<PersonId> cohort_members(sql::Connection& db, CohortId cohort, CohortRole role);
bool is_cohort_member(sql::Connection& db, CohortId cohort, CohortRole role, PersonId person);
// Removes the membership and the person's pins and prohibitions in the cohort in that role;
// false if they were not a member in it.
bool remove_cohort_member(sql::Connection& db, CohortId cohort, CohortRole role, PersonId person);
struct MemberCounts {
  int mentees = 0, mentors = 0;
};
MemberCounts count_cohort_members(sql::Connection& db, CohortId cohort);

// Inserts or replaces the rule for the pair (a pair is pinned or forbidden, never both).
void save_pair_rule(sql::Connection& db, CohortId cohort, const PairRule& rule);
// False if there was none.
bool delete_pair_rule(sql::Connection& db, CohortId cohort, PersonId mentee, PersonId mentor);
// By creation, oldest first (so when pins compete for a mentor's places, the first one wins).
std::vector<PairRule> pair_rules(sql::Connection& db, CohortId cohort);
std::optional<PairRule> pin_of_mentee(sql::Connection& db, CohortId cohort, PersonId mentee);

enum class JobState { queued, running, done, failed, applied };
const char* to_string(JobState s);

struct MatchingJob {
  MatchingJobId id = 0;
  CohortId cohort_id = 0;
  JobState state = JobState::queued;
  std::string phase;  // loading, candidates, solving, explaining, saving, done
  int percent = 0;
  int k = 50;
  int min_score = 1;  // hundredths of a point
  bool include_mentored = false;  // also mentees who already have a mentor (starting, active, fading)
  std::optional<PersonId> started_by;
  TimePoint created_at{};
  TimePoint updated_at{};
  std::optional<TimePoint> finished_at;
  std::string error;
  std::string summary;  // JSON, once done
  std::optional<PersonId> applied_by;
  std::optional<TimePoint> applied_at;
};

MatchingJobId insert_matching_job(sql::Connection& db, const MatchingJob& j);
std::optional<MatchingJob> find_matching_job(sql::Connection& db, MatchingJobId id);
// The cohort's jobs, newest first.
std::vector<MatchingJob> jobs_of_cohort(sql::Connection& db, CohortId cohort, int limit);
void update_job_progress(sql::Connection& db, MatchingJobId id, JobState state, const std::string& phase, int percent,
                         TimePoint at);
void finish_job(sql::Connection& db, MatchingJobId id, JobState state, const std::string& error,
                const std::string& summary, TimePoint at);
void mark_job_applied(sql::Connection& db, MatchingJobId id, std::optional<PersonId> by, TimePoint at);

struct JobPair {
  PersonId mentee_id = 0;
  PersonId mentor_id = 0;
  std::int32_t score = 0;  // hundredths of a point
  bool pinned = false;
  std::string factors;     // JSON array
  std::optional<std::int64_t> relationship_id;  // once applied
  std::string not_applied;                      // why applying skipped the pair
};
struct JobUnmatched {
  PersonId mentee_id = 0;
  std::string reason;
  int eligible_mentors = 0;
  int candidates = 0;
};

// Bulk inserts, many rows per statement.
void insert_job_pairs(sql::Connection& db, MatchingJobId job, const std::vector<JobPair>& pairs);
void insert_job_unmatched(sql::Connection& db, MatchingJobId job, const std::vector<JobUnmatched>& rows);
// Keyset pages by mentee id.
std::vector<JobPair> job_pairs(sql::Connection& db, MatchingJobId job, std::optional<PersonId> after, int limit);
std::vector<JobPair> all_job_pairs(sql::Connection& db, MatchingJobId job);
// `reason`, when given, keeps only the mentees unmatched for it.
std::vector<JobUnmatched> job_unmatched(sql::Connection& db, MatchingJobId job, std::optional<PersonId> after,
                                        int limit, const std::optional<std::string>& reason = std::nullopt);
void set_pair_outcome(sql::Connection& db, MatchingJobId job, PersonId mentee, std::optional<std::int64_t> relationship,
                      const std::string& not_applied);

// Active people per department, and how many of them seek one-to-one mentoring and offer it
// with a place (what a department filter would select), by department name.
struct DepartmentCounts {
  std::string department;
  int people = 0, seeking_one_to_one = 0, offering_one_to_one = 0;
};
std::vector<DepartmentCounts> department_counts(sql::Connection& db);

// Every (mentee, mentor) pair with a waiting request or a live relationship, and every
// manager's recommendation as (report, mentor, manager, note): what the scoring reads per
// mentee, read once for a whole cohort.
std::vector<std::pair<PersonId, PersonId>> engaged_pairs(sql::Connection& db);
// Mentees who have a mentor now: a relationship starting, active or fading.
std::vector<PersonId> mentored_mentees(sql::Connection& db);
struct RecommendationRow {
  PersonId report_id = 0, mentor_id = 0, manager_id = 0;
  std::string note;
};
std::vector<RecommendationRow> all_mentor_recommendations(sql::Connection& db);

}  // namespace mh::storage
