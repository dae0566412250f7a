// The resource files: each adds its routes to the table. Keeping the list here makes the
// whole API's surface visible in one place (and docs/openapi.yaml must describe each route).
#pragma once

#include "api/app.hpp"
#include "services/single_sign_on.hpp"

namespace mh::api {

void add_auth_routes(Routes& routes);    // auth_routes.cpp: sign in/out, API tokens
void add_sso_routes(Routes& routes);     // sso_routes.cpp: single sign-on (OpenID Connect), its settings
// How the server reaches identity providers (the HTTP client), for services::IdentityProviders.
services::HttpSend provider_http();
void add_access_routes(Routes& routes);  // access_routes.cpp: invitations, password resets, sessions
void add_second_factor_routes(Routes& routes);  // second_factor_routes.cpp: TOTP, recovery codes, the requirement
void add_people_routes(Routes& routes);  // people_routes.cpp: me, people, admin people
// The one-to-one lifecycle:
void add_relationship_routes(Routes& routes);  // relationship_routes.cpp: requests, answers, states
void add_workspace_routes(Routes& routes);     // workspace_routes.cpp: purpose, logistics, plan, meetings
void add_conclusion_routes(Routes& routes);    // conclusion_routes.cpp: conclude, debrief, follow-up
void add_notification_routes(Routes& routes);  // notification_routes.cpp: notifications, admin overview and tick
void add_finding_routes(Routes& routes);       // finding_routes.cpp: recommendations, directory, settings
// The other formats:
void add_circle_routes(Routes& routes);  // circle_routes.cpp: circles, membership, sessions, debriefs
void add_flash_routes(Routes& routes);   // flash_routes.cpp: flash topics, slots, bookings, proposals
// Reaching people:
void add_break_glass_routes(Routes& routes);  // break_glass_routes.cpp: content by stated reason
void add_admin_audit_routes(Routes& routes);  // admin_audit_routes.cpp: the administrators' audit trail
void add_admin_nudge_routes(Routes& routes);  // admin_nudge_routes.cpp: nudging stalled pairs
void add_calendar_routes(Routes& routes);  // calendar_routes.cpp: .ics invitations, personal feeds
void add_mail_routes(Routes& routes);      // mail_routes.cpp: mail settings, one-click unsubscribe
void add_video_routes(Routes& routes);     // video_routes.cpp: the video service's settings, joining a room
// This server's address as the request reached it ("https://host"), for links in calendar files;
// empty when the request named no host.
std::string server_address(const Ctx& ctx);
// Program administration:
void add_cohort_routes(Routes& routes);  // cohort_routes.cpp: cohorts, pins, matching jobs, apply
void add_csv_matching_routes(Routes& routes);  // csv_matching_routes.cpp: a preview from a CSV of people
void add_people_import_routes(Routes& routes);  // people_import_routes.cpp: people from HR, exports

}  // namespace mh::api
