// libFuzzer target: time and time-zone parsing in src/common. The first byte picks what the
// rest is: an ISO 8601 time (parse_iso8601; what it accepts must format and parse back to the
// same instant), a zone name (is_valid_timezone and utc_offset_minutes, which read the tz
// database, and suggest_timezone, the "did you mean" for a zone that does not exist), the bytes
// of a TZif file (parse_tzif, the reader behind utc_offset_minutes), or a time as a person types
// it (parse_typed_time in a zone with daylight saving; what it accepts must show and read back).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "common/clock.hpp"
#include "common/timezone_names.hpp"
#include "common/timezones.hpp"
#include "common/typed_time.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 4) {
    case 0: {
      const auto t = mh::parse_iso8601(rest);
      if (t && mh::parse_iso8601(mh::format_iso8601(*t)) != t) std::abort();
      break;
    }
    case 1: {
      const bool valid = mh::is_valid_timezone(rest);
      const auto offset = mh::utc_offset_minutes(rest, mh::TimePoint{});
      if (offset.has_value() && !valid) std::abort();
      if (offset && (*offset < -1500 || *offset > 1560)) std::abort();
      if (const auto guess = mh::suggest_timezone(rest); guess && !mh::is_valid_timezone(*guess)) std::abort();
      break;
    }
    case 2: {
      static const mh::OffsetAt paris = mh::offsets_of_zone("Europe/Paris");
      const auto t = mh::parse_typed_time(rest, paris);
      if (t && !mh::parse_iso8601(mh::format_iso8601(*t))) std::abort();
      break;
    }
    default: {
      const auto zone = mh::parse_tzif(rest);
      if (zone) {
        if (zone->offsets_seconds.empty() || zone->type_of.size() != zone->transitions.size()) std::abort();
        for (std::int64_t at : {INT64_MIN, std::int64_t{-1}, std::int64_t{0}, std::int64_t{1} << 40, INT64_MAX})
          (void)zone->offset_seconds_at(at);
      }
    }
  }
  return 0;
}
