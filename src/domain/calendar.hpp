// What a calendar shows of a meeting, a circle session or a flash booking: the event that goes to
// its participants' own calendars (an invitation, or an entry of their personal feed). Its UID
// stays the same for the life of the thing, and its SEQUENCE rises whenever its time, place or
// cancellation changes, so a calendar replaces the old entry instead of adding a second one
// (RFC 5545). The text is written for the people in it; private notes never appear.
// Pure C++: no I/O, the time is an argument (calendar/ics.hpp writes it out). Values; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "common/clock.hpp"
#include "domain/circle.hpp"
#include "domain/flash.hpp"
#include "domain/meetings.hpp"
#include "domain/person.hpp"

namespace mh {

struct CalendarPerson {
  std::string name;
  std::string email;
};

struct CalendarEntry {
  std::string uid;  // "meeting-42@mentorhub": stable across every change
  int sequence = 0;
  bool cancelled = false;
  TimePoint starts_at{};
  TimePoint ends_at{};
  TimePoint stamp{};  // when this copy was produced (DTSTAMP)
  std::string summary;
  std::string description;
  std::string location;  // the place or the video link, or how they meet
  std::string url;       // the video room, when the entry is held in one (URL)
  CalendarPerson organizer;
  std::vector<CalendarPerson> attendees;
};

// A one-to-one meeting: the mentee organises (the mentee drives the relationship), the mentor
// attends; the description carries the agenda.
CalendarEntry meeting_entry(const Meeting& m, const Person& mentee, const Person& mentor, TimePoint now);
// A circle's group session as `viewer` (the host or a member) receives it: the host organises and
// the viewer attends. Members do not get one another's e-mail addresses through it; the
// description says how many members the circle has.
CalendarEntry circle_session_entry(const CircleSession& s, const Circle& c, const Person& host, int members,
                                   const Person& viewer, TimePoint now);
// A flash booking: the mentor organises, the mentee attends; the description carries the question.
CalendarEntry flash_booking_entry(const FlashBooking& b, const FlashTopic& t, const Person& mentee, const Person& mentor,
                                  TimePoint now);

}  // namespace mh
