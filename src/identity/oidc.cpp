#include "identity/oidc.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <optional>

#include <nlohmann/json.hpp>

#include "identity/percent_encoding.hpp"

namespace mh::identity {

namespace {

using nlohmann::json;

Error refused(std::string message) { return Error{ErrorCode::unauthenticated, std::move(message), {}}; }

bool is_http_url(std::string_view url) {
  return (url.starts_with("https://") && url.size() > 8) || (url.starts_with("http://") && url.size() > 7);
}

std::string text_member(const json& obj, const char* name) {
  auto it = obj.find(name);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// NumericDate: seconds since the epoch, integer or fractional.
std::optional<long long> date_member(const json& obj, const char* name) {
  auto it = obj.find(name);
  if (it == obj.end()) return std::nullopt;
  if (it->is_number_integer()) return it->get<long long>();
  if (it->is_number_float()) {
    const double d = it->get<double>();
    if (d > -1e15 && d < 1e15) return static_cast<long long>(d);
  }
  return std::nullopt;
}

}  // namespace

std::string printable(std::string_view text, std::size_t max) {
  std::string out;
  for (const char c : text) {
    if (out.size() >= max) {
      out += "...";
      break;
    }
    const auto u = static_cast<unsigned char>(c);
    out.push_back(u < 0x20 || u == 0x7f ? ' ' : c);
  }
  return out;
}

std::string discovery_url(std::string_view issuer) {
  std::string base(issuer);
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/.well-known/openid-configuration";
}

std::string issuer_problem(std::string_view issuer) {
  if (!is_http_url(issuer)) return "must be an http:// or https:// URL";
  if (issuer.find_first_of("?#") != std::string_view::npos) return "must not have a query or fragment";
  if (issuer.size() > 500) return "is longer than 500 characters";
  if (std::any_of(issuer.begin(), issuer.end(), [](char c) { return static_cast<unsigned char>(c) <= 0x20; }))
    return "must not contain spaces or control characters";
  return {};
}

Result<ProviderMetadata> parse_discovery(std::string_view json_text, std::string_view expected_issuer) {
  const json doc = json::parse(json_text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object())
    return Error{ErrorCode::unavailable, "the identity provider's discovery document is not a JSON object", {}};
  ProviderMetadata m;
  m.issuer = text_member(doc, "issuer");
  m.authorization_endpoint = text_member(doc, "authorization_endpoint");
  m.token_endpoint = text_member(doc, "token_endpoint");
  m.jwks_uri = text_member(doc, "jwks_uri");
  if (m.issuer != expected_issuer)
    return Error{ErrorCode::unavailable,
                 "the identity provider's discovery document names issuer \"" + printable(m.issuer) +
                     "\", not the configured \"" + std::string(expected_issuer) + "\"",
                 {}};
  for (const auto* e : {&m.authorization_endpoint, &m.token_endpoint, &m.jwks_uri})
    if (!is_http_url(*e))
      return Error{ErrorCode::unavailable,
                   "the identity provider's discovery document lacks an http(s) authorization_endpoint, "
                   "token_endpoint or jwks_uri",
                   {}};
  if (auto it = doc.find("code_challenge_methods_supported"); it != doc.end() && it->is_array()) {
    for (const json& v : *it)
      if (v.is_string()) m.code_challenge_methods.push_back(v.get<std::string>());
    if (std::find(m.code_challenge_methods.begin(), m.code_challenge_methods.end(), "S256") ==
        m.code_challenge_methods.end())
      return Error{ErrorCode::unavailable, "the identity provider does not support PKCE with S256", {}};
  }
  return m;
}

std::string pkce_challenge(std::string_view verifier) { return base64url_encode(sha256(verifier)); }

std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [k, v] : fields) {
    if (!out.empty()) out += '&';
    out += percent_encode(k) + "=" + percent_encode(v);
  }
  return out;
}

std::string with_query(std::string_view endpoint, const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string url(endpoint);
  url += url.find('?') == std::string::npos ? '?' : '&';
  return url + form_encode(fields);
}

Result<std::string> id_token_from_token_response(int status, std::string_view body) {
  const json doc = json::parse(body, nullptr, false);
  if (status != 200) {
    std::string why = "HTTP " + std::to_string(status);
    if (doc.is_object() && !text_member(doc, "error").empty()) {
      why = printable(text_member(doc, "error"), 60);
      const std::string description = text_member(doc, "error_description");
      if (!description.empty()) why += ": " + printable(description);
    }
    return refused("the identity provider did not accept the sign-in code (" + why + ")");
  }
  if (!doc.is_object()) return refused("the identity provider's token response is not JSON");
  std::string token = text_member(doc, "id_token");
  if (token.empty()) return refused("the identity provider's token response has no ID token (is the openid scope allowed?)");
  return token;
}

Result<Jwt> parse_jwt(std::string_view compact) {
  if (compact.size() > 64 * 1024) return refused("the ID token is larger than 64 KiB");
  const auto first = compact.find('.');
  const auto second = first == std::string_view::npos ? first : compact.find('.', first + 1);
  if (second == std::string_view::npos || compact.find('.', second + 1) != std::string_view::npos)
    return refused("the ID token is not a signed JWT (three dot-separated parts)");
  auto header_text = base64url_decode(compact.substr(0, first));
  auto payload = base64url_decode(compact.substr(first + 1, second - first - 1));
  auto signature = base64url_decode(compact.substr(second + 1));
  if (!header_text || !payload || !signature) return refused("the ID token is not valid base64url");
  const json header = json::parse(*header_text, nullptr, false);
  if (!header.is_object()) return refused("the ID token's header is not a JSON object");
  if (header.contains("crit")) return refused("the ID token has critical header parameters this server does not understand");
  Jwt jwt;
  jwt.algorithm = text_member(header, "alg");
  jwt.key_id = text_member(header, "kid");
  jwt.signing_input = std::string(compact.substr(0, second));
  jwt.signature = std::move(*signature);
  jwt.payload_json = std::move(*payload);
  return jwt;
}

std::string IdClaims::claim(const std::string& name) const {
  auto it = text.find(name);
  return it == text.end() ? std::string() : it->second;
}

Result<IdClaims> check_id_token(const Jwt& jwt, const KeySet& keys, const IdTokenExpectations& expect) {
  if (!is_supported_algorithm(jwt.algorithm))
    return refused("the ID token is signed with \"" + printable(jwt.algorithm, 20) +
                   "\", which this server does not accept (RS256, RS384, RS512, PS256, ES256, ES384)");
  const PublicKey* key = keys.find(jwt.key_id);
  if (!key)
    return refused("the ID token is signed with a key the identity provider does not publish (kid \"" +
                   printable(jwt.key_id, 64) + "\")");
  if (!key->verifies(jwt.algorithm, jwt.signing_input, jwt.signature))
    return refused("the ID token's signature does not verify with the identity provider's key");

  const json claims = json::parse(jwt.payload_json, nullptr, false);
  if (!claims.is_object()) return refused("the ID token's claims are not a JSON object");
  IdClaims out;
  out.issuer = text_member(claims, "iss");
  if (out.issuer != expect.issuer)
    return refused("the ID token was issued by \"" + printable(out.issuer) + "\", not by the configured issuer");

  bool audience_ok = false;
  std::size_t audiences = 0;
  if (auto it = claims.find("aud"); it != claims.end()) {
    if (it->is_string()) {
      audiences = 1;
      audience_ok = it->get<std::string>() == expect.client_id;
    } else if (it->is_array()) {
      for (const json& a : *it) {
        ++audiences;
        if (a.is_string() && a.get<std::string>() == expect.client_id) audience_ok = true;
      }
    }
  }
  if (!audience_ok) return refused("the ID token is meant for another application (its audience is not this client)");
  const std::string azp = text_member(claims, "azp");
  if ((audiences > 1 || !azp.empty()) && azp != expect.client_id)
    return refused("the ID token was issued to another party (azp is not this client)");

  const Seconds skew = std::min(std::max(expect.clock_skew, Seconds(0)), kMaxClockSkew);
  const long long now = expect.now.time_since_epoch().count();
  const auto exp = date_member(claims, "exp");
  const auto iat = date_member(claims, "iat");
  if (!exp) return refused("the ID token has no expiry time (exp)");
  if (!iat) return refused("the ID token has no issue time (iat)");
  if (now > *exp + skew.count()) return refused("the ID token has expired; sign in again");
  if (*iat > now + skew.count())
    return refused("the ID token was issued in the future; check the clocks of this server and the identity provider");
  if (auto nbf = date_member(claims, "nbf"); nbf && *nbf > now + skew.count())
    return refused("the ID token is not valid yet (nbf); check the clocks of this server and the identity provider");
  if (expect.nonce.empty() || text_member(claims, "nonce") != expect.nonce)
    return refused("the ID token does not carry the nonce of this sign-in; start again");

  out.subject = text_member(claims, "sub");
  if (out.subject.empty() || out.subject.size() > 255) return refused("the ID token has no usable subject (sub)");
  for (auto it = claims.begin(); it != claims.end(); ++it)
    if (it->is_string()) out.text[it.key()] = it->get<std::string>();
  out.email = text_member(claims, "email");
  if (auto it = claims.find("email_verified"); it != claims.end())
    out.email_verified = (it->is_boolean() && it->get<bool>()) || (it->is_string() && it->get<std::string>() == "true");
  return out;
}

}  // namespace mh::identity
