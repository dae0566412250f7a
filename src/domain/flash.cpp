#include "domain/flash.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>

#include "domain/enum_names.hpp"
#include "domain/text.hpp"

namespace mh {

Status validate_flash_topic(const FlashTopic& t) {
  if (blank(t.title)) return invalid("title", "must not be empty: name the topic, such as \"Building a pivot table\"");
  if (t.title.size() > 200) return invalid("title", "is longer than 200 characters");
  if (t.description.size() > 2000) return invalid("description", "is longer than 2000 characters");
  return {};
}

Status check_can_offer_flash(const Person& mentor) {
  if (!mentor.active) return invalid("mentor", "this person is deactivated");
  if (!mentor.offers(Format::flash))
    return invalid("formats_offered",
                   "add \"flash\" to the formats you offer before publishing flash topics");
  return {};
}

Status validate_new_slot(const FlashSlot& s, const std::vector<FlashSlot>& mentor_slots, TimePoint now,
                         const std::string& field) {
  const std::string prefix = field.empty() ? "" : field + ".";
  if (s.starts_at <= now) return invalid(prefix + "start", "must be in the future");
  if (s.starts_at > now + std::chrono::days(366)) return invalid(prefix + "start", "must be within the next year");
  if (s.duration_minutes < kMinFlashMinutes || s.duration_minutes > kMaxFlashMinutes)
    return invalid(prefix + "duration_minutes", "must be between " + std::to_string(kMinFlashMinutes) + " and " +
                                                    std::to_string(kMaxFlashMinutes) + " minutes: a flash session is short");
  for (const FlashSlot& o : mentor_slots) {
    if (o.withdrawn || o.id == s.id) continue;
    if (s.starts_at < o.ends_at() && o.starts_at < s.ends_at())
      return conflict("this slot overlaps another of your flash slots (starting " + format_iso8601(o.starts_at) + ")",
                      prefix + "start");
  }
  return {};
}

namespace {
constexpr EnumNames<BookingStatus, 2> kBookingStatuses{{"booked", "cancelled"}};
constexpr EnumNames<FlashPhase, 4> kPhases{{"upcoming", "follow_up", "completed", "cancelled"}};
}  // namespace

const char* to_string(BookingStatus s) { return kBookingStatuses.name(s); }
std::optional<BookingStatus> parse_booking_status(std::string_view s) { return kBookingStatuses.parse(s); }
const char* to_string(FlashPhase p) { return kPhases.name(p); }

FlashPhase phase(const FlashBooking& b, TimePoint now) {
  if (b.status == BookingStatus::cancelled) return FlashPhase::cancelled;
  if (now < b.starts_at) return FlashPhase::upcoming;
  if (now < b.follow_up_until()) return FlashPhase::follow_up;
  return FlashPhase::completed;
}

Status check_can_book(const BookingFacts& f, PersonId mentee, const std::string& question, TimePoint now) {
  if (!f.topic || !f.slot) return not_found("no such slot");
  if (f.slot->mentor_id == mentee) return invalid("slot_id", "you cannot book your own flash session");
  if (!f.topic->published || f.slot->withdrawn)
    return conflict("this slot is no longer offered", "slot_id");
  if (f.slot->starts_at <= now) return conflict("this slot has already started", "slot_id");
  if (f.slot_taken) return conflict("this slot is already booked", "slot_id");
  if (blank(question)) return invalid("question", "ask the question you want answered in the session");
  if (question.size() > 2000) return invalid("question", "is longer than 2000 characters");
  if (f.mentee_has_topic_upcoming)
    return conflict("you already have an upcoming session on this topic", "slot_id");
  if (f.mentee_upcoming >= kMaxUpcomingFlashBookings)
    return conflict("you already have " + std::to_string(f.mentee_upcoming) +
                        " upcoming flash sessions; hold them (or cancel one) before booking more",
                    "slot_id");
  return {};
}

Status check_can_cancel(const FlashBooking& b, PersonId actor, TimePoint now) {
  if (!b.is_participant(actor)) return forbidden("only the mentee and the mentor of a flash session can cancel it");
  if (b.status == BookingStatus::cancelled) return conflict("the session is already cancelled", "state");
  if (now >= b.starts_at) return conflict("the session has already started; it can no longer be cancelled", "state");
  if (now > b.cancel_until())
    return conflict("a flash session can be cancelled until 2 hours before it starts (" + format_iso8601(b.cancel_until()) +
                        ")",
                    "state");
  return {};
}

bool cancellation_frees_slot(const FlashBooking& b, PersonId actor) { return actor == b.mentee_id; }

Result<FlashBooking> cancel(FlashBooking b, PersonId actor, std::string reason, TimePoint now) {
  MH_CHECK(check_can_cancel(b, actor, now));
  if (reason.size() > 2000) return invalid("reason", "is longer than 2000 characters");
  b.status = BookingStatus::cancelled;
  b.cancelled_at = now;
  b.cancelled_by = actor;
  b.cancel_reason = std::move(reason);
  return b;
}

namespace {
Status check_follow_up(const FlashBooking& b, TimePoint now) {
  switch (phase(b, now)) {
    case FlashPhase::cancelled: return conflict("the session was cancelled", "state");
    case FlashPhase::upcoming: return conflict("the session has not started yet", "state");
    case FlashPhase::completed:
      return conflict("the session is completed; its follow-up closed on " + format_iso8601(b.follow_up_until()) +
                          " and it is read-only",
                      "state");
    case FlashPhase::follow_up: return {};
  }
  return {};
}
}  // namespace

Status record_takeaway(FlashBooking& b, PersonId actor, std::string takeaway, int rating, TimePoint now) {
  if (actor != b.mentee_id) return forbidden("the mentee records the takeaway and the rating");
  MH_CHECK(check_follow_up(b, now));
  if (blank(takeaway)) return invalid("takeaway", "write what you take away from the session");
  if (takeaway.size() > 2000) return invalid("takeaway", "is longer than 2000 characters");
  if (rating < 1 || rating > 5) return invalid("rating", "must be between 1 and 5");
  b.takeaway = std::move(takeaway);
  b.rating = rating;
  b.takeaway_at = now;
  return {};
}

Status add_resource(FlashBooking& b, PersonId actor, std::string url, std::string note, TimePoint now) {
  if (actor != b.mentor_id) return forbidden("the mentor adds the resource link");
  MH_CHECK(check_follow_up(b, now));
  if (!(url.starts_with("https://") || url.starts_with("http://")) || url.size() < 12 ||
      std::any_of(url.begin(), url.end(), [](unsigned char c) { return std::isspace(c) || c < 0x20; }))
    return invalid("resource_url", "must be a web address starting with https:// or http://");
  if (url.size() > 2000) return invalid("resource_url", "is longer than 2000 characters");
  if (note.size() > 2000) return invalid("note", "is longer than 2000 characters");
  b.resource_url = std::move(url);
  b.resource_note = std::move(note);
  b.resource_at = now;
  return {};
}

Status check_can_propose(const FlashBooking& b, PersonId actor, TimePoint now) {
  if (!b.is_participant(actor))
    return forbidden("only the mentee and the mentor of a flash session can propose a relationship from it");
  if (b.status == BookingStatus::cancelled) return conflict("the session was cancelled", "state");
  if (now < b.starts_at) return conflict("the session has not happened yet; meet first", "state");
  return {};
}

std::string proposal_purpose(const FlashTopic& topic) { return topic.title; }

std::string proposal_message(const FlashTopic& topic, bool by_mentee) {
  return std::string("After our flash session on \"") + topic.title + "\", " +
         (by_mentee ? "I would like to continue with you as my mentor." : "I would be glad to keep mentoring you.");
}

}  // namespace mh
