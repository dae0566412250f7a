// An administrator nudges the pairs whose relationship has stalled (issue 18, "acting without
// content"): the fading ones (no meeting within twice their cadence) or the ones not started (a
// purpose still not agreed after the first reminder's delay). The administrator picks them from
// the overview of states and dates and never sees what the pairs discuss; both people of each
// pair are told in the app (and in their daily digest) what to do next, with the
// administrator's note if they wrote one.
#pragma once

#include <string>
#include <vector>

#include "services/use_case.hpp"

namespace mh::services {

enum class Stalled { fading, not_started };

struct NudgeInput {
  Stalled which = Stalled::fading;
  // Only these relationships (each must exist; those not stalled that way are left out and
  // counted), or every stalled one when empty.
  std::vector<RelationshipId> only;
  std::string note;  // the administrator's words to the pairs, optional, at most kNudgeNoteMax bytes
};

inline constexpr std::size_t kNudgeNoteMax = 500;

struct NudgeReport {
  int pairs = 0;          // pairs of which at least one person was told now
  int people = 0;         // people told now
  int already_today = 0;  // pairs nudged the same day already: told once a day at most
  int not_stalled = 0;    // listed relationships that are not stalled that way
};

// Administrators only (forbidden otherwise); invalid naming `relationship_ids[i]` for a listed
// relationship that does not exist, or `note` when it is too long. One audit entry when anyone
// was told.
Result<NudgeReport> nudge_stalled_pairs(UseCase& uc, const Person& admin, const NudgeInput& in);

}  // namespace mh::services
