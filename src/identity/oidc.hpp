// OpenID Connect for a relying party (OpenID Connect Core 1.0, Discovery 1.0, RFC 7636): reading
// a provider's discovery document and token response, building the authorization request with
// PKCE, and checking an ID token (signature against the provider's keys, issuer, audience,
// expiry, issued-at and not-before within a bounded clock skew, nonce). Every refusal is an
// `unauthenticated` Error whose message says what was wrong in words a person can act on, and
// never repeats a token, code or secret.
// Pure: no I/O (the caller fetches documents), the time passed in. Thread-safe.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "identity/jose.hpp"

namespace mh::identity {

// The parts of a provider's /.well-known/openid-configuration a relying party uses.
struct ProviderMetadata {
  std::string issuer;
  std::string authorization_endpoint;
  std::string token_endpoint;
  std::string jwks_uri;
  std::vector<std::string> code_challenge_methods;  // empty when the provider does not say
};

// The discovery URL of an issuer: "<issuer>/.well-known/openid-configuration".
std::string discovery_url(std::string_view issuer);
// Parses a discovery document; its issuer must be exactly `expected_issuer` (Discovery 4.3) and
// the endpoints http(s) URLs. A provider that lists PKCE methods without S256 is refused.
Result<ProviderMetadata> parse_discovery(std::string_view json_text, std::string_view expected_issuer);

// An issuer as configured: an http(s) URL without query or fragment; "" when acceptable, else why.
std::string issuer_problem(std::string_view issuer);

// RFC 7636: the S256 challenge of a code verifier.
std::string pkce_challenge(std::string_view verifier);

// application/x-www-form-urlencoded, in the given order.
std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields);
// `endpoint` with the fields added to its query (it may already have one).
std::string with_query(std::string_view endpoint, const std::vector<std::pair<std::string, std::string>>& fields);

// The token endpoint's answer: the ID token, or the provider's refusal put in words.
Result<std::string> id_token_from_token_response(int status, std::string_view body);

// A compact JWS split into its parts, not yet trusted.
struct Jwt {
  std::string algorithm;
  std::string key_id;
  std::string signing_input;  // header.payload, as signed
  std::string signature;      // decoded bytes
  std::string payload_json;
};
Result<Jwt> parse_jwt(std::string_view compact);

// What the ID token must say.
struct IdTokenExpectations {
  std::string issuer;
  std::string client_id;
  std::string nonce;
  TimePoint now{};
  Seconds clock_skew{60};  // allowed either way on exp, iat and nbf; at most kMaxClockSkew
};
inline constexpr Seconds kMaxClockSkew{300};

// The claims of a checked ID token. Text claims are kept by name for mapping (name, department,
// title, ...); nested and non-text claims are left out.
struct IdClaims {
  std::string issuer;
  std::string subject;
  std::string email;  // lower-cased as given; empty when absent
  bool email_verified = false;
  std::map<std::string, std::string> text;
  // A text claim, or "" when absent.
  std::string claim(const std::string& name) const;
};

// Checks `jwt` against `keys` and `expect`. The signing key is found by the token's kid; when
// none matches, the message says so (the caller may fetch the key set again once: the provider
// may have rotated its keys).
Result<IdClaims> check_id_token(const Jwt& jwt, const KeySet& keys, const IdTokenExpectations& expect);

// Text a provider sent (an error description) cut to a line of printable characters, so it can
// go into a message.
std::string printable(std::string_view text, std::size_t max = 200);

}  // namespace mh::identity
