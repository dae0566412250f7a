#include "domain/conclusion.hpp"

#include <algorithm>
#include <array>
#include <set>

#include "domain/enum_names.hpp"

namespace mh {

bool should_fade(const Activity& a, TimePoint now) {
  if (a.state != RelState::active || a.has_upcoming_meeting) return false;
  std::optional<TimePoint> since = a.last_held_meeting;
  if (a.activated_at && (!since || *a.activated_at > *since)) since = a.activated_at;
  if (!since) return false;
  return now - *since > std::chrono::days(a.fade_after_cadences * a.cadence_days);
}

bool should_revive(const Activity& a, TimePoint now) {
  if (a.state != RelState::fading) return false;
  if (a.has_upcoming_meeting) return true;
  return a.last_held_meeting && now - *a.last_held_meeting <= std::chrono::days(a.fade_after_cadences * a.cadence_days);
}

namespace {
constexpr EnumNames<ObjectiveOutcome, 3> kOutcomes{{"achieved", "partly", "not_achieved"}};
}  // namespace

const char* to_string(ObjectiveOutcome o) { return kOutcomes.name(o); }

std::optional<ObjectiveOutcome> parse_objective_outcome(std::string_view s) { return kOutcomes.parse(s); }

Status check_can_start_concluding(RelState state) { return check_transition(state, RelState::concluding); }

Status validate_debrief(const Debrief& d, const Purpose& purpose, RelState state) {
  if (state != RelState::concluding)
    return conflict(std::string("the relationship is ") + to_string(state) +
                        (state == RelState::concluded ? "; it is read-only" : "; start concluding first"),
                    "state");
  std::set<ObjectiveId> seen;
  for (size_t i = 0; i < d.outcomes.size(); ++i) {
    const ObjectiveId id = d.outcomes[i].first;
    const std::string f = "outcomes[" + std::to_string(i) + "].objective_id";
    if (std::none_of(purpose.objectives.begin(), purpose.objectives.end(), [&](const Objective& o) { return o.id == id; }))
      return invalid(f, "is not one of this relationship's objectives");
    if (!seen.insert(id).second) return invalid(f, "is listed twice");
  }
  for (const Objective& o : purpose.objectives)
    if (!seen.count(o.id))
      return invalid("outcomes", "say for every objective whether it was achieved, partly or not (missing: \"" +
                                     o.description + "\")");
  for (const auto* text : {&d.achieved, &d.still_to_do, &d.do_differently})
    if (text->size() > 4000) {
      const char* field = text == &d.achieved ? "achieved" : text == &d.still_to_do ? "still_to_do" : "do_differently";
      return invalid(field, "is longer than 4000 characters");
    }
  if (d.rating && (*d.rating < 1 || *d.rating > 5)) return invalid("rating", "must be between 1 and 5");
  return {};
}

std::string follow_up_purpose(const std::vector<Debrief>& debriefs) {
  std::string out;
  for (const Debrief& d : debriefs) {
    if (d.still_to_do.empty() || out.find(d.still_to_do) != std::string::npos) continue;
    if (!out.empty()) out += "\n";
    out += d.still_to_do;
  }
  // A request's draft purpose holds 4000 characters; cut at a character boundary.
  if (out.size() > 4000) {
    size_t cut = 4000;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out.resize(cut);
  }
  return out;
}

}  // namespace mh
