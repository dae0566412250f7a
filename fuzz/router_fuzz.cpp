// libFuzzer target: the request target as the server takes it apart (http::parse_target, the
// percent decoding and query splitting) and the router's match on the result, over a table
// shaped like the API's. Also the Cookie header reader. Checks that a target parse_target
// accepts decodes to a path starting with '/', free of NUL bytes and valid UTF-8, and that a
// match's parameters are non-empty segments of that path.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "http/message.hpp"
#include "common/utf8.hpp"
#include "http/router.hpp"

namespace {

const mh::http::Router& router() {
  static const mh::http::Router r = [] {
    mh::http::Router table;
    auto ok = [](mh::http::Request&) { return mh::http::Response{}; };
    for (const char* pattern : {"/api/v1/me", "/api/v1/people", "/api/v1/people/{id}", "/api/v1/people/me",
                                "/api/v1/relationships/{id}/meetings/{meeting_id}", "/api/v1/circles/{id}/members/{person_id}",
                                "/api/v1/flash/topics/{id}/slots", "/healthz", "/api/v1/me/tokens/{id}"}) {
      table.add("GET", pattern, ok);
      table.add("PATCH", pattern, ok);
    }
    table.add("POST", "/api/v1/people/{id}/deactivate", ok);
    return table;
  }();
  return r;
}

bool has_segment(std::string_view path, std::string_view segment) {
  std::size_t at = 0;
  while ((at = path.find(segment, at)) != std::string_view::npos) {
    const bool starts = at > 0 && path[at - 1] == '/';
    const bool ends = at + segment.size() == path.size() || path[at + segment.size()] == '/';
    if (starts && ends) return true;
    ++at;
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string path;
  std::multimap<std::string, std::string> query;
  if (mh::http::parse_target(input, path, query)) {
    if (path.empty() || path.front() != '/' || path.find('\0') != std::string::npos || !mh::is_valid_utf8(path))
      std::abort();
    for (const auto& [k, v] : query)
      if (!mh::is_valid_utf8(k) || !mh::is_valid_utf8(v)) std::abort();
    for (const char* method : {"GET", "PATCH", "POST", "DELETE"}) {
      const auto m = router().match(method, path);
      if (m.handler && m.path_known) std::abort();
      for (const auto& [name, value] : m.params)
        if (value.empty() || !has_segment(path, value)) std::abort();
    }
  }
  mh::http::Request req;
  req.headers.emplace_back("cookie", std::string(input));
  const std::string session = req.cookie("mh_session");
  if (session.size() > size) std::abort();
  return 0;
}
