// Action 1, define the purpose: objectives (each with a category, a description and how
// success will be seen) and the outcome the pair wants. Either participant drafts; both agree
// to a numbered version, and editing after agreement asks both to agree again. The
// relationship becomes active when the purpose is first agreed. Pure; thread-safe values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/relationship.hpp"

namespace mh {

using ObjectiveId = std::int64_t;

enum class ObjectiveCategory { networking, career_options, skill_gaps, skill_coaching, other };
const char* to_string(ObjectiveCategory c);
std::optional<ObjectiveCategory> parse_objective_category(std::string_view s);

struct Objective {
  ObjectiveId id = 0;  // 0 for a new one
  ObjectiveCategory category = ObjectiveCategory::other;
  std::string description;
  std::string success_measure;  // how success will be seen
  bool operator==(const Objective&) const = default;
};

struct Purpose {
  std::vector<Objective> objectives;
  std::string desired_outcome;
  int version = 0;  // 0: nothing drafted yet
  int mentee_agreed_version = 0;
  int mentor_agreed_version = 0;
  std::optional<TimePoint> agreed_at;  // when the current version was agreed by both

  bool is_agreed() const { return version > 0 && mentee_agreed_version == version && mentor_agreed_version == version; }
  bool agreed_by(Role role) const {
    return version > 0 && (role == Role::mentee ? mentee_agreed_version : mentor_agreed_version) == version;
  }
};

inline constexpr std::size_t kMaxObjectives = 10;

// Checks a draft (objectives and outcome). Fields are named like "objectives[1].description".
Status validate_purpose_draft(const std::vector<Objective>& objectives, const std::string& desired_outcome);

// Replaces the draft of a relationship's or a circle's purpose once it passes the checks above,
// bumping the version (so earlier agreements no longer count) and clearing when it was agreed.
template <class AnyPurpose>
Status replace_draft(AnyPurpose& p, std::vector<Objective> objectives, std::string desired_outcome) {
  MH_CHECK(validate_purpose_draft(objectives, desired_outcome));
  p.objectives = std::move(objectives);
  p.desired_outcome = std::move(desired_outcome);
  ++p.version;
  p.agreed_at.reset();
  return {};
}

// An agreement is to what one read: refused when nothing is drafted, or when the draft is no
// longer the version `read`.
Status check_version_to_agree(int drafted_version, int read);

// Replaces the draft, bumping the version (so earlier agreements no longer count). Only in a
// workable state. Objectives keep their ids where given.
Status redraft_purpose(Purpose& p, RelState state, std::vector<Objective> objectives, std::string desired_outcome);

// Records `role`'s agreement to `version`. 409 if the purpose changed since that version was
// read (agreement is to what one saw) or nothing is drafted; returns true when this made the
// purpose agreed by both.
Result<bool> agree_purpose(Purpose& p, RelState state, Role role, int version, TimePoint now);

}  // namespace mh
