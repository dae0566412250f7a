// IANA timezone names and UTC offsets, checked against the system's tz database (Debian's tzdata package,
// /usr/share/zoneinfo). libstdc++ 12 has no std::chrono::tzdb, so we look for the zone's
// TZif file. Pure function of the file system; safe from any thread.
#pragma once

#include <optional>
#include <string_view>

#include "common/clock.hpp"

namespace mh {

// True for a real IANA zone name such as "Europe/Paris" or "UTC"; false for anything else,
// including paths that try to leave the zoneinfo directory.
bool is_valid_timezone(std::string_view name);

// The zone's offset from UTC at `t`, in minutes (east positive), read from its TZif file and
// cached; nullopt for an unknown zone. Thread-safe.
std::optional<int> utc_offset_minutes(std::string_view name, TimePoint t);

// Hours two people's working days (09:00-17:00 local) overlap, given their UTC offsets.
double working_hours_overlap(int offset_a_minutes, int offset_b_minutes);

}  // namespace mh
