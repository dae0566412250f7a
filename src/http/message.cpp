#include "http/message.hpp"

#include "common/utf8.hpp"

namespace mh::http {

std::string_view Request::header(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (k == name) return v;
  return {};
}

const std::string* Request::query_param(std::string_view name) const {
  auto it = query.find(std::string(name));
  return it == query.end() ? nullptr : &it->second;
}

std::string Request::cookie(std::string_view name) const {
  std::string_view all = header("cookie");
  while (!all.empty()) {
    const size_t semi = all.find(';');
    std::string_view part = all.substr(0, semi);
    all = semi == std::string_view::npos ? std::string_view{} : all.substr(semi + 1);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    const size_t eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name) return std::string(part.substr(eq + 1));
  }
  return {};
}

namespace {
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

bool percent_decode(std::string_view in, std::string& out, bool plus_is_space) {
  out.clear();
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return false;
      const int hi = hex_value(in[i + 1]);
      const int lo = hex_value(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return true;
}

std::multimap<std::string, std::string> parse_query(std::string_view query) {
  std::multimap<std::string, std::string> result;
  while (!query.empty()) {
    const size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (pair.empty()) continue;
    const size_t eq = pair.find('=');
    std::string_view raw_key = pair.substr(0, eq);
    std::string_view raw_value = eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1);
    std::string key, value;
    if (!percent_decode(raw_key, key, true)) key = std::string(raw_key);
    if (!percent_decode(raw_value, value, true)) value = std::string(raw_value);
    result.emplace(std::move(key), std::move(value));
  }
  return result;
}

namespace {
// Decoded text the store may see: a NUL byte ends strings in C and PostgreSQL refuses it, and
// PostgreSQL refuses text that is not UTF-8 (an error, so a 500, were it let through).
bool is_storable(std::string_view text) { return text.find('\0') == std::string_view::npos && is_valid_utf8(text); }
}  // namespace

bool parse_target(std::string_view target, std::string& path, std::multimap<std::string, std::string>& query) {
  const std::size_t question = target.find('?');
  const std::string_view raw_path = target.substr(0, question);
  query.clear();
  if (raw_path.empty() || raw_path.front() != '/' || !percent_decode(raw_path, path, false) || !is_storable(path))
    return false;
  if (question == std::string_view::npos) return true;
  query = parse_query(target.substr(question + 1));
  for (const auto& [key, value] : query)
    if (!is_storable(key) || !is_storable(value)) return false;
  return true;
}

const std::vector<std::pair<std::string, std::string>>& security_headers() {
  static const std::vector<std::pair<std::string, std::string>> headers{
      {"Content-Security-Policy",
       "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"},
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "no-referrer"},
      {"X-Frame-Options", "DENY"},
      {"Cross-Origin-Opener-Policy", "same-origin"},
  };
  return headers;
}

}  // namespace mh::http
