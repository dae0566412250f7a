#include "calendar/ics.hpp"

#include <libical/ical.h>

#include <ctime>
#include <memory>

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

// A common name goes inside double quotes when it holds a comma, colon or semicolon; RFC 5545
// has no escape for a double quote there, so one becomes a single quote.
std::string common_name(std::string name) {
  for (char& c : name)
    if (c == '"' || c == '\r' || c == '\n') c = c == '"' ? '\'' : ' ';
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
  icalcomponent_add_property(ev, icalproperty_new_summary(e.summary.c_str()));
  icalcomponent_add_property(ev, icalproperty_new_description(e.description.c_str()));
  if (!e.location.empty()) icalcomponent_add_property(ev, icalproperty_new_location(e.location.c_str()));
  icalcomponent_add_property(ev, icalproperty_new_status(e.cancelled ? ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED));
  icalcomponent_add_property(
      ev, with_name(icalproperty_new_organizer(("mailto:" + e.organizer.email).c_str()), e.organizer));
  for (const CalendarPerson& a : e.attendees) {
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

std::string text_of(const Component& cal) {
  char* text = icalcomponent_as_ical_string_r(cal.get());
  std::string out(text ? text : "");
  icalmemory_free_buffer(text);
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
  icalproperty* title = icalproperty_new_x(std::string(name).c_str());
  icalproperty_set_x_name(title, "X-WR-CALNAME");
  icalcomponent_add_property(cal.get(), title);
  for (const CalendarEntry& e : entries) icalcomponent_add_component(cal.get(), event_of(e));
  return text_of(cal);
}

}  // namespace mh::calendar
