// Availability's use cases: a person sets and reads their own weekly hours and exceptions; the
// two participants of a relationship get the next free meeting times inside both people's hours
// (or the mentor's alone), shown in both people's zones; a mentor offers flash slots for a topic from their hours. Each
// checks who may act itself and runs in the caller's transaction. No JSON, no HTTP.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "domain/availability.hpp"
#include "domain/flash.hpp"
#include "services/flash.hpp"
#include "services/use_case.hpp"

namespace mh::services {

// Suggestions look this far ahead, and offer at most this many times.
inline constexpr std::chrono::days kSuggestionHorizon{14};
inline constexpr int kMaxSuggestions = 50;
inline constexpr int kMinSuggestedMinutes = 15;
inline constexpr int kMaxSuggestedMinutes = 240;
// Flash slots are generated over at most this many days at once.
inline constexpr int kMaxGenerationDays = 62;

struct AvailabilityView {
  Availability availability;       // in the person's profile zone, with no hours, when never set
  std::optional<TimePoint> updated_at;  // none when never set
};

// The actor's own availability.
AvailabilityView my_availability(sql::Connection& db, const Person& actor);
// Replaces the actor's availability after validate_availability (422 naming the field); stored
// sorted.
Result<AvailabilityView> set_my_availability(UseCase& uc, const Person& actor, Availability a);

// The zone a person's times are shown in: their availability's when they set one, else their
// profile's.
std::string shown_zone(sql::Connection& db, const Person& p);

struct MeetingSuggestions {
  Relationship relationship;
  Person mentor;
  Person mentee;
  std::string mentor_zone;
  std::string mentee_zone;
  bool mentor_has_hours = false;  // false: the mentor set no weekly hours or extra hours
  bool mentee_has_hours = false;
  // True when `times` lie in both people's hours; false when they lie in the mentor's alone (the
  // mentee set none, or no free time of that length falls in both within the horizon).
  bool within_both_hours = false;
  TimePoint from{};
  TimePoint to{};
  std::vector<TimeInterval> times;
};

// The next free times of `duration_minutes` (15-240, field `duration_minutes`) within both
// people's availability over the next 14 days (within the mentor's alone when the mentee has
// set no hours or the two leave no such time free), starting every half hour, never overlapping a
// scheduled meeting or a booked flash session of either participant; at most `limit` (1-50,
// field `limit`). Only the relationship's mentee and mentor may ask (not_found for an unknown
// relationship, forbidden for anyone else); it must be workable (starting, active or fading).
Result<MeetingSuggestions> suggest_meeting_times(sql::Connection& db, const Person& actor, RelationshipId id,
                                                 int duration_minutes, int limit, TimePoint now);

// Offers slots of `duration_minutes` (10-120) on the actor's topic `topic` from their
// availability, on the local dates `from` to `to` (inclusive, at most kMaxGenerationDays, field
// `to`), back to back, never before now and skipping every time already taken: offered slots,
// booked flash sessions and scheduled meetings. At most kMaxSlotsPerCall at once. A conflict
// naming `from` when the actor has no hours set or nothing is free in the range.
Result<std::vector<FlashSlot>> offer_flash_slots_from_availability(UseCase& uc, const Person& actor,
                                                                   FlashTopicId topic, std::chrono::sys_days from,
                                                                   std::chrono::sys_days to, int duration_minutes);

}  // namespace mh::services
