// Video rooms over HTTP: the administrator's settings (the video service; the BigBlueButton secret
// is write-only: never returned, never logged) and joining the room of a meeting, circle session or
// flash booking. Joining answers 303 to the room: a Jitsi room's address, or for BigBlueButton the
// signed `join` address for this person after the room was created on the server (`create`
// through the outbound HTTP client, with a deadline). The rules live in services/video.hpp.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <functional>

#include "api/errors.hpp"
#include "api/json_io.hpp"
#include "api/redirect.hpp"
#include "api/routes.hpp"
#include "http/client.hpp"
#include "services/video.hpp"

namespace mh::api {

namespace {

constexpr std::chrono::milliseconds kBbbDeadline{5000};

json settings_json(const VideoSettings& s) {
  const bool bbb = s.provider == VideoProvider::bigbluebutton;
  return {{"provider", to_string(s.provider)},
          {"jitsi_url", s.provider == VideoProvider::jitsi ? json(s.jitsi_url) : json(nullptr)},
          {"bbb_url", bbb ? json(s.bbb_url) : json(nullptr)},
          {"bbb_secret_set", bbb && !s.bbb_secret.empty()},
          {"bbb_checksum", to_string(s.bbb_checksum)}};
}

std::string text_or_empty(const json& body, const char* field) {
  if (!body.contains(field) || body[field].is_null()) return {};
  if (!body[field].is_string()) throw_invalid(field, "must be a string");
  return body[field].get<std::string>();
}

http::Response get_settings(Ctx& ctx) {
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(s, services::video_settings_for(db, ctx.me()));
    return settings_json(s);
  });
  return respond(out, 200);
}

http::Response put_settings(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"provider", "jitsi_url", "bbb_url", "bbb_secret", "bbb_checksum"});
  if (!body.contains("provider")) throw_invalid("provider", "is required: none, jitsi or bigbluebutton");
  if (!body["provider"].is_string()) throw_invalid("provider", "must be none, jitsi or bigbluebutton");
  VideoSettings in;
  const auto provider = parse_video_provider(body["provider"].get<std::string>());
  if (!provider) throw_invalid("provider", "must be none, jitsi or bigbluebutton");
  in.provider = *provider;
  in.jitsi_url = text_or_empty(body, "jitsi_url");
  in.bbb_url = text_or_empty(body, "bbb_url");
  in.bbb_secret = text_or_empty(body, "bbb_secret");
  if (const std::string checksum = text_or_empty(body, "bbb_checksum"); !checksum.empty()) {
    const auto parsed = parse_bbb_checksum(checksum);
    if (!parsed) throw_invalid("bbb_checksum", "must be sha1 or sha256");
    in.bbb_checksum = *parsed;
  }
  auto out = ctx.use_case<json>([&](services::UseCase& uc) -> Result<json> {
    MH_TRY(saved, services::configure_video(uc, ctx.me(), in));
    return settings_json(saved);
  });
  if (out) spdlog::info("video rooms: person {} set the provider to {}", ctx.me().id, to_string(in.provider));
  return respond(out, 200);
}

http::Response to_room(const std::string& location) {
  http::Response r = see_other(location);
  r.set_header("Referrer-Policy", "no-referrer");
  return r;
}

// Creates the room on the BigBlueButton server (a running meeting answers SUCCESS again).
Status create_on_server(const services::VideoJoin& j) {
  http::ClientRequest req;
  req.url = bbb_create_url(j.settings, j.room, j.title);
  req.timeout = kBbbDeadline;
  req.max_response_bytes = 64 * 1024;
  auto reply = http::fetch(req);
  if (!reply) return Error{ErrorCode::unavailable, "the video server could not be reached: " + reply.error().message, {}};
  if (reply->status != 200)
    return Error{ErrorCode::unavailable, "the video server answered HTTP " + std::to_string(reply->status), {}};
  if (reply->body.find("<returncode>SUCCESS</returncode>") == std::string::npos) {
    std::string key;
    if (auto at = reply->body.find("<messageKey>"); at != std::string::npos) {
      const auto end = reply->body.find("</messageKey>", at);
      if (end != std::string::npos) key = reply->body.substr(at + 12, std::min<std::size_t>(end - at - 12, 80));
    }
    return Error{ErrorCode::unavailable,
                 "the video server refused to open the room" + (key.empty() ? std::string() : " (" + key + ")"), {}};
  }
  return {};
}

http::Response join(Ctx& ctx, const std::function<Result<services::VideoJoin>(sql::Connection&)>& read) {
  auto j = ctx.store.read_value<services::VideoJoin>(read);
  if (!j) return error_response(j.error());
  if (j->settings.provider == VideoProvider::jitsi) return to_room(jitsi_room_url(j->settings, j->room));
  if (auto created = create_on_server(*j); !created) {
    spdlog::warn("video rooms: BigBlueButton create failed: {}", created.error().message);
    return error_response(created.error());
  }
  return to_room(bbb_join_url(j->settings, j->room, j->full_name, j->moderator));
}

http::Response join_meeting(Ctx& ctx) {
  const RelationshipId id = id_param(ctx.req, "id");
  const MeetingId meeting = id_param(ctx.req, "meeting_id");
  return join(ctx, [&](sql::Connection& db) { return services::join_meeting_video(db, ctx.me(), id, meeting); });
}

http::Response join_circle_session(Ctx& ctx) {
  const CircleId id = id_param(ctx.req, "id");
  const CircleSessionId session = id_param(ctx.req, "session_id");
  return join(ctx, [&](sql::Connection& db) { return services::join_circle_session_video(db, ctx.me(), id, session); });
}

http::Response join_flash_booking(Ctx& ctx) {
  const FlashBookingId id = id_param(ctx.req, "id");
  return join(ctx, [&](sql::Connection& db) { return services::join_flash_booking_video(db, ctx.me(), id); });
}

}  // namespace

std::string server_address(const Ctx& ctx) {
  const std::string_view host = ctx.req.header("host");
  if (host.empty()) return {};
  return (ctx.settings.secure_cookies ? "https://" : "http://") + std::string(host);
}

void add_video_routes(Routes& routes) {
  routes.add("GET", "/api/v1/admin/video", Access::admin, get_settings);
  routes.add("PUT", "/api/v1/admin/video", Access::admin, put_settings);
  routes.add("GET", "/api/v1/relationships/{id}/meetings/{meeting_id}/video", Access::person, join_meeting);
  routes.add("GET", "/api/v1/circles/{id}/sessions/{session_id}/video", Access::person, join_circle_session);
  routes.add("GET", "/api/v1/flash/bookings/{id}/video", Access::person, join_flash_booking);
}

}  // namespace mh::api
