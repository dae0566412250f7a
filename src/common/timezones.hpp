// IANA timezone names, checked against the system's tz database (Debian's tzdata package,
// /usr/share/zoneinfo). libstdc++ 12 has no std::chrono::tzdb, so we look for the zone's
// TZif file. Pure function of the file system; safe from any thread.
#pragma once

#include <string_view>

namespace mh {

// True for a real IANA zone name such as "Europe/Paris" or "UTC"; false for anything else,
// including paths that try to leave the zoneinfo directory.
bool is_valid_timezone(std::string_view name);

}  // namespace mh
