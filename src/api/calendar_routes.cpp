// Calendars over HTTP: the .ics of one meeting, circle session or flash booking for the people in
// it (an invitation a calendar imports; a cancelled one comes as a cancellation), the caller's
// own feed address (made, replaced or turned off), and the feed itself at a secret address that
// needs no session, for calendar applications that subscribe to it.
#include "api/errors.hpp"
#include "api/json_io.hpp"
#include "api/relationship_access.hpp"
#include "api/routes.hpp"
#include "calendar/ics.hpp"
#include "services/calendar.hpp"

namespace mh::api {

namespace {

constexpr std::string_view kFeedSuffix = ".ics";

http::Response calendar_response(std::string body, const std::string& filename) {
  http::Response r;
  r.content_type = "text/calendar; charset=utf-8; method=" +
                   std::string(body.find("METHOD:CANCEL") != std::string::npos ? "CANCEL" : "REQUEST");
  r.set_header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  r.set_header("Cache-Control", "no-store");
  r.body = std::move(body);
  return r;
}

// One entry, read for the caller, as an invitation.
http::Response invitation(Ctx& ctx, const std::string& filename,
                          const std::function<Result<CalendarEntry>(sql::Connection&)>& read) {
  auto entry = ctx.store.read_value<CalendarEntry>(read);
  if (!entry) return error_response(entry.error());
  return calendar_response(calendar::invitation_ics(*entry), filename);
}

http::Response meeting_ics(Ctx& ctx) {
  const RelationshipId id = id_param(ctx.req, "id");
  const MeetingId meeting = id_param(ctx.req, "meeting_id");
  return invitation(ctx, "meeting-" + std::to_string(meeting) + ".ics", [&](sql::Connection& db) {
    return services::meeting_calendar_entry(db, ctx.me(), id, meeting, ctx.now, server_address(ctx));
  });
}

http::Response circle_session_ics(Ctx& ctx) {
  const CircleId id = id_param(ctx.req, "id");
  const CircleSessionId session = id_param(ctx.req, "session_id");
  return invitation(ctx, "circle-session-" + std::to_string(session) + ".ics", [&](sql::Connection& db) {
    return services::circle_session_calendar_entry(db, ctx.me(), id, session, ctx.now, server_address(ctx));
  });
}

http::Response flash_booking_ics(Ctx& ctx) {
  const FlashBookingId id = id_param(ctx.req, "id");
  return invitation(ctx, "flash-session-" + std::to_string(id) + ".ics", [&](sql::Connection& db) {
    return services::flash_booking_calendar_entry(db, ctx.me(), id, ctx.now, server_address(ctx));
  });
}

// The feed's address: the path, and the whole address as this request reached the server.
json feed_json(const Ctx& ctx, const std::optional<std::string>& secret) {
  if (!secret) return {{"path", nullptr}, {"url", nullptr}};
  const std::string path = "/calendar/" + *secret + std::string(kFeedSuffix);
  const std::string_view host = ctx.req.header("host");
  json url = host.empty() ? json(nullptr)
                          : json((ctx.settings.secure_cookies ? "https://" : "http://") + std::string(host) + path);
  return {{"path", path}, {"url", url}};
}

http::Response get_feed(Ctx& ctx) {
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    return feed_json(ctx, services::calendar_feed_secret_of(db, ctx.me()));
  });
  return respond(out, 200);
}

http::Response renew_feed(Ctx& ctx) {
  auto out = ctx.use_case<json>([&](services::UseCase& uc) -> Result<json> {
    return feed_json(ctx, services::renew_calendar_feed(uc, ctx.me()));
  });
  return respond(out, 200);
}

http::Response end_feed(Ctx& ctx) {
  auto out = ctx.use_case<void>([&](services::UseCase& uc) -> Status {
    services::end_calendar_feed(uc, ctx.me());
    return {};
  });
  if (!out) return error_response(out.error());
  return no_content();
}

// GET /calendar/{secret}.ics: no session; the secret is the key. Any other path is unknown.
http::Response feed(Ctx& ctx) {
  const auto file = ctx.req.params.find("file");
  if (file == ctx.req.params.end() || !file->second.ends_with(kFeedSuffix))
    return error_response(not_found("no such calendar"));
  const std::string secret = file->second.substr(0, file->second.size() - kFeedSuffix.size());
  auto body = ctx.store.read_value<std::string>([&](sql::Connection& db) -> Result<std::string> {
    MH_TRY(owner, services::calendar_feed_owner(db, secret));
    return calendar::feed_ics(services::calendar_feed_entries(db, owner, ctx.now, server_address(ctx)), "Mentorhub: " + owner.name);
  });
  if (!body) return error_response(body.error());
  http::Response r;
  r.content_type = "text/calendar; charset=utf-8";
  r.set_header("Cache-Control", "private, max-age=300");
  r.body = std::move(*body);
  return r;
}

}  // namespace

void add_calendar_routes(Routes& routes) {
  routes.add("GET", "/api/v1/relationships/{id}/meetings/{meeting_id}/calendar.ics", Access::person, meeting_ics);
  routes.add("GET", "/api/v1/circles/{id}/sessions/{session_id}/calendar.ics", Access::person, circle_session_ics);
  routes.add("GET", "/api/v1/flash/bookings/{id}/calendar.ics", Access::person, flash_booking_ics);
  routes.add("GET", "/api/v1/me/calendar-feed", Access::person, get_feed);
  routes.add("POST", "/api/v1/me/calendar-feed", Access::person, renew_feed);
  routes.add("DELETE", "/api/v1/me/calendar-feed", Access::person, end_feed);
  routes.add("GET", "/calendar/{file}", Access::anyone, feed);
}

}  // namespace mh::api
