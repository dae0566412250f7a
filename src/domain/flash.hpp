// Flash mentoring: connecting "one time around a certain topic or skill", like a quick
// tutorial on building a pivot table. A mentor publishes topics with bookable slots (a start in
// their own timezone and a duration); a mentee books one slot with a question; a slot is booked
// once; either may cancel until a cutoff before the start. After the session the mentee records
// a quick takeaway and a 1-5 rating and the mentor may add a resource link, and then the session
// ends by itself: its phase follows from the time alone, so there is no lifecycle to maintain.
// Either may turn it into a one-to-one request with the topic as the draft purpose.
// Pure C++: no I/O; the time is always an argument.
// Values only; thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/person.hpp"
#include "domain/relationship.hpp"

namespace mh {

using FlashTopicId = std::int64_t;
using FlashSlotId = std::int64_t;
using FlashBookingId = std::int64_t;

inline constexpr int kMinFlashMinutes = 10;
inline constexpr int kMaxFlashMinutes = 120;
inline constexpr std::size_t kMaxSlotsPerCall = 50;
// Either side may cancel until this long before the start.
inline constexpr std::chrono::hours kFlashCancelCutoff{2};
// The takeaway, the rating and the resource link can be written until this long after the end.
inline constexpr std::chrono::days kFlashFollowUpWindow{7};
// Upcoming flash sessions a mentee may hold at once, so nobody hoards a mentor's slots.
inline constexpr int kMaxUpcomingFlashBookings = 3;

struct FlashTopic {
  FlashTopicId id = 0;
  PersonId mentor_id = 0;
  std::string title;        // "Building a pivot table"
  std::string description;
  bool published = true;    // false: no longer offered (its booked sessions still happen)
  TimePoint created_at{};
  TimePoint updated_at{};
};

// Title 1-200 bytes, description up to 2000.
Status validate_flash_topic(const FlashTopic& t);
// The mentor must be active and offer flash mentoring (field `mentor`).
Status check_can_offer_flash(const Person& mentor);

struct FlashSlot {
  FlashSlotId id = 0;
  FlashTopicId topic_id = 0;
  PersonId mentor_id = 0;
  TimePoint starts_at{};
  int duration_minutes = 30;
  bool withdrawn = false;  // taken off the offer by the mentor
  TimePoint created_at{};

  TimePoint ends_at() const { return starts_at + std::chrono::minutes(duration_minutes); }
};

// A new slot starts in the future (within a year), lasts 10-120 minutes and overlaps none of
// the mentor's other slots that are still offered. `field` prefixes the names ("slots[2]").
Status validate_new_slot(const FlashSlot& s, const std::vector<FlashSlot>& mentor_slots, TimePoint now,
                         const std::string& field);

enum class BookingStatus { booked, cancelled };
const char* to_string(BookingStatus s);
std::optional<BookingStatus> parse_booking_status(std::string_view s);

// What a booked session is, at a given time: `upcoming` before its start; `follow_up` from the
// start until kFlashFollowUpWindow after its end (takeaway, rating, resource); then `completed`
// (read-only). `cancelled` for good once cancelled.
enum class FlashPhase { upcoming, follow_up, completed, cancelled };
const char* to_string(FlashPhase p);

struct FlashBooking {
  FlashBookingId id = 0;
  FlashSlotId slot_id = 0;
  FlashTopicId topic_id = 0;
  PersonId mentee_id = 0;
  PersonId mentor_id = 0;
  std::string question;
  BookingStatus status = BookingStatus::booked;
  TimePoint starts_at{};  // the slot's, copied at booking
  int duration_minutes = 30;
  TimePoint booked_at{};
  std::optional<TimePoint> cancelled_at;
  std::optional<PersonId> cancelled_by;
  std::string cancel_reason;
  std::string takeaway;
  std::optional<int> rating;
  std::optional<TimePoint> takeaway_at;
  std::string resource_url;
  std::string resource_note;
  std::optional<TimePoint> resource_at;
  std::optional<RelationshipId> relationship_id;  // the one-to-one request proposed from it

  bool is_participant(PersonId p) const { return p == mentee_id || p == mentor_id; }
  TimePoint ends_at() const { return starts_at + std::chrono::minutes(duration_minutes); }
  TimePoint cancel_until() const { return starts_at - kFlashCancelCutoff; }
  TimePoint follow_up_until() const { return ends_at() + kFlashFollowUpWindow; }
};

FlashPhase phase(const FlashBooking& b, TimePoint now);

// What booking needs to know, read in the transaction that books.
struct BookingFacts {
  const FlashTopic* topic = nullptr;
  const FlashSlot* slot = nullptr;
  bool slot_taken = false;               // another booking holds it
  int mentee_upcoming = 0;               // the mentee's upcoming booked sessions
  bool mentee_has_topic_upcoming = false;  // one of them on this topic
};

// A mentee books a free slot of a published topic, before it starts, with a question (1-2000
// bytes); not their own; at most one upcoming session per topic and kMaxUpcomingFlashBookings
// in all. A taken slot is 409 with `field` `slot_id`.
Status check_can_book(const BookingFacts& f, PersonId mentee, const std::string& question, TimePoint now);

// Either participant cancels a booked session until kFlashCancelCutoff before its start.
Status check_can_cancel(const FlashBooking& b, PersonId actor, TimePoint now);
// Whether the slot is offered again after this cancellation: yes when the mentee cancelled,
// no when the mentor did (they cannot make that time).
bool cancellation_frees_slot(const FlashBooking& b, PersonId actor);
Result<FlashBooking> cancel(FlashBooking b, PersonId actor, std::string reason, TimePoint now);

// The mentee's takeaway (1-2000 bytes) and rating (1-5), during the follow-up.
Status record_takeaway(FlashBooking& b, PersonId actor, std::string takeaway, int rating, TimePoint now);
// The mentor's resource link (http or https, up to 2000 bytes) and note, during the follow-up.
Status add_resource(FlashBooking& b, PersonId actor, std::string url, std::string note, TimePoint now);

// Either participant may propose a one-to-one relationship once the session has started.
Status check_can_propose(const FlashBooking& b, PersonId actor, TimePoint now);
// The proposed request's draft purpose: the topic.
std::string proposal_purpose(const FlashTopic& topic);
std::string proposal_message(const FlashTopic& topic, bool by_mentee);

}  // namespace mh
