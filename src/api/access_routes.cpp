// Getting in without an identity provider, over HTTP: administrators' invitations, "forgot
// password", setting a password with a one-time link, and one's own sessions and API tokens.
// Thin: each handler parses, calls one use case of services/access.hpp and renders. A link's
// token travels only in request bodies (never a path, which the access log records), and no
// answer or log line carries a token or a password.
#include <functional>

#include "api/errors.hpp"
#include "api/json_io.hpp"
#include "api/routes.hpp"
#include "api/throttle.hpp"
#include "common/crypto.hpp"
#include "services/access.hpp"

namespace mh::api {

namespace {

json person_ref(PersonId id, const std::string& name, const std::string& email) {
  return {{"id", std::to_string(id)}, {"name", name}, {"email", email}};
}

std::optional<std::string> iso_or_null(const std::optional<TimePoint>& t) {
  if (!t) return std::nullopt;
  return format_iso8601(*t);
}

json invitation_json(const AccessLink& l, const json& person, const std::optional<std::string>& invited_by,
                     TimePoint now) {
  auto opt = [](const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); };
  return {{"id", std::to_string(l.id)},
          {"person", person},
          {"state", std::string(to_string(state_of(l, now)))},
          {"invited_by", opt(invited_by)},
          {"created_at", format_iso8601(l.created_at)},
          {"expires_at", format_iso8601(l.expires_at)},
          {"used_at", opt(iso_or_null(l.used_at))},
          {"revoked_at", opt(iso_or_null(l.revoked_at))}};
}

json made_json(const services::Invitation& inv, TimePoint now) {
  return invitation_json(inv.link, person_ref(inv.person.id, inv.person.name, inv.person.email), inv.invited_by, now);
}

// A use case that makes or changes one invitation, answered with `status` and the invitation.
http::Response invitation_write(Ctx& ctx, int status,
                                const std::function<Result<services::Invitation>(services::UseCase&)>& use_case) {
  auto out = ctx.use_case<json>([&](services::UseCase& uc) -> Result<json> {
    MH_TRY(made, use_case(uc));
    return made_json(made, ctx.now);
  });
  return respond(out, status);
}

http::Response list_invitations(Ctx& ctx) {
  bool pending_only = true;
  if (const std::string* v = ctx.req.query_param("state")) {
    if (*v != "pending" && *v != "all") throw_invalid("state", "is pending or all");
    pending_only = *v == "pending";
  }
  const int limit = limit_param(ctx.req, 50, 100);
  const auto cursor = cursor_param(ctx.req);
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(list, services::list_invitations(db, ctx.me(), pending_only, cursor, limit, ctx.now));
    json items = json::array();
    for (const auto& row : list.page.items)
      items.push_back(invitation_json(row.link, person_ref(row.link.person_id, row.name, row.email), row.invited_by,
                                      ctx.now));
    return json{{"items", items},
                {"next_cursor", list.page.next_before ? json(std::to_string(*list.page.next_before)) : json(nullptr)},
                {"not_invited", list.not_invited},
                {"mail_enabled", ctx.settings.lifecycle.send_mail}};
  });
  return respond(out, 200);
}

http::Response invite(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  const PersonId person = id_from_json(sole_field(body, "person_id"), "person_id");
  return invitation_write(ctx, 201,
                          [&](services::UseCase& uc) { return services::invite_person(uc, &ctx.me(), person); });
}

http::Response invite_everyone(Ctx& ctx) {
  const json body = optional_object_body(ctx.req);
  reject_unknown_fields(body, {});
  auto out = ctx.use_case<json>([&](services::UseCase& uc) -> Result<json> {
    MH_TRY(made, services::invite_everyone_not_signed_in(uc, &ctx.me()));
    return json{{"invited", made.size()}};
  });
  return respond(out, 200);
}

http::Response resend(Ctx& ctx) {
  const std::int64_t id = id_param(ctx.req, "id");
  return invitation_write(ctx, 201,
                          [&](services::UseCase& uc) { return services::resend_invitation(uc, &ctx.me(), id); });
}

http::Response revoke(Ctx& ctx) {
  const std::int64_t id = id_param(ctx.req, "id");
  return invitation_write(ctx, 200,
                          [&](services::UseCase& uc) { return services::revoke_invitation(uc, &ctx.me(), id); });
}

// The same answer whether or not the address belongs to anyone, and only after the same work:
// the attempt is counted either way.
http::Response forgot_password(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  const std::string email = normalize_email(string_field(sole_field(body, "email"), "email"));
  if (email.size() > 320 || email.find('@') == std::string::npos) throw_invalid("email", "is not an e-mail address");
  const std::string account = "reset:account:" + email;
  const std::string address = "reset:address:" + ctx.req.remote_address;
  if (auto refused = refuse_if_throttled(ctx, {{account, ctx.settings.max_resets_per_account},
                                               {address, ctx.settings.max_resets_per_address}}))
    return *refused;
  auto done = ctx.use_case<void>([&](services::UseCase& uc) -> Status {
    services::count_attempt(uc.db(), account, ctx.now, ctx.settings.failure_window);
    services::count_attempt(uc.db(), address, ctx.now, ctx.settings.failure_window);
    services::request_password_reset(uc, email);
    return {};
  });
  if (!done) return error_response(done.error());
  return json_response(202, {{"message",
                              "If this address belongs to someone here, a link to choose a new password is on its way "
                              "to it. The link works once, for an hour."}});
}

std::string token_field(const json& body) {
  if (!body.contains("token")) throw_invalid("token", "is required");
  std::string token = string_field(body["token"], "token");
  if (token.size() > 128) throw_invalid("token", "is not a link's token");
  return token;
}

http::Response look_up_link(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"token"});
  const std::string token = token_field(body);
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(view, services::look_up_link(db, token, ctx.now));
    return json{{"purpose", std::string(to_string(view.purpose))},
                {"name", view.name},
                {"email", view.email},
                {"expires_at", format_iso8601(view.expires_at)}};
  });
  return respond(out, 200);
}

http::Response set_password(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"token", "password"});
  const std::string token = token_field(body);
  if (!body.contains("password")) throw_invalid("password", "is required");
  const std::string password = string_field(body["password"], "password");
  if (auto bad = check_new_password("password", password); !bad) return error_response(bad.error());
  // Checked before hashing, so a wrong link costs no argon2id; checked again in the write.
  auto live = ctx.store.read_value<services::LinkView>(
      [&](sql::Connection& db) { return services::look_up_link(db, token, ctx.now); });
  if (!live) return error_response(live.error());
  const std::string hash = hash_password(password);
  auto done = ctx.use_case<void>([&](services::UseCase& uc) -> Status {
    MH_CHECK(services::set_password_with_link(uc, token, hash));
    return {};
  });
  if (!done) return error_response(done.error());
  http::Response r;
  r.status = 204;
  return r;
}

}  // namespace

json session_json(const services::SessionView& s) {
  return {{"id", s.id},
          {"kind", s.kind},
          {"label", s.label},
          {"client", s.client},
          {"created_at", format_iso8601(s.created_at)},
          {"expires_at", format_iso8601(s.expires_at)},
          {"current", s.current}};
}

namespace {

http::Response list_sessions(Ctx& ctx) {
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    json items = json::array();
    for (const auto& s : services::sessions_of(db, ctx.me(), ctx.caller->token_hash, ctx.now))
      items.push_back(session_json(s));
    return json{{"items", items}};
  });
  return respond(out, 200);
}

http::Response end_session(Ctx& ctx) {
  const std::string id = ctx.req.params.at("id");
  auto done = ctx.use_case<void>([&](services::UseCase& uc) -> Status {
    return services::end_session(uc, ctx.me(), id);
  });
  if (!done) return error_response(done.error());
  http::Response r;
  r.status = 204;
  return r;
}

http::Response end_other_sessions(Ctx& ctx) {
  const json body = optional_object_body(ctx.req);
  reject_unknown_fields(body, {});
  auto out = ctx.use_case<json>([&](services::UseCase& uc) -> Result<json> {
    return json{{"ended", services::end_other_sessions(uc, ctx.me(), ctx.caller->token_hash)}};
  });
  return respond(out, 200);
}

}  // namespace

void add_access_routes(Routes& routes) {
  routes.add("POST", "/api/v1/auth/password-reset", Access::anyone, forgot_password);
  routes.add("POST", "/api/v1/auth/link", Access::anyone, look_up_link);
  routes.add("POST", "/api/v1/auth/set-password", Access::anyone, set_password);
  routes.add("GET", "/api/v1/invitations", Access::admin, list_invitations);
  routes.add("POST", "/api/v1/invitations", Access::admin, invite);
  routes.add("POST", "/api/v1/invitations/everyone-not-signed-in", Access::admin, invite_everyone);
  routes.add("POST", "/api/v1/invitations/{id}/resend", Access::admin, resend);
  routes.add("POST", "/api/v1/invitations/{id}/revoke", Access::admin, revoke);
  routes.add("GET", "/api/v1/me/sessions", Access::person, list_sessions);
  routes.add("DELETE", "/api/v1/me/sessions/{id}", Access::person, end_session);
  routes.add("POST", "/api/v1/me/sessions/end-others", Access::person, end_other_sessions);
}

}  // namespace mh::api
