// What a spreadsheet or an HR system really saves as "CSV", read as the UTF-8, comma-or-other
// separated text the CSV reader takes. Excel on Windows saves "CSV" in the machine's code page
// (Windows-1252 in Western Europe and the Americas) and, where a comma is the decimal mark (France,
// Germany, Portugal, Spain, ...), separates fields with semicolons; its "Unicode text" is UTF-16
// with tabs. A file from any of them should import as it is, not fail on "Employee ID;Name" as one
// unknown column or on every accented name. Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mh::csv {

// A file's bytes as UTF-8 text, and what they were.
class FileText {
 public:
  // UTF-8, with or without a byte-order mark, is taken as it is (no copy; `bytes` must outlive
  // this). UTF-16 with a byte-order mark (little or big endian) is converted; any other bytes
  // that are not well-formed UTF-8 are read as Windows-1252 and converted. Bytes that stand for
  // no character (an unpaired surrogate, an odd last byte, the five unassigned Windows-1252
  // codes) become U+FFFD.
  explicit FileText(std::string_view bytes);
  FileText(const FileText&) = delete;
  FileText& operator=(const FileText&) = delete;

  std::string_view text() const { return converted_ ? std::string_view(*converted_) : bytes_; }
  // "UTF-8", "UTF-16LE", "UTF-16BE" or "Windows-1252".
  const char* encoding() const { return encoding_; }

 private:
  std::string_view bytes_;
  std::optional<std::string> converted_;
  const char* encoding_ = "UTF-8";
};

// When `bytes` are a spreadsheet's own file rather than text (an .xlsx or .ods workbook, an
// Excel 97-2003 .xls, a PDF): a problem that says so and how to save CSV instead, since read as
// text they would only give a puzzling "column missing". Nothing for anything else.
std::optional<std::string> not_text_problem(std::string_view bytes);

// The separator of the fields of `text`: of comma, semicolon and tab, the one found most often
// outside quotes in its first record that has any (the header row, or a report's title above it
// when the title is padded with separators); a comma when none of the first 11 records has one,
// or on a tie.
char sniff_separator(std::string_view text);

// How messages name a separator: "commas", "semicolons", "tabs".
const char* separator_name(char separator);

}  // namespace mh::csv
