// Programs in the store (issue 18), and what the program screens count: their cohorts and their
// relationships by stage. Free functions over a connection inside a Store transaction; they never
// commit. A relationship whose program_id is NULL belongs to the default program.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/program.hpp"
#include "storage/sql/connection.hpp"

namespace mh::storage {

using ProgramId = std::int64_t;

struct ProgramRecord {
  ProgramId id = 0;
  ProgramFields fields;
  bool is_default = false;
  std::string matching = "{}";  // the matching settings document (unused for the default program)
  std::optional<TimePoint> closed_at;
  std::optional<PersonId> closed_by;
  std::optional<PersonId> created_by;
  TimePoint created_at{};
  bool closed() const { return closed_at.has_value(); }
};

struct ProgramCounts {
  int cohorts = 0;
  int requested = 0, open = 0, concluded = 0;  // relationships: open = accepted .. concluding
};

ProgramId insert_program(sql::Connection& db, const ProgramRecord& p);
// Writes the fields, the matching document and the closing of the program with this id.
void update_program(sql::Connection& db, const ProgramRecord& p);
std::optional<ProgramRecord> find_program(sql::Connection& db, ProgramId id);
// Compared without regard to case.
std::optional<ProgramRecord> find_program_by_name(sql::Connection& db, const std::string& name);
ProgramRecord default_program(sql::Connection& db);
// The default first, then open before closed, then by name.
std::vector<ProgramRecord> list_programs(sql::Connection& db);
// Counts of every program, in one pass over cohorts and relationships.
std::vector<std::pair<ProgramId, ProgramCounts>> program_counts(sql::Connection& db);

// The program a relationship belongs to: a cohort's program for its proposals.
void set_relationship_program(sql::Connection& db, std::int64_t relationship, ProgramId program);
// The program a relationship belongs to: the one it was started in, or the default program.
ProgramRecord program_of_relationship(sql::Connection& db, std::int64_t relationship);
// The program's open relationships (accepted, starting, active, fading): ids with both people.
struct OpenPair {
  std::int64_t relationship_id = 0;
  PersonId mentee_id = 0, mentor_id = 0;
};
std::vector<OpenPair> open_relationships_of_program(sql::Connection& db, const ProgramRecord& p);

// "YYYY-MM-DD" in the store and back.
std::optional<std::string> day_text(const std::optional<std::chrono::sys_days>& d);

}  // namespace mh::storage
