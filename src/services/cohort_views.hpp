// Cohorts and their matchings as administrators see them: a cohort with its member counts, its
// program, its latest matchings and its pins and prohibitions; the members in a role; a
// matching with its cohort's name; a finished preview's pairs and unmatched mentees, a page at a
// time; the departments a filter would select from. Only administrators read these (a person's
// own cohorts are services/cohort_membership.hpp's my_cohorts, which never shows other
// members), so the rule lives here rather than in each screen. Read-only, in the caller's
// transaction. No JSON, no HTTP: people's names come from the caller's directory.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "domain/person.hpp"
#include "storage/cohorts_repo.hpp"
#include "storage/programs_repo.hpp"
#include "storage/sql/connection.hpp"

namespace mh::services {

// A cohort with what its screens show. Its matchings are as callers should see them
// (services::effective), newest first.
struct CohortView {
  storage::CohortRecord cohort;
  storage::MemberCounts counts;
  std::optional<storage::ProgramRecord> program;  // nullopt once gone
  std::vector<storage::MatchingJob> matchings;    // the latest only in a list; the last 20 alone
  std::optional<std::vector<storage::PairRule>> rules;  // alone only (a list leaves them out), oldest first
};

// Cohort `id` alone, with its rules and its last 20 matchings: not_found when there is none.
Result<CohortView> cohort_view(sql::Connection& db, const Person& actor, storage::CohortId id, TimePoint now);
// Every cohort, each with its latest matching only.
Result<std::vector<CohortView>> cohort_views(sql::Connection& db, const Person& actor, TimePoint now);

// A page of a cohort's members in one role, by id: those `keep` keeps (everyone without it)
// after `after`, at most `limit`. `next_after` is the cursor of the next page, when one exists.
struct CohortMemberQuery {
  storage::CohortRole role = storage::CohortRole::mentee;
  std::optional<PersonId> after;
  int limit = 50;
  std::function<bool(PersonId)> keep;
};
struct CohortMemberPage {
  std::vector<PersonId> items;
  std::optional<PersonId> next_after;
};
Result<CohortMemberPage> cohort_member_page(sql::Connection& db, const Person& actor, storage::CohortId id,
                                            const CohortMemberQuery& query);

// A matching as callers should see it, with its cohort's name (empty once the cohort is gone):
// not_found when there is none.
struct MatchingView {
  storage::MatchingJob job;
  std::string cohort_name;
};
Result<MatchingView> matching_view(sql::Connection& db, const Person& actor, storage::MatchingJobId id, TimePoint now);

// A page of a finished preview's rows, keyed by mentee id: at most `limit` after `after`, and
// `next_after`, the cursor of the next page when one exists. not_found for an unknown matching;
// conflict while it runs (with its percent) or when it failed (with the reason).
struct PreviewQuery {
  std::optional<PersonId> after;
  int limit = 50;
};
template <class Row>
struct PreviewPage {
  std::vector<Row> items;
  std::optional<PersonId> next_after;
};
Result<PreviewPage<storage::JobPair>> matching_pairs(sql::Connection& db, const Person& actor,
                                                     storage::MatchingJobId id, const PreviewQuery& query,
                                                     TimePoint now);
// `reason`, when given, keeps only the mentees unmatched for it.
Result<PreviewPage<storage::JobUnmatched>> matching_unmatched(sql::Connection& db, const Person& actor,
                                                              storage::MatchingJobId id, const PreviewQuery& query,
                                                              const std::optional<std::string>& reason, TimePoint now);

// The departments of the active people, with how many seek and offer one-to-one mentoring: what
// a department filter would put in a cohort, by department name.
Result<std::vector<storage::DepartmentCounts>> cohort_departments(sql::Connection& db, const Person& actor);

}  // namespace mh::services
