// Break-glass access: when a complaint demands it, an administrator may read one relationship's
// shared content (never a private note) for a short, fixed time, only after stating why. The
// grant, how long it lasts and what a reason must be. Pure C++: no I/O, the time passed in.
// Values only; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/person.hpp"
#include "domain/relationship.hpp"

namespace mh {

// Long enough to read a relationship through, short enough that access is an event, not a
// standing right: a second look needs a second reason, written down and told again.
inline constexpr Seconds kBreakGlassLifetime{30 * 60};

// A reason someone else can act on: a few words at least ("complaint #1432 from the mentee"),
// at most a paragraph.
inline constexpr std::size_t kMinBreakGlassReason = 10;
inline constexpr std::size_t kMaxBreakGlassReason = 1000;

struct BreakGlassGrant {
  std::int64_t id = 0;
  RelationshipId relationship_id = 0;
  PersonId admin_id = 0;
  std::string reason;
  TimePoint opened_at{};
  TimePoint expires_at{};
};

// A grant opened at `now` for `reason` (trimmed); invalid naming `reason` when it is too short,
// too long or blank.
Result<BreakGlassGrant> open_grant(RelationshipId relationship, PersonId admin, std::string_view reason,
                                   TimePoint now);

// Whether the grant still lets its administrator read at `now` (the expiry itself is closed).
inline bool is_open(const BreakGlassGrant& g, TimePoint now) { return g.opened_at <= now && now < g.expires_at; }

}  // namespace mh
