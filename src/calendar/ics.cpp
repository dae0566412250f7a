#include "calendar/ics.hpp"

#include <libical/ical.h>

#include <ctime>
#include <memory>
#include <string>
#include <string_view>

#include "common/utf8.hpp"

namespace mh::calendar {

namespace {

struct ComponentFree {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using Component = std::unique_ptr<icalcomponent, ComponentFree>;

icaltimetype utc(TimePoint t) {
  const auto seconds = static_cast<time_t>(t.time_since_epoch().count());
  return icaltime_from_timet_with_zone(seconds, 0, icaltimezone_get_utc_timezone());
}

// Text as libical must get it for a well-formed file: valid UTF-8 (its line folding splits a
// run of stray bytes badly, leaving bare line breaks), line breaks as LF (it escapes those),
// and no other control characters (a bare CR would end a line early). The API refuses all of
// these already; this keeps the file well-formed even if something else let them through.
std::string text_for_ics(std::string_view raw) {
  const std::string valid = with_invalid_utf8_replaced(raw);
  std::string out;
  out.reserve(valid.size());
  for (std::size_t i = 0; i < valid.size(); ++i) {
    const auto c = static_cast<unsigned char>(valid[i]);
    if (c == '\r') {
      out += '\n';
      if (i + 1 < valid.size() && valid[i + 1] == '\n') ++i;
    } else if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
      continue;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

// A one-line value (a name): text_for_ics with line breaks as spaces.
std::string one_line(std::string_view raw) {
  std::string out = text_for_ics(raw);
  for (char& c : out)
    if (c == '\n') c = ' ';
  return out;
}

// A common name goes inside double quotes when it holds a comma, colon or semicolon; RFC 5545
// has no escape for a double quote there, so one becomes a single quote.
std::string common_name(std::string_view raw) {
  std::string name = one_line(raw);
  for (char& c : name)
    if (c == '"') c = '\'';
  return name;
}

icalproperty* with_name(icalproperty* p, const CalendarPerson& who) {
  icalproperty_add_parameter(p, icalparameter_new_cn(common_name(who.name).c_str()));
  return p;
}

icalcomponent* event_of(const CalendarEntry& e) {
  icalcomponent* ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
  icalcomponent_add_property(ev, icalproperty_new_uid(e.uid.c_str()));
  icalcomponent_add_property(ev, icalproperty_new_sequence(e.sequence));
  icalcomponent_add_property(ev, icalproperty_new_dtstamp(utc(e.stamp)));
  icalcomponent_add_property(ev, icalproperty_new_dtstart(utc(e.starts_at)));
  icalcomponent_add_property(ev, icalproperty_new_dtend(utc(e.ends_at)));
  icalcomponent_add_property(ev, icalproperty_new_summary(text_for_ics(e.summary).c_str()));
  icalcomponent_add_property(ev, icalproperty_new_description(text_for_ics(e.description).c_str()));
  if (!e.location.empty()) icalcomponent_add_property(ev, icalproperty_new_location(text_for_ics(e.location).c_str()));
  if (!e.url.empty()) icalcomponent_add_property(ev, icalproperty_new_url(one_line(e.url).c_str()));
  icalcomponent_add_property(ev, icalproperty_new_status(e.cancelled ? ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED));
  // Someone without an address (they deleted their account) is left out: a calendar would try
  // to invite or answer "mailto:" and nobody.
  if (!e.organizer.email.empty())
    icalcomponent_add_property(
        ev, with_name(icalproperty_new_organizer(("mailto:" + e.organizer.email).c_str()), e.organizer));
  for (const CalendarPerson& a : e.attendees) {
    if (a.email.empty()) continue;
    icalproperty* p = with_name(icalproperty_new_attendee(("mailto:" + a.email).c_str()), a);
    icalproperty_add_parameter(p, icalparameter_new_role(ICAL_ROLE_REQPARTICIPANT));
    icalproperty_add_parameter(p, icalparameter_new_partstat(ICAL_PARTSTAT_NEEDSACTION));
    icalcomponent_add_property(ev, p);
  }
  return ev;
}

Component calendar(icalproperty_method method) {
  Component cal(icalcomponent_new(ICAL_VCALENDAR_COMPONENT));
  icalcomponent_add_property(cal.get(), icalproperty_new_prodid("-//Mentorhub//Mentorhub//EN"));
  icalcomponent_add_property(cal.get(), icalproperty_new_version("2.0"));
  icalcomponent_add_property(cal.get(), icalproperty_new_calscale("GREGORIAN"));
  icalcomponent_add_property(cal.get(), icalproperty_new_method(method));
  return cal;
}

// libical (3.0.16) folds a line whose content is exactly 74 octets between the CR and the LF
// that end it, writing CR, CR LF SPACE, LF: a bare CR and a bare LF that calendar clients read
// as broken lines (found by fuzz/ics_fuzz.cpp; a plain 73-character agenda is enough). Put the
// line end back together; the line is then 74 octets, within the 75 allowed.
void mend_folded_line_ends(std::string& ics) {
  static constexpr std::string_view kBroken = "\r\r\n \n";
  for (std::size_t at = ics.find(kBroken); at != std::string::npos; at = ics.find(kBroken, at))
    ics.replace(at, kBroken.size(), "\r\n");
}

std::string text_of(const Component& cal) {
  char* text = icalcomponent_as_ical_string_r(cal.get());
  std::string out(text ? text : "");
  icalmemory_free_buffer(text);
  mend_folded_line_ends(out);
  return out;
}

}  // namespace

std::string invitation_ics(const CalendarEntry& entry) {
  Component cal = calendar(entry.cancelled ? ICAL_METHOD_CANCEL : ICAL_METHOD_REQUEST);
  icalcomponent_add_component(cal.get(), event_of(entry));
  return text_of(cal);
}

std::string feed_ics(const std::vector<CalendarEntry>& entries, std::string_view name) {
  Component cal = calendar(ICAL_METHOD_PUBLISH);
  icalproperty* title = icalproperty_new_x(one_line(name).c_str());
  icalproperty_set_x_name(title, "X-WR-CALNAME");
  icalcomponent_add_property(cal.get(), title);
  for (const CalendarEntry& e : entries) icalcomponent_add_component(cal.get(), event_of(e));
  return text_of(cal);
}

}  // namespace mh::calendar
