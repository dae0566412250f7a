#include "http/static_files.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <system_error>

namespace mh::http {

namespace fs = std::filesystem;

namespace {

std::string_view mime_type(std::string ext) {
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  struct Entry {
    std::string_view ext;
    std::string_view type;
  };
  static constexpr Entry kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff", "font/woff"},
      {".woff2", "font/woff2"},
      {".ttf", "font/ttf"},
      {".txt", "text/plain; charset=utf-8"},
      {".wasm", "application/wasm"},
  };
  for (const Entry& e : kTypes)
    if (e.ext == ext) return e.type;
  return "application/octet-stream";
}

// Rejects anything that could name a file outside the root or confuse the filesystem.
// `path` is already percent-decoded once by the server; a second decoding catches
// double-encoded "%2e%2e" too, whatever layer might decode it again later.
bool is_safe_path(std::string_view path, bool decode_again = true) {
  if (path.empty() || path.front() != '/') return false;
  for (const char c : path)
    if (c == '\\' || static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return false;
  std::string_view rest = path;
  while (!rest.empty()) {
    const std::size_t slash = rest.find('/');
    const std::string_view segment = rest.substr(0, slash);
    if (segment == "." || segment == "..") return false;
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  if (decode_again && path.find('%') != std::string_view::npos) {
    std::string decoded;
    // A '%' that does not start an escape is just a character, not an attack.
    if (percent_decode(path, decoded, false)) return is_safe_path(decoded, false);
  }
  return true;
}

bool is_within(const fs::path& root, const fs::path& p) {
  const auto [root_end, _] = std::mismatch(root.begin(), root.end(), p.begin(), p.end());
  return root_end == root.end();
}

// The canonical path of an existing regular file under root, else empty.
fs::path regular_file_within(const fs::path& root, const fs::path& candidate) {
  std::error_code ec;
  fs::path canonical = fs::canonical(candidate, ec);
  if (ec || !is_within(root, canonical)) return {};
  if (fs::is_directory(canonical, ec)) {
    canonical = fs::canonical(canonical / "index.html", ec);
    if (ec || !is_within(root, canonical)) return {};
  }
  if (!fs::is_regular_file(canonical, ec) || ec) return {};
  return canonical;
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
  while (!if_none_match.empty()) {
    const std::size_t comma = if_none_match.find(',');
    std::string_view tag = if_none_match.substr(0, comma);
    if_none_match = comma == std::string_view::npos ? std::string_view{} : if_none_match.substr(comma + 1);
    while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
    while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
    // If-None-Match uses weak comparison (RFC 9110 13.1.2).
    if (tag.substr(0, 2) == "W/") tag.remove_prefix(2);
    if (tag == "*" || tag == etag) return true;
  }
  return false;
}

bool read_whole_file(const fs::path& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

}  // namespace

StaticFiles::StaticFiles(fs::path root) {
  std::error_code ec;
  fs::path canonical = fs::canonical(root, ec);
  root_ = ec ? root.lexically_normal() : std::move(canonical);
}

std::optional<Response> StaticFiles::serve(const Request& request) const {
  if (request.method != "GET" && request.method != "HEAD") return std::nullopt;
  const std::string_view path = request.path;
  if (path == "/api" || path.starts_with("/api/")) return std::nullopt;
  if (!is_safe_path(path)) return std::nullopt;
  const bool is_asset_path = path.starts_with("/assets/");

  // Without its leading slashes, so that "//etc/passwd" cannot become an absolute path.
  std::string_view relative = path;
  while (!relative.empty() && relative.front() == '/') relative.remove_prefix(1);
  fs::path file = regular_file_within(root_, root_ / fs::path(relative));
  if (file.empty()) {
    // Only extension-less paths are client-side routes; a missing "x.js" is a real 404, and
    // /assets/ holds nothing but files.
    const std::string_view last = path.substr(path.rfind('/') + 1);
    if (is_asset_path || last.find('.') != std::string_view::npos) return std::nullopt;
    file = regular_file_within(root_, root_ / "index.html");
    if (file.empty()) return std::nullopt;
  }

  std::error_code ec;
  const auto size = fs::file_size(file, ec);
  if (ec) return std::nullopt;
  const auto mtime = fs::last_write_time(file, ec);
  if (ec) return std::nullopt;
  char etag[64];
  std::snprintf(etag, sizeof etag, "\"%llx-%llx\"", static_cast<unsigned long long>(size),
                static_cast<unsigned long long>(mtime.time_since_epoch().count()));

  Response response;
  response.content_type = std::string(mime_type(file.extension().string()));
  response.set_header("ETag", etag);
  const bool is_index = file.filename() == "index.html";
  response.set_header("Cache-Control",
                      is_asset_path && !is_index ? "public, max-age=31536000, immutable" : "no-cache");
  response.set_header("X-Content-Type-Options", "nosniff");
  if (etag_matches(request.header("if-none-match"), etag)) {
    response.status = 304;
    return response;
  }
  if (!read_whole_file(file, response.body)) return std::nullopt;
  return response;
}

}  // namespace mh::http
