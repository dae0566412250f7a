#include "matching/cohort_csv.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "common/timezone_names.hpp"
#include "common/timezones.hpp"
#include "common/file_text.hpp"
#include "domain/text.hpp"
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

// Fields kept per row: far more than the known columns, so that a header with a few extra columns
// is refused by name; a bound all the same (the reader only counts fields beyond it), so that a
// line of endless commas is not read into memory.
constexpr std::size_t kMaxHeaderFields = 1000;

using csv::shown;
using csv::split_list;
using csv::trim;
using csv::valid_utf8;

bool is_control(unsigned char c) { return c < 0x20 || c == 0x7F; }

std::string all_columns() {
  std::string out;
  for (const char* n : kColumnNames) out += (out.empty() ? "" : ", ") + std::string(n);
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
  const std::string v = ascii_lower(s);
  if (v.empty() || v == "false" || v == "no" || v == "0") return false;
  if (v == "true" || v == "yes" || v == "1") return true;
  return std::nullopt;
}

// One data row turned into a person, each value checked; an error's message names the column
// (the caller adds the line).
class RowParser {
 public:
  RowParser(const std::array<int, kColumns>& index, int current_year)
      : index_(index), current_year_(current_year) {}

  // The id of the row parse() saw last, when it is a valid id (even if the row is not).
  std::optional<PersonId> id() const { return id_; }
  // Why parse() refused its row, on `line`, naming the column and value.
  csv::Problem problem(int line) const {
    csv::Problem p = failed_;
    p.line = line;
    return p;
  }

  Result<CsvPerson> parse(const csv::Reader& reader, int line) {
    reader_ = &reader;
    // Known even when the row has a problem, so that others may name this person as a manager.
    id_ = parse_id(value(c_id));
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

    const std::string role = ascii_lower(value(c_role));
    if (role.empty()) return fail(c_role, "is required (mentee, mentor, both or none)");
    if (role != "mentee" && role != "mentor" && role != "both" && role != "none")
      return fail(c_role, "must be mentee, mentor, both or none, not " + shown(value(c_role)));
    out.mentee = role == "mentee" || role == "both";
    out.mentor = role == "mentor" || role == "both";

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
      if (!known_timezone(tz)) return fail(c_timezone, unknown_timezone_message(tz));
      p.timezone = std::string(tz);
    }

    MH_CHECK(parse_media(p));

    const std::string_view capacity = value(c_capacity);
    if (!capacity.empty()) {
      const auto n = parse_digits<int>(capacity);
      if (!n || *n > kMaxMentorCapacity)
        return fail(c_capacity, "must be between 0 and " + std::to_string(kMaxMentorCapacity) + ", not " + shown(capacity));
      // A place offered by someone who is only a mentee is most likely a wrong role.
      if (!out.mentor && *n > 0) return fail(c_capacity, "is for mentors, and this person's role is " + role);
      p.mentor_capacity = out.mentor ? *n : 0;
    } else {
      p.mentor_capacity = out.mentor ? 1 : 0;
    }
    return out;
  }

 private:
  std::string_view value(Column c) const {
    const int i = index_[c];
    return i < 0 ? std::string_view{} : trim(reader_->field(static_cast<std::size_t>(i)));
  }

  Error fail(Column c, const std::string& message) const {
    // The value as messages show it (control bytes replaced, a long one cut), without the quotes.
    const std::string v = value(c).empty() ? std::string{} : shown(value(c));
    failed_ = csv::in_column(0, kColumnNames[c], v.empty() ? v : v.substr(1, v.size() - 2), message);
    return invalid("csv", failed_.message);
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
      std::string key = ascii_lower(item);
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
  const csv::Reader* reader_ = nullptr;
  std::optional<PersonId> id_;
  std::unordered_map<std::string, bool> timezones_;
  mutable csv::Problem failed_;  // set by fail(), which const checks call
};

using Problems = csv::ProblemList;

// The problems as the result reports them.
void report(Problems problems, CsvRead& out) {
  out.problems = problems.kept();
  out.more_problems = problems.left_out();
}

std::vector<csv::Column> column_specs() {
  std::vector<csv::Column> out;
  for (int c = 0; c < kColumns; ++c) out.push_back(csv::Column{kColumnNames[c], {}, c == c_id || c == c_name || c == c_role});
  out[c_organisation].aliases = {"organization"};
  out[c_manager_id].aliases = {"manager"};
  out[c_timezone].aliases = {"time zone"};
  return out;
}

std::string person_at(const CsvPerson& p) {
  return std::to_string(p.person.id) + " (line " + std::to_string(p.line) + ")";
}

// A current manager must be a row of the file, and managers may not go round in a circle. Only
// rows without problems are looked at; `ids` holds every valid id of the file, so a manager
// whose own row has a problem is not also called unknown.
void check_managers(const std::vector<CsvPerson>& people, const std::unordered_map<PersonId, int>& ids,
                    Problems& problems) {
  std::unordered_map<PersonId, std::size_t> row_of;
  for (std::size_t i = 0; i < people.size(); ++i) row_of.emplace(people[i].person.id, i);
  constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::vector<std::size_t> manager(people.size(), kNone);
  for (std::size_t i = 0; i < people.size(); ++i) {
    const auto& m = people[i].person.manager_id;
    if (!m) continue;
    if (!ids.contains(*m)) {
      problems.add(csv::in_column(people[i].line, "manager_id", std::to_string(*m),
                                  std::to_string(*m) +
                                      " is not the id of anyone in the file; add the manager as a row (role none "
                                      "if they take no part) or leave manager_id empty"));
      continue;
    }
    if (const auto it = row_of.find(*m); it != row_of.end()) manager[i] = it->second;
  }

  // Each row has at most one manager, so following managers from a row either ends or enters a
  // circle; every row is walked once.
  enum : char { unseen, on_path, finished };
  std::vector<char> state(people.size(), unseen);
  std::vector<std::size_t> path;
  std::vector<std::tuple<int, std::string, std::string>> circles;  // line, reason, its manager_id
  for (std::size_t start = 0; start < people.size(); ++start) {
    path.clear();
    std::size_t i = start;
    while (i != kNone && state[i] == unseen) {
      state[i] = on_path;
      path.push_back(i);
      i = manager[i];
    }
    if (i != kNone && state[i] == on_path) {
      const auto first = std::find(path.begin(), path.end(), i);
      std::vector<std::size_t> circle(first, path.end());
      // Named from its row earliest in the file, where the problem is reported.
      std::rotate(circle.begin(), std::min_element(circle.begin(), circle.end()), circle.end());
      constexpr std::size_t kNamed = 10;
      std::string text = "makes a circle of managers: " + person_at(people[circle[0]]);
      for (std::size_t k = 1; k < circle.size() && k < kNamed; ++k)
        text += (k == 1 ? " is managed by " : ", who is managed by ") + person_at(people[circle[k]]);
      if (circle.size() > kNamed) text += ", and so on for " + std::to_string(circle.size()) + " people";
      text += ", who is managed by " + person_at(people[circle[0]]);
      circles.emplace_back(people[circle[0]].line, std::move(text), std::to_string(*people[circle[0]].person.manager_id));
    }
    for (std::size_t k : path) state[k] = finished;
  }
  std::sort(circles.begin(), circles.end());
  for (auto& [line, text, manager_id] : circles) problems.add(csv::in_column(line, "manager_id", std::move(manager_id), std::move(text)));
}

}  // namespace

CsvRead read_cohort_csv(std::string_view bytes, TimePoint now, const CsvLimits& limits) {
  CsvRead out;
  Problems problems(kMaxCsvProblems);
  if (auto problem = csv::not_text_problem(bytes)) {
    problems.add(1, *problem);
    report(std::move(problems), out);
    return out;
  }
  const csv::FileText file(bytes);
  const std::string_view text = file.text();
  csv::Reader reader(text, csv::Limits{kMaxHeaderFields, limits.max_field_bytes, csv::sniff_separator(text)});
  const csv::Reader::Step first = reader.next();
  if (first == csv::Reader::Step::problem) {
    problems.add(reader.problem());
    report(std::move(problems), out);
    return out;
  }
  const std::vector<csv::Column> columns = column_specs();
  if (first == csv::Reader::Step::end) {
    problems.add(1, "the file is empty; its first row must name the columns, e.g. id,name,role (the columns are " +
                        all_columns() + ")");
    report(std::move(problems), out);
    return out;
  }
  csv::HeaderResult mapped = csv::find_header(reader, columns, {}, csv::kMaxRowsAboveHeader);
  if (!mapped.header) {
    for (auto& p : mapped.problems) problems.add(std::move(p));
    report(std::move(problems), out);
    return out;
  }
  const csv::Header& header = *mapped.header;
  std::array<int, kColumns> index;
  for (int c = 0; c < kColumns; ++c) index[c] = header.field_of[static_cast<std::size_t>(c)];
  reader.name_columns(header.field_names);

  const std::size_t width = header.width();
  RowParser rows(index, year_of(now));
  std::unordered_map<PersonId, int> first_line;  // every valid id of the file, with its row's line
  std::vector<CsvPerson> people;
  std::size_t row_count = 0;
  for (;;) {
    const csv::Reader::Step step = reader.next();
    if (step == csv::Reader::Step::end) break;
    if (step == csv::Reader::Step::problem) {
      problems.add(reader.problem());
      continue;
    }
    const int line = reader.line();
    if (++row_count > limits.max_rows) {
      problems.add(line, "the file has more than " + std::to_string(limits.max_rows) +
                             " rows of people; split it into smaller cohorts");
      break;
    }
    if (reader.size() != width) {
      problems.add(line, "the row has " + std::to_string(reader.size()) + " fields, the header has " +
                             std::to_string(width) + " columns" +
                             (reader.size() > width ? " (a value holding a comma must be in quotes)" : ""));
      continue;
    }
    auto person = rows.parse(reader, line);
    if (const auto id = rows.id()) {
      const auto [seen, inserted] = first_line.try_emplace(*id, line);
      if (!inserted) {
        problems.add(csv::Problem{line,
                                  "person " + std::to_string(*id) + " appears again (first on line " +
                                      std::to_string(seen->second) + ")",
                                  "id", std::to_string(*id), {}});
        continue;
      }
    }
    if (!person) {
      problems.add(rows.problem(line));
      continue;
    }
    people.push_back(std::move(person).value());
  }

  Problems manager_problems(kMaxCsvProblems);
  check_managers(people, first_line, manager_problems);
  if (!problems.empty() || !manager_problems.empty()) {
    report(Problems::merge(std::move(problems), std::move(manager_problems)), out);
    return out;
  }

  for (CsvPerson& person : people) {
    person.person.created_at = person.person.updated_at = now;
    if (person.mentee) out.cohort.cohort.mentees.push_back(mentee_profile(person.person, now));
    if (person.mentor) out.cohort.cohort.mentors.push_back(mentor_profile(person.person, now));
  }
  out.cohort.people = std::move(people);
  return out;
}

std::string problems_message(const CsvRead& read) {
  std::string message;
  for (const csv::Problem& p : read.problems) message += (message.empty() ? "" : "\n") + csv::to_string(p);
  if (read.more_problems > 0)
    message += "\nand " + std::to_string(read.more_problems) + " more problem" + (read.more_problems == 1 ? "" : "s");
  return message;
}

Result<CsvCohort> parse_cohort_csv(std::string_view text, TimePoint now, const CsvLimits& limits) {
  CsvRead read = read_cohort_csv(text, now, limits);
  if (read.problems.empty()) return std::move(read.cohort);
  return invalid("csv", problems_message(read));
}

const char* cohort_csv_format() {
  return R"(A cohort file is CSV (RFC 4180), one person per row:
  - UTF-8, or as Excel saves it: "CSV" in Windows-1252, "Unicode text" in UTF-16. Fields are
    separated by commas, semicolons or tabs, whichever the first row uses.
  - The first row names the columns, in any order, ignoring case ("Manager ID" is manager_id;
    organization, manager and time zone are accepted too); unknown columns are refused. A
    title above it (up to 10 rows: the cohort's name, who prepared it) is passed over.
  - Fields may be quoted ("..."): quotes allow commas and line breaks, and "" stands for one
    quote. A line break in a list column separates items as a semicolon does; other values
    must be on one line. Lines end in LF or CRLF; a byte-order mark and blank lines are
    ignored; spaces around values are dropped. An empty value means "not given".
Columns (id, name and role are required):
  id                  a positive whole number, unique in the file
  name                the person's name
  role                mentee, mentor, both, or none (listed only as someone's manager)
  department, title   free text
  organisation        for an external person, their own organisation
  career_start_year   the year the career started, e.g. 2015
  external            true/false, yes/no or 1/0 (empty: false)
  manager_id          the current manager's id, which must be a row of the file; managers
                      may not go round in a circle
  former_manager_ids  ids separated by semicolons (may be people outside the file)
  skills              name:level separated by semicolons, level 1 to 5: "SQL:4; pivot tables:3"
  wanted_skills       separated by semicolons
  aspired_roles       separated by semicolons
  aspired_departments separated by semicolons
  timezone            an IANA name such as Europe/Paris (empty: UTC)
  media               video, in_person, phone, chat, separated by semicolons
  capacity            mentors: mentees at once, 0 to 20 (empty: 1)
Mentees are the people with role mentee or both; mentors those with role mentor or both (a
mentor with capacity 0 takes nobody). At most 1,000,000 rows and 10,000 bytes per field.
Every problem is reported at once, one line each ("line 3: name is required"); a file with any
problem is not matched.
Example:
  id,name,role,department,skills,wanted_skills,manager_id,timezone,capacity
  1,Ana Silva,mentor,Finance,"SQL:5; Excel:4",,,Europe/Lisbon,2
  2,Tom Berg,mentee,Sales,,SQL,3,Europe/Oslo,
  3,Eva Dahl,none,Sales,,,,Europe/Oslo,
)";
}

}  // namespace mh::matching
