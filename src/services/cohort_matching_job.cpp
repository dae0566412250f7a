#include "services/cohort_matching_job.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "domain/relationship.hpp"
#include "matching/profiles.hpp"
#include "services/program_settings.hpp"
#include "storage/finding_repo.hpp"
#include "storage/people_repo.hpp"
#include "storage/programs_repo.hpp"

namespace mh::services {

using nlohmann::json;
using storage::CohortRole;
using storage::JobState;
using storage::MatchingJob;
using storage::MatchingJobId;

namespace {

// Why a hard rule rules a pin out, in words for the administrator (scoring's explain() speaks
// to the mentee).
std::string pin_ruled_out(matching::Exclusion e) {
  switch (e) {
    case matching::Exclusion::oneself: return "the mentee and the mentor are the same person";
    case matching::Exclusion::current_manager: return "the mentor is now the mentee's current manager";
    case matching::Exclusion::already_paired: return "the pair already has a request or a relationship";
    case matching::Exclusion::no_capacity: return "the mentor has no free place";
  }
  return "a hard rule rules the pair out";
}

}  // namespace

Result<LoadedCohort> load_cohort(sql::Connection& db, storage::CohortId id, TimePoint now, bool include_mentored) {
  auto record = storage::find_cohort(db, id);
  if (!record) return not_found("no such cohort");
  LoadedCohort out;
  out.name = record->name;
  // The cohort's program's weights and emerging skills.
  const auto program = storage::find_program(db, record->program_id);
  MH_TRY(settings, program ? load_program_settings(db, *program) : load_settings(db));
  out.cohort.weights = settings.weights;
  out.cohort.emerging = settings.emerging_keys();

  const auto mentee_ids = storage::cohort_members(db, id, CohortRole::mentee);
  const auto mentor_ids = storage::cohort_members(db, id, CohortRole::mentor);
  std::set<PersonId> wanted(mentee_ids.begin(), mentee_ids.end());
  wanted.insert(mentor_ids.begin(), mentor_ids.end());
  for (auto& p : storage::all_active_people(db))
    if (wanted.contains(p.id)) out.people.push_back(std::move(p));
  for (std::size_t i = 0; i < out.people.size(); ++i) out.index_of[out.people[i].id] = i;
  out.inactive_members = static_cast<int>(wanted.size() - out.people.size());

  std::unordered_map<PersonId, std::vector<PersonId>> engaged;
  for (const auto& [a, b] : storage::engaged_pairs(db)) {
    engaged[a].push_back(b);
    engaged[b].push_back(a);
  }
  std::unordered_map<PersonId, std::vector<matching::ManagerRecommendation>> recommended;
  std::unordered_map<PersonId, std::string> names;
  for (const auto& r : storage::all_mentor_recommendations(db)) {
    if (!out.person(r.report_id)) continue;
    auto manager = names.find(r.manager_id);
    if (manager == names.end()) {
      auto m = storage::find_person(db, r.manager_id);
      manager = names.emplace(r.manager_id, m ? m->name : "their manager").first;
    }
    // Without the manager's note: it is a private word to the report, and the preview's
    // factors are read by administrators.
    recommended[r.report_id].push_back({r.mentor_id, manager->second, ""});
  }
  std::set<PersonId> mentored;
  if (!include_mentored)
    for (PersonId m : storage::mentored_mentees(db)) mentored.insert(m);
  for (PersonId m : mentee_ids) {
    const Person* p = out.person(m);
    if (!p) continue;
    if (mentored.contains(m)) {
      ++out.mentored_mentees_left_out;
      continue;
    }
    matching::MenteeProfile profile = matching::mentee_profile(*p, now);
    if (auto r = recommended.find(m); r != recommended.end()) profile.recommendations = r->second;
    if (auto e = engaged.find(m); e != engaged.end()) {
      profile.engaged_with = e->second;
      std::sort(profile.engaged_with.begin(), profile.engaged_with.end());
      profile.engaged_with.erase(std::unique(profile.engaged_with.begin(), profile.engaged_with.end()),
                                 profile.engaged_with.end());
    }
    out.cohort.mentees.push_back(std::move(profile));
  }
  const auto live = storage::live_mentees_by_mentor(db);
  const auto received = storage::requests_received_by_mentor(db);
  for (PersonId m : mentor_ids) {
    const Person* p = out.person(m);
    if (!p) continue;
    if (p->is_external && !settings.allow_external) {
      ++out.external_mentors_left_out;
      continue;
    }
    matching::MentorProfile profile = matching::mentor_profile(*p, now);
    if (auto l = live.find(m); l != live.end()) profile.live_mentees = l->second;
    const auto r = received.find(m);
    const Responsiveness resp = responsiveness(r == received.end() ? std::vector<ReceivedRequest>{} : r->second);
    profile.answer_rate = resp.answer_rate;
    profile.median_hours_to_answer = resp.median_hours_to_answer;
    out.cohort.mentors.push_back(std::move(profile));
  }

  // Pins the matching can honour; the others are reported rather than failing the whole job
  // (people and places change between pinning and running).
  std::unordered_map<PersonId, const matching::MenteeProfile*> mentee_of;
  for (const auto& e : out.cohort.mentees) mentee_of[e.id] = &e;
  std::unordered_map<PersonId, const matching::MentorProfile*> mentor_of;
  for (const auto& m : out.cohort.mentors) mentor_of[m.id] = &m;
  std::unordered_map<PersonId, int> pins_on;
  for (const auto& rule : storage::pair_rules(db, id)) {
    if (rule.kind == storage::PairRuleKind::forbid) {
      // A prohibition about someone no longer taking part (deactivated, or an external mentor
      // the settings leave out) forbids nothing; the matching refuses pairs of unknown people.
      if (!mentee_of.contains(rule.mentee_id) || !mentor_of.contains(rule.mentor_id)) continue;
      out.cohort.forbidden.emplace_back(rule.mentee_id, rule.mentor_id);
      ++out.forbidden;
      continue;
    }
    std::string why;
    auto e = mentee_of.find(rule.mentee_id);
    auto m = mentor_of.find(rule.mentor_id);
    if (e == mentee_of.end()) why = "the mentee is no longer an active member of the cohort";
    else if (m == mentor_of.end()) why = "the mentor is no longer an active mentor of the cohort";
    else if (auto x = matching::exclusion(*e->second, *m->second)) why = pin_ruled_out(*x);
    else if (pins_on[rule.mentor_id] >= m->second->capacity - m->second->live_mentees)
      why = "the mentor has no free place left for this pin";
    if (!why.empty()) {
      out.ignored_pins.push_back({rule.mentee_id, rule.mentor_id, why});
      continue;
    }
    ++pins_on[rule.mentor_id];
    out.cohort.pinned.emplace_back(rule.mentee_id, rule.mentor_id);
  }
  return out;
}

namespace {

double points(std::int64_t hundredths) { return static_cast<double>(hundredths) / 100.0; }

json factors_json(const matching::Scored& s) {
  json out = json::array();
  for (const auto& f : s.factors)
    out.push_back({{"name", f.name}, {"points", std::round(f.points * 100) / 100}, {"reason", f.reason}});
  return out;
}

// Percent of the whole job for a phase and how far into it: loading 0-10, candidates 10-80,
// solving 80-90, explaining 90-95, saving 95-99.
int overall_percent(int phase_start, int phase_end, double fraction) {
  return phase_start + static_cast<int>(std::floor((phase_end - phase_start) * std::clamp(fraction, 0.0, 1.0)));
}

json match_summary(const matching::CohortMatch& m, const matching::Cohort& cohort,
                   const std::function<const Person*(PersonId)>& person) {
  const int mentees = static_cast<int>(cohort.mentees.size());
  const int matched = static_cast<int>(m.pairs.size());
  int places = 0;
  for (const auto& mentor : cohort.mentors) places += std::max(0, mentor.capacity - mentor.live_mentees);
  std::set<PersonId> mentors_used;
  int pinned = 0;
  std::int64_t best = 0;
  for (const auto& p : m.pairs) {
    mentors_used.insert(p.mentor_id);
    pinned += p.pinned ? 1 : 0;
    best = std::max<std::int64_t>(best, p.score);
  }
  // Ten-point bands [from, to) up to the one holding the best score, so the chart has no empty
  // tail.
  json distribution = json::array();
  const int bands = static_cast<int>(best / 1000) + 1;
  std::vector<int> counts(static_cast<std::size_t>(bands), 0);
  for (const auto& p : m.pairs) ++counts[static_cast<std::size_t>(std::min(bands - 1, std::max(0, p.score) / 1000))];
  for (int b = 0; b < bands; ++b) distribution.push_back({{"from", b * 10}, {"to", (b + 1) * 10}, {"pairs", counts[b]}});

  // Grouped as the department filter matches (case and spaces aside), named as first written.
  struct Department {
    std::string name;
    int mentees = 0, matched = 0;
  };
  std::map<std::string, Department> by_department;
  std::set<PersonId> matched_ids;
  for (const auto& p : m.pairs) matched_ids.insert(p.mentee_id);
  for (const auto& e : cohort.mentees) {
    const Person* p = person(e.id);
    const std::string name = p && !p->department.empty() ? p->department : "(none)";
    Department& d = by_department[matching::key_of(name)];
    if (d.name.empty()) d.name = name;
    ++d.mentees;
    d.matched += matched_ids.contains(e.id) ? 1 : 0;
  }
  json departments = json::array();
  for (const auto& [key, d] : by_department)
    departments.push_back({{"department", d.name}, {"mentees", d.mentees}, {"matched", d.matched},
                           {"share", d.mentees ? static_cast<double>(d.matched) / d.mentees : 0.0}});

  std::map<std::string, int> reasons{{"no_eligible_mentor", 0}, {"below_min_score", 0}, {"mentors_full", 0}};
  for (const auto& u : m.unmatched) ++reasons[matching::to_string(u.reason)];

  return {{"mentees", mentees},
          {"mentors", static_cast<int>(cohort.mentors.size())},
          {"places", places},
          {"matched", matched},
          {"matched_share", mentees ? static_cast<double>(matched) / mentees : 0.0},
          {"mentors_used", static_cast<int>(mentors_used.size())},
          {"pinned", pinned},
          {"total_score", points(m.total_score)},
          {"average_score", matched ? points(m.total_score) / matched : 0.0},
          {"score_distribution", distribution},
          {"departments", departments},
          {"unmatched", reasons},
          {"candidates",
           {{"pairs_total", m.candidate_stats.pairs_total},
            {"pairs_scored", m.candidate_stats.pairs_scored},
            {"arcs", m.candidate_stats.arcs},
            {"threads", m.candidate_stats.threads}}},
          {"timings_s",
           {{"candidates", m.timings.candidates_s}, {"solve", m.timings.solve_s}, {"explain", m.timings.explain_s}}}};
}

}  // namespace

std::string match_summary_json(const matching::CohortMatch& m, const matching::Cohort& cohort,
                               const std::function<const Person*(PersonId)>& person) {
  return match_summary(m, cohort, person).dump();
}

storage::JobPair preview_pair(const matching::MatchedPair& p) {
  return {p.mentee_id, p.mentor_id, p.score, p.pinned, factors_json(p.explanation).dump(), std::nullopt, ""};
}

storage::JobUnmatched preview_unmatched(const matching::UnmatchedMentee& u) {
  return {u.mentee_id, matching::to_string(u.reason), u.eligible_mentors, u.candidates};
}

void run_matching_job(Store& store, const Clock& clock, MatchingJobId id, const ProgressSink& progress,
                      const std::atomic<bool>* cancel) {
  using Steady = std::chrono::steady_clock;
  auto report = [&](JobState state, const std::string& phase, int percent) {
    if (progress) progress(phase, percent);
    (void)store.write([&](sql::Connection& db) -> Status {
      storage::update_job_progress(db, id, state, phase, percent, clock.now());
      return {};
    });
  };
  auto fail = [&](const std::string& why) {
    spdlog::warn("matching {} failed: {}", id, why);
    if (progress) progress("failed", 0);
    (void)store.write([&](sql::Connection& db) -> Status {
      storage::finish_job(db, id, JobState::failed, why, "", clock.now());
      return {};
    });
  };
  auto stopped = [&] { return cancel && cancel->load(); };

  const auto started = Steady::now();
  auto job = store.read_value<MatchingJob>([&](sql::Connection& db) -> Result<MatchingJob> {
    auto j = storage::find_matching_job(db, id);
    if (!j) return not_found("no such matching");
    return std::move(*j);
  });
  if (!job) return;
  report(JobState::running, "loading", 1);
  auto loaded = store.read_value<LoadedCohort>(
      [&](sql::Connection& db) -> Result<LoadedCohort> { return load_cohort(db, job->cohort_id, clock.now(), job->include_mentored); });
  if (!loaded) return fail(loaded.error().message);
  if (stopped()) return fail("The server stopped before this matching finished; run it again.");
  const double load_s = std::chrono::duration<double>(Steady::now() - started).count();
  report(JobState::running, "candidates", 10);

  // The matching runs here; a reporter thread turns its counters into the job's progress.
  matching::MatchProgress counters;
  matching::MatchOptions options;
  options.candidates.k = job->k;
  options.candidates.min_score = job->min_score;
  options.progress = &counters;
  options.cancel = cancel;  // a long solve stops within milliseconds too, not only between phases
  const int mentees = static_cast<int>(loaded->cohort.mentees.size());
  std::mutex done_mutex;
  std::condition_variable done_signal;
  bool matching_done = false;
  std::thread reporter([&] {
    int last = -1;
    std::unique_lock lock(done_mutex);
    while (!done_signal.wait_for(lock, std::chrono::milliseconds(250), [&] { return matching_done; })) {
      const int phase = counters.phase.load();
      int percent = 0;
      std::string name;
      if (phase == matching::MatchProgress::candidates) {
        name = "candidates";
        percent = overall_percent(10, 80, mentees ? static_cast<double>(counters.mentees_done.load()) / mentees : 1.0);
      } else if (phase == matching::MatchProgress::solving) {
        const int total = counters.solve_total.load();
        name = "solving";
        percent = overall_percent(80, 90, total > 0 ? static_cast<double>(counters.solve_done.load()) / total : 0.0);
      } else {
        name = "explaining", percent = 90;
      }
      if (percent == last) continue;
      last = percent;
      lock.unlock();
      report(JobState::running, name, percent);
      lock.lock();
    }
  });
  auto result = matching::match_cohort(loaded->cohort, options);
  {
    std::lock_guard lock(done_mutex);
    matching_done = true;
  }
  done_signal.notify_all();
  reporter.join();
  if (!result && stopped()) return fail("The server stopped before this matching finished; run it again.");
  if (!result) return fail(result.error().message);
  if (stopped()) return fail("The server stopped before this matching finished; run it again.");
  report(JobState::running, "saving", 95);

  const auto save_started = Steady::now();
  const LoadedCohort& c = *loaded;
  json summary = match_summary(*result, c.cohort, [&](PersonId p) { return c.person(p); });
  summary["k"] = job->k;
  summary["min_score"] = points(job->min_score);
  summary["forbidden"] = c.forbidden;
  json ignored_pins = json::array();
  for (const IgnoredPin& p : c.ignored_pins)
    ignored_pins.push_back(
        {{"mentee_id", std::to_string(p.mentee_id)}, {"mentor_id", std::to_string(p.mentor_id)}, {"reason", p.reason}});
  summary["ignored_pins"] = ignored_pins;
  summary["inactive_members"] = c.inactive_members;
  summary["external_mentors_left_out"] = c.external_mentors_left_out;
  summary["mentored_mentees_left_out"] = c.mentored_mentees_left_out;
  std::vector<storage::JobPair> pairs;
  pairs.reserve(result->pairs.size());
  for (const auto& p : result->pairs) pairs.push_back(preview_pair(p));
  std::vector<storage::JobUnmatched> unmatched;
  unmatched.reserve(result->unmatched.size());
  for (const auto& u : result->unmatched) unmatched.push_back(preview_unmatched(u));
  summary["timings_s"]["load"] = load_s;
  const Status saved = store.write([&](sql::Connection& db) -> Status {
    storage::insert_job_pairs(db, id, pairs);
    storage::insert_job_unmatched(db, id, unmatched);
    summary["timings_s"]["save"] = std::chrono::duration<double>(Steady::now() - save_started).count();
    summary["timings_s"]["total"] = std::chrono::duration<double>(Steady::now() - started).count();
    storage::finish_job(db, id, JobState::done, "", summary.dump(), clock.now());
    return {};
  });
  if (!saved) return fail("The preview could not be saved: " + saved.error().message);
  if (progress) progress("done", 100);
}

}  // namespace mh::services
