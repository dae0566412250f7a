// Calendars: the entry of one meeting, circle session or flash booking for someone who takes
// part in it, and a person's own feed (everything of theirs from a month ago to a year ahead)
// behind a secret address that needs no session, so Outlook, Google and Apple calendars can
// subscribe. The person can replace the secret (the old address stops working at once) or turn
// the feed off. Each function runs inside the caller's transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/calendar.hpp"
#include "services/use_case.hpp"

namespace mh::services {

// Each entry held by video carries its room's link (services/video.hpp) when the organisation has a
// video service; `base_url` is the server's address, for BigBlueButton's join links.
// Only the meeting's two participants (404 for a meeting that is not the relationship's).
Result<CalendarEntry> meeting_calendar_entry(sql::Connection& db, const Person& actor, RelationshipId relationship,
                                             MeetingId meeting, TimePoint now, const std::string& base_url);
// Only the circle's host and members.
Result<CalendarEntry> circle_session_calendar_entry(sql::Connection& db, const Person& actor, CircleId circle,
                                                    CircleSessionId session, TimePoint now, const std::string& base_url);
// Only the booking's mentee and mentor.
Result<CalendarEntry> flash_booking_calendar_entry(sql::Connection& db, const Person& actor, FlashBookingId booking,
                                                   TimePoint now, const std::string& base_url);

// How far a feed reaches: a month back (so a calendar keeps what just happened) and a year ahead.
inline constexpr std::chrono::days kFeedPast{31};
inline constexpr std::chrono::days kFeedAhead{366};

// Everything of `person` a feed holds, by start time: meetings of their relationships that are
// not over, circle sessions of circles they host or belong to, flash sessions they booked or
// give. Cancelled ones stay in, marked so, for calendars that already hold them.
std::vector<CalendarEntry> calendar_feed_entries(sql::Connection& db, const Person& person, TimePoint now,
                                                 const std::string& base_url);

// The person's feed secret, when they have one.
std::optional<std::string> calendar_feed_secret_of(sql::Connection& db, const Person& person);
// A new secret for the person's feed, replacing any old one.
std::string renew_calendar_feed(UseCase& uc, const Person& person);
void end_calendar_feed(UseCase& uc, const Person& person);
// The active person whose feed `secret` opens; not_found for anything else.
Result<Person> calendar_feed_owner(sql::Connection& db, const std::string& secret);

}  // namespace mh::services
