// Flash mentoring in the store: topics, their slots and the bookings. A partial unique index
// keeps one live booking per slot, on top of the check made in the booking transaction. Free
// functions over a connection inside a Store transaction; they never commit.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/flash.hpp"
#include "storage/sql/connection.hpp"

namespace mh::storage {

FlashTopicId insert_flash_topic(sql::Connection& db, const FlashTopic& t);
void update_flash_topic(sql::Connection& db, const FlashTopic& t);
std::optional<FlashTopic> find_flash_topic(sql::Connection& db, FlashTopicId id);

struct FlashTopicFilter {
  std::optional<PersonId> mentor;
  std::optional<std::string> text;  // a case-insensitive part of the title or description
  bool published_only = true;
  std::optional<FlashTopicId> after;  // cursor: ids greater than this
  int limit = 50;
};
std::vector<FlashTopic> list_flash_topics(sql::Connection& db, const FlashTopicFilter& f);
std::vector<FlashTopic> all_flash_topics(sql::Connection& db);

FlashSlotId insert_flash_slot(sql::Connection& db, const FlashSlot& s);
void set_slot_withdrawn(sql::Connection& db, FlashSlotId id, bool withdrawn);
std::optional<FlashSlot> find_flash_slot(sql::Connection& db, FlashSlotId id);
// The topic's slots, by start (withdrawn ones too).
std::vector<FlashSlot> slots_of_topic(sql::Connection& db, FlashTopicId topic);
// The mentor's slots ending after `from` that are still offered (for the overlap rule).
std::vector<FlashSlot> live_slots_of_mentor(sql::Connection& db, PersonId mentor, TimePoint from);
// The topic's free slots starting after `now`, soonest first, at most `limit`.
std::vector<FlashSlot> free_slots_of_topic(sql::Connection& db, FlashTopicId topic, TimePoint now, int limit);
std::vector<FlashSlot> all_flash_slots(sql::Connection& db);

FlashBookingId insert_flash_booking(sql::Connection& db, const FlashBooking& b);
// Writes the status, the cancellation, the follow-up and the proposed relationship.
void update_flash_booking(sql::Connection& db, const FlashBooking& b);
std::optional<FlashBooking> find_flash_booking(sql::Connection& db, FlashBookingId id);
// The live (booked) booking of a slot, if any.
std::optional<FlashBooking> live_booking_of_slot(sql::Connection& db, FlashSlotId slot);
// The person's bookings as mentee or mentor, by start, soonest first.
std::vector<FlashBooking> flash_bookings_of(sql::Connection& db, PersonId person);
// The mentee's booked sessions that start after `now`.
std::vector<FlashBooking> upcoming_bookings_of_mentee(sql::Connection& db, PersonId mentee, TimePoint now);
std::vector<FlashBooking> all_flash_bookings(sql::Connection& db);

}  // namespace mh::storage
