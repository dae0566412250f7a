// The demo's circles and flash mentoring, so a new user sees both formats at work: Sofia
// Marquez's by-request circle on presenting data to executives (full, with a waitlist and a
// request waiting, its purpose agreed, sessions held with attendance, a story with members'
// reflections and members' own action items), Helena Osei's open circle for new managers, a
// circle an administrator created on a mentor's behalf and closed to new members, and a
// concluded circle with everyone's debrief; and flash topics (Marcus Bell's pivot tables,
// Daniel Okafor's first pull request, Rohan Mehta's A/B tests, Kwame Asante's threat models)
// with booked and free slots, a cancelled booking and past sessions with takeaways, ratings and
// resource links. Every step goes through the domain's checks at its historic time.
// Deterministic for a given `now`.
#pragma once

#include "common/clock.hpp"
#include "common/result.hpp"
#include "storage/sql/connection.hpp"

namespace mh::cli {

// Adds the circles and flash topics to a database that holds the demo organisation (and its
// relationships) and none of them yet, inside the caller's transaction. History is placed
// before `now`, upcoming sessions and slots after it. An internal error names the step that
// failed.
Status seed_demo_circles(sql::Connection& db, TimePoint now);

}  // namespace mh::cli
