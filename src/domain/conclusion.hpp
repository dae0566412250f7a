// Action 5, debrief and conclude. A relationship with no meeting held or scheduled within twice
// its cadence is fading, and both are nudged to meet or to conclude. Concluding is a debrief
// from each participant: for each objective achieved, partly or not; what was achieved; what
// still needs doing; what each would do differently next time; an optional rating. When both
// have submitted, the relationship is concluded and read-only. Pure; thread-safe values.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/purpose.hpp"

namespace mh {

// What the fading check needs to know about a relationship.
struct Activity {
  RelState state = RelState::active;
  int cadence_days = 14;
  int fade_after_cadences = 2;  // the program's rule: this many cadences without a meeting
  std::optional<TimePoint> activated_at;
  std::optional<TimePoint> last_held_meeting;  // start of the latest held meeting
  bool has_upcoming_meeting = false;           // a scheduled meeting that has not started
};

// True when an active relationship has had no meeting held within its program's number of
// cadences (twice its cadence by default) and has none scheduled: it should become fading.
bool should_fade(const Activity& a, TimePoint now);
// True when a fading relationship has a meeting scheduled or held again.
bool should_revive(const Activity& a, TimePoint now);

enum class ObjectiveOutcome { achieved, partly, not_achieved };
const char* to_string(ObjectiveOutcome o);
std::optional<ObjectiveOutcome> parse_objective_outcome(std::string_view s);

struct Debrief {
  PersonId author_id = 0;
  std::vector<std::pair<ObjectiveId, ObjectiveOutcome>> outcomes;
  std::string achieved;
  std::string still_to_do;
  std::string do_differently;
  std::optional<int> rating;  // 1-5
  TimePoint submitted_at{};
};

// Either participant may start concluding a starting, active or fading relationship.
Status check_can_start_concluding(RelState state);

// A debrief needs the relationship to be concluding and an outcome for every objective of
// the purpose (field "outcomes"), each named once.
Status validate_debrief(const Debrief& d, const Purpose& purpose, RelState state);

// Prefill of a follow-up request's draft purpose: what both said still needs doing.
std::string follow_up_purpose(const std::vector<Debrief>& debriefs);

}  // namespace mh
