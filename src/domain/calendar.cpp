#include "domain/calendar.hpp"

#include <chrono>

namespace mh {

namespace {

CalendarPerson who(const Person& p) { return {p.name, p.email}; }

// The place as people read it: what they wrote, or how they meet.
std::string location_of(Medium medium, const std::string& where) {
  if (!where.empty()) return where;
  switch (medium) {
    case Medium::video: return "Video call";
    case Medium::in_person: return "In person";
    case Medium::phone: return "Phone call";
    case Medium::chat: return "Chat";
  }
  return "";
}

TimePoint end_of(TimePoint start, int duration_minutes) { return start + std::chrono::minutes(duration_minutes); }

// What the entry of a meeting or of a circle session takes from it: "<kind>-<id>@mentorhub", its
// calendar sequence, whether it is cancelled, its time and its place.
template <class Session>
CalendarEntry session_entry(const std::string& kind, const Session& s, TimePoint now) {
  CalendarEntry e;
  e.uid = kind + "-" + std::to_string(s.id) + "@mentorhub";
  e.sequence = s.calendar_sequence;
  e.cancelled = s.status == MeetingStatus::cancelled;
  e.starts_at = s.starts_at;
  e.ends_at = end_of(s.starts_at, s.duration_minutes);
  e.stamp = now;
  e.location = location_of(s.medium, s.where);
  return e;
}

}  // namespace

CalendarEntry meeting_entry(const Meeting& m, const Person& mentee, const Person& mentor, TimePoint now) {
  CalendarEntry e = session_entry("meeting", m, now);
  e.summary = "Mentoring: " + mentee.name + " and " + mentor.name;
  e.description = "A mentoring meeting of " + mentee.name + " (mentee) and " + mentor.name + " (mentor).";
  if (!m.agenda.empty()) {
    e.description += "\n\nAgenda:";
    for (const AgendaItem& item : m.agenda) e.description += "\n- " + item.text;
  }
  e.organizer = who(mentee);
  e.attendees = {who(mentee), who(mentor)};
  return e;
}

CalendarEntry circle_session_entry(const CircleSession& s, const Circle& c, const Person& host, int members,
                                   const Person& viewer, TimePoint now) {
  CalendarEntry e = session_entry("circle-session", s, now);
  e.summary = "Mentoring circle: " + c.topic;
  e.description = "A group session of the mentoring circle \"" + c.topic + "\", hosted by " + host.name + ", with " +
                  std::to_string(members) + (members == 1 ? " member." : " members.");
  if (!c.description.empty()) e.description += "\n\n" + c.description;
  e.organizer = who(host);
  e.attendees.push_back(who(host));
  if (viewer.id != host.id) e.attendees.push_back(who(viewer));
  return e;
}

CalendarEntry flash_booking_entry(const FlashBooking& b, const FlashTopic& t, const Person& mentee, const Person& mentor,
                                  TimePoint now) {
  CalendarEntry e;
  e.uid = "flash-booking-" + std::to_string(b.id) + "@mentorhub";
  // A booking's time never moves; the one change a calendar must see is its cancellation.
  e.cancelled = b.status == BookingStatus::cancelled;
  e.sequence = e.cancelled ? 1 : 0;
  e.starts_at = b.starts_at;
  e.ends_at = end_of(b.starts_at, b.duration_minutes);
  e.stamp = now;
  e.summary = "Flash mentoring: " + t.title;
  e.description = "A flash mentoring session with " + mentor.name + " for " + mentee.name + ".";
  if (!b.question.empty()) e.description += "\n\nThe question: " + b.question;
  e.location = "Video call";
  e.organizer = who(mentor);
  e.attendees = {who(mentor), who(mentee)};
  return e;
}

}  // namespace mh
