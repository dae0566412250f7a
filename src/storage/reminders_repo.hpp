// What the reminders that come with time need, read in one statement per kind (not one per
// relationship): meetings, circle sessions and flash sessions starting within a window, open
// tasks and action items past their due day, review dates reached, requests about to expire.
// Free functions over a connection inside a Store transaction; they never write.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "domain/circle.hpp"
#include "domain/person.hpp"
#include "domain/relationship.hpp"
#include "storage/sql/connection.hpp"

namespace mh::storage {

// Something with a start time and the people taking part in it.
struct Upcoming {
  std::int64_t id = 0;                      // the meeting, session or booking
  std::int64_t within = 0;                  // its relationship, circle or flash topic
  std::vector<PersonId> people;             // who takes part
  std::optional<PersonId> other;            // for a pair: the mentor, people[0] being the mentee
  std::string title;                        // a circle's topic, a flash topic's title
  TimePoint starts_at{};
};

// Scheduled one-to-one meetings of starting, active or fading relationships with `from` <
// starts_at <= `to`; people = {mentee, mentor}.
std::vector<Upcoming> meetings_starting_between(sql::Connection& db, TimePoint from, TimePoint to);
// Scheduled sessions of active or concluding circles; people = the host, then the members.
std::vector<Upcoming> circle_sessions_starting_between(sql::Connection& db, TimePoint from, TimePoint to);
// Booked (not cancelled) flash sessions; people = {mentee, mentor}.
std::vector<Upcoming> flash_bookings_starting_between(sql::Connection& db, TimePoint from, TimePoint to);

struct OverdueItem {
  std::int64_t id = 0;      // the task or action item
  std::int64_t within = 0;  // its relationship or circle
  PersonId owner = 0;
  std::string title;
  TimePoint due{};
};
// Open tasks of starting, active or fading relationships whose due day began before `day_start`.
std::vector<OverdueItem> overdue_tasks(sql::Connection& db, TimePoint day_start);
// Open action items of active or concluding circles, likewise.
std::vector<OverdueItem> overdue_action_items(sql::Connection& db, TimePoint day_start);

struct ReviewDue {
  RelationshipId relationship = 0;
  PersonId mentee = 0, mentor = 0;
  TimePoint review_date{};
};
// Active or fading relationships whose review date is at or before `now`.
std::vector<ReviewDue> reviews_due(sql::Connection& db, TimePoint now);

// Requests still waiting for an answer that expire after `now` and at or before `until`.
std::vector<Relationship> requests_expiring(sql::Connection& db, TimePoint now, TimePoint until);

}  // namespace mh::storage
