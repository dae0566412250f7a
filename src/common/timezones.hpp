// IANA timezone names and UTC offsets, checked against the system's tz database (Debian's tzdata package,
// /usr/share/zoneinfo). libstdc++ 12 has no std::chrono::tzdb, so we look for the zone's
// TZif file. Pure function of the file system; safe from any thread.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "common/clock.hpp"

namespace mh {

// True for a real IANA zone name such as "Europe/Paris" or "UTC"; false for anything else,
// including paths that try to leave the zoneinfo directory.
bool is_valid_timezone(std::string_view name);

// The zone's offset from UTC at `t`, in minutes (east positive), read from its TZif file and
// cached; nullopt for an unknown zone. Thread-safe.
std::optional<int> utc_offset_minutes(std::string_view name, TimePoint t);

// A zone's UTC offsets over time, as a TZif file (RFC 8536) gives them.
struct TzifZone {
  std::vector<std::int64_t> transitions;  // UTC seconds, strictly ascending
  std::vector<std::uint8_t> type_of;      // index into offsets_seconds from each transition on
  std::vector<int> offsets_seconds;       // per local time type, east positive
  int initial_offset = 0;                 // before the first transition
  int offset_seconds_at(std::int64_t unix_seconds) const;
};

// Reads the bytes of a TZif file: version 1's 32-bit data block, or the 64-bit block of
// version 2 and later. Nothing (never a crash or an over-read) for bytes that are not a
// well-formed zone: negative or absurd counts, a truncated block, times out of order, offsets
// beyond RFC 8536's range or a transition naming a type that does not exist.
std::optional<TzifZone> parse_tzif(std::string_view bytes);

// A real zone's offsets over time (its TZif file, read once and cached), for code that needs more
// than one offset, such as turning local wall-clock hours into UTC; nullptr for an unknown zone.
// Thread-safe; the rules never change while the process runs.
std::shared_ptr<const TzifZone> zone_rules(std::string_view name);

// Hours two people's working days (09:00-17:00 local) overlap, given their UTC offsets.
double working_hours_overlap(int offset_a_minutes, int offset_b_minutes);

}  // namespace mh
