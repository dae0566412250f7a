#include "storage/cohorts_repo.hpp"

#include <algorithm>
#include <array>
#include <unordered_map>

#include "domain/availability.hpp"
#include "domain/enum_names.hpp"
#include "storage/sql/rows.hpp"
#include "storage/sql/time_values.hpp"

namespace mh::storage {

using sql::Value;

namespace {

using sql::unix_seconds;

// Multi-row INSERTs, `per_statement` rows at a time: one round trip per chunk rather than per
// row matters on PostgreSQL, where a preview of 100,000 mentees is written in one transaction.
template <class Row, class Bind>
void insert_many(sql::Connection& db, const std::string& head, int columns, const std::vector<Row>& rows, Bind bind) {
  constexpr std::size_t per_statement = 200;
  std::string one = "(";
  for (int c = 0; c < columns; ++c) one += c ? ",?" : "?";
  one += ")";
  for (std::size_t start = 0; start < rows.size(); start += per_statement) {
    const std::size_t end = std::min(rows.size(), start + per_statement);
    std::string statement = head + " VALUES ";
    std::vector<Value> params;
    params.reserve((end - start) * static_cast<std::size_t>(columns));
    for (std::size_t i = start; i < end; ++i) {
      statement += i == start ? one : "," + one;
      bind(rows[i], params);
    }
    db.execute(statement, params);
  }
}

std::optional<std::chrono::sys_days> stored_day(const sql::Row& r, std::size_t i) {
  if (r.is_null(i)) return std::nullopt;
  return sql::decoded(r.text(i), parse_day, "cohort date");
}
Value day_value(const std::optional<std::chrono::sys_days>& d) { return d ? Value(format_day(*d)) : Value(nullptr); }

CohortRecord cohort_from_row(const sql::Row& r) {
  CohortRecord c{r.int64(0), r.text(1), r.text(2), r.text(3), r.opt_int64(4), sql::time_of(r, 5)};
  c.program_id = r.int64(6);
  c.starts_on = stored_day(r, 7);
  c.ends_on = stored_day(r, 8);
  c.signup_open = r.int64(9) != 0;
  return c;
}
constexpr const char* kCohortColumns =
    "id, name, description, selection, created_by, created_at, program_id, starts_on, ends_on, signup_open";

constexpr EnumNames<JobState, 5> kJobStates{{"queued", "running", "done", "failed", "applied"}};
constexpr EnumNames<CohortRole, 2> kCohortRoles{{"mentee", "mentor"}};
constexpr EnumNames<PairRuleKind, 2> kPairRuleKinds{{"pin", "forbid"}};

std::optional<JobState> parse_job_state(std::string_view s) { return kJobStates.parse(s); }

constexpr const char* kJobColumns =
    "id, cohort_id, state, phase, percent, k, min_score, started_by, created_at, updated_at, finished_at, error, "
    "summary, applied_by, applied_at, include_mentored";

MatchingJob job_from_row(const sql::Row& r) {
  MatchingJob j;
  j.id = r.int64(0);
  j.cohort_id = r.int64(1);
  j.state = sql::decoded(r.text(2), parse_job_state, "job state");
  j.phase = r.text(3);
  j.percent = static_cast<int>(r.int64(4));
  j.k = static_cast<int>(r.int64(5));
  j.min_score = static_cast<int>(r.int64(6));
  j.include_mentored = r.int64(15) != 0;
  j.started_by = r.opt_int64(7);
  j.created_at = sql::time_of(r, 8);
  j.updated_at = sql::time_of(r, 9);
  j.finished_at = sql::optional_time_of(r, 10);
  j.error = r.text(11);
  j.summary = r.text(12);
  j.applied_by = r.opt_int64(13);
  j.applied_at = sql::optional_time_of(r, 14);
  return j;
}

constexpr const char* kPairColumns = "mentee_id, mentor_id, score, pinned, factors, relationship_id, not_applied";

JobPair pair_from_row(const sql::Row& r) {
  return {r.int64(0), r.int64(1), static_cast<std::int32_t>(r.int64(2)), r.int64(3) != 0, r.text(4), r.opt_int64(5),
          r.text(6)};
}

}  // namespace

const char* to_string(CohortRole r) { return kCohortRoles.name(r); }
const char* to_string(PairRuleKind k) { return kPairRuleKinds.name(k); }
std::optional<PairRuleKind> parse_pair_rule_kind(std::string_view s) { return kPairRuleKinds.parse(s); }
const char* to_string(JobState s) { return kJobStates.name(s); }

CohortId insert_cohort(sql::Connection& db, const CohortRecord& c) {
  return sql::returned_id(
      db,
      "INSERT INTO cohorts (name, description, selection, created_by, created_at, program_id, starts_on, "
      "ends_on, signup_open) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      std::vector<Value>{c.name, c.description, c.selection, sql::optional_id(c.created_by), unix_seconds(c.created_at),
                         c.program_id, day_value(c.starts_on), day_value(c.ends_on),
                         std::int64_t{c.signup_open ? 1 : 0}});
}

std::optional<CohortRecord> find_cohort(sql::Connection& db, CohortId id) {
  return sql::first_row<CohortRecord>(db, std::string("SELECT ") + kCohortColumns + " FROM cohorts WHERE id = ?",
                                      std::vector<Value>{id}, cohort_from_row);
}

std::optional<CohortRecord> find_cohort_by_name(sql::Connection& db, const std::string& name) {
  return sql::first_row<CohortRecord>(db, std::string("SELECT ") + kCohortColumns + " FROM cohorts WHERE name = ?",
                                      std::vector<Value>{name}, cohort_from_row);
}

std::vector<CohortRecord> list_cohorts(sql::Connection& db) {
  return sql::all_rows<CohortRecord>(db, std::string("SELECT ") + kCohortColumns + " FROM cohorts ORDER BY id DESC", {},
                                     [&](const sql::Row& row) -> CohortRecord { return cohort_from_row(row); });
}

void update_cohort(sql::Connection& db, const CohortRecord& c) {
  db.execute("UPDATE cohorts SET name = ?, description = ?, starts_on = ?, ends_on = ?, signup_open = ? WHERE id = ?",
             std::vector<Value>{c.name, c.description, day_value(c.starts_on), day_value(c.ends_on),
                                std::int64_t{c.signup_open ? 1 : 0}, c.id});
}

std::vector<CohortWithRoles> signup_or_member_cohorts(sql::Connection& db, PersonId person) {
  std::vector<CohortWithRoles> out;
  std::unordered_map<CohortId, std::size_t> index;
  for (const auto& row : db.execute(std::string("SELECT ") + kCohortColumns +
                                        " FROM cohorts WHERE signup_open = 1 OR id IN "
                                        "(SELECT cohort_id FROM cohort_members WHERE person_id = ?) ORDER BY id",
                                    std::vector<Value>{person})
                             .rows) {
    index.emplace(row.int64(0), out.size());
    out.push_back({cohort_from_row(row), {}});
  }
  for (const auto& row : db.execute("SELECT cohort_id, role FROM cohort_members WHERE person_id = ? ORDER BY role",
                                    std::vector<Value>{person})
                             .rows)
    if (auto it = index.find(row.int64(0)); it != index.end())
      out[it->second].roles.push_back(row.text(1) == "mentee" ? CohortRole::mentee : CohortRole::mentor);
  return out;
}

void insert_cohort_members(sql::Connection& db, CohortId cohort, CohortRole role, const std::vector<PersonId>& people) {
  const std::string r = to_string(role);
  insert_many(db, "INSERT INTO cohort_members (cohort_id, role, person_id)", 3, people,
              [&](PersonId p, std::vector<Value>& params) {
                params.emplace_back(cohort);
                params.emplace_back(r);
                params.emplace_back(p);
              });
}

std::vector<PersonId> cohort_members(sql::Connection& db, CohortId cohort, CohortRole role) {
  return sql::all_rows<PersonId>(
      db, "SELECT person_id FROM cohort_members WHERE cohort_id = ? AND role = ? ORDER BY person_id",
      {cohort, std::string(to_string(role))}, [&](const sql::Row& row) -> PersonId { return row.int64(0); });
}

bool is_cohort_member(sql::Connection& db, CohortId cohort, CohortRole role, PersonId person) {
  return !db.execute("SELECT 1 FROM cohort_members WHERE cohort_id = ? AND role = ? AND person_id = ?",
                     std::vector<Value>{cohort, std::string(to_string(role)), person})
              .rows.empty();
}

bool remove_cohort_member(sql::Connection& db, CohortId cohort, CohortRole role, PersonId person) {
  const bool was = db.execute("DELETE FROM cohort_members WHERE cohort_id = ? AND role = ? AND person_id = ?",
                              std::vector<Value>{cohort, std::string(to_string(role)), person})
                       .affected > 0;
  if (was)
    db.execute(std::string("DELETE FROM cohort_pair_rules WHERE cohort_id = ? AND ") +
                   (role == CohortRole::mentee ? "mentee_id" : "mentor_id") + " = ?",
               std::vector<Value>{cohort, person});
  return was;
}

MemberCounts count_cohort_members(sql::Connection& db, CohortId cohort) {
  MemberCounts c;
  for (const auto& row :
       db.execute("SELECT role, COUNT(*) FROM cohort_members WHERE cohort_id = ? GROUP BY role", std::vector<Value>{cohort}).rows)
    (row.text(0) == "mentee" ? c.mentees : c.mentors) = static_cast<int>(row.int64(1));
  return c;
}

void save_pair_rule(sql::Connection& db, CohortId cohort, const PairRule& rule) {
  delete_pair_rule(db, cohort, rule.mentee_id, rule.mentor_id);
  db.execute("INSERT INTO cohort_pair_rules (cohort_id, mentee_id, mentor_id, kind, created_by, created_at) "
             "VALUES (?, ?, ?, ?, ?, ?)",
             std::vector<Value>{cohort, rule.mentee_id, rule.mentor_id, std::string(to_string(rule.kind)),
                                sql::optional_id(rule.created_by), unix_seconds(rule.created_at)});
}

bool delete_pair_rule(sql::Connection& db, CohortId cohort, PersonId mentee, PersonId mentor) {
  return db.execute("DELETE FROM cohort_pair_rules WHERE cohort_id = ? AND mentee_id = ? AND mentor_id = ?",
                    std::vector<Value>{cohort, mentee, mentor})
             .affected > 0;
}

std::vector<PairRule> pair_rules(sql::Connection& db, CohortId cohort) {
  return sql::all_rows<PairRule>(db,
                                 "SELECT mentee_id, mentor_id, kind, created_by, created_at FROM cohort_pair_rules "
                                 "WHERE cohort_id = ? ORDER BY created_at, mentee_id, mentor_id",
                                 {cohort}, [&](const sql::Row& row) -> PairRule {
                                   return {row.int64(0), row.int64(1),
                                           sql::decoded(row.text(2), parse_pair_rule_kind, "pair rule kind"),
                                           row.opt_int64(3), sql::time_of(row, 4)};
                                 });
}

std::optional<PairRule> pin_of_mentee(sql::Connection& db, CohortId cohort, PersonId mentee) {
  auto rs = db.execute("SELECT mentee_id, mentor_id, created_by, created_at FROM cohort_pair_rules "
                       "WHERE cohort_id = ? AND mentee_id = ? AND kind = 'pin'",
                       std::vector<Value>{cohort, mentee});
  if (rs.rows.empty()) return std::nullopt;
  const auto& row = rs.rows[0];
  return PairRule{row.int64(0), row.int64(1), PairRuleKind::pin, row.opt_int64(2), sql::time_of(row, 3)};
}

MatchingJobId insert_matching_job(sql::Connection& db, const MatchingJob& j) {
  return sql::returned_id(
      db,
      "INSERT INTO matching_jobs (cohort_id, state, phase, percent, k, min_score, started_by, created_at, "
      "updated_at, include_mentored) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      std::vector<Value>{j.cohort_id, std::string(to_string(j.state)), j.phase, std::int64_t{j.percent},
                         std::int64_t{j.k}, std::int64_t{j.min_score}, sql::optional_id(j.started_by),
                         unix_seconds(j.created_at), unix_seconds(j.updated_at),
                         std::int64_t{j.include_mentored ? 1 : 0}});
}

std::optional<MatchingJob> find_matching_job(sql::Connection& db, MatchingJobId id) {
  return sql::first_row<MatchingJob>(db, std::string("SELECT ") + kJobColumns + " FROM matching_jobs WHERE id = ?",
                                     std::vector<Value>{id}, job_from_row);
}

std::vector<MatchingJob> jobs_of_cohort(sql::Connection& db, CohortId cohort, int limit) {
  return sql::all_rows<MatchingJob>(
      db, std::string("SELECT ") + kJobColumns + " FROM matching_jobs WHERE cohort_id = ? ORDER BY id DESC LIMIT ?",
      {cohort, std::int64_t{limit}}, [&](const sql::Row& row) -> MatchingJob { return job_from_row(row); });
}

void update_job_progress(sql::Connection& db, MatchingJobId id, JobState state, const std::string& phase, int percent,
                         TimePoint at) {
  db.execute("UPDATE matching_jobs SET state = ?, phase = ?, percent = ?, updated_at = ? WHERE id = ?",
             std::vector<Value>{std::string(to_string(state)), phase, std::int64_t{percent}, unix_seconds(at), id});
}

void finish_job(sql::Connection& db, MatchingJobId id, JobState state, const std::string& error,
                const std::string& summary, TimePoint at) {
  db.execute("UPDATE matching_jobs SET state = ?, phase = ?, percent = ?, error = ?, summary = ?, updated_at = ?, "
             "finished_at = ? WHERE id = ?",
             std::vector<Value>{std::string(to_string(state)), std::string(state == JobState::done ? "done" : "failed"),
                                std::int64_t{state == JobState::done ? 100 : 0}, error, summary, unix_seconds(at),
                                unix_seconds(at), id});
}

void mark_job_applied(sql::Connection& db, MatchingJobId id, std::optional<PersonId> by, TimePoint at) {
  db.execute("UPDATE matching_jobs SET state = 'applied', applied_by = ?, applied_at = ?, updated_at = ? WHERE id = ?",
             std::vector<Value>{sql::optional_id(by), unix_seconds(at), unix_seconds(at), id});
}

void insert_job_pairs(sql::Connection& db, MatchingJobId job, const std::vector<JobPair>& pairs) {
  insert_many(db, "INSERT INTO matching_job_pairs (job_id, mentee_id, mentor_id, score, pinned, factors)", 6, pairs,
              [&](const JobPair& p, std::vector<Value>& params) {
                params.emplace_back(job);
                params.emplace_back(p.mentee_id);
                params.emplace_back(p.mentor_id);
                params.emplace_back(std::int64_t{p.score});
                params.emplace_back(std::int64_t{p.pinned ? 1 : 0});
                params.emplace_back(p.factors);
              });
}

void insert_job_unmatched(sql::Connection& db, MatchingJobId job, const std::vector<JobUnmatched>& rows) {
  insert_many(db, "INSERT INTO matching_job_unmatched (job_id, mentee_id, reason, eligible_mentors, candidates)", 5, rows,
              [&](const JobUnmatched& u, std::vector<Value>& params) {
                params.emplace_back(job);
                params.emplace_back(u.mentee_id);
                params.emplace_back(u.reason);
                params.emplace_back(std::int64_t{u.eligible_mentors});
                params.emplace_back(std::int64_t{u.candidates});
              });
}

std::vector<JobPair> job_pairs(sql::Connection& db, MatchingJobId job, std::optional<PersonId> after, int limit) {
  return sql::all_rows<JobPair>(
      db,
      std::string("SELECT ") + kPairColumns +
          " FROM matching_job_pairs WHERE job_id = ? AND mentee_id > ? ORDER BY mentee_id LIMIT ?",
      {job, after.value_or(0), std::int64_t{limit}}, [&](const sql::Row& row) -> JobPair { return pair_from_row(row); });
}

std::vector<JobPair> all_job_pairs(sql::Connection& db, MatchingJobId job) {
  return sql::all_rows<JobPair>(
      db, std::string("SELECT ") + kPairColumns + " FROM matching_job_pairs WHERE job_id = ? ORDER BY mentee_id", {job},
      [&](const sql::Row& row) -> JobPair { return pair_from_row(row); });
}

std::vector<JobUnmatched> job_unmatched(sql::Connection& db, MatchingJobId job, std::optional<PersonId> after,
                                        int limit, const std::optional<std::string>& reason) {
  std::vector<JobUnmatched> out;
  std::vector<Value> params{job, after.value_or(0)};
  std::string where = "job_id = ? AND mentee_id > ?";
  if (reason) {
    where += " AND reason = ?";
    params.emplace_back(*reason);
  }
  params.emplace_back(std::int64_t{limit});
  for (const auto& row : db.execute("SELECT mentee_id, reason, eligible_mentors, candidates FROM matching_job_unmatched "
                                    "WHERE " + where + " ORDER BY mentee_id LIMIT ?",
                                    params)
                             .rows)
    out.push_back({row.int64(0), row.text(1), static_cast<int>(row.int64(2)), static_cast<int>(row.int64(3))});
  return out;
}

void set_pair_outcome(sql::Connection& db, MatchingJobId job, PersonId mentee, std::optional<std::int64_t> relationship,
                      const std::string& not_applied) {
  db.execute("UPDATE matching_job_pairs SET relationship_id = ?, not_applied = ? WHERE job_id = ? AND mentee_id = ?",
             std::vector<Value>{sql::optional_id(relationship), not_applied, job, mentee});
}

std::vector<DepartmentCounts> department_counts(sql::Connection& db) {
  // Formats are stored as JSON arrays of names; a quoted name cannot match another name.
  return sql::all_rows<DepartmentCounts>(
      db,
      "SELECT department, COUNT(*), "
      "SUM(CASE WHEN formats_sought LIKE '%\"one_to_one\"%' THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN mentor_capacity > 0 AND formats_offered LIKE '%\"one_to_one\"%' THEN 1 ELSE 0 END) "
      "FROM people WHERE active = 1 GROUP BY department ORDER BY department",
      {}, [&](const sql::Row& row) -> DepartmentCounts {
        return {row.text(0), static_cast<int>(row.int64(1)), static_cast<int>(row.int64(2)),
                static_cast<int>(row.int64(3))};
      });
}

std::vector<PersonId> mentored_mentees(sql::Connection& db) {
  return sql::all_rows<PersonId>(
      db, "SELECT DISTINCT mentee_id FROM relationships WHERE state IN ('starting', 'active', 'fading')", {},
      [&](const sql::Row& row) -> PersonId { return row.int64(0); });
}

std::vector<std::pair<PersonId, PersonId>> engaged_pairs(sql::Connection& db) {
  std::vector<std::pair<PersonId, PersonId>> out;
  for (const auto& row : db.execute("SELECT mentee_id, mentor_id FROM relationships WHERE state IN "
                                    "('requested','accepted','starting','active','fading','concluding')")
                             .rows)
    out.emplace_back(row.int64(0), row.int64(1));
  return out;
}

std::vector<RecommendationRow> all_mentor_recommendations(sql::Connection& db) {
  return sql::all_rows<RecommendationRow>(
      db, "SELECT report_id, mentor_id, manager_id, note FROM manager_recommendations ORDER BY id", {},
      [&](const sql::Row& row) -> RecommendationRow {
        return {row.int64(0), row.int64(1), row.int64(2), row.text(3)};
      });
}

}  // namespace mh::storage
