// Reading request bodies and query strings, and writing JSON responses. Readers throw
// ApiError naming the field when a value has the wrong type or is out of range, so a bad
// input is always a 4xx, never a 500. Stateless; thread-safe.
#pragma once

#include <chrono>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/result.hpp"
#include "http/message.hpp"

namespace mh::api {

using nlohmann::json;

// The body as a JSON object: 415 unless Content-Type is application/json, 400 if empty,
// malformed, not UTF-8 or nested deeper than kMaxJsonDepth, 422 if not an object.
json parse_object_body(const http::Request& req);
// The same for a body that may be left out entirely: no body reads as {}.
json optional_object_body(const http::Request& req);

constexpr std::size_t kMaxJsonDepth = 32;
// How deep arrays and objects nest in JSON text (brackets inside strings do not count). Meant to
// run before parsing, so it accepts any text and never fails.
std::size_t json_depth(std::string_view text);

http::Response json_response(int status, const json& body);
// JSON text written already (JsonWriter).
http::Response json_text_response(int status, std::string text);
// A link, or null when there is none.
inline json link_or_null(const std::string& link) { return link.empty() ? json(nullptr) : json(link); }
// The value with `status`, or the error's JSON answer.
http::Response respond(const Result<json>& out, int status);
// A CSV file to download as `name` (never cached), or the error.
http::Response csv_download(const Result<std::string>& csv, const std::string& name);

// Ids travel as strings ("12"); numbers are accepted too. 422 naming `field` otherwise.
std::int64_t id_from_json(const json& v, const std::string& field);
// A path parameter as an id; 404 if it is not one (an unknown resource, not a bad input).
std::int64_t id_param(const http::Request& req, const std::string& name);

std::string string_field(const json& v, const std::string& field);
// A string holding a file's text (a CSV file), read as string_field reads it; but a spreadsheet's
// own file sent instead (a script that read an .xlsx or a PDF as text) is named as such, with how
// to save it as CSV, rather than refused for the control characters its bytes contain.
std::string file_text_field(const json& v, const std::string& field);
std::int64_t int_field(const json& v, const std::string& field);
bool bool_field(const json& v, const std::string& field);
std::vector<std::string> string_list_field(const json& v, const std::string& field);
// An integer in [lo, hi], 422 naming the field otherwise.
int int_in_range(const json& v, const std::string& field, int lo, int hi);
// body[field] as a string of at most `max` bytes; 422 "is required" when it is missing.
std::string text_field(const json& body, const char* field, std::size_t max);

// A calendar day "YYYY-MM-DD", or null for none; 422 naming the field for anything else.
std::optional<std::chrono::sys_days> day_or_null_field(const json& v, const std::string& field);
// Its answer: "YYYY-MM-DD", or null for none.
json day_json(const std::optional<std::chrono::sys_days>& day);

// Pagination: `limit` in [1, max] (default def), 422 otherwise; `cursor` is an opaque id.
int limit_param(const http::Request& req, int def, int max);
std::optional<std::int64_t> cursor_param(const http::Request& req);

// Refuses members not in `allowed` with 422 naming the first unknown one.
// `prefix` names the object inside the body, e.g. "objectives[0]".
void reject_unknown_fields(const json& obj, std::initializer_list<const char*> allowed, const std::string& prefix = {});
// The value of `field` in a body that holds nothing else: another field is refused as unknown, a
// missing one as "is required", followed by `why` when there is something to say (": say why").
const json& sole_field(const json& body, const char* field, std::string_view why = {});

}  // namespace mh::api
