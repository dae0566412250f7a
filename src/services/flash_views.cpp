#include "services/flash_views.hpp"

#include <algorithm>

#include "services/video.hpp"
#include "storage/flash_repo.hpp"
#include "storage/people_repo.hpp"

namespace mh::services {

namespace {

// Enough to count every free slot a topic may have.
constexpr int kAllFreeSlots = 1000;
// The published topics a search or recommendation looks through, and the free slots shown of each.
constexpr int kOffersScanned = 200;
constexpr int kOfferedSlots = 3;
// The topics read at once for a person's export.
constexpr int kExportPage = 200;

// Whether it is free for everyone; the booking's id for its mentor and its booker; who booked it
// for its mentor only.
FlashSlotView slot_view(sql::Connection& db, const FlashSlot& s, PersonId viewer) {
  FlashSlotView v;
  v.slot = s;
  const auto booking = storage::live_booking_of_slot(db, s.id);
  v.free = !booking && !s.withdrawn;
  v.booked_by_me = booking && booking->mentee_id == viewer;
  v.sees_booker = viewer == s.mentor_id;
  if (booking && (v.sees_booker || v.booked_by_me)) v.booking_id = booking->id;
  if (booking && v.sees_booker) v.booked_by = FlashBooker{booking->mentee_id, storage::find_person(db, booking->mentee_id)};
  return v;
}

// The slots yet to start, by start; withdrawn ones for the mentor only.
std::vector<FlashSlotView> upcoming_slots(sql::Connection& db, const FlashTopic& t, PersonId viewer, TimePoint now) {
  std::vector<FlashSlotView> out;
  for (const FlashSlot& s : storage::slots_of_topic(db, t.id)) {
    if (s.starts_at <= now || (s.withdrawn && viewer != t.mentor_id)) continue;
    out.push_back(slot_view(db, s, viewer));
  }
  return out;
}

FlashBookingView booking_view(sql::Connection& db, const VideoSettings& video, const FlashBooking& b) {
  const auto topic = storage::find_flash_topic(db, b.topic_id);
  return {.booking = b,
          .mentee = storage::find_person(db, b.mentee_id),
          .mentor = storage::find_person(db, b.mentor_id),
          .topic_title = topic ? std::optional<std::string>(topic->title) : std::nullopt,
          .video_link = flash_booking_video_link(db, video, b, "")};
}

}  // namespace

FlashTopicView flash_topic_view(sql::Connection& db, const Person& viewer, const FlashTopic& t, TimePoint now,
                                FlashSlotsShown shown) {
  FlashTopicView v;
  v.topic = t;
  v.mentor = storage::find_person(db, t.mentor_id);
  if (t.published) {
    const auto free = storage::free_slots_of_topic(db, t.id, now, kAllFreeSlots);
    v.free_slots = static_cast<int>(free.size());
    if (!free.empty()) v.next_free_slot = slot_view(db, free.front(), viewer.id);
  }
  if (shown == FlashSlotsShown::upcoming) v.slots = upcoming_slots(db, t, viewer.id, now);
  return v;
}

Result<FlashTopicView> visible_flash_topic(sql::Connection& db, const Person& viewer, FlashTopicId id, TimePoint now) {
  const auto t = storage::find_flash_topic(db, id);
  if (!t || (!t->published && t->mentor_id != viewer.id)) return not_found("no such flash topic");
  return flash_topic_view(db, viewer, *t, now, FlashSlotsShown::upcoming);
}

FlashTopicPage flash_topic_page(sql::Connection& db, const Person& viewer, const FlashTopicQuery& query, TimePoint now) {
  storage::FlashTopicFilter f;
  f.mentor = query.mentor;
  f.text = query.text;
  f.after = query.after;
  f.published_only = query.mentor != viewer.id;  // a mentor listing their own sees the unpublished too
  f.limit = query.limit + 1;                     // one more tells whether a next page exists
  auto topics = storage::list_flash_topics(db, f);
  FlashTopicPage page;
  if (static_cast<int>(topics.size()) > query.limit) {
    topics.resize(static_cast<size_t>(query.limit));
    page.next_after = topics.back().id;
  }
  for (const FlashTopic& t : topics) page.items.push_back(flash_topic_view(db, viewer, t, now, query.shown));
  return page;
}

FreeFlashSlots free_slots_instead_of(sql::Connection& db, const Person& viewer, FlashSlotId taken, TimePoint now,
                                     int count) {
  FreeFlashSlots out;
  const auto slot = storage::find_flash_slot(db, taken);
  const auto topic = slot ? storage::find_flash_topic(db, slot->topic_id) : std::nullopt;
  if (!topic) return out;
  out.mentor = storage::find_person(db, topic->mentor_id);
  if (!topic->published) return out;
  for (const FlashSlot& s : storage::free_slots_of_topic(db, topic->id, now, count))
    out.slots.push_back(slot_view(db, s, viewer.id));
  return out;
}

FlashBookingView flash_booking_view(sql::Connection& db, const FlashBooking& b) {
  return booking_view(db, current_video_settings(db), b);
}

std::vector<FlashBookingView> my_flash_bookings(sql::Connection& db, const Person& viewer, std::optional<Role> as) {
  const VideoSettings video = current_video_settings(db);
  std::vector<FlashBookingView> out;
  for (const FlashBooking& b : storage::flash_bookings_of(db, viewer.id)) {
    if (as && (*as == Role::mentee) != (b.mentee_id == viewer.id)) continue;
    out.push_back(booking_view(db, video, b));
  }
  return out;
}

OwnFlash own_flash(sql::Connection& db, const Person& person, TimePoint now) {
  OwnFlash out;
  FlashTopicQuery query;
  query.mentor = person.id;
  query.limit = kExportPage;
  query.shown = FlashSlotsShown::upcoming;
  for (;;) {
    FlashTopicPage page = flash_topic_page(db, person, query, now);
    for (FlashTopicView& v : page.items) out.topics.push_back(std::move(v));
    if (!page.next_after) break;
    query.after = page.next_after;
  }
  out.bookings = my_flash_bookings(db, person, std::nullopt);
  return out;
}

std::vector<FlashOffer> flash_offers(sql::Connection& db, TimePoint now,
                                     const std::function<bool(const FlashTopic&)>& wanted, int limit) {
  storage::FlashTopicFilter f;  // published only
  f.limit = kOffersScanned;
  std::vector<FlashOffer> out;
  for (FlashTopic& t : storage::list_flash_topics(db, f)) {
    if (!wanted(t)) continue;
    auto slots = storage::free_slots_of_topic(db, t.id, now, kOfferedSlots);
    out.push_back({std::move(t), std::move(slots)});
    if (static_cast<int>(out.size()) == limit) break;
  }
  return out;
}

Result<FlashOverview> flash_overview(sql::Connection& db, const Person& actor, TimePoint now) {
  if (!actor.is_admin) return forbidden("only program administrators see the flash mentoring overview");
  const auto topics = storage::all_flash_topics(db);
  const auto slots = storage::all_flash_slots(db);
  const auto bookings = storage::all_flash_bookings(db);
  FlashOverview out;
  out.topics = static_cast<int>(topics.size());
  out.published_topics =
      static_cast<int>(std::count_if(topics.begin(), topics.end(), [](const FlashTopic& t) { return t.published; }));
  out.slots = static_cast<int>(slots.size());
  for (FlashPhase p : {FlashPhase::upcoming, FlashPhase::follow_up, FlashPhase::completed, FlashPhase::cancelled})
    out.bookings[p] = 0;
  int rating_sum = 0;
  for (const FlashBooking& b : bookings) {
    ++out.bookings[phase(b, now)];
    if (b.rating) ++out.ratings, rating_sum += *b.rating;
    if (!b.takeaway.empty()) ++out.takeaways;
    if (!b.resource_url.empty()) ++out.resources;
    if (b.relationship_id) ++out.relationships_proposed;
  }
  if (out.ratings) out.average_rating = static_cast<double>(rating_sum) / out.ratings;
  const auto booked = [&](const FlashSlot& s) {
    return std::any_of(bookings.begin(), bookings.end(),
                       [&](const FlashBooking& b) { return b.slot_id == s.id && b.status == BookingStatus::booked; });
  };
  out.free_upcoming_slots = static_cast<int>(std::count_if(
      slots.begin(), slots.end(), [&](const FlashSlot& s) { return !s.withdrawn && s.starts_at > now && !booked(s); }));
  return out;
}

}  // namespace mh::services
