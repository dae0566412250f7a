#include "cli/match_command.hpp"

#include <unistd.h>

#include <cmath>
#include <cstdio>

#include "api/cohort_json.hpp"
#include "services/cohort_matching_job.hpp"
#include "services/cohorts.hpp"
#include "services/program_settings.hpp"
#include "cli/command_line.hpp"
#include "cli/progress_bar.hpp"
#include "matching/cohort_csv.hpp"
#include "storage/cohorts_repo.hpp"

namespace mh::cli {

namespace {

using api::json;

std::string failure_text(const Error& e) { return e.field.empty() ? e.message : e.field + ": " + e.message; }

std::string percent_text(double share) {
  char b[16];
  std::snprintf(b, sizeof b, "%.1f%%", share * 100);
  return b;
}

void print_summary(const json& s) {
  const int mentees = s.value("mentees", 0), matched = s.value("matched", 0);
  std::printf("  %-22s %d\n", "mentees", mentees);
  if (const int left_out = s.value("mentored_mentees_left_out", 0); left_out > 0)
    std::printf("  %-22s %d (they have a mentor; --include-mentored matches them too)\n", "left out", left_out);
  std::printf("  %-22s %d (%d free places)\n", "mentors", s.value("mentors", 0), s.value("places", 0));
  std::printf("  %-22s %d (%s)\n", "matched", matched, percent_text(s.value("matched_share", 0.0)).c_str());
  std::printf("  %-22s %d\n", "mentors with a mentee", s.value("mentors_used", 0));
  std::printf("  %-22s %d\n", "pinned pairs", s.value("pinned", 0));
  std::printf("  %-22s %.2f (average %.2f)\n", "total score", s.value("total_score", 0.0), s.value("average_score", 0.0));
  const json u = s.value("unmatched", json::object());
  std::printf("  %-22s %d (no eligible mentor %d, candidates full %d, below the minimum score %d)\n", "unmatched",
              mentees - matched, u.value("no_eligible_mentor", 0), u.value("mentors_full", 0),
              u.value("below_min_score", 0));
  if (s.contains("ignored_pins") && !s["ignored_pins"].empty()) {
    std::printf("  pins not honoured:\n");
    for (const auto& p : s["ignored_pins"])
      std::printf("    mentee %s, mentor %s: %s\n", p.value("mentee_id", "").c_str(), p.value("mentor_id", "").c_str(),
                  p.value("reason", "").c_str());
  }
  std::printf("\n  %-24s %8s %8s %7s\n", "department", "mentees", "matched", "share");
  for (const auto& d : s.value("departments", json::array()))
    std::printf("  %-24.24s %8d %8d %7s\n", d.value("department", "").c_str(), d.value("mentees", 0), d.value("matched", 0),
                percent_text(d.value("share", 0.0)).c_str());
  std::printf("\n  %-10s %7s\n", "score", "pairs");
  int most = 1;
  for (const auto& b : s.value("score_distribution", json::array())) most = std::max(most, b.value("pairs", 0));
  for (const auto& b : s.value("score_distribution", json::array())) {
    const int n = b.value("pairs", 0);
    char range[24];
    std::snprintf(range, sizeof range, "%d-%d", b.value("from", 0), b.value("to", 0));
    std::printf("  %-10s %7d %s\n", range, n, std::string(static_cast<std::size_t>(40 * n / most), '#').c_str());
  }
  if (s.contains("timings_s")) {
    const json& t = s["timings_s"];
    std::printf("\n  time: ");
    bool first = true;
    for (const char* part : {"load", "candidates", "solve", "explain", "save", "total"})
      if (t.contains(part)) {
        std::printf("%s%s %.2f s", first ? "" : ", ", part, t[part].get<double>());
        first = false;
      }
    std::printf("\n");
  }
}

int match_csv(const MatchOptions& o) {
  const auto text = file_bytes(o.csv);
  if (!text) return fail("cannot read " + o.csv);
  const TimePoint now = SystemClock().now();
  auto parsed = matching::parse_cohort_csv(*text, now);
  if (!parsed) return fail(o.csv + ": " + parsed.error().message);
  const services::ProgramSettings settings;  // the defaults: there is no program here
  parsed->cohort.weights = settings.weights;
  parsed->cohort.emerging = settings.emerging_keys();
  matching::MatchProgress counters;
  matching::MatchOptions options;
  options.candidates.k = o.k;
  options.candidates.min_score = std::max(1, static_cast<int>(std::lround(o.min_score * 100)));
  auto result = matching::match_cohort(parsed->cohort, options);
  if (!result) return fail(failure_text(result.error()));
  std::vector<Person> people;
  for (auto& p : parsed->people) people.push_back(std::move(p.person));
  const json out = api::csv_match_json(*result, people, parsed->cohort);
  if (o.json) {
    std::printf("%s\n", out.dump(2).c_str());
    return 0;
  }
  std::printf("Matching of %s (k %d, nothing stored)\n", o.csv.c_str(), o.k);
  print_summary(out["summary"]);
  std::printf("\n  %-26s %-26s %7s\n", "mentee", "mentor", "score");
  for (const auto& p : out["pairs"])
    std::printf("  %-26.26s %-26.26s %7.2f%s\n", p["mentee"].value("name", "").c_str(), p["mentor"].value("name", "").c_str(),
                p.value("score", 0.0), p.value("pinned", false) ? " pinned" : "");
  for (const auto& u : out["unmatched"])
    std::printf("  %-26.26s (unmatched: %s)\n", u["mentee"].value("name", "").c_str(), u.value("explanation", "").c_str());
  return 0;
}

}  // namespace

int cohort_create(Store& store, const CohortCreateOptions& o) {
  services::CohortSelection selection;
  const bool listed = !o.mentees.empty() || !o.mentors.empty();
  if (listed + o.everyone + !o.department.empty() != 1)
    return fail("choose the members one way: --mentees and --mentors, --department, or --everyone");
  if (listed) {
    selection.mentee_ids = std::vector<PersonId>(o.mentees.begin(), o.mentees.end());
    selection.mentor_ids = std::vector<PersonId>(o.mentors.begin(), o.mentors.end());
  } else if (!o.department.empty()) {
    selection.department = o.department;
  }
  const TimePoint now = SystemClock().now();
  auto created = store.write_value<storage::MemberCounts>([&](sql::Connection& db) -> Result<storage::MemberCounts> {
    MH_TRY(id, services::create_cohort(db, o.name, o.description, selection, std::nullopt, now));
    return storage::count_cohort_members(db, id);
  });
  if (!created) return fail(failure_text(created.error()));
  std::printf("created cohort \"%s\": %d mentee(s), %d mentor(s)\n", o.name.c_str(), created->mentees, created->mentors);
  return 0;
}

int cohort_list(Store& store) {
  const TimePoint now = SystemClock().now();
  auto out = store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    json rows = json::array();
    for (const auto& c : storage::list_cohorts(db)) {
      const auto counts = storage::count_cohort_members(db, c.id);
      const auto jobs = storage::jobs_of_cohort(db, c.id, 1);
      rows.push_back({c.name, counts.mentees, counts.mentors,
                      jobs.empty() ? std::string("never matched")
                                   : "matching " + std::to_string(jobs[0].id) + " " +
                                         storage::to_string(services::effective(jobs[0], now).state)});
    }
    return rows;
  });
  if (!out) return fail(out.error().message);
  if (out->empty()) std::printf("no cohorts yet: create one with `mentorhub cohort create`\n");
  for (const auto& r : *out)
    std::printf("%-30s %6d mentees %6d mentors   %s\n", r[0].get<std::string>().c_str(), r[1].get<int>(), r[2].get<int>(),
                r[3].get<std::string>().c_str());
  return 0;
}

int match(Store* store, const MatchOptions& o) {
  if (o.k < 1 || o.k > 500) return fail("--k must be between 1 and 500");
  if (o.min_score < 0 || o.min_score > 1000) return fail("--min-score must be between 0 and 1000 points");
  if (!o.csv.empty()) return match_csv(o);
  if (!store) return fail("no database");
  SystemClock clock;
  auto job = store->write_value<storage::MatchingJob>([&](sql::Connection& db) -> Result<storage::MatchingJob> {
    auto cohort = storage::find_cohort_by_name(db, o.cohort);
    if (!cohort) return not_found("no cohort is named \"" + o.cohort + "\" (see `mentorhub cohort list`)");
    services::MatchingRequest request;
    request.k = o.k;
    request.min_score = std::max(1, static_cast<int>(std::lround(o.min_score * 100)));
    request.include_mentored = o.include_mentored;
    return services::queue_matching(db, cohort->id, request, std::nullopt, clock.now());
  });
  if (!job) return fail(failure_text(job.error()));
  {
    ProgressBar bar;
    services::run_matching_job(*store, clock, job->id, [&](const std::string& phase, int percent) { bar.show(phase, percent); });
  }
  auto done = store->read_value<storage::MatchingJob>([&](sql::Connection& db) -> Result<storage::MatchingJob> {
    return *storage::find_matching_job(db, job->id);
  });
  if (!done) return fail(done.error().message);
  if (done->state != storage::JobState::done) return fail("matching " + std::to_string(job->id) + " failed: " + done->error);

  json applied = nullptr;
  if (o.apply) {
    auto a = store->write_value_locking_rows<services::AppliedMatching>([&](sql::Connection& db) -> Result<services::AppliedMatching> {
      return services::apply_matching(db, job->id, nullptr, clock.now(), LifecycleSettings{});
    });
    if (!a) return fail(failure_text(a.error()));
    json skipped = json::array();
    for (const auto& p : a->skipped)
      skipped.push_back({{"mentee_id", std::to_string(p.mentee_id)}, {"mentor_id", std::to_string(p.mentor_id)}, {"reason", p.not_applied}});
    applied = {{"created", a->created}, {"skipped", skipped}};
  }
  if (o.json) {
    json out = api::job_json(*done, o.cohort);
    if (o.apply) out["applied"] = applied, out["state"] = "applied";
    std::printf("%s\n", out.dump(2).c_str());
    return 0;
  }
  std::printf("Cohort \"%s\", matching %lld (k %d)\n", o.cohort.c_str(), static_cast<long long>(job->id), o.k);
  print_summary(json::parse(done->summary, nullptr, false));
  if (o.apply) {
    std::printf("\napplied: %d proposal(s) created, each for the mentor to accept or decline; %zu skipped\n",
                applied["created"].get<int>(), applied["skipped"].size());
    for (const auto& s : applied["skipped"])
      std::printf("  mentee %s, mentor %s: %s\n", s["mentee_id"].get<std::string>().c_str(),
                  s["mentor_id"].get<std::string>().c_str(), s["reason"].get<std::string>().c_str());
  } else {
    std::printf("\npreview only: review it in the web app (Administration, Cohorts) or apply it with\n"
                "  mentorhub match --cohort \"%s\" --apply\n",
                o.cohort.c_str());
  }
  return 0;
}

}  // namespace mh::cli
