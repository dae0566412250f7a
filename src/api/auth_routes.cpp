// Sign in and out (with a second factor's code when the person has one), and personal API
// tokens for scripts. No answer or log line carries a password, a code or a challenge's token
// but the answer that makes the challenge.
#include <spdlog/spdlog.h>

#include "api/errors.hpp"
#include "api/json_io.hpp"
#include "api/people_json.hpp"
#include "api/routes.hpp"
#include "api/throttle.hpp"
#include "common/crypto.hpp"
#include "domain/access.hpp"
#include "identity/totp.hpp"
#include "storage/access_repo.hpp"
#include "storage/auth_repo.hpp"
#include "storage/finding_repo.hpp"
#include "storage/people_repo.hpp"
#include "storage/second_factor_repo.hpp"
#include "services/access.hpp"
#include "services/second_factor.hpp"

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

void clear_session_cookies(const Settings& s, http::Response& r) {
  r.set_header("Set-Cookie", cookie(s, "mh_session", "", 0, true));
  r.set_header("Set-Cookie", cookie(s, "mh_csrf", "", 0, false));
}

namespace {

// Verifying against a real hash even for unknown addresses keeps the answer time the same, so
// timing does not reveal who has an account.
const std::string& decoy_hash() {
  static const std::string h = hash_password("not a password anyone has");
  return h;
}

// A new browser session for `person`: the cookies and the answer of a sign-in. `also` runs in
// the session's transaction; `extra` is merged into the answer.
http::Response start_session(Ctx& ctx, const Person& person, const std::string& client, bool enrol_only,
                             const std::function<void(sql::Connection&)>& also, const json& extra = json::object()) {
  const auto& s = ctx.settings;
  const std::string token = random_token();
  storage::AuthToken t{token_hash(token), person.id, "session", "", random_token(), ctx.now, ctx.now + s.session_ttl,
                       client, enrol_only};
  // A new session id at every sign-in, and the one the browser came with ended: a session id
  // planted before sign-in, or left by someone else on a shared machine, is worth nothing after.
  const std::string previous = ctx.req.cookie("mh_session");
  auto saved = ctx.store.write([&](sql::Connection& db) -> Status {
    also(db);
    storage::delete_expired_tokens(db, ctx.now);
    if (!previous.empty() && previous.size() <= 128) storage::delete_token(db, token_hash(previous));
    storage::insert_token(db, t);
    storage::record_sign_in(db, person.id, ctx.now);
    return {};
  });
  if (!saved) return error_response(saved.error());
  json answer = {{"person", person_json(person, person.is_admin ? PersonView::admin : PersonView::self, year_of(ctx.now))},
                 {"csrf_token", t.csrf_token},
                 {"expires_at", format_iso8601(t.expires_at)},
                 {"second_factor_setup_required", enrol_only}};
  for (const auto& [k, v] : extra.items()) answer[k] = v;
  auto r = json_response(200, answer);
  r.set_header("Set-Cookie", cookie(s, "mh_session", token, s.session_ttl.count(), true));
  // Readable by the page's script, which echoes it in X-CSRF-Token; another site cannot read it.
  r.set_header("Set-Cookie", cookie(s, "mh_csrf", t.csrf_token, s.session_ttl.count(), false));
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
  // Before any password is checked, so the answer says nothing about the account.
  auto allowed = ctx.store.read([&](sql::Connection& db) -> Status {
    return services::check_password_sign_in_allowed(db, email);
  });
  if (!allowed) return error_response(allowed.error());

  const std::string account = "account:" + email;
  const std::string address = "address:" + ctx.req.remote_address;
  const auto& s = ctx.settings;
  auto throttled = ctx.store.read_value<bool>([&](sql::Connection& db) -> Result<bool> {
    return storage::failures_in_window(db, account, ctx.now, s.failure_window) >= s.max_failures_per_account ||
           storage::failures_in_window(db, address, ctx.now, s.failure_window) >= s.max_failures_per_address;
  });
  if (!throttled) return error_response(throttled.error());
  if (*throttled) {
    auto r = error_response(rate_limited("too many failed sign-ins; wait " +
                                         std::to_string(s.failure_window.count() / 60) + " minutes and try again"));
    r.set_header("Retry-After", std::to_string(s.failure_window.count()));
    return r;
  }

  using Found = std::optional<std::pair<Person, std::string>>;
  auto found = ctx.store.read_value<Found>([&](sql::Connection& db) -> Result<Found> {
    auto p = storage::find_person_by_email(db, email);
    if (!p) return Found();
    std::string hash = storage::password_hash_of(db, p->id);
    return Found(std::make_pair(std::move(*p), std::move(hash)));
  });
  if (!found) return error_response(found.error());
  const bool has_hash = *found && !(*found)->second.empty();
  const bool ok = verify_password(password, has_hash ? (*found)->second : decoy_hash()) && has_hash;
  if (!ok || !(*found)->first.active) {
    auto recorded = ctx.store.write([&](sql::Connection& db) -> Status {
      storage::record_failure(db, account, ctx.now, s.failure_window);
      storage::record_failure(db, address, ctx.now, s.failure_window);
      return {};
    });
    if (!recorded) return error_response(recorded.error());
    return error_response(unauthenticated("wrong e-mail or password"));
  }

  const Person& person = (*found)->first;
  // After the password: a person with a second factor gives a code before there is a session; an
  // administrator whom the organisation requires to have one, and who has none, gets a session
  // that can only set one up.
  struct Next {
    bool code_needed = false;
    bool set_up_first = false;
  };
  auto next = ctx.store.read_value<Next>([&](sql::Connection& db) -> Result<Next> {
    return Next{storage::has_second_factor(db, person.id), services::must_set_up_second_factor(db, person)};
  });
  if (!next) return error_response(next.error());
  const std::string client = describe_client(ctx.req.header("user-agent"));
  if (next->code_needed) {
    auto challenge = ctx.store.write_value<std::string>([&](sql::Connection& db) -> Result<std::string> {
      storage::clear_failures(db, account);
      services::UseCase uc(db, ctx.now, ctx.settings.lifecycle);
      return services::begin_second_factor_sign_in(uc, person, client);
    });
    if (!challenge) return error_response(challenge.error());
    auto r = json_response(202, {{"second_factor_required", true},
                                 {"challenge", *challenge},
                                 {"expires_at", format_iso8601(ctx.now + services::kSecondFactorChallengeLifetime)}});
    r.set_header("Cache-Control", "no-store");
    return r;
  }
  return start_session(ctx, person, client, next->set_up_first, [&](sql::Connection& db) {
    storage::clear_failures(db, account);
  });
}

// A code (or a recovery code) for a sign-in that passed the password. Wrong ones are counted
// against the person and the client's address, like wrong passwords.
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

  auto person = ctx.store.read_value<Person>(
      [&](sql::Connection& db) { return services::second_factor_sign_in_person(db, challenge, ctx.now); });
  if (!person) return error_response(person.error());
  const std::string attempts = "second-factor:" + std::to_string(person->id);
  const std::string address = "second-factor-address:" + ctx.req.remote_address;
  if (auto refused = refuse_if_throttled(ctx, {{attempts, ctx.settings.max_failures_per_account},
                                               {address, ctx.settings.max_failures_per_address}}))
    return *refused;
  auto finished = ctx.store.write_value<services::FinishedSecondFactor>(
      [&](sql::Connection& db) -> Result<services::FinishedSecondFactor> {
        services::UseCase uc(db, ctx.now, ctx.settings.lifecycle);
        return services::finish_second_factor_sign_in(uc, challenge, code, recovery);
      });
  if (!finished) {
    if (finished.error().code == ErrorCode::invalid) {
      count_attempt(ctx, attempts);
      count_attempt(ctx, address);
    }
    return error_response(finished.error());
  }
  return start_session(
      ctx, finished->person, finished->client, false, [&](sql::Connection& db) { storage::clear_failures(db, attempts); },
      {{"recovery_codes_left", finished->recovery_codes_left}});
}

http::Response logout(Ctx& ctx) {
  // Signing out ends the browser session; an API token is revoked explicitly, never by this.
  auto done = ctx.store.write([&](sql::Connection& db) -> Status {
    if (ctx.caller->by_cookie) storage::delete_token(db, ctx.caller->token_hash);
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
  auto made = ctx.store.write_value<services::NewApiToken>([&](sql::Connection& db) {
    services::UseCase uc(db, ctx.now, ctx.settings.lifecycle);
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
  auto done = ctx.store.write([&](sql::Connection& db) -> Status {
    services::UseCase uc(db, ctx.now, ctx.settings.lifecycle);
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
  auto stored = ctx.store.read_value<std::optional<std::string>>(
      [&](sql::Connection& db) -> Result<std::optional<std::string>> {
        return storage::program_setting(db, std::string(storage::kDemoSignInsSetting));
      });
  if (!stored) return error_response(stored.error());
  auto options = ctx.store.read_value<services::SsoSignInOptions>(
      [](sql::Connection& db) -> Result<services::SsoSignInOptions> { return services::sign_in_options(db); });
  if (!options) return error_response(options.error());
  json sso = nullptr;
  if (options->provider_name)
    sso = {{"provider_name", *options->provider_name}, {"start_url", "/api/v1/auth/sso/start"}};
  json demo = nullptr;
  if (*stored) {
    const json parsed = json::parse(**stored, nullptr, false);
    if (parsed.is_object() && parsed.contains("password") && parsed.contains("accounts")) demo = parsed;
  }
  // `mail`: whether this server sends mail; without it, "Forgot password" has nothing to send.
  return json_response(200, {{"demo", demo},
                             {"sso", sso},
                             {"password_sign_in", options->password_sign_in},
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
