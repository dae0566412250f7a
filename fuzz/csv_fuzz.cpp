// libFuzzer target: the CSV reader every CSV file goes through (common/csv: Reader and
// map_header), after the file's bytes are decoded and its separator sniffed as the imports do
// (common/file_text), with small limits so that the fuzzer reaches them. The decoded text is
// always well-formed UTF-8, whatever the bytes. The first record
// is mapped as a header against a few columns, then every record is read to the end. Checks
// what the reader promises: it always ends, a record keeps at most max_fields fields of at most
// max_field_bytes each, lines never go backwards, and a problem names a line within the text.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "common/csv.hpp"
#include "common/file_text.hpp"
#include "common/utf8.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const mh::csv::FileText file(std::string_view(reinterpret_cast<const char*>(data), size));
  const std::string_view text = file.text();
  if (!mh::is_valid_utf8(text)) std::abort();
  mh::csv::Limits limits;
  limits.max_fields = 8;
  limits.max_field_bytes = 64;
  limits.separator = mh::csv::sniff_separator(text);
  mh::csv::Reader reader(text, limits);
  static const std::array<mh::csv::Column, 3> columns{{
      {"id", {}, true},
      {"name", {"full name"}, true},
      {"manager_id", {"manager", "manager id"}, false},
  }};
  const auto lines = static_cast<int>(std::count(text.begin(), text.end(), '\n') + std::count(text.begin(), text.end(), '\r')) + 1;
  int last_line = 0;
  bool first = true;
  // Every step consumes input, so the reader ends within one step per byte (and one more).
  for (std::size_t steps = 0;; ++steps) {
    if (steps > text.size() + 1) std::abort();
    const auto step = reader.next();
    if (step == mh::csv::Reader::Step::end) break;
    if (reader.line() < last_line || reader.line() < 1 || reader.line() > lines) std::abort();
    last_line = reader.line();
    if (step == mh::csv::Reader::Step::problem) {
      const auto& p = reader.problem();
      if (p.line < 1 || p.line > lines || p.message.empty()) std::abort();
      (void)mh::csv::to_string(p);
      continue;
    }
    const auto fields = reader.fields();
    if (fields.size() > limits.max_fields || fields.size() > reader.size()) std::abort();
    for (const auto& f : fields) {
      if (f.size() > limits.max_field_bytes) std::abort();
      (void)mh::csv::shown(f);
      (void)mh::csv::trim(f);
    }
    if (first) {
      first = false;
      const auto mapped = mh::csv::map_header(reader, columns, {.allow_unknown = (size % 2) == 0});
      if (mapped.header.has_value() == !mapped.problems.empty()) std::abort();
      if (mapped.header)
        for (int at : mapped.header->field_of)
          if (at >= static_cast<int>(mapped.header->width())) std::abort();
    }
  }
  return 0;
}
