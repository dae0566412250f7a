#include "matching/cohort_csv.hpp"

#include <array>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "common/timezones.hpp"
#include "matching/profiles.hpp"
#include "matching/scoring.hpp"

namespace mh::matching {
namespace {

enum Column : int {
  c_id, c_name, c_role, c_department, c_title, c_organisation, c_career_start_year, c_external,
  c_manager_id, c_former_manager_ids, c_skills, c_wanted_skills, c_aspired_roles,
  c_aspired_departments, c_timezone, c_media, c_capacity, kColumns
};

constexpr std::array<const char*, kColumns> kColumnNames = {
    "id", "name", "role", "department", "title", "organisation", "career_start_year", "external",
    "manager_id", "former_manager_ids", "skills", "wanted_skills", "aspired_roles",
    "aspired_departments", "timezone", "media", "capacity"};

bool is_list(Column c) {
  return c == c_former_manager_ids || c == c_skills || c == c_wanted_skills || c == c_aspired_roles ||
         c == c_aspired_departments || c == c_media;
}

// Far more than the known columns, so that a header with a few extra columns is refused by name;
// a bound all the same, so that a first line of endless commas is not read into memory.
constexpr std::size_t kMaxHeaderFields = 1000;
constexpr std::size_t kShownBytes = 40;

Error at(int line, const std::string& message) {
  return invalid("csv", "line " + std::to_string(line) + ": " + message);
}

std::string all_columns() {
  std::string out;
  for (const char* n : kColumnNames) out += (out.empty() ? "" : ", ") + std::string(n);
  return out;
}

bool valid_utf8(std::string_view s) {
  static constexpr std::uint32_t kMinOfLength[] = {0, 0, 0x80, 0x800, 0x10000};  // no overlong forms
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if ((c & 0xE0) == 0xC0) len = 2, cp = c & 0x1F;
    else if ((c & 0xF0) == 0xE0) len = 3, cp = c & 0x0F;
    else if ((c & 0xF8) == 0xF0) len = 4, cp = c & 0x07;
    else return false;
    if (i + len > s.size()) return false;
    for (std::size_t k = 1; k < len; ++k) {
      const auto d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    if (cp < kMinOfLength[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

bool is_control(unsigned char c) { return c < 0x20 || c == 0x7F; }

// A value quoted for a message. Messages end up in JSON and on terminals, so bytes that are not
// printable UTF-8 are shown as '?', and a long value is cut (at a character boundary).
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
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

template <class Int>
std::optional<Int> parse_digits(std::string_view s) {
  // Digits only: from_chars alone would take "-3", and a "+" or a decimal point is a typo here.
  if (s.empty() || s.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
  Int v{};
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

std::optional<PersonId> parse_id(std::string_view s) {
  auto v = parse_digits<PersonId>(s);
  if (!v || *v <= 0) return std::nullopt;
  return v;
}

std::optional<bool> parse_bool(std::string_view s) {
  const std::string v = lower(s);
  if (v.empty() || v == "false" || v == "no" || v == "0") return false;
  if (v == "true" || v == "yes" || v == "1") return true;
  return std::nullopt;
}

// The items of a list value: separated by semicolons, or by line breaks when a spreadsheet cell
// held one item per line; empty items (a trailing semicolon) are dropped.
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

// Reads RFC 4180 records one at a time, keeping the line count for messages.
class CsvReader {
 public:
  CsvReader(std::string_view text, std::size_t max_field_bytes) : text_(text), max_field_(max_field_bytes) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
  }

  // The next record into fields[0, count()); false at the end of the text. More than
  // `max_fields` fields is refused with `too_many` while reading, so memory stays bounded.
  // `names` names the fields for messages (empty while reading the header).
  Result<bool> next(std::vector<std::string>& fields, std::size_t max_fields, const std::vector<std::string>& names,
                    const std::string& too_many) {
    if (pos_ >= text_.size()) return false;
    record_line_ = line_;
    count_ = 0;
    for (;;) {
      if (count_ == max_fields) return at(record_line_, too_many);
      if (fields.size() <= count_) fields.emplace_back();
      std::string& f = fields[count_];
      const std::size_t i = count_++;
      const auto column = [&] { return i < names.size() ? names[i] : "column " + std::to_string(i + 1); };
      f.clear();
      if (pos_ < text_.size() && text_[pos_] == '"') {
        const int opened = line_;
        ++pos_;
        for (;;) {
          const std::size_t stop = text_.find_first_of("\"\r\n", pos_);
          if (stop == std::string_view::npos)
            return at(opened, "the quoted value of " + column() + " that starts on this line is never closed");
          f.append(text_.substr(pos_, stop - pos_));
          pos_ = stop;
          if (text_[pos_] == '"') {
            if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
              f += '"';
              pos_ += 2;
            } else {
              ++pos_;
              break;
            }
          } else {
            f += '\n';  // CRLF, LF or CR inside quotes: one line break in the value
            skip_line_end();
          }
          if (f.size() > max_field_) return too_long(column());
        }
        if (f.size() > max_field_) return too_long(column());
        if (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\r' && text_[pos_] != '\n')
          return at(line_, "unexpected text after the closing quote of " + column() +
                               "; a quote inside a quoted value is written twice (\"\")");
      } else {
        std::size_t stop = text_.find_first_of(",\r\n\"", pos_);
        if (stop == std::string_view::npos) stop = text_.size();
        if (stop < text_.size() && text_[stop] == '"')
          return at(line_, "a quote inside the unquoted value of " + column() +
                               "; put the whole value in quotes and write the quote twice (\"\")");
        if (stop - pos_ > max_field_) return too_long(column());
        f.assign(text_.substr(pos_, stop - pos_));
        pos_ = stop;
      }
      if (pos_ >= text_.size()) return true;
      if (text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      skip_line_end();
      return true;
    }
  }

  std::size_t count() const { return count_; }
  int record_line() const { return record_line_; }

 private:
  void skip_line_end() {
    pos_ += (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ? 2 : 1;
    ++line_;
  }
  Error too_long(const std::string& column) const {
    return at(record_line_, column + " is longer than " + std::to_string(max_field_) + " bytes");
  }

  std::string_view text_;
  std::size_t max_field_;
  std::size_t pos_ = 0;
  int line_ = 1;
  int record_line_ = 1;
  std::size_t count_ = 0;
};

bool blank_record(const std::vector<std::string>& fields, std::size_t count) {
  for (std::size_t i = 0; i < count; ++i)
    if (!trim(fields[i]).empty()) return false;
  return true;
}

// One data row turned into a person, each value checked with the row's line and the column.
class RowParser {
 public:
  RowParser(const std::array<int, kColumns>& index, int current_year)
      : index_(index), current_year_(current_year) {}

  Result<CsvPerson> parse(const std::vector<std::string>& fields, int line) {
    fields_ = &fields;
    line_ = line;
    CsvPerson out;
    out.line = line;
    Person& p = out.person;
    for (int c = 0; c < kColumns; ++c) MH_CHECK(check_text(static_cast<Column>(c)));

    const std::string_view id = value(c_id);
    if (id.empty()) return fail(c_id, "is required");
    const auto pid = parse_id(id);
    if (!pid) return fail(c_id, "must be a positive whole number, not " + shown(id));
    p.id = *pid;

    p.name = std::string(value(c_name));
    if (p.name.empty()) return fail(c_name, "is required");
    MH_CHECK(check_length(c_name, p.name));

    const std::string role = lower(value(c_role));
    if (role.empty()) return fail(c_role, "is required (mentee, mentor or both)");
    if (role != "mentee" && role != "mentor" && role != "both")
      return fail(c_role, "must be mentee, mentor or both, not " + shown(value(c_role)));
    out.mentee = role != "mentor";
    out.mentor = role != "mentee";

    p.department = std::string(value(c_department));
    MH_CHECK(check_length(c_department, p.department));
    p.title = std::string(value(c_title));
    MH_CHECK(check_length(c_title, p.title));
    p.organisation = std::string(value(c_organisation));
    MH_CHECK(check_length(c_organisation, p.organisation));

    if (const std::string_view y = value(c_career_start_year); !y.empty()) {
      const auto year = parse_digits<int>(y);
      if (!year || *year < current_year_ - 70 || *year > current_year_)
        return fail(c_career_start_year, "must be a year between " + std::to_string(current_year_ - 70) + " and " +
                                             std::to_string(current_year_) + ", not " + shown(y));
      p.career_start_year = *year;
    }

    const auto external = parse_bool(value(c_external));
    if (!external) return fail(c_external, "must be true, false, yes, no, 1 or 0, not " + shown(value(c_external)));
    p.is_external = *external;

    if (const std::string_view m = value(c_manager_id); !m.empty()) {
      const auto manager = parse_id(m);
      if (!manager) return fail(c_manager_id, "must be a person's id (a positive whole number), not " + shown(m));
      if (*manager == p.id) return fail(c_manager_id, "is the person's own id; nobody manages themselves");
      p.manager_id = *manager;
    }

    MH_CHECK(parse_former_managers(p));
    MH_CHECK(parse_skills(p));
    MH_CHECK(parse_text_list(c_wanted_skills, p.aspirations.skills));
    MH_CHECK(parse_text_list(c_aspired_roles, p.aspirations.roles));
    MH_CHECK(parse_text_list(c_aspired_departments, p.aspirations.departments));

    if (const std::string_view tz = value(c_timezone); !tz.empty()) {
      if (!known_timezone(tz)) return fail(c_timezone, shown(tz) + " is not a known IANA timezone, e.g. Europe/Paris");
      p.timezone = std::string(tz);
    }

    MH_CHECK(parse_media(p));

    const std::string_view capacity = value(c_capacity);
    if (!capacity.empty()) {
      const auto n = parse_digits<int>(capacity);
      if (!n || *n > kMaxMentorCapacity)
        return fail(c_capacity, "must be between 0 and " + std::to_string(kMaxMentorCapacity) + ", not " + shown(capacity));
      // A place offered by someone who is only a mentee is most likely a wrong role.
      if (!out.mentor && *n > 0) return fail(c_capacity, "is for mentors, and this person's role is mentee");
      p.mentor_capacity = out.mentor ? *n : 0;
    } else {
      p.mentor_capacity = out.mentor ? 1 : 0;
    }
    return out;
  }

 private:
  std::string_view value(Column c) const {
    const int i = index_[c];
    return i < 0 ? std::string_view{} : trim((*fields_)[static_cast<std::size_t>(i)]);
  }

  Error fail(Column c, const std::string& message) const {
    return at(line_, std::string(kColumnNames[c]) + " " + message);
  }

  Status check_text(Column c) const {
    const std::string_view v = value(c);
    if (!valid_utf8(v)) return fail(c, "is not valid UTF-8 text (save the file as \"CSV UTF-8\")");
    for (char ch : v) {
      const auto u = static_cast<unsigned char>(ch);
      if (u == '\n' && !is_list(c)) return fail(c, "must be on one line");
      if (u != '\n' && is_control(u)) return fail(c, "contains a control character");
    }
    return {};
  }

  Status check_length(Column c, std::string_view v) const {
    if (v.size() > kMaxNameLength) return fail(c, "is too long (at most " + std::to_string(kMaxNameLength) + " bytes)");
    return {};
  }

  Status check_count(Column c, std::size_t n) const {
    if (n > kMaxListItems) return fail(c, "has more than " + std::to_string(kMaxListItems) + " entries");
    return {};
  }

  Status parse_former_managers(Person& p) const {
    const auto items = split_list(value(c_former_manager_ids));
    MH_CHECK(check_count(c_former_manager_ids, items.size()));
    std::unordered_set<PersonId> seen;
    for (std::string_view item : items) {
      const auto id = parse_id(item);
      if (!id)
        return fail(c_former_manager_ids, "entry " + shown(item) + " is not a person's id (a positive whole number)");
      if (!seen.insert(*id).second) return fail(c_former_manager_ids, "lists person " + std::to_string(*id) + " twice");
      p.former_manager_ids.push_back(*id);
    }
    return {};
  }

  Status parse_skills(Person& p) const {
    const auto items = split_list(value(c_skills));
    MH_CHECK(check_count(c_skills, items.size()));
    std::unordered_set<std::string> seen;
    for (std::string_view item : items) {
      // The last colon: a skill's name may hold one ("ISO 27001: audits:3").
      const std::size_t colon = item.rfind(':');
      if (colon == std::string_view::npos)
        return fail(c_skills, "entry " + shown(item) + " needs a level from 1 to 5, as in \"SQL:4\"");
      const std::string_view name = trim(item.substr(0, colon));
      const std::string_view level_text = trim(item.substr(colon + 1));
      if (name.empty()) return fail(c_skills, "entry " + shown(item) + " has no skill name before the colon");
      if (name.size() > kMaxNameLength) return fail(c_skills, "entry " + shown(name) + " is too long");
      const auto level = parse_digits<int>(level_text);
      if (!level || *level < 1 || *level > kMaxSkillLevel)
        return fail(c_skills, "level of " + shown(name) + " must be between 1 and 5, not " + shown(level_text));
      if (!seen.insert(key_of(name)).second) return fail(c_skills, "lists " + shown(name) + " twice");
      p.skills.push_back(Skill{std::string(name), *level});
    }
    return {};
  }

  Status parse_text_list(Column c, std::vector<std::string>& out) const {
    const auto items = split_list(value(c));
    MH_CHECK(check_count(c, items.size()));
    for (std::string_view item : items) {
      if (item.size() > kMaxNameLength) return fail(c, "entry " + shown(item) + " is too long");
      out.emplace_back(item);
    }
    return {};
  }

  Status parse_media(Person& p) const {
    const auto items = split_list(value(c_media));
    for (std::string_view item : items) {
      // Written by people: "In person" and "in-person" mean in_person.
      std::string key = lower(item);
      for (char& ch : key)
        if (ch == ' ' || ch == '-') ch = '_';
      const auto medium = parse_medium(key);
      if (!medium) return fail(c_media, shown(item) + " is not one of video, in_person, phone, chat");
      for (Medium m : p.media)
        if (m == *medium) return fail(c_media, "lists " + shown(item) + " twice");
      p.media.push_back(*medium);
    }
    return {};
  }

  // A cohort file repeats a handful of zones many times; each check looks at the file system.
  bool known_timezone(std::string_view tz) {
    auto [it, inserted] = timezones_.try_emplace(std::string(tz), false);
    if (inserted) it->second = is_valid_timezone(tz);
    return it->second;
  }

  const std::array<int, kColumns>& index_;
  int current_year_;
  const std::vector<std::string>* fields_ = nullptr;
  int line_ = 0;
  std::unordered_map<std::string, bool> timezones_;
};

}  // namespace

Result<CsvCohort> parse_cohort_csv(std::string_view text, TimePoint now, const CsvLimits& limits) {
  CsvReader reader(text, limits.max_field_bytes);
  std::vector<std::string> fields;

  bool found_header = false;
  for (;;) {
    MH_TRY(more, reader.next(fields, kMaxHeaderFields, {},
                             "the header has more than " + std::to_string(kMaxHeaderFields) + " columns"));
    if (!more) break;
    if (!blank_record(fields, reader.count())) {
      found_header = true;
      break;
    }
  }
  if (!found_header)
    return at(1, "the file is empty; its first row must name the columns, e.g. id,name,role (the columns are " +
                     all_columns() + ")");

  const int header_line = reader.record_line();
  std::array<int, kColumns> index;
  index.fill(-1);
  std::vector<std::string> names;
  for (std::size_t i = 0; i < reader.count(); ++i) {
    const std::string_view raw = trim(fields[i]);
    if (raw.empty()) return at(header_line, "column " + std::to_string(i + 1) + " of the header has no name");
    const std::string name = lower(raw);
    int column = -1;
    for (int c = 0; c < kColumns; ++c)
      if (name == kColumnNames[c]) column = c;
    if (column < 0) return at(header_line, "unknown column " + shown(raw) + " (the columns are " + all_columns() + ")");
    if (index[column] >= 0) return at(header_line, "column " + shown(raw) + " appears twice");
    index[column] = static_cast<int>(i);
    names.push_back(kColumnNames[column]);
  }
  for (Column required : {c_id, c_name, c_role})
    if (index[required] < 0)
      return at(header_line, "the required column \"" + std::string(kColumnNames[required]) + "\" is missing");

  const std::size_t width = names.size();
  const std::string too_many = "the row has more fields than the header's " + std::to_string(width) +
                               " columns (a value holding a comma must be in quotes)";
  CsvCohort out;
  RowParser rows(index, year_of(now));
  std::unordered_map<PersonId, int> first_line;
  for (;;) {
    MH_TRY(more, reader.next(fields, width, names, too_many));
    if (!more) break;
    const int line = reader.record_line();
    if (blank_record(fields, reader.count())) continue;
    if (reader.count() < width)
      return at(line, "the row has " + std::to_string(reader.count()) + " fields, the header has " +
                          std::to_string(width) + " columns");
    if (out.people.size() >= limits.max_rows)
      return at(line, "the file has more than " + std::to_string(limits.max_rows) +
                          " rows of people; split it into smaller cohorts");
    MH_TRY(person, rows.parse(fields, line));
    const auto [seen, inserted] = first_line.try_emplace(person.person.id, line);
    if (!inserted)
      return at(line, "person " + std::to_string(person.person.id) + " appears again (first on line " +
                          std::to_string(seen->second) + ")");
    person.person.created_at = person.person.updated_at = now;
    if (person.mentee) out.cohort.mentees.push_back(mentee_profile(person.person, now));
    if (person.mentor) out.cohort.mentors.push_back(mentor_profile(person.person, now));
    out.people.push_back(std::move(person));
  }
  return out;
}

const char* cohort_csv_format() {
  return R"(A cohort file is CSV (RFC 4180), UTF-8, one person per row:
  - The first row names the columns, in any order; unknown columns are refused.
  - Fields may be quoted ("..."): quotes allow commas and line breaks, and "" stands for one
    quote. Lines end in LF or CRLF; a byte-order mark and blank lines are ignored; spaces
    around values are dropped. An empty value means "not given".
Columns (id, name and role are required):
  id                  a positive whole number, unique in the file
  name                the person's name
  role                mentee, mentor or both
  department, title   free text
  organisation        for an external person, their own organisation
  career_start_year   the year the career started, e.g. 2015
  external            true/false, yes/no or 1/0 (empty: false)
  manager_id          the current manager's id (who may be outside the file)
  former_manager_ids  ids separated by semicolons
  skills              name:level separated by semicolons, level 1 to 5: "SQL:4; pivot tables:3"
  wanted_skills       separated by semicolons
  aspired_roles       separated by semicolons
  aspired_departments separated by semicolons
  timezone            an IANA name such as Europe/Paris (empty: UTC)
  media               video, in_person, phone, chat, separated by semicolons
  capacity            mentors: mentees at once, 0 to 20 (empty: 1)
Mentees are the people with role mentee or both; mentors those with role mentor or both (a
mentor with capacity 0 takes nobody). At most 1,000,000 rows and 10,000 bytes per field.
Example:
  id,name,role,department,skills,wanted_skills,timezone,capacity
  1,Ana Silva,mentor,Finance,"SQL:5; Excel:4",,Europe/Lisbon,2
  2,Tom Berg,mentee,Sales,,SQL,Europe/Oslo,
)";
}

}  // namespace mh::matching
