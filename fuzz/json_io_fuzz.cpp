// libFuzzer target: a request body through the JSON input layer (api/json_io), as every route
// reads it: parse_object_body, then each member through the readers a handler would use. Any
// input must end in a value or an ApiError with a 4xx status; anything else (another exception,
// a crash, a sanitizer report) is a finding.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "api/errors.hpp"
#include "api/json_io.hpp"
#include "common/utf8.hpp"

namespace {

using mh::api::ApiError;
using mh::api::json;

void expect_4xx(const ApiError& e) {
  const int status = mh::api::http_status(e.error().code);
  if (status < 400 || status > 499) std::abort();
}

template <typename F>
void read_as(F&& f) {
  try {
    f();
  } catch (const ApiError& e) {
    expect_4xx(e);
  }
}

void read_member(const std::string& key, const json& v) {
  read_as([&] { (void)mh::api::string_field(v, key); });
  read_as([&] { (void)mh::api::int_field(v, key); });
  read_as([&] { (void)mh::api::int_in_range(v, key, -5, 5); });
  read_as([&] { (void)mh::api::bool_field(v, key); });
  read_as([&] { (void)mh::api::id_from_json(v, key); });
  read_as([&] { (void)mh::api::string_list_field(v, key); });
  read_as([&] {
    json holder = json::object();
    holder[key] = v;
    (void)mh::api::text_field(holder, key.c_str(), 100);
  });
  if (v.is_object()) read_as([&] { mh::api::reject_unknown_fields(v, {"name", "level"}, key); });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  mh::http::Request req;
  req.method = "POST";
  req.headers.emplace_back("content-type", "application/json");
  req.body.assign(reinterpret_cast<const char*>(data), size);
  json body;
  try {
    body = mh::api::parse_object_body(req);
  } catch (const ApiError& e) {
    expect_4xx(e);
    return 0;
  }
  // What parse_object_body lets through is an object, nested no deeper than the limit, and
  // valid UTF-8, so it serialises without replacement characters.
  if (!body.is_object() || mh::api::json_depth(body.dump()) > mh::api::kMaxJsonDepth) std::abort();
  if (!mh::is_valid_utf8(body.dump())) std::abort();
  for (const auto& [key, value] : body.items()) read_member(key, value);
  (void)mh::api::json_response(200, body);
  return 0;
}
