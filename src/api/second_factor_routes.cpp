// A person's second factor over HTTP (setting it up, turning it off, new recovery codes) and the
// organisation's requirement for administrators. Thin: each handler parses, checks the password
// when that is the proof given (argon2id, outside any transaction), calls one use case of
// services/second_factor.hpp and renders. Wrong codes and passwords count against the person
// ("second-factor:<id>"), 5 per 15 minutes. The secret and the recovery codes appear in exactly
// one answer each (with Cache-Control: no-store) and in no log line or error.
#include <spdlog/spdlog.h>

#include "api/errors.hpp"
#include "api/json_io.hpp"
#include "api/routes.hpp"
#include "api/throttle.hpp"
#include "common/crypto.hpp"
#include "identity/totp.hpp"
#include "services/second_factor.hpp"
#include "services/sign_in.hpp"
#include "storage/people_repo.hpp"

namespace mh::api {

namespace {

std::string attempts_of(const Ctx& ctx) { return "second-factor:" + std::to_string(ctx.me().id); }

http::Response no_store(http::Response r) {
  r.set_header("Cache-Control", "no-store");
  return r;
}

}  // namespace

json second_factor_status_json(const services::SecondFactorStatus& s, bool session_limited) {
  return {{"enabled", s.enabled},
          {"enabled_at", s.enabled_at ? json(format_iso8601(*s.enabled_at)) : json(nullptr)},
          {"setting_up", s.setting_up},
          {"recovery_codes_left", s.recovery_codes_left},
          {"required", s.required},
          {"session_limited", session_limited}};
}

namespace {

http::Response get_status(Ctx& ctx) {
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    return second_factor_status_json(services::second_factor_status(db, ctx.me()), ctx.caller->enrol_only);
  });
  return respond(out, 200);
}

http::Response start(Ctx& ctx) {
  const json body = optional_object_body(ctx.req);
  reject_unknown_fields(body, {});
  const std::string issuer = services::second_factor_issuer(ctx.settings.organisation);
  auto out = ctx.use_case<json>([&](services::UseCase& uc) -> Result<json> {
    MH_TRY(e, services::start_second_factor(uc, ctx.me(), issuer));
    return json{{"secret", e.secret}, {"otpauth_uri", e.otpauth_uri}, {"issuer", issuer}, {"account", ctx.me().email}};
  });
  return no_store(respond(out, 200));
}

std::string code_of(const json& body) {
  std::string code = string_field(body["code"], "code");
  // A malformed code is refused before it counts as a guess.
  if (!identity::normalize_totp_code(code)) throw_invalid("code", "is the 6-digit code of your authenticator app");
  return code;
}

// Runs `act` in a write transaction; a wrong code (invalid) is counted against the person.
http::Response counted(Ctx& ctx, const std::function<Result<json>(services::UseCase&)>& act, int status) {
  const std::string attempts = attempts_of(ctx);
  if (auto refused = refuse_if_throttled(ctx, {{attempts, ctx.settings.max_failures_per_account}})) return *refused;
  auto out = ctx.use_case<json>([&](services::UseCase& uc) -> Result<json> {
    return act(uc);
  });
  if (!out && out.error().code == ErrorCode::invalid) count_attempt(ctx, attempts);
  if (!out) return error_response(out.error());
  if (status == 204) {
    http::Response r;
    r.status = 204;
    return r;
  }
  return no_store(json_response(status, *out));
}

json codes_json(const std::vector<std::string>& codes) { return {{"recovery_codes", codes}}; }

http::Response confirm(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"code"});
  if (!body.contains("code")) throw_invalid("code", "is required");
  const std::string code = code_of(body);
  const std::string session = ctx.caller->by_cookie ? ctx.caller->token_hash : std::string();
  return counted(
      ctx,
      [&](services::UseCase& uc) -> Result<json> {
        MH_TRY(codes, services::confirm_second_factor(uc, ctx.me(), code, session));
        return codes_json(codes);
      },
      200);
}

// The proof a change needs, the whole of the request's body: a current code (checked in the
// change's transaction) or the password (checked here). Exactly one. A wrong password is counted
// and answered here.
struct Proof {
  std::optional<std::string> code;
  std::optional<http::Response> refused;
};

Proof proof_of(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"code", "password"});
  if (body.contains("code") == body.contains("password"))
    throw_invalid("code", "give either a current code of your authenticator app or your password");
  Proof p;
  if (body.contains("code")) {
    p.code = code_of(body);
    return p;
  }
  const std::string password = string_field(body["password"], "password");
  if (password.empty() || password.size() > 1024) throw_invalid("password", "is not your password");
  auto confirmed = services::confirm_own_password(
      ctx.store, ctx.me(), password, invalid("password", "is not your password"),
      {attempts_of(ctx), ctx.settings.max_failures_per_account}, ctx.settings.failure_window, ctx.now);
  if (!confirmed) p.refused = error_response_with_retry(ctx, confirmed.error());
  return p;
}

http::Response turn_off(Ctx& ctx) {
  Proof proof = proof_of(ctx);
  if (proof.refused) return *proof.refused;
  auto r = counted(
      ctx,
      [&](services::UseCase& uc) -> Result<json> {
        if (proof.code) MH_CHECK(services::check_second_factor_code(uc, ctx.me(), *proof.code));
        MH_CHECK(services::turn_off_second_factor(uc, ctx.me()));
        return json::object();
      },
      204);
  if (r.status == 204) spdlog::info("second factor turned off by person {}", ctx.me().id);
  return r;
}

http::Response new_recovery_codes(Ctx& ctx) {
  Proof proof = proof_of(ctx);
  if (proof.refused) return *proof.refused;
  return counted(
      ctx,
      [&](services::UseCase& uc) -> Result<json> {
        if (proof.code) MH_CHECK(services::check_second_factor_code(uc, ctx.me(), *proof.code));
        MH_TRY(codes, services::regenerate_recovery_codes(uc, ctx.me()));
        return codes_json(codes);
      },
      200);
}

json requirement_json(sql::Connection& db) {
  const services::SecondFactorRequirement r = services::second_factor_requirement(db);
  return {{"required_for_admins", r.required_for_admins},
          {"administrators", r.administrators},
          {"administrators_with_second_factor", r.with_second_factor}};
}

http::Response get_requirement(Ctx& ctx) {
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> { return requirement_json(db); });
  return respond(out, 200);
}

http::Response put_requirement(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  const bool required = bool_field(sole_field(body, "required_for_admins"), "required_for_admins");
  auto out = ctx.use_case<json>([&](services::UseCase& uc) -> Result<json> {
    MH_CHECK(services::set_second_factor_requirement(uc, &ctx.me(), required,
                                                     ctx.caller->by_cookie ? ctx.caller->token_hash : std::string()));
    return requirement_json(uc.db());
  });
  if (out) spdlog::info("second factor for administrators {} by person {}", required ? "required" : "not required",
                        ctx.me().id);
  return respond(out, 200);
}

}  // namespace

void add_second_factor_routes(Routes& routes) {
  routes.add("GET", "/api/v1/me/second-factor", Access::person_setting_up, get_status);
  routes.add("POST", "/api/v1/me/second-factor/start", Access::person_setting_up, start);
  routes.add("POST", "/api/v1/me/second-factor/confirm", Access::person_setting_up, confirm);
  routes.add("POST", "/api/v1/me/second-factor/disable", Access::person, turn_off);
  routes.add("POST", "/api/v1/me/second-factor/recovery-codes", Access::person, new_recovery_codes);
  routes.add("GET", "/api/v1/admin/second-factor", Access::admin, get_requirement);
  routes.add("PUT", "/api/v1/admin/second-factor", Access::admin, put_requirement);
}

}  // namespace mh::api
