// A person's own data over HTTP: the download of everything Mentorhub holds about the caller
// (GDPR access) and the deletion of their account (erasure, services/own_data.hpp).
// The export shows each thing through the view the app itself uses for it, as the caller sees
// it there: their relationships' workspaces with the shared content and their own private notes
// (never the other person's), circles, flash sessions, notifications; nothing of anyone else
// beyond what the app already shows them. Sessions are named as in the app, never by a token.
#include "api/availability_json.hpp"
#include "api/circle_json.hpp"
#include "api/errors.hpp"
#include "api/json_io.hpp"
#include "api/people_json.hpp"
#include "api/relationship_access.hpp"
#include "api/relationship_json.hpp"
#include "api/routes.hpp"
#include "api/throttle.hpp"
#include "common/crypto.hpp"
#include "services/availability.hpp"
#include "services/circle_listing.hpp"
#include "services/circle_views.hpp"
#include "services/circles.hpp"
#include "services/own_data.hpp"
#include "services/recommendations.hpp"
#include "services/relationship_views.hpp"
#include "services/requests.hpp"
#include "services/second_factor.hpp"
#include "services/sign_in.hpp"
#include "storage/auth_repo.hpp"
#include "storage/circles_repo.hpp"
#include "storage/people_repo.hpp"
#include "storage/workspace_repo.hpp"

namespace mh::api {

namespace {

Result<json> relationship_export(sql::Connection& db, const Relationship& r, const Person& me, const Ctx& ctx) {
  MH_TRY(workspace, services::workspace_view(db, me, r));
  json j = workspace_json(workspace, me.id, ctx.now, ctx.settings.lifecycle);
  MH_TRY(changes, services::state_changes(db, me, r.id));
  json events = json::array();
  for (const auto& c : changes) events.push_back(state_change_json(c));
  j["events"] = events;
  MH_TRY(debrief, services::debrief_view(db, me, r));
  j["debrief"] = debrief_summary(debrief, me.id);
  MH_TRY(own_notes, services::my_private_notes(db, me, r));
  json notes = json::array();
  for (const auto& n : own_notes) notes.push_back({{"meeting_id", id_json(n.meeting)}, {"text", n.text}});
  j["my_private_notes"] = notes;
  return j;
}

Result<json> circles_export(sql::Connection& db, const Person& me, TimePoint now) {
  json out = json::array();
  for (const services::CircleView& v : services::circles_involving(db, me)) {
    // Its content while they are its host or a member; otherwise its card, with their standing.
    if (auto member = services::circle_content_for(db, me, v.circle.id)) {
      MH_TRY(content, services::circle_content(db, me, *member));
      out.push_back(workspace_json(*member, content, me.id, now));
    } else {
      out.push_back(card_json(v.circle, v.roster, services::card_people(db, v.circle), me.id));
    }
  }
  return out;
}

json flash_export(sql::Connection& db, const Person& me, TimePoint now) {
  const services::OwnFlash own = services::own_flash(db, me, now);
  json topics = json::array();
  for (const auto& t : own.topics) topics.push_back(topic_json(t));
  json bookings = json::array();
  for (const auto& b : own.bookings) bookings.push_back(booking_json(b, me.id, now));
  return {{"topics", topics}, {"bookings", bookings}};
}

Result<json> everything_about(sql::Connection& db, const Ctx& ctx) {
  const Person& me = ctx.me();
  json j;
  j["exported_at"] = format_iso8601(ctx.now);
  j["profile"] = person_json(me, ctx.is_admin() ? PersonView::admin : PersonView::self, year_of(ctx.now));
  const services::OwnRecords records = services::own_records(db, me);
  j["manager"] = me.manager_id ? person_ref(records.managers.of(*me.manager_id), *me.manager_id) : json(nullptr);
  json former = json::array();
  for (PersonId id : me.former_manager_ids) former.push_back(person_ref(records.managers.of(id), id));
  j["former_managers"] = former;

  json relationships = json::array();
  for (const auto& r : records.relationships) {
    MH_TRY(one, relationship_export(db, r, me, ctx));
    relationships.push_back(std::move(one));
  }
  j["relationships"] = relationships;
  MH_TRY(circles, circles_export(db, me, ctx.now));
  j["circles"] = std::move(circles);
  j["flash"] = flash_export(db, me, ctx.now);

  json cohorts = json::array();
  for (const auto& c : records.cohorts)
    cohorts.push_back({{"id", id_json(c.cohort_id)}, {"name", c.cohort_name}, {"role", c.role}});
  j["cohorts"] = cohorts;
  json notifications = json::array();
  for (const auto& n : records.notifications) {
    json nj = notification_json(n);
    nj["dismissed_at"] = opt_time_json(n.dismissed_at);
    notifications.push_back(std::move(nj));
  }
  j["notifications"] = notifications;
  json recommendations = json::array();
  for (const auto& v : services::my_mentor_recommendations(db, me))
    recommendations.push_back(mentor_recommendation_json(v));
  j["manager_recommendations"] = recommendations;

  j["last_sign_in_at"] = opt_time_json(records.last_sign_in_at);
  json sessions = json::array();
  for (const auto& s : services::sessions_of(db, me, ctx.caller->token_hash, ctx.now))
    sessions.push_back(session_json(s));
  j["sessions"] = sessions;
  json identities = json::array();
  for (const auto& i : records.identities)
    identities.push_back({{"issuer", i.issuer},
                          {"subject", i.subject},
                          {"linked_at", format_iso8601(i.linked_at)},
                          {"last_sign_in_at", format_iso8601(i.last_sign_in_at)}});
  j["identities"] = identities;
  j["calendar_feed"] = records.calendar_feed;
  j["availability"] = availability_json(services::my_availability(db, me));
  // Whether sign-ins ask for a code and how many recovery codes are left; never the secret.
  j["second_factor"] = second_factor_status_json(services::second_factor_status(db, me), ctx.caller->enrol_only);

  json mail = mail_settings_json(ctx, records.mail_kinds_off);
  json sent = json::array();
  for (const auto& m : records.mail_sent)
    sent.push_back({{"kind", m.kind},
                    {"state", m.state},
                    {"queued_at", format_iso8601(m.queued_at)},
                    {"sent_at", opt_time_json(m.sent_at)}});
  mail["messages"] = sent;
  j["mail"] = mail;

  // Who opened which of their relationships, when and why: what both participants were told.
  json openings = json::array();
  for (const auto& [g, admin_name] : records.openings) {
    openings.push_back({{"relationship_id", id_json(g.relationship_id)},
                        {"administrator", {{"id", id_json(g.admin_id)}, {"name", admin_name ? json(*admin_name) : json(nullptr)}}},
                        {"reason", g.reason},
                        {"opened_at", format_iso8601(g.opened_at)},
                        {"expires_at", format_iso8601(g.expires_at)}});
  }
  j["break_glass_openings"] = openings;
  return j;
}

http::Response export_my_data(Ctx& ctx) {
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> { return everything_about(db, ctx); });
  if (!out) return error_response(out.error());
  http::Response r = json_response(200, *out);
  r.set_header("Content-Disposition",
               "attachment; filename=\"mentorhub-my-data-" + format_date(ctx.now) + ".json\"");
  r.set_header("Cache-Control", "no-store");
  return r;
}

// Confirmed with the password for an account that has one, or by typing the confirmation word
// for one that signs in only through the identity provider; refused naming the field otherwise.
http::Response delete_my_account(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"password", "confirmation"});
  auto has_password = ctx.store.read_value<bool>(
      [&](sql::Connection& db) -> Result<bool> { return services::has_password(db, ctx.me()); });
  if (!has_password) return error_response(has_password.error());
  if (confirmation_for(*has_password) == DeletionConfirmation::password) {
    if (!body.contains("password")) throw_invalid("password", "is required: your password confirms the deletion");
    const std::string password = string_field(body["password"], "password");
    auto confirmed =
        services::confirm_own_password(ctx.store, ctx.me(), password, invalid("password", "is not your password"),
                                       own_password_attempts(ctx), ctx.settings.failure_window, ctx.now);
    if (!confirmed) return error_response_with_retry(ctx, confirmed.error());
  } else {
    if (!body.contains("confirmation"))
      throw_invalid("confirmation", std::string("is required: type ") + kDeletionConfirmationWord + " to confirm");
    if (auto bad = check_typed_confirmation(string_field(body["confirmation"], "confirmation")); !bad)
      return error_response(bad.error());
  }
  auto done = ctx.use_case<void>([&](services::UseCase& uc) -> Status {
    return services::delete_own_account(uc, ctx.me());
  });
  if (!done) return error_response(done.error());
  http::Response r;
  r.status = 204;
  clear_session_cookies(ctx.settings, r);
  return r;
}

}  // namespace

void add_own_data_routes(Routes& routes) {
  routes.add("GET", "/api/v1/me/export", Access::person, export_my_data);
  routes.add("POST", "/api/v1/me/deletion", Access::person, delete_my_account);
}

}  // namespace mh::api
