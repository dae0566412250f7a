#include "api/json_io.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstring>

#include "api/errors.hpp"
#include "common/file_text.hpp"
#include "common/utf8.hpp"
#include "domain/availability.hpp"
#include "domain/text.hpp"

namespace mh::api {

std::size_t json_depth(std::string_view text) {
  std::size_t depth = 0, deepest = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

json parse_object_body(const http::Request& req) {
  std::string type = ascii_lower(req.header("content-type").substr(0, req.header("content-type").find(';')));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  if (type != "application/json")
    throw ApiError(Error{ErrorCode::unsupported_media_type, "send the body as JSON with Content-Type: application/json", {}});
  if (req.body.empty()) throw ApiError(bad_request("the request body is empty; a JSON object is expected"));
  if (!is_valid_utf8(req.body)) throw ApiError(bad_request("the request body is not valid UTF-8"));
  // The parser itself keeps no deep stack, but every reader after it (comparison, dump, the
  // destructor of older releases) recurses; no request of ours nests more than a few levels.
  if (json_depth(req.body) > kMaxJsonDepth)
    throw ApiError(bad_request("the request body nests deeper than " + std::to_string(kMaxJsonDepth) + " levels"));
  json body = json::parse(req.body, nullptr, false);
  if (body.is_discarded()) throw ApiError(bad_request("the request body is not valid JSON"));
  if (!body.is_object()) throw ApiError(invalid("", "the request body must be a JSON object"));
  return body;
}

http::Response json_response(int status, const json& body) {
  http::Response r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
  return r;
}

http::Response json_text_response(int status, std::string text) {
  http::Response r;
  r.status = status;
  r.body = std::move(text);
  return r;
}

http::Response respond(const Result<json>& out, int status) {
  if (!out) return error_response(out.error());
  return json_response(status, *out);
}

namespace {
std::optional<std::int64_t> parse_id(std::string_view s) {
  std::int64_t v = 0;
  if (s.empty() || s.size() > 18) return std::nullopt;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v <= 0) return std::nullopt;
  return v;
}
}  // namespace

std::int64_t id_from_json(const json& v, const std::string& field) {
  if (v.is_string())
    if (auto id = parse_id(v.get<std::string>())) return *id;
  if (v.is_number_integer() && !(v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) &&
      v.get<std::int64_t>() > 0)
    return v.get<std::int64_t>();
  throw_invalid(field, "must be an id such as \"12\"");
}

std::int64_t id_param(const http::Request& req, const std::string& name) {
  auto it = req.params.find(name);
  if (it != req.params.end())
    if (auto id = parse_id(it->second)) return *id;
  throw ApiError(not_found("no such " + name + ": " + (it == req.params.end() ? "" : it->second)));
}

std::optional<std::chrono::sys_days> day_or_null_field(const json& v, const std::string& field) {
  if (v.is_null()) return std::nullopt;
  if (!v.is_string()) throw_invalid(field, "must be a date, YYYY-MM-DD, or null");
  auto day = parse_day(v.get<std::string>());
  if (!day) throw_invalid(field, "must be a date that exists, written YYYY-MM-DD");
  return day;
}

json day_json(const std::optional<std::chrono::sys_days>& day) {
  return day ? json(format_day(*day)) : json(nullptr);
}

std::string string_field(const json& v, const std::string& field) {
  if (!v.is_string()) throw_invalid(field, "must be a string");
  std::string text = v.get<std::string>();
  if (has_stray_control_characters(text))
    throw_invalid(field, "must not contain control characters other than line breaks and tabs");
  return text;
}

std::string file_text_field(const json& v, const std::string& field) {
  if (v.is_string())
    if (auto problem = csv::not_text_problem(v.get_ref<const std::string&>()))
      throw ApiError(Error{ErrorCode::invalid, *problem, field});  // "the file is ...", as the page says it
  return string_field(v, field);
}

std::int64_t int_field(const json& v, const std::string& field) {
  if (!v.is_number_integer()) throw_invalid(field, "must be an integer");
  // nlohmann keeps integers above INT64_MAX as unsigned; read as int64 they would wrap to negatives.
  if (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))
    throw_invalid(field, "is too large");
  return v.get<std::int64_t>();
}

bool bool_field(const json& v, const std::string& field) {
  if (!v.is_boolean()) throw_invalid(field, "must be true or false");
  return v.get<bool>();
}

std::vector<std::string> string_list_field(const json& v, const std::string& field) {
  if (!v.is_array()) throw_invalid(field, "must be a list of strings");
  std::vector<std::string> out;
  for (size_t i = 0; i < v.size(); ++i) out.push_back(string_field(v[i], field + "[" + std::to_string(i) + "]"));
  return out;
}

int int_in_range(const json& v, const std::string& field, int lo, int hi) {
  const auto n = int_field(v, field);
  if (n < lo || n > hi) throw_invalid(field, "must be between " + std::to_string(lo) + " and " + std::to_string(hi));
  return static_cast<int>(n);
}

std::string text_field(const json& body, const char* field, std::size_t max) {
  // operator[] on a const object must not be asked for a missing member (it reads past the
  // map's end), so a forgotten contains() check at a call site must not become an over-read.
  const auto it = body.find(field);
  if (it == body.end()) throw_invalid(field, "is required");
  std::string t = string_field(*it, field);
  if (t.size() > max) throw_invalid(field, "is longer than " + std::to_string(max) + " characters");
  return t;
}

int limit_param(const http::Request& req, int def, int max) {
  const std::string* raw = req.query_param("limit");
  if (!raw) return def;
  int v = 0;
  auto [p, ec] = std::from_chars(raw->data(), raw->data() + raw->size(), v);
  if (ec != std::errc() || p != raw->data() + raw->size() || v < 1 || v > max)
    throw_invalid("limit", "must be an integer from 1 to " + std::to_string(max));
  return v;
}

std::optional<std::int64_t> cursor_param(const http::Request& req) {
  const std::string* raw = req.query_param("cursor");
  if (!raw || raw->empty()) return std::nullopt;
  if (auto id = parse_id(*raw)) return id;
  throw_invalid("cursor", "is not a cursor returned by this list");
}

void reject_unknown_fields(const json& obj, std::initializer_list<const char*> allowed, const std::string& prefix) {
  for (const auto& item : obj.items()) {
    const std::string& key = item.key();
    if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return key == a; }))
      throw_invalid(prefix.empty() ? key : prefix + "." + key, "is not a known field here");
  }
}

const json& sole_field(const json& body, const char* field, std::string_view why) {
  reject_unknown_fields(body, {field});
  if (!body.contains(field)) throw_invalid(field, why.empty() ? "is required" : "is required: " + std::string(why));
  return body.at(field);
}

json optional_object_body(const http::Request& req) {
  if (req.body.empty()) return json::object();
  return parse_object_body(req);
}

http::Response csv_download(const Result<std::string>& csv, const std::string& name) {
  if (!csv) return error_response(csv.error());
  http::Response r;
  r.status = 200;
  r.content_type = "text/csv; charset=utf-8";
  r.body = *csv;
  r.set_header("Content-Disposition", "attachment; filename=\"" + name + "\"");
  r.set_header("Cache-Control", "no-store");
  return r;
}

}  // namespace mh::api
