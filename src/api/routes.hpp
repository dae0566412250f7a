// The resource files: each adds its routes to the table. Keeping the list here makes the
// whole API's surface visible in one place (and docs/openapi.yaml must describe each route).
#pragma once

#include "api/app.hpp"

namespace mh::api {

void add_auth_routes(Routes& routes);    // auth_routes.cpp: sign in/out, API tokens
void add_people_routes(Routes& routes);  // people_routes.cpp: me, people, admin people
// The one-to-one lifecycle:
void add_relationship_routes(Routes& routes);  // relationship_routes.cpp: requests, answers, states
void add_workspace_routes(Routes& routes);     // workspace_routes.cpp: purpose, logistics, plan, meetings
void add_conclusion_routes(Routes& routes);    // conclusion_routes.cpp: conclude, debrief, follow-up
void add_nudge_routes(Routes& routes);         // nudge_routes.cpp: nudges, admin overview and tick
void add_finding_routes(Routes& routes);       // finding_routes.cpp: recommendations, directory, settings
// The other formats:
void add_circle_routes(Routes& routes);  // circle_routes.cpp: circles, membership, sessions, debriefs
void add_flash_routes(Routes& routes);   // flash_routes.cpp: flash topics, slots, bookings, proposals
// Program administration:
void add_cohort_routes(Routes& routes);  // cohort_routes.cpp: cohorts, pins, matching jobs, apply
void add_csv_matching_routes(Routes& routes);  // csv_matching_routes.cpp: a preview from a CSV of people
// Only on a server started with --test-clock: POST /api/v1/test/clock moves time forward.
void add_test_clock_route(Routes& routes);

// Creates a one-to-one request (as_mentee: the caller asks `mentor`) or offer (the caller offers
// to mentor `mentee`) under the hard rules, inside the caller's transaction, with its audit event
// (`note`, or "requested a mentor" / "offered to mentor") and the recipient's nudge. Errors name
// `mentor_id` for a request and `mentee_id` for an offer. Defined in relationship_routes.cpp;
// POST /api/v1/relationships and flash sessions' proposals share it.
Result<Relationship> create_relationship_request(sql::Connection& db, const Ctx& ctx, PersonId mentee, PersonId mentor,
                                                 bool as_mentee, const std::string& message, const std::string& draft,
                                                 const std::string& note = {});

// A one-to-one request the program proposes (cohort matching): the mentee is the initiator and
// the mentor answers, under the same rules as a request; `actor` (an administrator, or nobody
// for the command line) is audited with `note`, and both people are nudged. Defined in
// relationship_routes.cpp.
Result<Relationship> create_proposed_relationship(sql::Connection& db, const Person& mentee, const Person& mentor,
                                                  std::optional<PersonId> actor, const std::string& message,
                                                  const std::string& note, TimePoint now,
                                                  const LifecycleSettings& lifecycle);

}  // namespace mh::api
