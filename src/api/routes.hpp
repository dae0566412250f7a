// The resource files: each adds its routes to the table. Keeping the list here makes the
// whole API's surface visible in one place (and docs/openapi.yaml must describe each route).
#pragma once

#include "api/app.hpp"
#include "api/json_io.hpp"
#include "domain/flash.hpp"
#include "domain/mail.hpp"
#include "services/access.hpp"
#include "services/flash_views.hpp"
#include "services/recommendations.hpp"
#include "services/second_factor.hpp"
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
void add_availability_routes(Routes& routes);  // availability_routes.cpp: weekly hours, suggested meeting times
void add_scim_routes(Routes& routes);          // scim_routes.cpp: SCIM 2.0 provisioning of users by identity providers
// This server's address as the request reached it ("https://host"), for links in calendar files;
// empty when the request named no host.
std::string server_address(const Ctx& ctx);
// Program administration:
void add_cohort_routes(Routes& routes);  // cohort_routes.cpp: cohorts, pins, matching jobs, apply
void add_cohort_membership_routes(Routes& routes);  // cohort_membership_routes.cpp: adding people, signing up
void add_program_routes(Routes& routes);  // program_routes.cpp: programs, closing one
void add_csv_matching_routes(Routes& routes);  // csv_matching_routes.cpp: a preview from a CSV of people
void add_report_routes(Routes& routes);  // report_routes.cpp: the program report, aggregates only
void add_people_import_routes(Routes& routes);  // people_import_routes.cpp: people from HR, exports
void add_own_data_routes(Routes& routes);  // own_data_routes.cpp: a person's data export, account deletion

// Views and helpers the route files share with a person's data export (own_data_routes.cpp), so
// the export shows each thing exactly as the app does:
// auth_routes.cpp: a signed-in browser's cookies (the session's, HttpOnly, and the CSRF token the
// page's script echoes), and clearing both at sign-out.
void set_session_cookies(const Settings& s, http::Response& r, const std::string& session_token,
                         const std::string& csrf_token, long long max_age_seconds);
void clear_session_cookies(const Settings& s, http::Response& r);
json session_json(const services::SessionView& s);                 // access_routes.cpp
json second_factor_status_json(const services::SecondFactorStatus& s, bool session_limited);  // second_factor_routes.cpp
json mail_settings_json(const Ctx& ctx, const std::vector<MailKind>& off);  // mail_routes.cpp
json topic_json(const services::FlashTopicView& v);  // flash_routes.cpp
json booking_json(const services::FlashBookingView& v, PersonId viewer, TimePoint now);  // flash_routes.cpp
json mentor_recommendation_json(const services::MentorRecommendationView& v);  // finding_routes.cpp

}  // namespace mh::api
