// Calendar entries written as iCalendar text (RFC 5545), with libical: an invitation for one
// meeting, session or booking (METHOD:REQUEST, or METHOD:CANCEL once it is cancelled) and a
// person's feed (METHOD:PUBLISH, many entries, for Outlook, Google and Apple subscriptions).
// Times are written in UTC. Stateless; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/calendar.hpp"

namespace mh::calendar {

// One entry as an invitation to its participants.
std::string invitation_ics(const CalendarEntry& entry);

// A subscribed calendar named `name` holding `entries` (cancelled ones marked so, for
// calendars that already hold them).
std::string feed_ics(const std::vector<CalendarEntry>& entries, std::string_view name);

}  // namespace mh::calendar
