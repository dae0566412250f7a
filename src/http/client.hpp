// A small outbound HTTP/1.1 client for talking to an identity provider (discovery, keys, the
// token endpoint): one request per connection, http:// or https:// (OpenSSL, the peer's
// certificate checked against the system's trust store and the host name), a deadline on the
// whole exchange, a cap on the answer's size, redirects not followed. client.cpp includes Beast;
// this header must not. Blocking; safe to call from many threads at once (nothing is shared).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.hpp"

namespace mh::http {

struct ClientRequest {
  std::string method = "GET";
  std::string url;  // http://host[:port]/path?query or https://...
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::chrono::milliseconds timeout{10'000};
  std::size_t max_response_bytes = 1 << 20;
};

struct ClientResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::string_view header(std::string_view name) const;
};

// Sends the request and reads the whole answer. Failures to connect, a deadline passed, a TLS
// failure or an answer too large are `unavailable` errors whose message names the host (never
// the body or a header value, which may carry secrets); a malformed URL is `invalid`.
Result<ClientResponse> fetch(const ClientRequest& request);

// A URL split for connecting.
struct Url {
  bool tls = false;
  std::string host;
  std::string port;
  std::string target;  // path and query, at least "/"
};
Result<Url> parse_url(std::string_view url);

}  // namespace mh::http
