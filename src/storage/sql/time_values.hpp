// Times in the store: UTC Unix seconds in BIGINT columns, NULL for "not yet". Shared by the
// repositories so every table reads and writes times the same way.
#pragma once

#include <cstdint>
#include <optional>

#include "common/clock.hpp"
#include "storage/sql/connection.hpp"

namespace mh::sql {

inline std::int64_t unix_seconds(TimePoint t) { return t.time_since_epoch().count(); }
inline Value optional_time(const std::optional<TimePoint>& t) { return t ? Value(unix_seconds(*t)) : Value(nullptr); }
inline TimePoint time_of(const Row& r, std::size_t i) { return TimePoint(Seconds(r.int64(i))); }
inline std::optional<TimePoint> optional_time_of(const Row& r, std::size_t i) {
  if (auto v = r.opt_int64(i)) return TimePoint(Seconds(*v));
  return std::nullopt;
}

}  // namespace mh::sql
