// The HTTP request and response as plain structs. This is the boundary between the Beast
// server (http/server.cpp, the only file that includes Beast) and everything above it:
// handlers in src/api see these, never a socket. Plain values; not shared across threads.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mh::http {

struct Request {
  std::string method;  // upper case: "GET", "POST", ...
  std::string path;    // percent-decoded path without the query, e.g. "/api/v1/people/12"
  std::multimap<std::string, std::string> query;         // decoded query parameters
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::string remote_address;
  std::string request_id;  // set by the server, echoed as X-Request-Id
  std::map<std::string, std::string> params;  // path parameters, set by the router
  // The route that answered, named for metrics and the access log by whoever dispatched the
  // request (the application: a route's pattern, or "unmatched" or "static"). Empty when the
  // request never reached it (the server's own 400, 413 and 431).
  std::string route;

  // First header with this (lower-case) name, or "".
  std::string_view header(std::string_view name) const;
  // First query parameter with this name, or nullptr.
  const std::string* query_param(std::string_view name) const;
  // A cookie from the Cookie header, or "".
  std::string cookie(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;  // added as they are
  std::string body;

  void set_header(std::string name, std::string value) { headers.emplace_back(std::move(name), std::move(value)); }
};

// The headers every response carries, whatever answers it (a handler, a static file, the
// server's own 400/413/431): no inline script or style, no framing, no referrer, no sniffing.
// The web app is built to need nothing inline (Vite's output is files), so the policy is strict.
const std::vector<std::pair<std::string, std::string>>& security_headers();

// Decodes %XX and, when plus_is_space, '+' (query strings). Returns false on a bad escape.
bool percent_decode(std::string_view in, std::string& out, bool plus_is_space);
// Parses "a=1&b=x%20y" into decoded pairs; malformed escapes are kept verbatim.
std::multimap<std::string, std::string> parse_query(std::string_view query);
// Splits a request target ("/people?q=ann") into its decoded path and query parameters. False
// (the server answers 400) when the path does not start with '/' or has a bad escape, or when
// the path or any query key or value decodes to a NUL byte or to text that is not UTF-8.
bool parse_target(std::string_view target, std::string& path, std::multimap<std::string, std::string>& query);

}  // namespace mh::http
