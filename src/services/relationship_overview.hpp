// The administrator's content-free overview of every one-to-one relationship: how many are in
// each state, how many have not started, and each relationship's states, dates and counts, all
// programs' or one program's. Never content (no message, purpose, note, story or debrief).
// Read-only, in the caller's read transaction. No JSON, no HTTP.
#pragma once

#include <map>
#include <optional>
#include <vector>

#include "services/use_case.hpp"
#include "storage/relationships_repo.hpp"

namespace mh::services {

struct OverviewFilter {
  std::optional<RelState> state;              // only these in `items` (the counts are all states)
  std::optional<storage::ProgramId> program;  // only this program's, in `items` and the counts
};

struct OverviewRow {
  Relationship relationship;
  storage::RelationshipMetadata facts;  // counts and the program; never content
  bool not_started = false;
};

struct RelationshipOverview {
  std::map<RelState, int> counts;  // every state, 0 included
  int not_started = 0;             // accepted a week or more ago without an agreed purpose
  std::vector<OverviewRow> items;  // oldest first
};

// Forbidden for anyone but an administrator; a program that does not exist is invalid at
// `program_id`.
Result<RelationshipOverview> relationship_overview(sql::Connection& db, const Person& actor, const OverviewFilter& filter,
                                                   TimePoint now, const LifecycleSettings& settings);

}  // namespace mh::services
