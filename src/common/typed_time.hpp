// Times as people type them. One rule everywhere a person enters a time (a meeting, a circle
// session, a flash slot): either a wall-clock time in their own timezone, "2026-12-03T14:00", or an
// absolute ISO 8601 time that says its zone, "2026-12-03T14:00:00Z" or "...+01:00". A bare date is
// not a time. Pure apart from reading the zone files; thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.hpp"

namespace mh {

// A zone's UTC offset (minutes east) at a UTC instant; none for an unknown zone.
using OffsetAt = std::function<std::optional<int>(TimePoint)>;

// The offsets of the IANA zone `name` (read through utc_offset_minutes).
OffsetAt offsets_of_zone(std::string name);

// The instant a person meant by `text` (see above), their zone given by `offset_at`. Around a
// daylight-saving change the offset in force at the resulting instant is used. Nothing when the
// text is neither shape or the zone is unknown.
std::optional<TimePoint> parse_typed_time(std::string_view text, const OffsetAt& offset_at);

// `name` when it is a zone the machine knows, "UTC" otherwise: the zone a person's typed times are
// read in.
std::string zone_or_utc(std::string_view name);

// What to tell a person whose text was no time, ending the sentence "<field> ...".
std::string typed_time_hint(std::string_view zone);

// "2026-12-03T14:00" in a zone `offset_minutes` east of UTC.
std::string format_local_minutes(TimePoint t, int offset_minutes);

}  // namespace mh
