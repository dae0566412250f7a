// Single sign-on with OpenID Connect (the authorization code flow with PKCE, state and nonce):
// configuring the organisation's identity provider, starting a sign-in, finishing it at the
// callback (redeeming the code, checking the ID token, finding or creating the person, opening a
// session), and the rule that password sign-in may be turned off for everyone but a break-glass
// administrator.
//
// The provider is reached through `HttpSend`, which the caller supplies (the API layer wraps the
// HTTP client; tests can answer by hand), so this layer stays free of HTTP. A sign-in spans
// several transactions with network calls between them, so these use cases take the Store
// rather than one UseCase: the state is consumed in the first transaction (used once even if
// what follows fails), the person and session are written in the last.
// IdentityProviders is safe across threads; the functions are stateless.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/person.hpp"
#include "identity/oidc.hpp"
#include "storage/sso_repo.hpp"
#include "storage/store.hpp"

namespace mh::services {

struct HttpCall {
  std::string method = "GET";
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};
struct HttpReply {
  int status = 0;
  std::string body;
};
// Sends one request to the identity provider; a transport failure is an `unavailable` Error.
using HttpSend = std::function<Result<HttpReply>(const HttpCall&)>;

// What the server remembers of identity providers between sign-ins: their discovery documents
// and key sets, for an hour. A token signed with a key not in the cached set makes the caller
// fetch the set again once (the provider may have rotated its keys).
class IdentityProviders {
 public:
  explicit IdentityProviders(HttpSend send) : send_(std::move(send)) {}
  Result<identity::ProviderMetadata> metadata(const std::string& issuer, TimePoint now);
  // The key set at `jwks_uri`, from the cache unless `refresh` or it is older than an hour.
  Result<std::shared_ptr<const identity::KeySet>> keys(const std::string& jwks_uri, TimePoint now, bool refresh);
  Result<HttpReply> send(const HttpCall& call) const { return send_(call); }
  // How many times key sets were fetched (for tests and the log).
  int key_fetches() const;

 private:
  HttpSend send_;
  mutable std::mutex mutex_;
  std::map<std::string, std::pair<identity::ProviderMetadata, TimePoint>> metadata_;
  std::map<std::string, std::pair<std::shared_ptr<const identity::KeySet>, TimePoint>> keys_;
  int key_fetches_ = 0;
};

inline constexpr Seconds kSsoStateLifetime{600};
inline constexpr const char* kSsoCallbackPath = "/api/v1/auth/sso/callback";

// An administrator's settings for the provider. An empty client_secret keeps the stored one.
struct SsoConfiguration {
  storage::SsoSettings settings;
};
// Checks and saves the settings (administrators only). Invalid values are `invalid` naming the
// field (issuer, client_id, public_url, break_glass_email, ...); turning password sign-in off
// needs a break-glass e-mail of an active administrator, so nobody is locked out.
Result<storage::SsoSettings> configure_sso(Store& store, const Person& actor, storage::SsoSettings input, TimePoint now);
// The settings as an administrator sees them (the secret is the caller's to leave out).
Result<std::optional<storage::SsoSettings>> sso_settings_for(Store& store, const Person& actor);
// Forgets the provider (administrators only); password sign-in works for everyone again.
Status remove_sso(Store& store, const Person& actor, TimePoint now);
// Checks that the provider answers: its discovery document and key set (administrators only).
Result<identity::ProviderMetadata> check_sso_provider(Store& store, IdentityProviders& providers, const Person& actor,
                                                      TimePoint now);

// What the sign-in page shows before anyone signs in.
struct SsoSignInOptions {
  std::optional<std::string> provider_name;  // set when single sign-on is configured and on
  bool password_sign_in = true;
};
SsoSignInOptions sign_in_options(sql::Connection& db);
// `forbidden` when password sign-in is turned off and `email` is not the break-glass account.
Status check_password_sign_in_allowed(sql::Connection& db, const std::string& email);

// Starting a sign-in: the provider's authorization URL to send the browser to.
struct SsoStart {
  std::string authorization_url;
};
Result<SsoStart> begin_sso_sign_in(Store& store, IdentityProviders& providers, TimePoint now, const std::string& return_to);

// The callback's parameters, as the provider sent them back.
struct SsoCallback {
  std::string state;
  std::string code;
  std::string error;  // the provider's refusal (access_denied, ...), if any
  std::string error_description;
  std::string client;  // the browser, as domain/access.hpp describe_client names it
};
struct SsoSignedIn {
  Person person;
  bool created = false;  // made just now (just-in-time)
  std::string session_token;
  std::string csrf_token;
  TimePoint expires_at{};
  std::string return_to = "/";
};
// Finishes a sign-in. Refusals: `unauthenticated` with what was wrong (an unknown, used or
// expired state; the provider's refusal; a code it would not redeem; an ID token whose
// signature, issuer, audience, times or nonce are wrong), `forbidden` when the person may not
// sign in (no account and no just-in-time creation, an unverified e-mail, deactivated),
// `unavailable` when the provider cannot be reached. No session is written unless it succeeds.
// `previous_session` (the session cookie the browser came with, may be empty) is ended, as a
// password sign-in does (open_session in services/sign_in.hpp).
Result<SsoSignedIn> finish_sso_sign_in(Store& store, IdentityProviders& providers, TimePoint now,
                                       const SsoCallback& callback, Seconds session_ttl,
                                       const std::string& previous_session);

// A return path after sign-in: a local path ("/requests"), anything else becomes "/".
std::string safe_return_path(const std::string& requested);

}  // namespace mh::services
