// A program's health in aggregates, for administrators: relationships by state over time, how
// soon pairs meet after accepting, purpose agreement, meetings per month, task completion, fading
// and recovery, objectives achieved and ratings at conclusion; for everyone and per group (a
// department, a cohort). Never content, and never a group of fewer than kMinimumGroupPeople
// people, not even by subtraction: when one group is hidden, more are hidden with it until the
// hidden ones together are that large, so the total minus the shown groups reveals nobody.
// Circles' sessions and attendance and flash sessions and ratings are counted for the whole
// program alone. Pure: the facts are read by the store, the months chosen by the caller.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/clock.hpp"
#include "domain/relationship.hpp"

namespace mh::report {

inline constexpr int kMinimumGroupPeople = 5;

// What a report may know of one relationship: who, when, states, counts, never words.
struct RelationshipFacts {
  RelationshipId id = 0;
  PersonId mentee_id = 0, mentor_id = 0;
  std::string group;  // the department, cohort, ... it is counted in
  TimePoint requested_at{};
  std::vector<std::pair<TimePoint, RelState>> changes;  // every state it moved to, oldest first
  bool purpose_agreed = false;
  int tasks = 0, tasks_done = 0;
  std::vector<TimePoint> meetings_held;  // start times
  // The mentee's debrief: how each objective ended.
  int objectives_rated = 0, objectives_achieved = 0;
  std::vector<int> ratings;  // both debriefs' ratings, 1-5
};

// Calendar months in UTC: "2026-03" and the instant it starts.
struct Month {
  std::string name;
  TimePoint starts{};
};
// The months from `from` to `to` inclusive ("YYYY-MM"), with the instant after the last one;
// nullopt when either is not a month or `to` is before `from`, or for more than 120 months.
std::optional<std::pair<std::vector<Month>, TimePoint>> months_between(const std::string& from, const std::string& to);
// "2026-03": the UTC month holding `t`.
std::string month_of(TimePoint t);

struct Figures {
  int people = 0;  // distinct mentees and mentors
  int relationships = 0;
  std::map<std::string, int> by_state;                  // at the period's end
  std::vector<std::map<std::string, int>> by_month;     // the states at each month's end
  std::vector<int> meetings_by_month;                   // meetings held, by the month they started
  int accepted = 0, purpose_agreed = 0;                 // accepted in the period; of them, purpose agreed
  int first_meetings = 0;                               // accepted pairs who met, and...
  std::optional<double> median_days_to_first_meeting;   // ...how many days after accepting
  int tasks = 0, tasks_done = 0;
  int faded = 0, recovered = 0;                         // moved to fading in the period; back to active
  int concluded = 0, objectives_rated = 0, objectives_achieved = 0;
  int ratings = 0;
  std::optional<double> average_rating;
};

struct Group {
  std::string name;
  bool suppressed = false;
  std::string suppressed_because;  // empty when shown
  Figures figures;                 // all zero when suppressed
};

// A circle's session or a flash session: when, who (the host or mentor first), and how it went.
struct SessionFacts {
  TimePoint starts_at{};
  std::vector<PersonId> people;
  bool held = false;       // a circle session held; a flash session booked and not cancelled
  bool cancelled = false;
  int present = 0, recorded = 0;  // a circle session's attendance: present, of those recorded
  std::optional<int> rating;      // a flash session's rating by the mentee, 1-5
};

// Circles or flash mentoring over the period, for the whole program (not by group): hidden, like
// a group, when fewer than kMinimumGroupPeople people took part.
struct FormatFigures {
  bool suppressed = false;
  int people = 0;
  std::vector<int> held_by_month;
  int held = 0, cancelled = 0;
  int present = 0, recorded = 0;
  int ratings = 0;
  std::optional<double> average_rating;
};

struct Report {
  std::vector<Month> months;
  Group total;  // named "All"
  std::vector<Group> groups;  // by name, the suppressed ones included
  FormatFigures circles, flash;
};

// The report over relationships alive at some point of [months.front().starts, end): requested
// before `end`, and not declined, withdrawn, expired or concluded before the first month.
Report build_report(const std::vector<RelationshipFacts>& facts, const std::vector<Month>& months, TimePoint end);

// The sessions that started in [months.front().starts, end), counted; a session is held only
// once it has started (before `now`), so a booked flash session still to come is not.
FormatFigures format_figures(const std::vector<SessionFacts>& sessions, const std::vector<Month>& months, TimePoint end,
                             TimePoint now);

}  // namespace mh::report
