// Sign in and out (with a second factor's code when the person has one), and personal API
// tokens for scripts. No answer or log line carries a password, a code or a challenge's token
// but the answer that makes the challenge.
#include "api/errors.hpp"
#include "api/json_io.hpp"
#include "api/people_json.hpp"
#include "api/routes.hpp"
#include "api/throttle.hpp"
#include "domain/access.hpp"
#include "identity/totp.hpp"
#include "storage/auth_repo.hpp"
#include "services/access.hpp"
#include "services/second_factor.hpp"
#include "services/sign_in.hpp"
#include "services/single_sign_on.hpp"

namespace mh::api {

namespace {

std::string cookie(const Settings& s, const std::string& name, const std::string& value, long long max_age,
                   bool http_only) {
  std::string c = name + "=" + value + "; Path=/; SameSite=Lax; Max-Age=" + std::to_string(max_age);
  if (http_only) c += "; HttpOnly";
  if (s.secure_cookies) c += "; Secure";
  return c;
}

}  // namespace

void set_session_cookies(const Settings& s, http::Response& r, const std::string& session_token,
                         const std::string& csrf_token, long long max_age_seconds) {
  r.set_header("Set-Cookie", cookie(s, "mh_session", session_token, max_age_seconds, true));
  // Readable by the page's script, which echoes it in X-CSRF-Token; another site cannot read it.
  r.set_header("Set-Cookie", cookie(s, "mh_csrf", csrf_token, max_age_seconds, false));
}

void clear_session_cookies(const Settings& s, http::Response& r) { set_session_cookies(s, r, "", "", 0); }

namespace {

// Who signs in, from where, as the sign-in use cases take it.
services::SignInClient sign_in_client(const Ctx& ctx) {
  return {ctx.req.remote_address, describe_client(ctx.req.header("user-agent")), ctx.req.cookie("mh_session")};
}

services::SignInLimits sign_in_limits(const Settings& s) {
  return {s.failure_window, s.max_failures_per_account, s.max_failures_per_address, s.session_ttl};
}

// The answer of a sign-in that opened a session: the person, the session's cookies and its
// CSRF token; `extra` is merged into the answer.
http::Response session_answer(Ctx& ctx, const Person& person, const services::OpenedSession& session,
                              const json& extra = json::object()) {
  json answer = {{"person", person_json(person, person.is_admin ? PersonView::admin : PersonView::self, year_of(ctx.now))},
                 {"csrf_token", session.csrf_token},
                 {"expires_at", format_iso8601(session.expires_at)},
                 {"second_factor_setup_required", session.enrol_only}};
  for (const auto& [k, v] : extra.items()) answer[k] = v;
  auto r = json_response(200, answer);
  set_session_cookies(ctx.settings, r, session.token, session.csrf_token, ctx.settings.session_ttl.count());
  return r;
}

http::Response login(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"email", "password"});
  if (!body.contains("email")) throw_invalid("email", "is required");
  if (!body.contains("password")) throw_invalid("password", "is required");
  const std::string email = normalize_email(string_field(body["email"], "email"));
  const std::string password = string_field(body["password"], "password");
  if (password.size() > 1024) throw_invalid("password", "is too long");
  auto in = services::sign_in_with_password(ctx.store, email, password, sign_in_client(ctx),
                                            sign_in_limits(ctx.settings), ctx.settings.lifecycle, ctx.now);
  if (!in) return error_response_with_retry(ctx, in.error());
  if (in->challenge) {
    // A person with a second factor gives a code before there is a session.
    auto r = json_response(202, {{"second_factor_required", true},
                                 {"challenge", *in->challenge},
                                 {"expires_at", format_iso8601(ctx.now + services::kSecondFactorChallengeLifetime)}});
    r.set_header("Cache-Control", "no-store");
    return r;
  }
  return session_answer(ctx, in->person, *in->session);
}

// A code (or a recovery code) for a sign-in that passed the password.
http::Response second_factor_sign_in(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"challenge", "code", "recovery_code"});
  if (!body.contains("challenge")) throw_invalid("challenge", "is required");
  const std::string challenge = string_field(body["challenge"], "challenge");
  if (body.contains("code") == body.contains("recovery_code"))
    throw_invalid("code", "give either the code of your authenticator app or one of your recovery codes");
  const std::string code = body.contains("code") ? string_field(body["code"], "code") : "";
  const std::string recovery = body.contains("recovery_code") ? string_field(body["recovery_code"], "recovery_code") : "";
  // A malformed answer is refused before it counts as a guess.
  if (body.contains("code") && !identity::normalize_totp_code(code))
    throw_invalid("code", "is the 6-digit code of your authenticator app");
  if (body.contains("recovery_code") && !identity::normalize_recovery_code(recovery))
    throw_invalid("recovery_code", "is a recovery code such as abcd-efgh-ijkl-mnop");
  if (challenge.size() > 128) throw_invalid("challenge", "is not a sign-in's challenge");
  auto in = services::sign_in_with_second_factor(ctx.store, challenge, code, recovery, sign_in_client(ctx),
                                                 sign_in_limits(ctx.settings), ctx.settings.lifecycle, ctx.now);
  if (!in) return error_response_with_retry(ctx, in.error());
  return session_answer(ctx, in->person, *in->session, {{"recovery_codes_left", in->recovery_codes_left}});
}

http::Response logout(Ctx& ctx) {
  // Signing out ends the browser session; an API token is revoked explicitly, never by this.
  auto done = ctx.store.write([&](sql::Connection& db) -> Status {
    if (ctx.caller->by_cookie) services::sign_out(db, ctx.caller->token_hash);
    return {};
  });
  if (!done) return error_response(done.error());
  http::Response r;
  r.status = 204;
  clear_session_cookies(ctx.settings, r);
  return r;
}

// An API token is named by the first 16 hex digits of its hash: enough to tell tokens apart
// and useless for signing in.
json token_json(const storage::AuthToken& t) {
  return {{"id", t.token_hash.substr(0, 16)},
          {"label", t.label},
          {"created_at", format_iso8601(t.created_at)},
          {"expires_at", format_iso8601(t.expires_at)}};
}

http::Response create_token(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"label"});
  const std::string label = body.contains("label") ? string_field(body["label"], "label") : "";
  const std::string attempts = "tokens:" + std::to_string(ctx.me().id);
  if (auto refused = refuse_if_throttled(ctx, {{attempts, ctx.settings.max_tokens_per_window}})) return *refused;
  count_attempt(ctx, attempts);
  auto made = ctx.use_case<services::NewApiToken>([&](services::UseCase& uc) -> Result<services::NewApiToken> {
    return services::create_api_token(uc, ctx.me(), label, ctx.settings.api_token_ttl);
  });
  if (!made) return error_response(made.error());
  json j = token_json(made->stored);
  j["token"] = made->secret;  // shown this once; only its hash is kept
  return json_response(201, j);
}

http::Response list_tokens(Ctx& ctx) {
  auto tokens = ctx.store.read_value<std::vector<storage::AuthToken>>(
      [&](sql::Connection& db) -> Result<std::vector<storage::AuthToken>> {
        return services::api_tokens_of(db, ctx.me(), ctx.now);
      });
  if (!tokens) return error_response(tokens.error());
  json items = json::array();
  for (const auto& t : *tokens) items.push_back(token_json(t));
  return json_response(200, {{"items", items}});
}

http::Response revoke_token(Ctx& ctx) {
  const std::string id = ctx.req.params["id"];
  auto done = ctx.use_case<void>([&](services::UseCase& uc) -> Status {
    return services::revoke_api_token(uc, ctx.me(), id);
  });
  if (!done) return error_response(done.error());
  http::Response r;
  r.status = 204;
  return r;
}

// What the sign-in page needs before anyone signs in: the demo accounts and their shared password
// when this database was seeded by `mentorhub demo`, and null on any other database, so that a
// real install never shows a password on its sign-in page.
http::Response config(Ctx& ctx) {
  auto page = ctx.store.read_value<services::SignInPage>(
      [](sql::Connection& db) -> Result<services::SignInPage> { return services::sign_in_page(db); });
  if (!page) return error_response(page.error());
  const auto& options = page->options;
  json sso = nullptr;
  if (options.provider_name)
    sso = {{"provider_name", *options.provider_name}, {"start_url", "/api/v1/auth/sso/start"}};
  json demo = nullptr;
  if (page->demo_sign_ins) {
    const json parsed = json::parse(*page->demo_sign_ins, nullptr, false);
    if (parsed.is_object() && parsed.contains("password") && parsed.contains("accounts")) demo = parsed;
  }
  // `mail`: whether this server sends mail; without it, "Forgot password" has nothing to send.
  return json_response(200, {{"demo", demo},
                             {"sso", sso},
                             {"password_sign_in", options.password_sign_in},
                             {"mail", ctx.settings.lifecycle.send_mail}});
}

}  // namespace

void add_auth_routes(Routes& routes) {
  routes.add("GET", "/api/v1/config", Access::anyone, config);
  routes.add("POST", "/api/v1/auth/login", Access::anyone, login);
  routes.add("POST", "/api/v1/auth/second-factor", Access::anyone, second_factor_sign_in);
  routes.add("POST", "/api/v1/auth/logout", Access::person_setting_up, logout);
  routes.add("GET", "/api/v1/me/tokens", Access::person, list_tokens);
  routes.add("POST", "/api/v1/me/tokens", Access::person, create_token);
  routes.add("DELETE", "/api/v1/me/tokens/{id}", Access::person, revoke_token);
}

}  // namespace mh::api
