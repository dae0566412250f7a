#include "services/single_sign_on.hpp"

#include <algorithm>

#include "common/crypto.hpp"
#include "common/timezone_names.hpp"
#include "domain/text.hpp"
#include "identity/jose.hpp"
#include "services/admin_audit.hpp"
#include "services/sign_in.hpp"
#include "storage/access_repo.hpp"
#include "storage/auth_repo.hpp"
#include "storage/people_repo.hpp"
#include "storage/profile_writes.hpp"

namespace mh::services {

namespace {

using storage::SsoSettings;

constexpr Seconds kCacheLifetime{3600};

Error refused(std::string message) { return Error{ErrorCode::unauthenticated, std::move(message), {}}; }

// The domains of a list separated by commas, semicolons or spaces, in lower case, without a
// leading '@'. Any other byte stays in its domain, so validation still sees control characters.
std::vector<std::string> email_domains(const std::string& list) {
  std::vector<std::string> out;
  std::string domain;
  const auto flush = [&] {
    if (!domain.empty()) out.push_back(ascii_lower(domain));
    domain.clear();
  };
  for (char c : list) {
    if (c == ',' || c == ';' || c == ' ') flush();
    else if (c != '@' || !domain.empty()) domain += c;
  }
  flush();
  return out;
}

// Whether `email`'s domain is one of `list` (the whole domain: a subdomain is another domain).
bool in_trusted_domain(const std::string& email, const std::string& list) {
  const auto at = email.rfind('@');
  if (at == std::string::npos) return false;
  const std::string domain = ascii_lower(std::string_view(email).substr(at + 1));
  const auto trusted = email_domains(list);
  return std::find(trusted.begin(), trusted.end(), domain) != trusted.end();
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

bool has_control(const std::string& s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

Status text_limits(const std::string& value, const char* field, std::size_t max, bool required = true) {
  if (required && value.empty()) return invalid(field, "is required");
  if (value.size() > max) return invalid(field, "is longer than " + std::to_string(max) + " characters");
  if (has_control(value)) return invalid(field, "must not contain control characters");
  return {};
}

Status validate(const SsoSettings& s) {
  MH_CHECK(text_limits(s.display_name, "display_name", 60));
  if (auto why = identity::issuer_problem(s.issuer); !why.empty()) return invalid("issuer", why);
  MH_CHECK(text_limits(s.client_id, "client_id", 255));
  MH_CHECK(text_limits(s.client_secret, "client_secret", 1000));
  if (s.token_auth_method != "client_secret_basic" && s.token_auth_method != "client_secret_post")
    return invalid("token_auth_method", "must be client_secret_basic or client_secret_post");
  MH_CHECK(text_limits(s.scopes, "scopes", 300));
  if ((" " + s.scopes + " ").find(" openid ") == std::string::npos) return invalid("scopes", "must include openid");
  if (s.scopes.find_first_of("\"\\") != std::string::npos) return invalid("scopes", "must be space-separated scope names");
  if (auto why = identity::issuer_problem(s.public_url); !why.empty()) return invalid("public_url", why);
  MH_CHECK(text_limits(s.name_claim, "name_claim", 100));
  MH_CHECK(text_limits(s.department_claim, "department_claim", 100));
  MH_CHECK(text_limits(s.title_claim, "title_claim", 100));
  MH_CHECK(text_limits(s.email_claim, "email_claim", 100, true));
  MH_CHECK(text_limits(s.trusted_email_domains, "trusted_email_domains", 1000, false));
  for (const std::string& d : email_domains(s.trusted_email_domains))
    if (!is_plausible_email("x@" + d) || d.find('.') == std::string::npos)
      return invalid("trusted_email_domains", "\"" + d + "\" is not a domain name such as example.com");
  if (s.clock_skew_seconds < 0 || s.clock_skew_seconds > identity::kMaxClockSkew.count())
    return invalid("clock_skew_seconds", "must be between 0 and " + std::to_string(identity::kMaxClockSkew.count()));
  if (!s.break_glass_email.empty() && !is_plausible_email(s.break_glass_email))
    return invalid("break_glass_email", "is not an e-mail address");
  return {};
}

Status admins_only(const Person& actor) {
  if (!actor.is_admin) return forbidden("only a program administrator may configure single sign-on");
  return {};
}

Result<HttpReply> fetch_json(const IdentityProviders& providers, const std::string& url, const char* what) {
  auto reply = providers.send(HttpCall{"GET", url, {{"Accept", "application/json"}}, {}});
  if (!reply) return Error{ErrorCode::unavailable, "the identity provider's " + std::string(what) + " could not be fetched: " + reply.error().message, {}};
  if (reply->status != 200)
    return Error{ErrorCode::unavailable,
                 "the identity provider's " + std::string(what) + " answered HTTP " + std::to_string(reply->status), {}};
  return reply;
}

// The name of a person a first sign-in creates; `email` is the address read from the claims.
std::string name_from(const identity::IdClaims& c, const SsoSettings& s, const std::string& email) {
  std::string name = c.claim(s.name_claim);
  if (name.empty()) {
    const std::string given = c.claim("given_name"), family = c.claim("family_name");
    name = given + (given.empty() || family.empty() ? "" : " ") + family;
  }
  if (name.empty()) name = email.substr(0, email.find('@'));
  return name.substr(0, kMaxNameLength);
}

// The person a checked ID token stands for: by the provider's subject first (stable even when an
// address changes), then by a verified e-mail address (linked from then on), then created when
// the organisation allows it.
Result<std::pair<Person, bool>> person_for(sql::Connection& db, const identity::IdClaims& claims,
                                           const SsoSettings& s, TimePoint now) {
  if (auto id = storage::person_with_identity(db, claims.issuer, claims.subject)) {
    auto p = storage::find_person(db, *id);
    if (p) return std::make_pair(std::move(*p), false);
  }
  const std::string claim = s.email_claim.empty() ? std::string("email") : s.email_claim;
  const std::string email = normalize_email(claims.claim(claim));
  if (email.empty() || !is_plausible_email(email))
    return forbidden("the identity provider did not give an e-mail address (claim " + claim +
                     ") for this account, and it is not linked to anyone here");
  const bool verified = claim == "email" && claims.email_verified;
  if (!verified && !in_trusted_domain(email, s.trusted_email_domains))
    return forbidden("the identity provider has not verified the e-mail address " + email +
                     "; ask your identity provider's administrator to verify it, or, if the provider is the "
                     "authority for " + email.substr(email.find('@') + 1) +
                     ", add that domain to the trusted e-mail domains of single sign-on");
  if (auto p = storage::find_person_by_email(db, email)) return std::make_pair(std::move(*p), false);
  if (!s.create_people)
    return forbidden("there is no Mentorhub account for " + email + "; ask a program administrator to add you");
  Person p;
  p.email = email;
  p.name = name_from(claims, s, email);
  p.department = claims.claim(s.department_claim).substr(0, 200);
  p.title = claims.claim(s.title_claim).substr(0, 200);
  p.created_at = p.updated_at = now;
  if (auto ok = validate_person(p, year_of(now), timezone_problem); !ok)
    return forbidden("the identity provider's claims cannot make a profile (" + ok.error().field + " " + ok.error().message + ")");
  p.id = storage::insert_person(db, p, "");
  return std::make_pair(std::move(p), true);
}

// At every sign-in of someone already here, the department and title follow the provider's
// claims when it gives them: the organisation's directory is where a reorganisation or a new role
// is recorded. The name stays the person's own choice (they may prefer another than the
// directory's), and a claim left empty changes nothing.
void follow_directory_claims(sql::Connection& db, Person& p, const identity::IdClaims& claims, const SsoSettings& s,
                             TimePoint now) {
  const Person before = p;
  bool changed = false;
  auto follow = [&](std::string& field, const std::string& claim_name) {
    if (claim_name.empty()) return;
    const std::string value = claims.claim(claim_name).substr(0, 200);
    if (value.empty() || value == field) return;
    field = value;
    changed = true;
  };
  follow(p.department, s.department_claim);
  follow(p.title, s.title_claim);
  if (!changed) return;
  p.updated_at = now;
  storage::update_person(db, before, p);  // the row and the search entry; skills untouched
}

}  // namespace

Result<identity::ProviderMetadata> IdentityProviders::metadata(const std::string& issuer, TimePoint now) {
  {
    std::lock_guard lock(mutex_);
    if (auto it = metadata_.find(issuer); it != metadata_.end() && now - it->second.second < kCacheLifetime)
      return it->second.first;
  }
  MH_TRY(reply, fetch_json(*this, identity::discovery_url(issuer), "discovery document"));
  MH_TRY(parsed, identity::parse_discovery(reply.body, issuer));
  std::lock_guard lock(mutex_);
  metadata_[issuer] = {parsed, now};
  return parsed;
}

Result<std::shared_ptr<const identity::KeySet>> IdentityProviders::keys(const std::string& jwks_uri, TimePoint now,
                                                                        bool refresh) {
  if (!refresh) {
    std::lock_guard lock(mutex_);
    if (auto it = keys_.find(jwks_uri); it != keys_.end() && now - it->second.second < kCacheLifetime)
      return it->second.first;
  }
  MH_TRY(reply, fetch_json(*this, jwks_uri, "key set (JWKS)"));
  auto parsed = identity::KeySet::parse(reply.body);
  if (!parsed) return Error{ErrorCode::unavailable, parsed.error().message, {}};
  std::lock_guard lock(mutex_);
  ++key_fetches_;
  keys_[jwks_uri] = {*parsed, now};
  return *parsed;
}

int IdentityProviders::key_fetches() const {
  std::lock_guard lock(mutex_);
  return key_fetches_;
}

std::string safe_return_path(const std::string& requested) {
  // Only a path on this server: "//host" and "/\host" would leave it.
  if (requested.empty() || requested.front() != '/' || requested.size() > 500) return "/";
  if (requested.size() > 1 && (requested[1] == '/' || requested[1] == '\\')) return "/";
  if (has_control(requested) || requested.find('\\') != std::string::npos) return "/";
  return requested;
}

namespace {

// The command line acts as a person without an id (cli/sso_command.cpp): nobody in the trail.
std::optional<PersonId> command_line_or(const Person& actor) {
  return actor.id ? std::optional<PersonId>(actor.id) : std::nullopt;
}

}  // namespace

Result<SsoSettings> configure_sso(Store& store, const Person& actor, SsoSettings input, TimePoint now) {
  MH_CHECK(admins_only(actor));
  while (input.public_url.size() > 1 && input.public_url.back() == '/') input.public_url.pop_back();
  input.break_glass_email = normalize_email(input.break_glass_email);
  input.trusted_email_domains = joined(email_domains(input.trusted_email_domains));
  input.updated_at = now;
  return store.write_value<SsoSettings>([&](sql::Connection& db) -> Result<SsoSettings> {
    if (input.client_secret.empty())
      if (auto stored = storage::sso_settings(db)) input.client_secret = stored->client_secret;
    MH_CHECK(validate(input));
    if (!input.password_sign_in) {
      if (input.break_glass_email.empty())
        return invalid("break_glass_email", "is required when password sign-in is turned off, so an administrator can always sign in");
      auto admin = storage::find_person_by_email(db, input.break_glass_email);
      if (!admin || !admin->is_admin || !admin->active)
        return invalid("break_glass_email", "must be the e-mail address of an active program administrator");
    }
    storage::save_sso_settings(db, input);
    record_admin_action(db, now, command_line_or(actor), admin_action::kSsoConfigured, "sso",
                        input.display_name + " (" + input.issuer + "), " + (input.enabled ? "on" : "off") +
                            (input.password_sign_in ? "" : ", password sign-in off"));
    return input;
  });
}

Result<std::optional<SsoSettings>> sso_settings_for(Store& store, const Person& actor) {
  MH_CHECK(admins_only(actor));
  return store.read_value<std::optional<SsoSettings>>(
      [](sql::Connection& db) -> Result<std::optional<SsoSettings>> { return storage::sso_settings(db); });
}

Status remove_sso(Store& store, const Person& actor, TimePoint now) {
  MH_CHECK(admins_only(actor));
  return store.write([&](sql::Connection& db) -> Status {
    auto stored = storage::sso_settings(db);
    if (!stored) return not_found("single sign-on is not configured");
    storage::delete_sso_settings(db);
    record_admin_action(db, now, command_line_or(actor), admin_action::kSsoRemoved, "sso",
                        stored->display_name + " (" + stored->issuer + ")");
    return {};
  });
}

Result<identity::ProviderMetadata> check_sso_provider(Store& store, IdentityProviders& providers, const Person& actor,
                                                      TimePoint now) {
  MH_TRY(settings, sso_settings_for(store, actor));
  if (!settings) return not_found("single sign-on is not configured");
  MH_TRY(metadata, providers.metadata(settings->issuer, now));
  MH_TRY(keys, providers.keys(metadata.jwks_uri, now, true));
  if (keys->size() == 0)
    return Error{ErrorCode::unavailable, "the identity provider publishes no signing key this server can use", {}};
  return metadata;
}

SsoSignInOptions sign_in_options(sql::Connection& db) {
  SsoSignInOptions out;
  if (auto s = storage::sso_settings(db); s && s->enabled) {
    out.provider_name = s->display_name;
    out.password_sign_in = s->password_sign_in;
  }
  return out;
}

Status check_password_sign_in_allowed(sql::Connection& db, const std::string& email) {
  auto s = storage::sso_settings(db);
  if (!s || !s->enabled || s->password_sign_in) return {};
  if (!s->break_glass_email.empty() && normalize_email(email) == s->break_glass_email) return {};
  return forbidden("password sign-in is turned off; sign in with " + s->display_name);
}

Result<SsoStart> begin_sso_sign_in(Store& store, IdentityProviders& providers, TimePoint now, const std::string& return_to) {
  MH_TRY(settings, store.read_value<std::optional<SsoSettings>>(
                       [](sql::Connection& db) -> Result<std::optional<SsoSettings>> { return storage::sso_settings(db); }));
  if (!settings || !settings->enabled) return not_found("single sign-on is not configured");
  MH_TRY(metadata, providers.metadata(settings->issuer, now));
  const std::string state = random_token();
  storage::SsoState row{token_hash(state), random_token(), random_token(), safe_return_path(return_to), now,
                        now + kSsoStateLifetime};
  MH_CHECK(store.write([&](sql::Connection& db) -> Status {
    storage::delete_expired_sso_states(db, now);
    storage::insert_sso_state(db, row);
    return {};
  }));
  return SsoStart{identity::with_query(metadata.authorization_endpoint,
                                       {{"response_type", "code"},
                                        {"client_id", settings->client_id},
                                        {"redirect_uri", settings->public_url + kSsoCallbackPath},
                                        {"scope", settings->scopes},
                                        {"state", state},
                                        {"nonce", row.nonce},
                                        {"code_challenge", identity::pkce_challenge(row.code_verifier)},
                                        {"code_challenge_method", "S256"}})};
}

Result<SsoSignedIn> finish_sso_sign_in(Store& store, IdentityProviders& providers, TimePoint now,
                                       const SsoCallback& callback, Seconds session_ttl,
                                       const std::string& previous_session) {
  if (callback.state.empty() || callback.state.size() > 128)
    return refused("the sign-in came back without its state; start again from the sign-in page");
  using Taken = std::pair<std::optional<storage::SsoState>, std::optional<SsoSettings>>;
  // The state is consumed in a transaction of its own, so it is spent even if what follows fails.
  MH_TRY(taken, store.write_value<Taken>([&](sql::Connection& db) -> Result<Taken> {
    return Taken{storage::take_sso_state(db, token_hash(callback.state)), storage::sso_settings(db)};
  }));
  auto& [state, settings] = taken;
  if (!state) return refused("this sign-in was already used or is unknown; start again from the sign-in page");
  if (state->expires_at < now) return refused("this sign-in took longer than 10 minutes; start again from the sign-in page");
  if (!settings || !settings->enabled) return not_found("single sign-on is not configured");
  if (!callback.error.empty()) {
    std::string why = identity::printable(callback.error, 60);
    if (!callback.error_description.empty()) why += ": " + identity::printable(callback.error_description);
    return refused("the identity provider did not sign you in (" + why + ")");
  }
  if (callback.code.empty() || callback.code.size() > 4096)
    return refused("the identity provider sent no sign-in code; start again from the sign-in page");

  MH_TRY(metadata, providers.metadata(settings->issuer, now));
  std::vector<std::pair<std::string, std::string>> form{{"grant_type", "authorization_code"},
                                                        {"code", callback.code},
                                                        {"redirect_uri", settings->public_url + kSsoCallbackPath},
                                                        {"code_verifier", state->code_verifier}};
  HttpCall call{"POST", metadata.token_endpoint, {{"Content-Type", "application/x-www-form-urlencoded"}}, {}};
  if (settings->token_auth_method == "client_secret_post") {
    form.emplace_back("client_id", settings->client_id);
    form.emplace_back("client_secret", settings->client_secret);
  } else {
    // RFC 6749 2.3.1: both parts form-encoded before they are joined.
    const std::string credentials = identity::form_encode({{"", settings->client_id}}).substr(1) + ":" +
                                    identity::form_encode({{"", settings->client_secret}}).substr(1);
    call.headers.emplace_back("Authorization", "Basic " + identity::base64_encode(credentials));
  }
  call.body = identity::form_encode(form);
  auto reply = providers.send(call);
  if (!reply) return Error{ErrorCode::unavailable, "the identity provider's token endpoint could not be reached: " + reply.error().message, {}};
  MH_TRY(id_token, identity::id_token_from_token_response(reply->status, reply->body));
  MH_TRY(jwt, identity::parse_jwt(id_token));

  const identity::IdTokenExpectations expect{settings->issuer, settings->client_id, state->nonce, now,
                                             Seconds(settings->clock_skew_seconds)};
  MH_TRY(keys, providers.keys(metadata.jwks_uri, now, false));
  if (!keys->find(jwt.key_id)) {
    // Once per sign-in: the provider may have rotated its keys since the set was cached.
    MH_TRY(fresh, providers.keys(metadata.jwks_uri, now, true));
    keys = fresh;
  }
  MH_TRY(claims, identity::check_id_token(jwt, *keys, expect));

  SsoSignedIn out;
  out.return_to = state->return_to;
  MH_CHECK(store.write([&](sql::Connection& db) -> Status {
    MH_TRY(found, person_for(db, claims, *settings, now));
    auto& [person, created] = found;
    if (!person.active) return forbidden("your Mentorhub account is deactivated; ask a program administrator");
    if (!created) follow_directory_claims(db, person, claims, *settings, now);
    storage::link_identity(db, claims.issuer, claims.subject, person.id, now);
    const OpenedSession session = open_session(db, person, callback.client, false, previous_session, now, session_ttl);
    out.session_token = session.token;
    out.csrf_token = session.csrf_token;
    out.expires_at = session.expires_at;
    out.person = std::move(person);
    out.created = created;
    return {};
  }));
  return out;
}

}  // namespace mh::services
