#include "api/json_writer.hpp"

#include <charconv>
#include <cstdint>
#include <cstring>

namespace mh::api {

namespace {

// Printable ASCII other than the quote and the backslash is written as it is by any JSON
// writer; anything else (escapes, multi-byte UTF-8, bytes that are not UTF-8) goes through
// nlohmann, so that escaping and replacement stay exactly its own.
bool plain_byte(unsigned char c) { return c >= 0x20 && c <= 0x7e && c != '"' && c != '\\'; }

// Eight bytes at a time: a page of people is mostly long plain text (bios, titles), and one
// comparison per byte was most of writing it. Each test below is exact for "any byte of the
// word" (a borrow only runs upwards from a byte that already matched).
bool plain_word(std::uint64_t x) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHighs = 0x8080808080808080ULL;
  const auto has_zero_byte = [](std::uint64_t v) { return ((v - kOnes) & ~v & kHighs) != 0; };
  const bool control = ((x - kOnes * 0x20) & ~x & kHighs) != 0;  // a byte below 0x20
  const bool high = (((x + kOnes) | x) & kHighs) != 0;           // a byte above 0x7e
  return !control && !high && !has_zero_byte(x ^ (kOnes * '"')) && !has_zero_byte(x ^ (kOnes * '\\'));
}

bool writes_as_is(std::string_view s) {
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t word;
    std::memcpy(&word, s.data() + i, 8);
    if (!plain_word(word)) return false;
  }
  for (; i < s.size(); ++i)
    if (!plain_byte(static_cast<unsigned char>(s[i]))) return false;
  return true;
}

}  // namespace

void JsonWriter::before_value() {
  if (after_item_) out_ += ',';
  after_item_ = true;
}

JsonWriter& JsonWriter::open(char bracket) {
  before_value();
  out_ += bracket;
  after_item_ = false;
  return *this;
}

JsonWriter& JsonWriter::close(char bracket) {
  out_ += bracket;
  after_item_ = true;
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
  string(name);
  out_ += ':';
  after_item_ = false;
  return *this;
}

JsonWriter& JsonWriter::string(std::string_view text) {
  before_value();
  if (writes_as_is(text)) {
    out_ += '"';
    out_ += text;
    out_ += '"';
  } else {
    out_ += nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  return *this;
}

JsonWriter& JsonWriter::number(std::int64_t n) {
  before_value();
  char buf[24];  // an int64 in decimal is at most 20 characters
  out_.append(buf, std::to_chars(buf, buf + sizeof buf, n).ptr);
  return *this;
}

JsonWriter& JsonWriter::boolean(bool b) {
  before_value();
  out_ += b ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::null() {
  before_value();
  out_ += "null";
  return *this;
}

JsonWriter& JsonWriter::value(const nlohmann::json& v) {
  before_value();
  out_ += v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return *this;
}

JsonWriter& JsonWriter::raw(std::string_view json_text) {
  before_value();
  out_ += json_text;
  return *this;
}

JsonWriter& JsonWriter::begin_object_with(std::string_view object_text) {
  before_value();
  out_ += object_text.substr(0, object_text.size() - 1);  // without its closing brace
  after_item_ = object_text.size() > 2;                   // "{}" has no member to follow
  return *this;
}

}  // namespace mh::api
