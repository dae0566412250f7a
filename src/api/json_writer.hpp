// JSON text written straight into a string, for answers made of many rows (a page of people):
// no document is built, copied and torn down on the way. The text is the same as nlohmann's
// `dump` of the same values with invalid UTF-8 replaced (json_response), so a reader cannot
// tell which wrote it. The caller keeps the structure right (a key before each member's value,
// every object and array closed); commas are the writer's business. Not thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace mh::api {

class JsonWriter {
 public:
  JsonWriter& begin_object() { return open('{'); }
  JsonWriter& end_object() { return close('}'); }
  JsonWriter& begin_array() { return open('['); }
  JsonWriter& end_array() { return close(']'); }
  JsonWriter& key(std::string_view name);

  JsonWriter& string(std::string_view text);
  JsonWriter& number(std::int64_t n);
  JsonWriter& boolean(bool b);
  JsonWriter& null();
  // Any value built with nlohmann, dumped in place.
  JsonWriter& value(const nlohmann::json& v);
  // A whole value another JsonWriter wrote (a person kept as text: api/person_texts.hpp), as it is.
  JsonWriter& raw(std::string_view json_text);
  // Opens an object whose first members are those of `object_text`, a whole object another
  // JsonWriter wrote, for the caller to add more members to and end.
  JsonWriter& begin_object_with(std::string_view object_text);
  void reserve(std::size_t bytes) { out_.reserve(bytes); }

  const std::string& text() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  // A comma before this value unless it opens its container or follows its key.
  void before_value();
  JsonWriter& open(char bracket);
  JsonWriter& close(char bracket);

  std::string out_;
  bool after_item_ = false;
};

}  // namespace mh::api
