#include "domain/purpose.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "domain/enum_names.hpp"
#include "domain/text.hpp"

namespace mh {

namespace {
constexpr EnumNames<ObjectiveCategory, 5> kNames{{"networking", "career_options", "skill_gaps", "skill_coaching",
    "other"}};

}  // namespace

const char* to_string(ObjectiveCategory c) { return kNames.name(c); }

std::optional<ObjectiveCategory> parse_objective_category(std::string_view s) { return kNames.parse(s); }

Status validate_purpose_draft(const std::vector<Objective>& objectives, const std::string& desired_outcome) {
  if (objectives.empty())
    return invalid("objectives", "name at least one objective: having objectives helps drive the conversation");
  if (objectives.size() > kMaxObjectives) return invalid("objectives", "at most 10 objectives");
  for (size_t i = 0; i < objectives.size(); ++i) {
    const std::string f = "objectives[" + std::to_string(i) + "]";
    if (blank(objectives[i].description)) return invalid(f + ".description", "must not be empty");
    if (objectives[i].description.size() > 2000) return invalid(f + ".description", "is longer than 2000 characters");
    if (objectives[i].success_measure.size() > 2000)
      return invalid(f + ".success_measure", "is longer than 2000 characters");
  }
  if (desired_outcome.size() > 4000) return invalid("desired_outcome", "is longer than 4000 characters");
  return {};
}

Status redraft_purpose(Purpose& p, RelState state, std::vector<Objective> objectives, std::string desired_outcome) {
  if (!is_workable(state))
    return conflict(std::string("the relationship is ") + to_string(state) + "; its purpose cannot change now", "state");
  return replace_draft(p, std::move(objectives), std::move(desired_outcome));
}

Status check_version_to_agree(int drafted_version, int read) {
  if (drafted_version == 0) return conflict("there is no purpose to agree yet: draft the objectives first", "version");
  if (read != drafted_version)
    return conflict("the purpose changed since you read it (now version " + std::to_string(drafted_version) +
                        "); read it again before agreeing",
                    "version");
  return {};
}

Result<bool> agree_purpose(Purpose& p, RelState state, Role role, int version, TimePoint now) {
  if (!is_workable(state))
    return conflict(std::string("the relationship is ") + to_string(state) + "; there is no purpose to agree now",
                    "state");
  MH_CHECK(check_version_to_agree(p.version, version));
  const bool was_agreed = p.is_agreed();
  (role == Role::mentee ? p.mentee_agreed_version : p.mentor_agreed_version) = version;
  if (p.is_agreed() && !was_agreed) {
    p.agreed_at = now;
    return true;
  }
  return false;
}

}  // namespace mh
