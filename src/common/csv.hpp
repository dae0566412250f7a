// Reading CSV files written by people and spreadsheets: one RFC 4180 reader and a header mapper,
// shared by the cohort file (matching/cohort_csv) and the people import (domain/people_import),
// with the problem list both report through; and the writer of the CSV exports. The reader streams over
// text the caller owns and keeps, so memory stays bounded by the limits whatever the input; no
// input, however malformed, is undefined behaviour. Depends on std only. A Reader is one
// sequence of reads and is not to be shared across threads; the free functions are thread-safe.
//
// What the reader accepts (RFC 4180 and what spreadsheets really write):
//  - fields separated by commas (or the separator Limits names); a field may be enclosed in
//    double quotes, and then holds separators, line breaks and doubled quotes ("" for one ");
//    spaces or tabs around a quoted field are dropped (` "a, b" ` is `a, b`);
//  - records ending in LF, CRLF or a lone CR, the last one with or without a line break; a line
//    break inside quotes is given to the caller as one LF, whatever it was in the file;
//  - a UTF-8 byte-order mark at the very start, which is skipped;
//  - blank records (no text, or only empty and blank fields, which spreadsheets export for empty
//    rows) are skipped, but their lines still count.
// What it refuses, naming the line: a quoted field that is never closed (the rest of the file
// is that field, so reading ends), text after a closing quote, a quote inside an unquoted field
// (reading resumes on the next line), and a field longer than the limit (the record is read to
// its end and refused). Fields are not trimmed or checked for UTF-8: that is the caller's.
#pragma once

#include <cstddef>
#include <functional>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mh::csv {

// Something wrong with the file, on the line it concerns (1 is the first line): the line where
// the record starts, or for a quote, the line of that quote. `column` and `value` say where in
// the row when one value is at fault, so that a caller can list the problems as a table.
struct Problem {
  int line = 0;
  std::string message;  // a sentence without the line, e.g. "name is required"
  std::string column;   // the column at fault as messages name it ("name"), or empty
  std::string value;    // the value at fault, shown() as in messages, or empty (none, or empty)
  std::string reason;   // the message without the column's name when it starts with it
                        // ("is required"); empty when the message is the reason
};

// A problem of one value: the message is the column's name and the reason ("name" and "is
// required" make "name is required").
Problem in_column(int line, std::string column, std::string value, std::string reason);

// "line 3: name is required".
std::string to_string(const Problem& p);

struct Limits {
  // Fields kept per record; fields beyond it are counted (Reader::size) but not kept, so a line
  // of endless commas costs no memory.
  std::size_t max_fields = 1000;
  std::size_t max_field_bytes = 10'000;
  // Between fields: a comma, or a semicolon or tab (common/file_text.hpp sniff_separator). A
  // tab separator is never taken for padding around a quoted field.
  char separator = ',';
};

class Reader {
 public:
  enum class Step { record, end, problem };

  // `text` must outlive the reader.
  explicit Reader(std::string_view text, Limits limits = {});
  explicit Reader(const char* text, Limits limits = {}) : Reader(std::string_view(text), limits) {}
  Reader(std::string&&, Limits = {}) = delete;  // a temporary would not outlive the reader

  // Reads the next record that is not blank. `record`: its fields are in fields(); `problem`:
  // the record is malformed (problem() says why) and reading may go on with the next one;
  // `end`: no more records (also after a quoted field that is never closed).
  Step next();

  // Names the columns in messages ("the quoted value of name ..."); "column N" otherwise.
  void name_columns(std::vector<std::string> names) { names_ = std::move(names); }

  int line() const { return record_line_; }  // where the current record starts
  std::size_t offset() const { return pos_; }  // bytes read so far, for progress bars
  // How many fields the current record has, including any beyond Limits::max_fields.
  std::size_t size() const { return count_; }
  // The kept fields of the current record (at most Limits::max_fields), as in the file.
  std::span<const std::string> fields() const { return {fields_.data(), kept_}; }
  // Field i of the current record, or empty when the record has no such (kept) field.
  std::string_view field(std::size_t i) const { return i < kept_ ? std::string_view(fields_[i]) : std::string_view{}; }
  const Problem& problem() const { return problem_; }

 private:
  enum class Field { more, last, bad, unterminated };
  Step read_record();
  Field read_field(std::string* out, std::size_t index);
  bool is_padding(char c) const { return c == ' ' || (c == '\t' && limits_.separator != '\t'); }
  void append(std::string* out, std::string_view s, std::size_t& length, std::size_t index);
  void end_line();
  void skip_to_next_line();
  void fail(int line, std::string message, std::size_t index);
  std::string column(std::size_t index) const;

  std::string_view text_;
  Limits limits_;
  char unquoted_stops_[5] = {',', '\r', '\n', '"', '\0'};  // where an unquoted field ends
  std::size_t pos_ = 0;
  int line_ = 1;
  int record_line_ = 1;
  std::vector<std::string> fields_;  // reused between records to keep their buffers
  std::size_t kept_ = 0;
  std::size_t count_ = 0;
  std::vector<std::string> names_;
  Problem problem_;
  bool failed_in_record_ = false;
  bool any_text_ = false;  // the record has a character other than a space or tab
  bool done_ = false;
};

// A column the caller knows, for map_header.
struct Column {
  std::string name;                  // the canonical name, as messages show it: "manager_id"
  std::vector<std::string> aliases;  // other names accepted for it: "manager", "manager id"
  bool required = false;
};

// The file's columns matched to the caller's. Lookup is by the caller's column index.
struct Header {
  int line = 0;                            // where the header row starts
  std::vector<int> field_of;               // per caller column: the field's index, or -1
  std::vector<std::string> field_names;    // per field of the file: the canonical name shown in
                                           // messages ("" for an ignored unknown column)
  std::vector<std::string> ignored;        // unknown columns, as written, when allowed
  std::size_t width() const { return field_names.size(); }
};

struct HeaderOptions {
  bool allow_unknown = false;  // ignore (and list) unknown columns instead of refusing them
  // Two names of one column ("First Name", "Legal First Name"): read the one earlier among the
  // column's names (its own name, then the aliases in order) and ignore (and list) the other,
  // instead of refusing the header. The same name twice is still refused.
  bool prefer_among_aliases = false;
};

// Matches the fields of the current record of `reader` (the header row) to `columns`. Names
// match when equal ignoring ASCII case and every ASCII character other than letters and digits
// ("Manager ID", "manager-id", "manager_id", "ManagerID" and "Manager (ID)" are one name).
// Every problem is reported, each on the header's line: an empty name, an unknown name (unless
// allowed), a column given twice (also under two aliases), a missing required column.
struct HeaderResult {
  std::optional<Header> header;   // set when there are no problems
  std::vector<Problem> problems;
};
HeaderResult map_header(const Reader& reader, std::span<const Column> columns, const HeaderOptions& options = {});

// The header row of a file whose first record `reader` has read: that record, or, when it does
// not name the columns, the first of the next `max_rows_above` records that does, since a
// report's export puts its title, the date it ran or its filters above the column names.
// `refine`, if given, adds the caller's own problems to a mapped header (a name column or two)
// and then resets `header`. When no record maps, the problems of the one that came closest (the
// fewest; the earliest on a tie). The reader is left on the header, or past the records tried.
inline constexpr int kMaxRowsAboveHeader = 10;  // what find_header's callers look past
HeaderResult find_header(Reader& reader, std::span<const Column> columns, const HeaderOptions& options,
                         int max_rows_above, const std::function<void(HeaderResult&, const Reader&)>& refine = {});

// The key names are compared by: ASCII letters in lower case, digits and non-ASCII bytes kept,
// every other ASCII character (spaces, '_', '-', '.', '(', '#', ...) dropped.
std::string column_key(std::string_view name);

// Whether `s` is well-formed UTF-8 (no overlong forms, surrogates or values past U+10FFFF).
bool valid_utf8(std::string_view s);

// A value quoted for a message, which may end up in JSON or on a terminal: control bytes and
// (in text that is not UTF-8) bytes above ASCII become '?', and a long value is cut with "..."
// at a character boundary.
std::string shown(std::string_view value);

// Spaces and tabs dropped from both ends.
std::string_view trim(std::string_view s);

// The items of a list value: separated by semicolons, or by line breaks when a spreadsheet cell
// held one item per line; each trimmed, empty items (a trailing semicolon) dropped.
std::vector<std::string_view> split_list(std::string_view value);

// A file's problems in line order, keeping the first `keep` and counting the others, so a file
// of a million bad rows costs no more memory than one of a hundred.
class ProblemList {
 public:
  explicit ProblemList(std::size_t keep = 100) : keep_(keep) {}
  void add(int line, std::string message) { add(Problem{line, std::move(message), {}, {}, {}}); }
  void add(Problem p);  // kept whole: its column, value and reason too
  bool empty() const { return total_ == 0; }
  std::size_t total() const { return total_; }
  // Both lists' problems in line order (each list is in line order, so their first `keep` are
  // enough), and how many are left out.
  static ProblemList merge(ProblemList a, ProblemList b);
  // The kept problems, in line order when they were added in line order (or merged).
  const std::vector<Problem>& kept() const { return kept_; }
  std::size_t left_out() const { return total_ - kept_.size(); }
  // One problem per line ("line 3: name is required"), then "and N more problems".
  std::string message() const;

 private:
  std::size_t keep_;
  std::vector<Problem> kept_;
  std::size_t total_ = 0;
};

// Writing CSV (RFC 4180, CRLF line ends): a field is quoted when it holds a comma, a quote, a
// line break or a leading or trailing space, with its quotes doubled. A field a spreadsheet would
// run as a formula (starting with =, +, - or @) is prefixed with a quote character, so an export
// opened in a spreadsheet never executes what a person typed.
void append_field(std::string& out, std::string_view field);
// The fields joined by commas and ended with CRLF.
void append_row(std::string& out, std::initializer_list<std::string_view> fields);
void append_row(std::string& out, std::span<const std::string> fields);

}  // namespace mh::csv
