// The IANA zone names people pick from (tzdata's zone.tab and zone1970.tab, plus UTC), and a
// "did you mean" for a name the machine does not know. Reads the zone tables once; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mh {

// Area/City names ("Europe/London"), sorted, without duplicates; "UTC" included.
const std::vector<std::string>& timezone_names();

// The zone a person most likely meant by `typed`: the same name in other letter case or with
// spaces for underscores ("europe/london"), a city alone ("London", "new york"), or a name a
// couple of typing slips away ("Europe/Londn"). Nothing when no zone is close.
std::optional<std::string> suggest_timezone(std::string_view typed);

// Nothing for a zone the machine knows, unknown_timezone_message otherwise: the check the
// domain's validate_person is given.
std::optional<std::string> timezone_problem(std::string_view name);

// "<typed> is not a known IANA timezone; did you mean Europe/London?" (or an example when
// nothing is close): the end of a sentence that starts with the field's name.
std::string unknown_timezone_message(std::string_view typed);

}  // namespace mh
