#include "common/csv.hpp"

#include "common/utf8.hpp"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <unordered_map>

namespace mh::csv {
namespace {

constexpr std::size_t kShownBytes = 40;

bool is_blank_char(char c) { return c == ' ' || c == '\t'; }

bool is_control(unsigned char c) { return c < 0x20 || c == 0x7F; }


}  // namespace

std::string to_string(const Problem& p) { return "line " + std::to_string(p.line) + ": " + p.message; }

Problem in_column(int line, std::string column, std::string value, std::string reason) {
  std::string message = column + " " + reason;
  return Problem{line, std::move(message), std::move(column), std::move(value), std::move(reason)};
}

Reader::Reader(std::string_view text, Limits limits) : text_(text), limits_(limits) {
  if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
  unquoted_stops_[0] = limits_.separator;
}

Reader::Step Reader::next() {
  for (;;) {
    if (done_ || pos_ >= text_.size()) {
      done_ = true;
      kept_ = count_ = 0;
      return Step::end;
    }
    const Step step = read_record();
    if (step != Step::record || any_text_) return step;
  }
}

Reader::Step Reader::read_record() {
  record_line_ = line_;
  kept_ = count_ = 0;
  failed_in_record_ = false;
  any_text_ = false;
  for (;;) {
    std::string* out = nullptr;
    if (count_ < limits_.max_fields) {
      if (fields_.size() <= count_) fields_.emplace_back();
      out = &fields_[count_];
      out->clear();
      kept_ = count_ + 1;
    }
    const std::size_t index = count_++;
    switch (read_field(out, index)) {
      case Field::more:
        continue;
      case Field::last:
        return failed_in_record_ ? Step::problem : Step::record;
      case Field::bad:
        // Where a malformed record really ends cannot be known; the next line is the best guess.
        skip_to_next_line();
        return Step::problem;
      case Field::unterminated:
        done_ = true;
        return Step::problem;
    }
  }
}

void Reader::append(std::string* out, std::string_view s, std::size_t& length, std::size_t index) {
  if (!any_text_)
    for (char c : s)
      if (!is_blank_char(c)) {
        any_text_ = true;
        break;
      }
  length += s.size();
  if (length > limits_.max_field_bytes) {
    // The record is still read to its end, so that the next one starts where it should.
    if (!failed_in_record_) {
      failed_in_record_ = true;
      problem_ = in_column(record_line_, column(index), {}, "is longer than " + std::to_string(limits_.max_field_bytes) + " bytes");
    }
    return;
  }
  if (out) out->append(s);
}

Reader::Field Reader::read_field(std::string* out, std::size_t index) {
  const std::size_t size = text_.size();
  std::size_t length = 0;
  std::size_t p = pos_;
  while (p < size && is_padding(text_[p])) ++p;
  if (p < size && text_[p] == '"') {
    const int opened = line_;
    pos_ = p + 1;
    for (;;) {
      const std::size_t stop = text_.find_first_of("\"\r\n", pos_);
      if (stop == std::string_view::npos) {
        fail(opened, "the quoted value of " + column(index) + " that starts on this line is never closed", index);
        pos_ = size;
        return Field::unterminated;
      }
      append(out, text_.substr(pos_, stop - pos_), length, index);
      pos_ = stop;
      if (text_[pos_] == '"') {
        if (pos_ + 1 < size && text_[pos_ + 1] == '"') {
          append(out, "\"", length, index);
          pos_ += 2;
        } else {
          ++pos_;
          break;
        }
      } else {
        append(out, "\n", length, index);
        end_line();
      }
    }
    while (pos_ < size && is_padding(text_[pos_])) ++pos_;
    if (pos_ >= size) return Field::last;
    if (text_[pos_] == limits_.separator) {
      ++pos_;
      return Field::more;
    }
    if (text_[pos_] == '\r' || text_[pos_] == '\n') {
      end_line();
      return Field::last;
    }
    fail(line_,
         "unexpected text after the closing quote of " + column(index) +
             "; a quote inside a quoted value is written twice (\"\")",
         index);
    return Field::bad;
  }

  std::size_t stop = text_.find_first_of(unquoted_stops_, pos_);
  if (stop == std::string_view::npos) stop = size;
  if (stop < size && text_[stop] == '"') {
    fail(line_,
         "a quote inside the unquoted value of " + column(index) +
             "; put the whole value in quotes and write the quote twice (\"\")",
         index);
    pos_ = stop;
    return Field::bad;
  }
  append(out, text_.substr(pos_, stop - pos_), length, index);
  pos_ = stop;
  if (pos_ >= size) return Field::last;
  if (text_[pos_] == limits_.separator) {
    ++pos_;
    return Field::more;
  }
  end_line();
  return Field::last;
}

void Reader::end_line() {
  pos_ += (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ? 2 : 1;
  if (line_ < INT_MAX) ++line_;  // a file of two billion lines only gets its last lines misnamed
}

void Reader::skip_to_next_line() {
  const std::size_t stop = text_.find_first_of("\r\n", pos_);
  if (stop == std::string_view::npos) {
    pos_ = text_.size();
    return;
  }
  pos_ = stop;
  end_line();
}

void Reader::fail(int line, std::string message, std::size_t index) {
  if (failed_in_record_) return;  // the first problem of a record is the one worth reading
  failed_in_record_ = true;
  problem_ = Problem{line, std::move(message), column(index), {}, {}};
}

std::string Reader::column(std::size_t index) const {
  if (index < names_.size() && !names_[index].empty()) return names_[index];
  return "column " + std::to_string(index + 1);
}

std::string column_key(std::string_view name) {
  std::string key;
  key.reserve(name.size());
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80 || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) key += c;
    else if (c >= 'A' && c <= 'Z') key += static_cast<char>(c - 'A' + 'a');
    // Spaces, underscores, hyphens, dots, brackets, '#': how systems write the same name.
  }
  return key;
}

HeaderResult map_header(const Reader& reader, std::span<const Column> columns, const HeaderOptions& options) {
  HeaderResult out;
  const int line = reader.line();
  auto problem = [&](std::string message) { out.problems.push_back(Problem{line, std::move(message), {}, {}, {}}); };
  if (reader.size() > reader.fields().size()) {
    problem("the header has " + std::to_string(reader.size()) + " columns, more than the " +
            std::to_string(reader.fields().size()) + " a file may have");
    return out;
  }

  // Each name's column and rank among that column's names (0 for its own name, then the aliases
  // in their order).
  struct Known {
    std::size_t column = 0;
    std::size_t rank = 0;
  };
  std::unordered_map<std::string, Known> by_key;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    by_key.emplace(column_key(columns[c].name), Known{c, 0});
    for (std::size_t a = 0; a < columns[c].aliases.size(); ++a)
      by_key.emplace(column_key(columns[c].aliases[a]), Known{c, a + 1});
  }
  std::vector<std::size_t> rank_of(columns.size(), 0);

  Header header;
  header.line = line;
  header.field_of.assign(columns.size(), -1);
  std::vector<std::string> unknown;
  for (std::size_t i = 0; i < reader.fields().size(); ++i) {
    const std::string_view raw = trim(reader.fields()[i]);
    header.field_names.emplace_back();
    if (raw.empty()) {
      problem("column " + std::to_string(i + 1) + " of the header has no name");
      continue;
    }
    const std::string key = column_key(raw);
    const auto it = by_key.find(key);
    if (it == by_key.end()) {
      if (options.allow_unknown) header.ignored.emplace_back(raw);
      else unknown.push_back(shown(raw));
      continue;
    }
    const std::size_t c = it->second.column;
    const Column& column = columns[c];
    int& field = header.field_of[c];
    if (field >= 0) {
      const std::string_view first = trim(reader.fields()[static_cast<std::size_t>(field)]);
      if (column_key(first) == key) {
        problem("column " + shown(raw) + " appears twice");
      } else if (options.prefer_among_aliases) {
        // "First Name" beside "Legal First Name": the better-known name wins, the other is ignored.
        if (it->second.rank < rank_of[c]) {
          header.ignored.emplace_back(first);
          header.field_names[static_cast<std::size_t>(field)].clear();
          field = static_cast<int>(i);
          rank_of[c] = it->second.rank;
          header.field_names.back() = column.name;
        } else {
          header.ignored.emplace_back(raw);
        }
      } else {
        problem("column " + shown(raw) + " and column " + shown(first) + " both give " + column.name);
      }
      continue;
    }
    field = static_cast<int>(i);
    rank_of[c] = it->second.rank;
    header.field_names.back() = column.name;
  }
  if (!unknown.empty()) {
    std::string list, known;
    for (const std::string& u : unknown) list += (list.empty() ? "" : ", ") + u;
    for (const Column& c : columns) known += (known.empty() ? "" : ", ") + c.name;
    problem(std::string(unknown.size() == 1 ? "unknown column " : "unknown columns ") + list + " (the columns are " +
            known + ")");
  }
  for (std::size_t c = 0; c < columns.size(); ++c)
    if (columns[c].required && header.field_of[c] < 0)
      problem("the required column \"" + columns[c].name + "\" is missing");
  if (out.problems.empty()) out.header = std::move(header);
  return out;
}

HeaderResult find_header(Reader& reader, std::span<const Column> columns, const HeaderOptions& options,
                         int max_rows_above, const std::function<void(HeaderResult&, const Reader&)>& refine) {
  const auto map = [&] {
    HeaderResult mapped = map_header(reader, columns, options);
    if (mapped.header && refine) refine(mapped, reader);
    return mapped;
  };
  HeaderResult best = map();
  for (int above = 0; !best.header && above < max_rows_above; ++above) {
    if (reader.next() != Reader::Step::record) break;
    HeaderResult later = map();
    if (later.header || later.problems.size() < best.problems.size()) best = std::move(later);
  }
  return best;
}

bool valid_utf8(std::string_view s) { return is_valid_utf8(s); }

std::string shown(std::string_view v) {
  const bool utf8 = valid_utf8(v);
  std::string out = "\"";
  for (char ch : v) {
    const auto c = static_cast<unsigned char>(ch);
    if (out.size() > kShownBytes && (c & 0xC0) != 0x80) {
      out += "...";
      break;
    }
    out += (is_control(c) || (!utf8 && c >= 0x80)) ? '?' : ch;
  }
  return out + "\"";
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_blank_char(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank_char(s.back())) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> split_list(std::string_view v) {
  std::vector<std::string_view> items;
  while (!v.empty()) {
    const std::size_t cut = v.find_first_of(";\n");
    const std::string_view item = trim(v.substr(0, cut));
    if (!item.empty()) items.push_back(item);
    if (cut == std::string_view::npos) break;
    v.remove_prefix(cut + 1);
  }
  return items;
}

void ProblemList::add(Problem p) {
  ++total_;
  if (kept_.size() < keep_) kept_.push_back(std::move(p));
}

ProblemList ProblemList::merge(ProblemList a, ProblemList b) {
  auto& all = a.kept_;
  all.insert(all.end(), std::make_move_iterator(b.kept_.begin()), std::make_move_iterator(b.kept_.end()));
  std::stable_sort(all.begin(), all.end(), [](const Problem& x, const Problem& y) { return x.line < y.line; });
  if (all.size() > a.keep_) all.resize(a.keep_);
  a.total_ += b.total_;
  return a;
}

std::string ProblemList::message() const {
  std::string out;
  for (const Problem& p : kept_) out += (out.empty() ? "" : "\n") + to_string(p);
  if (left_out() > 0) out += "\nand " + std::to_string(left_out()) + " more problem" + (left_out() == 1 ? "" : "s");
  return out;
}

void append_field(std::string& out, std::string_view field) {
  const bool formula = !field.empty() && (field[0] == '=' || field[0] == '+' || field[0] == '-' || field[0] == '@');
  const bool quote = formula || field.find_first_of(",\"\r\n") != std::string_view::npos ||
                     (!field.empty() && (is_blank_char(field.front()) || is_blank_char(field.back())));
  if (!quote) {
    out += field;
    return;
  }
  out += '"';
  if (formula) out += '\'';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void append_row(std::string& out, std::initializer_list<std::string_view> fields) {
  bool first = true;
  for (std::string_view f : fields) {
    if (!first) out += ',';
    first = false;
    append_field(out, f);
  }
  out += "\r\n";
}

void append_row(std::string& out, std::span<const std::string> fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    append_field(out, fields[i]);
  }
  out += "\r\n";
}

}  // namespace mh::csv
