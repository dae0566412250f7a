#include "services/cohort_views.hpp"

#include <algorithm>

#include "services/cohorts.hpp"

namespace mh::services {

using storage::JobState;
using storage::MatchingJob;

namespace {

// The matchings a cohort alone shows; a list shows the latest.
constexpr int kMatchingsShown = 20;

// `rules` with its pins and prohibitions and the last 20 matchings, else the latest only.
enum class CohortDetail { listed, alone };

CohortView view_of(sql::Connection& db, storage::CohortRecord c, TimePoint now, CohortDetail detail) {
  CohortView v;
  v.counts = storage::count_cohort_members(db, c.id);
  v.program = storage::find_program(db, c.program_id);
  for (MatchingJob& j : storage::jobs_of_cohort(db, c.id, detail == CohortDetail::alone ? kMatchingsShown : 1))
    v.matchings.push_back(effective(std::move(j), now));
  if (detail == CohortDetail::alone) v.rules = storage::pair_rules(db, c.id);
  v.cohort = std::move(c);
  return v;
}

// Only a done (or applied) matching has a preview to page through.
Status require_preview(const MatchingJob& job) {
  if (job.state == JobState::done || job.state == JobState::applied) return {};
  if (job.state == JobState::failed) return conflict("this matching failed: " + job.error);
  return conflict("this matching is still running (" + std::to_string(job.percent) + "%); ask again when it is done");
}

// A page of a finished preview's rows: `fetch(job, after, limit)` reads one more than the page
// to tell whether a next page exists.
template <class Row, class Fetch>
Result<PreviewPage<Row>> preview_page(sql::Connection& db, const Person& actor, storage::MatchingJobId id,
                                      const PreviewQuery& query, TimePoint now, Fetch fetch) {
  MH_TRY(matching, matching_view(db, actor, id, now));
  MH_CHECK(require_preview(matching.job));
  PreviewPage<Row> page;
  page.items = fetch(id, query.after, query.limit + 1);
  if (static_cast<int>(page.items.size()) > query.limit) {
    page.items.resize(static_cast<std::size_t>(query.limit));
    page.next_after = page.items.back().mentee_id;
  }
  return page;
}

}  // namespace

Result<CohortView> cohort_view(sql::Connection& db, const Person& actor, storage::CohortId id, TimePoint now) {
  MH_CHECK(require_cohort_administrator(actor));
  auto c = storage::find_cohort(db, id);
  if (!c) return not_found("no such cohort");
  return view_of(db, std::move(*c), now, CohortDetail::alone);
}

Result<std::vector<CohortView>> cohort_views(sql::Connection& db, const Person& actor, TimePoint now) {
  MH_CHECK(require_cohort_administrator(actor));
  std::vector<CohortView> out;
  for (storage::CohortRecord& c : storage::list_cohorts(db))
    out.push_back(view_of(db, std::move(c), now, CohortDetail::listed));
  return out;
}

Result<CohortMemberPage> cohort_member_page(sql::Connection& db, const Person& actor, storage::CohortId id,
                                            const CohortMemberQuery& query) {
  MH_CHECK(require_cohort_administrator(actor));
  if (!storage::find_cohort(db, id)) return not_found("no such cohort");
  auto ids = storage::cohort_members(db, id, query.role);  // sorted
  if (query.keep) std::erase_if(ids, [&](PersonId p) { return !query.keep(p); });
  auto it = query.after ? std::upper_bound(ids.begin(), ids.end(), *query.after) : ids.begin();
  CohortMemberPage page;
  for (; it != ids.end() && static_cast<int>(page.items.size()) < query.limit; ++it) page.items.push_back(*it);
  if (it != ids.end() && !page.items.empty()) page.next_after = page.items.back();
  return page;
}

Result<MatchingView> matching_view(sql::Connection& db, const Person& actor, storage::MatchingJobId id, TimePoint now) {
  MH_CHECK(require_cohort_administrator(actor));
  auto job = storage::find_matching_job(db, id);
  if (!job) return not_found("no such matching");
  auto c = storage::find_cohort(db, job->cohort_id);
  return MatchingView{effective(std::move(*job), now), c ? c->name : std::string()};
}

Result<PreviewPage<storage::JobPair>> matching_pairs(sql::Connection& db, const Person& actor,
                                                     storage::MatchingJobId id, const PreviewQuery& query,
                                                     TimePoint now) {
  return preview_page<storage::JobPair>(db, actor, id, query, now, [&](auto job, auto after, int limit) {
    return storage::job_pairs(db, job, after, limit);
  });
}

Result<PreviewPage<storage::JobUnmatched>> matching_unmatched(sql::Connection& db, const Person& actor,
                                                              storage::MatchingJobId id, const PreviewQuery& query,
                                                              const std::optional<std::string>& reason, TimePoint now) {
  return preview_page<storage::JobUnmatched>(db, actor, id, query, now, [&](auto job, auto after, int limit) {
    return storage::job_unmatched(db, job, after, limit, reason);
  });
}

Result<std::vector<storage::DepartmentCounts>> cohort_departments(sql::Connection& db, const Person& actor) {
  MH_CHECK(require_cohort_administrator(actor));
  return storage::department_counts(db);
}

}  // namespace mh::services
