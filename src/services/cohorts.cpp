#include "services/cohorts.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "domain/program.hpp"
#include "matching/profiles.hpp"
#include "services/admin_audit.hpp"
#include "services/requests.hpp"
#include "storage/people_repo.hpp"
#include "storage/programs_repo.hpp"
#include "storage/row_locks.hpp"

namespace mh::services {

using storage::CohortRole;
using storage::JobState;
using storage::MatchingJob;
using storage::MatchingJobId;

std::string CohortSelection::stored_json() const {
  using json = nlohmann::json;
  if (signup_only) return json{{"kind", "signup"}}.dump();
  if (mentee_ids) return json{{"kind", "list"}}.dump();
  return json{{"kind", "filter"}, {"department", department ? json(*department) : json(nullptr)}}.dump();
}

namespace {

// Checks listed ids: each an active person, none twice. Errors name `field[i]`.
Status check_listed(const std::vector<PersonId>& ids, const std::unordered_map<PersonId, const Person*>& active,
                    const std::string& field) {
  std::set<PersonId> seen;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const std::string at = field + "[" + std::to_string(i) + "]";
    if (!active.contains(ids[i])) return invalid(at, "no active person has this id");
    if (!seen.insert(ids[i]).second) return invalid(at, "this person is listed twice");
  }
  return {};
}

// The program a new cohort joins: open and offering one-to-one mentoring, which cohorts match for.
Result<storage::ProgramRecord> program_for_new_cohort(sql::Connection& db, std::optional<std::int64_t> id) {
  if (!id) return storage::default_program(db);
  auto program = storage::find_program(db, *id);
  if (!program) return invalid("program_id", "no such program");
  if (program->closed()) return invalid("program_id", "this program is closed");
  const auto& formats = program->fields.formats;
  if (std::find(formats.begin(), formats.end(), Format::one_to_one) == formats.end())
    return invalid("program_id", "this program does not offer one-to-one mentoring, which cohorts match for");
  return std::move(*program);
}

}  // namespace


Result<storage::CohortId> create_cohort(sql::Connection& db, const std::string& name, const std::string& description,
                                        const CohortSelection& selection, std::optional<PersonId> by, TimePoint now,
                                        const CohortPlan& plan) {
  MH_TRY(program, program_for_new_cohort(db, plan.program_id));
  MH_CHECK(validate_date_range(plan.starts_on, plan.ends_on));
  if (storage::find_cohort_by_name(db, name)) return conflict("a cohort with this name exists already", "name");
  const std::vector<Person> people = storage::all_active_people(db);
  std::unordered_map<PersonId, const Person*> active;
  for (const auto& p : people) active.emplace(p.id, &p);
  std::vector<PersonId> mentees, mentors;
  if (selection.signup_only) {
    if (!plan.signup_open) return invalid("filter", "give mentee_ids and mentor_ids, or a filter, or open the sign-up");
  } else if (selection.mentee_ids) {
    mentees = *selection.mentee_ids;
    mentors = selection.mentor_ids.value_or(std::vector<PersonId>{});
    MH_CHECK(check_listed(mentees, active, "mentee_ids"));
    MH_CHECK(check_listed(mentors, active, "mentor_ids"));
  } else {
    const std::string department = selection.department ? matching::key_of(*selection.department) : "";
    for (const auto& p : people) {
      if (!department.empty() && matching::key_of(p.department) != department) continue;
      if (std::find(p.formats_sought.begin(), p.formats_sought.end(), Format::one_to_one) != p.formats_sought.end())
        mentees.push_back(p.id);
      if (p.mentor_capacity > 0 && p.offers(Format::one_to_one)) mentors.push_back(p.id);
    }
    if (mentees.empty())
      return invalid("filter", department.empty() ? "nobody active seeks one-to-one mentoring"
                                                  : "nobody in this department seeks one-to-one mentoring");
  }
  if (mentees.empty() && !plan.signup_open) return invalid("mentee_ids", "a cohort needs at least one mentee");
  std::sort(mentees.begin(), mentees.end());
  std::sort(mentors.begin(), mentors.end());
  storage::CohortRecord record{0, name, description, selection.stored_json(), by, now};
  record.program_id = program.id;
  record.starts_on = plan.starts_on;
  record.ends_on = plan.ends_on;
  record.signup_open = plan.signup_open;
  const storage::CohortId id = storage::insert_cohort(db, record);
  storage::insert_cohort_members(db, id, CohortRole::mentee, mentees);
  storage::insert_cohort_members(db, id, CohortRole::mentor, mentors);
  record_admin_action(db, now, by, admin_action::kCohortCreated, subject("cohort", id),
                                name + ": " + count_of(static_cast<std::int64_t>(mentees.size()), "mentee", "mentees") +
                                    ", " + count_of(static_cast<std::int64_t>(mentors.size()), "mentor", "mentors"));
  return id;
}

Status require_cohort_administrator(const Person& actor) {
  if (!actor.is_admin) return forbidden("only a program administrator manages cohorts");
  return {};
}

MatchingJob effective(MatchingJob job, TimePoint now) {
  // A queued job waits for the server's other jobs (seconds each) without a heartbeat of its own.
  const Seconds allowed = job.state == JobState::queued ? kQueuedJobTimeout : kJobHeartbeatTimeout;
  if ((job.state == JobState::queued || job.state == JobState::running) && now - job.updated_at > allowed) {
    job.state = JobState::failed;
    job.phase = "failed";
    job.error = "The server running this matching stopped before it finished; run it again.";
  }
  return job;
}


Result<MatchingJob> queue_matching(sql::Connection& db, storage::CohortId cohort, const MatchingRequest& request,
                                   std::optional<PersonId> by, TimePoint now) {
  const auto record = storage::find_cohort(db, cohort);
  if (!record) return not_found("no such cohort");
  if (auto program = storage::find_program(db, record->program_id); program && program->closed())
    return conflict("the program " + program->fields.name + " is closed: its cohorts are matched no more");
  for (const auto& j : storage::jobs_of_cohort(db, cohort, 5)) {
    const MatchingJob e = effective(j, now);
    if (e.state == JobState::queued || e.state == JobState::running)
      return conflict("matching " + std::to_string(j.id) + " of this cohort is still running; wait for it to finish");
  }
  MatchingJob job;
  job.cohort_id = cohort;
  job.state = JobState::queued;
  job.phase = "queued";
  job.k = request.k;
  job.min_score = request.min_score;
  job.include_mentored = request.include_mentored;
  job.started_by = by;
  job.created_at = job.updated_at = now;
  job.id = storage::insert_matching_job(db, job);
  record_admin_action(db, now, by, admin_action::kMatchingStarted,
                                subject("matching", job.id), "cohort " + std::to_string(cohort));
  return job;
}

namespace {

std::string pair_rule_detail(storage::PairRuleKind kind, PersonId mentee, PersonId mentor) {
  return std::string(kind == storage::PairRuleKind::pin ? "pinned" : "forbade") + " mentee " + std::to_string(mentee) +
         " with mentor " + std::to_string(mentor);
}

}  // namespace

Status set_pair_rule(sql::Connection& db, storage::CohortId cohort, PersonId mentee, PersonId mentor,
                     storage::PairRuleKind kind, PersonId by, TimePoint now) {
  if (!storage::find_cohort(db, cohort)) return not_found("no such cohort");
  if (!storage::is_cohort_member(db, cohort, CohortRole::mentee, mentee))
    return invalid("mentee_id", "this person is not a mentee of the cohort");
  if (!storage::is_cohort_member(db, cohort, CohortRole::mentor, mentor))
    return invalid("mentor_id", "this person is not a mentor of the cohort");
  if (mentee == mentor) return invalid("mentor_id", "nobody can mentor themselves");
  if (kind == storage::PairRuleKind::pin) {
    auto p = storage::find_person(db, mentee);
    if (p && p->manager_id == mentor)
      return invalid("mentor_id", "is the mentee's current manager, who never mentors their own report");
    if (auto pin = storage::pin_of_mentee(db, cohort, mentee); pin && pin->mentor_id != mentor) {
      auto other = storage::find_person(db, pin->mentor_id);
      return conflict("this mentee is pinned to " + (other ? other->name : "person " + std::to_string(pin->mentor_id)) +
                          " already; remove that pin first",
                      "mentee_id");
    }
  }
  storage::save_pair_rule(db, cohort, {mentee, mentor, kind, by, now});
  record_admin_action(db, now, by, admin_action::kPairRuleSet, subject("cohort", cohort),
                      pair_rule_detail(kind, mentee, mentor));
  return {};
}

Status remove_pair_rule(sql::Connection& db, storage::CohortId cohort, PersonId mentee, PersonId mentor, PersonId by,
                        TimePoint now) {
  if (!storage::find_cohort(db, cohort)) return not_found("no such cohort");
  if (!storage::delete_pair_rule(db, cohort, mentee, mentor)) return not_found("this pair has no pin or prohibition");
  record_admin_action(db, now, by, admin_action::kPairRuleRemoved, subject("cohort", cohort),
                      "mentee " + std::to_string(mentee) + ", mentor " + std::to_string(mentor));
  return {};
}

Result<AppliedMatching> apply_matching(sql::Connection& db, MatchingJobId id, const Person* actor, TimePoint now,
                                       const LifecycleSettings& lifecycle) {
  // Everyone the matching pairs, locked before anything is read: requests and acceptances of
  // theirs wait for this (and a second apply of it, which then finds it applied), and the counts
  // the rules read below are final (storage/row_locks.hpp).
  storage::lock_people_of_matching(db, id);
  auto job = storage::find_matching_job(db, id);
  if (!job) return not_found("no such matching");
  if (job->state == JobState::applied) return conflict("this matching has been applied already");
  if (effective(*job, now).state != JobState::done) return conflict("only a finished matching can be applied");
  // Only a newer preview someone could apply instead supersedes this one (not a failed re-run).
  for (const auto& newer : storage::jobs_of_cohort(db, job->cohort_id, 20)) {
    if (newer.id <= id) break;
    if (newer.state == JobState::done || newer.state == JobState::applied)
      return conflict("a newer matching of this cohort exists (" + std::to_string(newer.id) + "); apply that one");
  }
  const auto cohort = storage::find_cohort(db, job->cohort_id);
  const std::string note = "proposed by the matching of cohort " + (cohort ? cohort->name : std::string("?")) +
                           (actor ? ", applied by " + actor->name : std::string(", applied from the command line"));
  // The proposals belong to the cohort's program and wait as long as its requests do.
  const auto program = cohort ? storage::find_program(db, cohort->program_id) : std::nullopt;
  if (program && program->closed()) return conflict("the program " + program->fields.name + " is closed");
  LifecycleSettings rules = lifecycle;
  if (program && program->fields.request_expiry_days) rules.request_expiry_days = *program->fields.request_expiry_days;
  AppliedMatching out;
  UseCase uc(db, now, rules);
  for (auto& pair : storage::all_job_pairs(db, id)) {
    auto mentee = storage::find_person(db, pair.mentee_id);
    auto mentor = storage::find_person(db, pair.mentor_id);
    Result<Relationship> r = !mentee || !mentor
                                 ? Result<Relationship>(not_found("the person no longer exists"))
                                 : propose_pair(uc, actor ? std::optional(actor->id) : std::nullopt, *mentee,
                                                          *mentor,
                                                          "The " + (cohort ? cohort->name : std::string("cohort")) +
                                                              " matching proposes this pair.",
                                                          note);
    if (r) {
      if (program && !program->is_default) storage::set_relationship_program(db, r->id, program->id);
      storage::set_pair_outcome(db, id, pair.mentee_id, r->id, "");
      pair.relationship_id = r->id;
      ++out.created;
    } else {
      pair.not_applied = r.error().message;
      storage::set_pair_outcome(db, id, pair.mentee_id, std::nullopt, pair.not_applied);
      out.skipped.push_back(pair);
    }
  }
  storage::mark_job_applied(db, id, actor ? std::optional(actor->id) : std::nullopt, now);
  record_admin_action(db, now, actor, admin_action::kMatchingApplied, subject("matching", id),
                                count_of(out.created, "relationship", "relationships") + " proposed, " +
                                    std::to_string(out.skipped.size()) + " skipped");
  return out;
}

}  // namespace mh::services
