// The notifications that come with time rather than with someone's action, written by the
// lifecycle checks (jobs/lifecycle_tick) in one transaction: a request about to expire (both),
// a meeting, circle session or flash session tomorrow and within the hour (everyone taking
// part), a task or action item overdue (its owner), and a review date reached (both: discuss the
// natural end). Each is written once per occasion by the store's unique key, so running the
// checks every five minutes, or on several servers, repeats none.
// Depends on storage and domain only. Not safe across threads: a UseCase belongs to one transaction.
#pragma once

#include <chrono>

#include "services/use_case.hpp"

namespace mh::services {

// How long before its expiry a waiting request reminds both people.
inline constexpr std::chrono::hours kExpiryReminder{48};
// The two reminders before something starts: the day before, and within the hour.
inline constexpr std::chrono::hours kDayBefore{24};
inline constexpr std::chrono::hours kHourBefore{1};

struct RemindersSent {
  int requests_expiring = 0;
  int starting_soon = 0;  // meetings, circle sessions and flash sessions, a day and an hour ahead
  int overdue = 0;        // tasks and action items
  int reviews = 0;
  int total() const { return requests_expiring + starting_soon + overdue + reviews; }
};

// Writes every reminder due at uc.now() that was not written before; returns how many it wrote.
RemindersSent send_due_reminders(UseCase& uc);

}  // namespace mh::services
