#include "storage/reports_repo.hpp"

#include <algorithm>
#include <array>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "domain/conclusion.hpp"
#include "domain/enum_names.hpp"
#include "storage/relationships_repo.hpp"

namespace mh::storage {

namespace {

TimePoint time_of(std::int64_t seconds) { return TimePoint(Seconds(seconds)); }

// Counts the objectives of a debrief's outcomes ([{"objective_id": 3, "outcome": "achieved"}]);
// a row the app did not write counts nothing rather than failing the report.
void count_outcomes(const std::string& text, report::RelationshipFacts& f) {
  const auto outcomes = nlohmann::json::parse(text, nullptr, false);
  if (!outcomes.is_array()) return;
  for (const auto& o : outcomes) {
    if (!o.is_object() || !o.contains("outcome") || !o["outcome"].is_string()) continue;
    ++f.objectives_rated;
    if (parse_objective_outcome(o["outcome"].get<std::string>()) == ObjectiveOutcome::achieved) ++f.objectives_achieved;
  }
}

constexpr EnumNames<ReportGrouping, 4> kGroupings{{"none", "department", "cohort", "program"}};

}  // namespace

const char* to_string(ReportGrouping g) { return kGroupings.name(g); }

std::optional<ReportGrouping> parse_report_grouping(std::string_view s) { return kGroupings.parse(s); }

std::vector<report::RelationshipFacts> report_facts(sql::Connection& db, ReportGrouping grouping) {
  std::vector<report::RelationshipFacts> out;
  for (const auto& m : all_relationship_metadata(db)) {
    report::RelationshipFacts f;
    f.id = m.id;
    f.mentee_id = m.mentee_id;
    f.mentor_id = m.mentor_id;
    f.requested_at = m.requested_at;
    f.purpose_agreed = m.purpose_agreed;
    f.tasks = m.tasks;
    f.tasks_done = m.tasks_done;
    out.push_back(std::move(f));
  }
  std::unordered_map<RelationshipId, std::size_t> index;
  index.reserve(out.size());
  for (std::size_t i = 0; i < out.size(); ++i) index.emplace(out[i].id, i);
  auto find = [&](std::int64_t id) -> report::RelationshipFacts* {
    auto it = index.find(id);
    return it == index.end() ? nullptr : &out[it->second];
  };

  for (const auto& r : db.execute("SELECT relationship_id, to_state, at FROM relationship_events ORDER BY relationship_id, id").rows)
    if (auto* f = find(r.int64(0)))
      f->changes.emplace_back(time_of(r.int64(2)), sql::decoded(r.text(1), parse_rel_state, "rel state"));
  for (const auto& r : db.execute("SELECT relationship_id, starts_at FROM meetings WHERE status = 'held'").rows)
    if (auto* f = find(r.int64(0))) f->meetings_held.push_back(time_of(r.int64(1)));
  for (const auto& r : db.execute("SELECT relationship_id, author_id, outcomes, rating FROM debriefs WHERE relationship_id IS NOT NULL").rows)
    if (auto* f = find(r.int64(0))) {
      if (r.int64(1) == f->mentee_id) count_outcomes(r.text(2), *f);
      if (!r.is_null(3)) f->ratings.push_back(static_cast<int>(r.int64(3)));
    }

  if (grouping == ReportGrouping::department) {
    std::unordered_map<PersonId, std::string> department;
    for (const auto& r : db.execute("SELECT id, department FROM people").rows) department.emplace(r.int64(0), r.text(1));
    for (auto& f : out) {
      const auto it = department.find(f.mentee_id);
      f.group = it == department.end() || it->second.empty() ? kNoDepartment : it->second;
    }
  } else if (grouping == ReportGrouping::cohort) {
    for (auto& f : out) f.group = kNoCohort;
    for (const auto& r : db.execute("SELECT p.relationship_id, c.name FROM matching_job_pairs p "
                                    "JOIN matching_jobs j ON j.id = p.job_id JOIN cohorts c ON c.id = j.cohort_id "
                                    "WHERE p.relationship_id IS NOT NULL")
                             .rows)
      if (auto* f = find(r.int64(0))) f->group = r.text(1);
  } else if (grouping == ReportGrouping::program) {
    // A relationship without a program belongs to the default one.
    for (const auto& r : db.execute("SELECT r.id, p.name FROM relationships r JOIN programs p "
                                    "ON p.id = r.program_id OR (r.program_id IS NULL AND p.is_default = 1)")
                             .rows)
      if (auto* f = find(r.int64(0))) f->group = r.text(1);
  }
  return out;
}

std::vector<report::SessionFacts> circle_session_facts(sql::Connection& db) {
  std::vector<report::SessionFacts> out;
  std::unordered_map<std::int64_t, std::size_t> index;
  for (const auto& r : db.execute("SELECT s.id, s.starts_at, s.status, c.host_id FROM circle_sessions s "
                                  "JOIN circles c ON c.id = s.circle_id")
                           .rows) {
    report::SessionFacts f;
    f.starts_at = time_of(r.int64(1));
    f.held = r.text(2) == "held";
    f.cancelled = r.text(2) == "cancelled";
    f.people.push_back(r.int64(3));
    index.emplace(r.int64(0), out.size());
    out.push_back(std::move(f));
  }
  for (const auto& r : db.execute("SELECT session_id, person_id, status FROM circle_attendance").rows) {
    const auto it = index.find(r.int64(0));
    if (it == index.end()) continue;
    report::SessionFacts& f = out[it->second];
    f.people.push_back(r.int64(1));
    ++f.recorded;
    if (r.text(2) == "present") ++f.present;
  }
  return out;
}

std::vector<report::SessionFacts> flash_session_facts(sql::Connection& db) {
  std::vector<report::SessionFacts> out;
  for (const auto& r : db.execute("SELECT starts_at, mentor_id, mentee_id, status, rating FROM flash_bookings").rows) {
    report::SessionFacts f;
    f.starts_at = time_of(r.int64(0));
    f.people = {r.int64(1), r.int64(2)};
    f.cancelled = r.text(3) == "cancelled";
    f.held = !f.cancelled;
    if (!r.is_null(4)) f.rating = static_cast<int>(r.int64(4));
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace mh::storage
