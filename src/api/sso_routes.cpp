// Single sign-on routes: the browser's trip to the identity provider and back (start, callback)
// and the administrator's settings. The rules live in services/single_sign_on.hpp.
#include <spdlog/spdlog.h>

#include "api/errors.hpp"
#include "api/json_io.hpp"
#include "api/redirect.hpp"
#include "api/routes.hpp"
#include "api/throttle.hpp"
#include "domain/access.hpp"
#include "http/client.hpp"
#include "identity/oidc.hpp"
#include "services/single_sign_on.hpp"

namespace mh::api {

namespace {

// Browsers navigate to these routes, so a refusal they would otherwise see as raw JSON goes back
// to the sign-in page with the message; scripts (anything not asking for HTML) get the JSON.
http::Response refusal(const Ctx& ctx, const Error& e) {
  if (browser_navigation(ctx.req)) return see_other("/?" + identity::form_encode({{"sso_error", e.message}}));
  http::Response r = error_response(e);
  r.set_header("Cache-Control", "no-store");
  return r;
}

std::string query(const Ctx& ctx, const char* name) {
  const std::string* v = ctx.req.query_param(name);
  return v ? *v : std::string();
}

constexpr const char* kStartsPerAddress = "sso-start:";
constexpr const char* kFailuresPerAddress = "sso-failure:";

http::Response start(Ctx& ctx) {
  const std::string subject = kStartsPerAddress + ctx.req.remote_address;
  // Each start writes a state row: a loop of starts is slowed like a loop of guesses.
  if (auto refused = refuse_if_throttled(ctx, {{subject, ctx.settings.max_sso_starts_per_address}})) return *refused;
  count_attempt(ctx, subject);
  auto started = services::begin_sso_sign_in(ctx.store, ctx.identity_providers, ctx.now, query(ctx, "return_to"));
  if (!started) {
    spdlog::warn("single sign-on could not start: {}", started.error().message);
    return refusal(ctx, started.error());
  }
  return see_other(started->authorization_url);
}

http::Response callback(Ctx& ctx) {
  const std::string failures = kFailuresPerAddress + ctx.req.remote_address;
  if (auto refused = refuse_if_throttled(ctx, {{failures, ctx.settings.max_failures_per_address}})) return *refused;
  services::SsoCallback cb{query(ctx, "state"), query(ctx, "code"), query(ctx, "error"), query(ctx, "error_description"),
                          describe_client(ctx.req.header("user-agent"))};
  const std::string previous = ctx.req.cookie("mh_session");
  auto signed_in =
      services::finish_sso_sign_in(ctx.store, ctx.identity_providers, ctx.now, cb, ctx.settings.session_ttl, previous);
  if (!signed_in) {
    // The message names what was wrong, never the code or a token.
    spdlog::warn("single sign-on refused from {}: {}", ctx.req.remote_address, signed_in.error().message);
    if (signed_in.error().code != ErrorCode::unavailable) count_attempt(ctx, failures);
    return refusal(ctx, signed_in.error());
  }
  spdlog::info("single sign-on: person {} signed in{}", signed_in->person.id,
               signed_in->created ? " (created just now)" : "");
  http::Response r = see_other(signed_in->return_to);
  const long long ttl = ctx.settings.session_ttl.count();
  set_session_cookies(ctx.settings, r, signed_in->session_token, signed_in->csrf_token, ttl);
  return r;
}

json settings_json(const std::optional<storage::SsoSettings>& s) {
  if (!s) return {{"configured", false}};
  return {{"configured", true},
          {"enabled", s->enabled},
          {"display_name", s->display_name},
          {"issuer", s->issuer},
          {"client_id", s->client_id},
          {"client_secret_set", !s->client_secret.empty()},
          {"token_auth_method", s->token_auth_method},
          {"scopes", s->scopes},
          {"public_url", s->public_url},
          {"redirect_uri", s->public_url + services::kSsoCallbackPath},
          {"create_people", s->create_people},
          {"password_sign_in", s->password_sign_in},
          {"break_glass_email", s->break_glass_email},
          {"name_claim", s->name_claim},
          {"department_claim", s->department_claim},
          {"title_claim", s->title_claim},
          {"email_claim", s->email_claim},
          {"trusted_email_domains", s->trusted_email_domains},
          {"clock_skew_seconds", s->clock_skew_seconds},
          {"updated_at", format_iso8601(s->updated_at)}};
}

http::Response get_settings(Ctx& ctx) {
  auto s = services::sso_settings_for(ctx.store, ctx.me());
  if (!s) return error_response(s.error());
  return json_response(200, settings_json(*s));
}

http::Response put_settings(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"enabled", "display_name", "issuer", "client_id", "client_secret", "token_auth_method",
                               "scopes", "public_url", "create_people", "password_sign_in", "break_glass_email",
                               "name_claim", "department_claim", "title_claim", "email_claim", "trusted_email_domains",
                               "clock_skew_seconds"});
  storage::SsoSettings in;
  const auto text = [&](const char* field, std::string& out) {
    if (body.contains(field)) out = string_field(body[field], field);
  };
  for (const char* required : {"display_name", "issuer", "client_id", "public_url"})
    if (!body.contains(required)) throw_invalid(required, "is required");
  text("display_name", in.display_name);
  text("issuer", in.issuer);
  text("client_id", in.client_id);
  text("client_secret", in.client_secret);
  text("token_auth_method", in.token_auth_method);
  text("scopes", in.scopes);
  text("public_url", in.public_url);
  text("break_glass_email", in.break_glass_email);
  text("name_claim", in.name_claim);
  text("department_claim", in.department_claim);
  text("title_claim", in.title_claim);
  text("email_claim", in.email_claim);
  text("trusted_email_domains", in.trusted_email_domains);
  if (body.contains("enabled")) in.enabled = bool_field(body["enabled"], "enabled");
  if (body.contains("create_people")) in.create_people = bool_field(body["create_people"], "create_people");
  if (body.contains("password_sign_in")) in.password_sign_in = bool_field(body["password_sign_in"], "password_sign_in");
  if (body.contains("clock_skew_seconds"))
    in.clock_skew_seconds = int_in_range(body["clock_skew_seconds"], "clock_skew_seconds", 0,
                                         static_cast<int>(identity::kMaxClockSkew.count()));
  auto saved = services::configure_sso(ctx.store, ctx.me(), std::move(in), ctx.now);
  if (!saved) return error_response(saved.error());
  spdlog::info("single sign-on configured by person {} (issuer {})", ctx.me().id, saved->issuer);
  return json_response(200, settings_json(*saved));
}

http::Response delete_settings(Ctx& ctx) {
  auto done = services::remove_sso(ctx.store, ctx.me(), ctx.now);
  if (!done) return error_response(done.error());
  http::Response r;
  r.status = 204;
  return r;
}

http::Response check_provider(Ctx& ctx) {
  auto checked = services::check_sso_provider(ctx.store, ctx.identity_providers, ctx.me(), ctx.now);
  if (!checked) return error_response(checked.error());
  return json_response(200, {{"issuer", checked->issuer},
                             {"authorization_endpoint", checked->authorization_endpoint},
                             {"token_endpoint", checked->token_endpoint},
                             {"jwks_uri", checked->jwks_uri}});
}

}  // namespace

services::HttpSend provider_http() {
  return [](const services::HttpCall& call) -> Result<services::HttpReply> {
    http::ClientRequest req;
    req.method = call.method;
    req.url = call.url;
    req.headers = call.headers;
    req.body = call.body;
    auto res = http::fetch(req);
    if (!res) return res.error();
    return services::HttpReply{res->status, std::move(res->body)};
  };
}

void add_sso_routes(Routes& routes) {
  routes.add("GET", "/api/v1/auth/sso/start", Access::anyone, start);
  routes.add("GET", "/api/v1/auth/sso/callback", Access::anyone, callback);
  routes.add("GET", "/api/v1/admin/sso", Access::admin, get_settings);
  routes.add("PUT", "/api/v1/admin/sso", Access::admin, put_settings);
  routes.add("DELETE", "/api/v1/admin/sso", Access::admin, delete_settings);
  routes.add("POST", "/api/v1/admin/sso/check", Access::admin, check_provider);
}

}  // namespace mh::api
