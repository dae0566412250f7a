// Flash mentoring as people see it: a topic with its mentor and its free slots, its upcoming
// slots, a session with both participants, the topics a search offers, a person's own for their
// data export. The visibility rules live here, so every screen and the export agree: who booked
// a slot (its mentor), the booking's id (its mentor and its booker), withdrawn slots (its mentor),
// free slots (only of a published topic), unpublished topics (their mentor). Read-only, in the
// caller's transaction. No JSON, no HTTP.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "domain/flash.hpp"
#include "domain/person.hpp"
#include "domain/relationship.hpp"
#include "storage/sql/connection.hpp"

namespace mh::services {

// Who booked a slot: the mentee's id, and the person unless deleted since.
struct FlashBooker {
  PersonId id = 0;
  std::optional<Person> person;
};

// A slot as one viewer sees it.
struct FlashSlotView {
  FlashSlot slot;
  bool free = false;          // neither booked nor withdrawn
  bool booked_by_me = false;  // the viewer holds its live booking
  std::optional<FlashBookingId> booking_id;  // its live booking, for the mentor and the booker only
  bool sees_booker = false;                  // the viewer is the mentor: `booked_by` is theirs to see
  std::optional<FlashBooker> booked_by;      // for the mentor only, when booked
};

// Whether a topic view lists the upcoming slots, or only counts the free ones.
enum class FlashSlotsShown { count_only, upcoming };

// A topic as one viewer sees it. An unpublished topic offers no free slot.
struct FlashTopicView {
  FlashTopic topic;
  std::optional<Person> mentor;  // nullopt once deleted
  int free_slots = 0;
  std::optional<FlashSlotView> next_free_slot;
  // With FlashSlotsShown::upcoming: the slots yet to start, by start; the mentor also sees the
  // ones they withdrew.
  std::optional<std::vector<FlashSlotView>> slots;
};

// Topic `t` as `viewer` sees it at `now` (the caller has found the viewer may see it).
FlashTopicView flash_topic_view(sql::Connection& db, const Person& viewer, const FlashTopic& t, TimePoint now,
                                FlashSlotsShown shown);
// Topic `id` with its upcoming slots: not_found when there is none, or when it is unpublished
// and the viewer is not its mentor.
Result<FlashTopicView> visible_flash_topic(sql::Connection& db, const Person& viewer, FlashTopicId id, TimePoint now);

// A search of the topics: a mentor's, a part of the title or description, after a cursor.
struct FlashTopicQuery {
  std::optional<PersonId> mentor;
  std::optional<std::string> text;
  std::optional<FlashTopicId> after;
  int limit = 50;
  FlashSlotsShown shown = FlashSlotsShown::count_only;
};
// A page of the topics `query` names, by id; published ones only, unless the viewer lists their
// own (a mentor sees their unpublished topics too). `next_after` is the cursor of the next page,
// when there is one.
struct FlashTopicPage {
  std::vector<FlashTopicView> items;
  std::optional<FlashTopicId> next_after;
};
FlashTopicPage flash_topic_page(sql::Connection& db, const Person& viewer, const FlashTopicQuery& query, TimePoint now);

// The topic's next free slots after the viewer lost `taken` to another booking (at most
// `count`, soonest first), with the mentor whose timezone they are shown in: none when the
// topic is unpublished or gone.
struct FreeFlashSlots {
  std::optional<Person> mentor;
  std::vector<FlashSlotView> slots;
};
FreeFlashSlots free_slots_instead_of(sql::Connection& db, const Person& viewer, FlashSlotId taken, TimePoint now,
                                     int count);

// A session with its participants (nullopt once deleted), its topic's title (nullopt once gone)
// and the video link the participants join by (empty when there is none). The caller has found
// the viewer takes part.
struct FlashBookingView {
  FlashBooking booking;
  std::optional<Person> mentee;
  std::optional<Person> mentor;
  std::optional<std::string> topic_title;
  std::string video_link;
};
FlashBookingView flash_booking_view(sql::Connection& db, const FlashBooking& b);
// The viewer's sessions, soonest first: all, or those where they are the mentee or the mentor.
std::vector<FlashBookingView> my_flash_bookings(sql::Connection& db, const Person& viewer, std::optional<Role> as);

// Everything of a person's flash mentoring, as they see it: their topics (unpublished ones too,
// with the upcoming slots) and their sessions, for their data export.
struct OwnFlash {
  std::vector<FlashTopicView> topics;
  std::vector<FlashBookingView> bookings;
};
OwnFlash own_flash(sql::Connection& db, const Person& person, TimePoint now);

// What a search or a recommendation offers of flash mentoring: published topics that `wanted`
// keeps (among the first 200), at most `limit`, each with its next free slots (at most 3).
struct FlashOffer {
  FlashTopic topic;
  std::vector<FlashSlot> next_free_slots;
};
std::vector<FlashOffer> flash_offers(sql::Connection& db, TimePoint now,
                                     const std::function<bool(const FlashTopic&)>& wanted, int limit);

// Flash mentoring's health in counts, for administrators: never a question, a takeaway or a
// resource. Forbidden for anyone else.
struct FlashOverview {
  int topics = 0;
  int published_topics = 0;
  int slots = 0;
  int free_upcoming_slots = 0;           // neither withdrawn nor booked, yet to start
  std::map<FlashPhase, int> bookings;    // every phase, 0 included
  int takeaways = 0;
  int ratings = 0;
  std::optional<double> average_rating;  // nullopt before the first rating
  int resources = 0;
  int relationships_proposed = 0;
};
Result<FlashOverview> flash_overview(sql::Connection& db, const Person& actor, TimePoint now);

}  // namespace mh::services
