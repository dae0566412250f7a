#include "domain/people_import.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <unordered_map>

#include "common/file_text.hpp"
#include "domain/text.hpp"
#include "domain/written_date.hpp"

namespace mh {

namespace {

enum Column : int {
  c_employee_id, c_name, c_first_name, c_preferred_name, c_last_name, c_email, c_title, c_department, c_manager,
  c_manager_email, c_manager_name, c_status, c_employment_status, c_start_date, c_location, c_timezone, c_skills, c_cohort, c_cohort_role, kColumns
};

// The names HR systems (and people) give these columns; compared by csv::column_key, so case,
// spaces and punctuation do not matter ("Employee ID", "EmployeeID", "EMPLOYEE_ID").
std::vector<csv::Column> column_specs() {
  std::vector<csv::Column> c(kColumns);
  c[c_employee_id] = {"employee_id",
                      {"employee", "employee_number", "employee_no", "employee_num", "emp_id", "emp_no", "emp_number",
                       "employee_code", "emp_code", "associate_id", "worker_id", "worker_number", "staff_id",
                       "staff_number", "personnel_number", "person_number"},
                      true};
  c[c_name] = {"name", {"full_name", "employee_name", "employee_full_name", "worker_name", "worker", "display_name"},
               false};
  c[c_first_name] = {"first_name", {"given_name", "first", "forename", "legal_first_name"}, false};
  // BambooHR's and ADP's "Preferred Name" is a first name, often empty: it stands for the first
  // name when given.
  c[c_preferred_name] = {"preferred_name", {"preferred_first_name", "known_as", "nickname"}, false};
  c[c_last_name] = {"last_name", {"surname", "family_name", "last", "legal_last_name"}, false};
  c[c_email] = {"email",
                {"e_mail", "email_address", "e_mail_address", "work_email", "work_email_address", "business_email",
                 "business_email_address", "company_email", "corporate_email", "work_e_mail", "email_work", "mail",
                 "primary_email", "primary_work_email"},
                true};
  c[c_title] = {"title", {"job_title", "position", "position_title", "business_title", "job", "job_profile",
                          "job_title_description"}, false};
  c[c_department] = {"department", {"dept", "department_name", "department_description", "home_department",
                                    "home_department_description", "team", "org_unit", "organisation_unit",
                                    "organization_unit", "division"}, false};
  c[c_manager] = {"manager_employee_id",
                  {"manager_id", "manager", "manager_employee_number", "manager_employee_no", "manager_worker_id",
                   "manager_number", "manager_employee_code", "manager_code", "supervisor_id", "supervisor",
                   "supervisor_employee_id", "reports_to", "reports_to_id", "reports_to_associate_id",
                   "line_manager_id", "line_manager"},
                  false};
  c[c_manager_email] = {"manager_email",
                        {"manager_email_address", "manager_work_email", "manager_e_mail", "supervisor_email",
                         "line_manager_email", "reports_to_email"},
                        false};
  // BambooHR's "Reporting to", HiBob's and ADP's "Reports To Name", Workday's "Manager Name". A
  // manager id column holding names ("Manager", "Reports To" in some exports) is read as names too
  // (plan_import).
  c[c_manager_name] = {"manager_name",
                       {"manager_full_name", "manager_display_name", "supervisor_name", "line_manager_name",
                        "reports_to_name", "reports_to_legal_name", "reporting_to"},
                       false};
  // Exports that include leavers mark them: BambooHR's "Status" (Active, Inactive), Workday's
  // "Active Status" (Yes, No), ADP's "Position Status" (Active, Leave, Terminated). An unknown
  // word there is a problem.
  c[c_status] = {"status", {"employee_status", "worker_status", "active_status", "position_status", "active"}, false};
  // BambooHR's "Employment Status" holds the kind of contract (Full-Time, Contractor, ...) and
  // Terminated for leavers, often beside "Status": only a leaver's word counts there.
  c[c_employment_status] = {"employment_status", {}, false};
  c[c_start_date] = {"start_date", {"hire_date", "date_of_hire", "hired", "join_date", "joining_date", "joined",
                                    "date_joined", "date_of_joining", "doj", "original_hire_date",
                                    "employment_start_date", "employment_date", "start"}, false};
  c[c_location] = {"location", {"office", "work_location", "location_description", "site", "office_location",
                                "city", "work_city"}, false};
  c[c_timezone] = {"timezone", {"time_zone", "tz"}, false};
  c[c_skills] = {"skills", {"skill", "competencies"}, false};
  c[c_cohort] = {"cohort", {"mentoring_cohort", "cohort_name", "program_cohort"}, false};
  c[c_cohort_role] = {"cohort_role", {"mentoring_role", "role_in_cohort"}, false};
  return c;
}

constexpr std::size_t kMaxHeaderFields = 1000;

bool is_control(unsigned char c) { return c < 0x20 || c == 0x7F; }

std::optional<int> parse_small(std::string_view s) {
  if (s.empty() || s.size() > 4 || s.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
  int v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

using csv::shown;
using csv::trim;

// The name column's value, or else the first name (the preferred one when given) and the last
// name joined. A column the file lacks is an empty value.
std::string full_name(std::string_view name, std::string_view first, std::string_view preferred,
                      std::string_view last) {
  if (!name.empty()) return std::string(name);
  if (!preferred.empty()) first = preferred;
  return std::string(first) + (first.empty() || last.empty() ? "" : " ") + std::string(last);
}

// Whether an employment status says the person has left: true for a leaver, false for someone
// employed (on leave too), nullopt for a word it does not know. Case and spaces aside.
std::optional<bool> has_left(std::string_view status) {
  std::string s;
  for (char ch : status)
    if (std::isalnum(static_cast<unsigned char>(ch))) s += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  static const std::unordered_set<std::string> employed = {
      "active", "a", "yes", "y", "true", "1", "employed", "current", "onleave", "leave", "leaveofabsence", "loa",
      "paidleave", "unpaidleave", "parentalleave", "maternityleave", "sickleave", "probation", "suspended",
      "fulltime", "parttime", "contractor", "contract", "intern", "temporary", "permanent", "regular", "seasonal",
      "casual", "fixedterm", "freelance", "consultant", "apprentice", "trainee"};
  static const std::unordered_set<std::string> left = {
      "inactive", "i", "no", "n", "false", "0", "terminated", "t", "termed", "former", "left", "leaver", "resigned",
      "retired", "deceased", "separated", "dismissed", "ended"};
  if (employed.contains(s)) return false;
  if (left.contains(s)) return true;
  return std::nullopt;
}

// One data row checked; an error's message names the column (the caller adds the line).
class RowReader {
 public:
  RowReader(const std::array<int, kColumns>& index, const TimezoneCheck& timezone_problem)
      : index_(index), timezone_problem_(timezone_problem) {}

  Result<HrRow> read(const csv::Reader& reader, int line) {
    reader_ = &reader;
    HrRow row;
    row.line = line;
    for (int c = 0; c < kColumns; ++c) MH_CHECK(check_text(static_cast<Column>(c)));

    row.employee_id = std::string(value(c_employee_id));
    if (row.employee_id.empty()) return fail(c_employee_id, "is required");
    MH_CHECK(check_length(c_employee_id, row.employee_id));

    row.name = full_name(value(c_name), value(c_first_name), value(c_preferred_name), value(c_last_name));
    if (row.name.empty()) return fail(index_[c_name] >= 0 ? c_name : c_first_name, "is required");
    MH_CHECK(check_length(c_name, row.name));

    const std::string_view email = value(c_email);
    if (email.empty()) return fail(c_email, "is required");
    row.email = normalize_email(email);
    if (!is_plausible_email(row.email)) return fail(c_email, shown(email) + " is not a valid e-mail address");

    MH_CHECK(optional_text(c_title, row.title));
    MH_CHECK(optional_text(c_department, row.department));
    MH_CHECK(optional_text(c_location, row.location));
    MH_CHECK(optional_text(c_manager, row.manager_employee_id));
    if (row.manager_employee_id && *row.manager_employee_id == row.employee_id)
      return fail(c_manager, "is the person's own employee id; nobody manages themselves");
    MH_CHECK(optional_text(c_manager_name, row.manager_name));
    if (const std::string_view status = value(c_status); !status.empty()) {
      const auto left = has_left(status);
      if (!left)
        return fail(c_status, shown(status) + " is not a status this import knows; write Active (or On leave) for "
                              "someone employed, Terminated (or Inactive) for someone who left");
      row.left = *left;
    }
    if (const std::string_view kind = value(c_employment_status); !kind.empty())
      row.left = row.left || has_left(kind).value_or(false);
    if (index_[c_manager_email] >= 0) {
      const std::string_view m = value(c_manager_email);
      row.manager_email = normalize_email(m);
      if (!m.empty() && !is_plausible_email(*row.manager_email))
        return fail(c_manager_email, shown(m) + " is not a valid e-mail address");
      if (*row.manager_email == row.email)
        return fail(c_manager_email, "is the person's own e-mail; nobody manages themselves");
    }

    if (index_[c_start_date] >= 0) {
      const std::string_view d = value(c_start_date);
      row.start_date = std::string(d);  // a day or month first one: the file's order decides (read_hr_file)
      if (!d.empty()) {
        const auto written = read_written_date(d);
        if (!written) return fail(c_start_date, shown(d) + " is not a date; write it YYYY-MM-DD, such as 2024-03-18");
        if (written->order != WrittenDate::Order::ambiguous) {
          auto iso = iso_day(*written, true);
          if (!iso) return fail(c_start_date, shown(d) + " is not a real day");
          row.start_date = std::move(*iso);
        }
      }
    }

    if (const std::string_view tz = value(c_timezone); !tz.empty()) {
      if (auto problem = zone_problem(tz)) return fail(c_timezone, *problem);
      row.timezone = std::string(tz);
    }

    MH_CHECK(read_skills(row));
    MH_CHECK(read_cohort(row));
    return row;
  }

 private:
  // The cohort to join, by name, as a mentee unless the role says mentor.
  Status read_cohort(HrRow& row) const {
    const std::string_view cohort = value(c_cohort), role = value(c_cohort_role);
    if (cohort.empty()) {
      if (!role.empty()) return fail(c_cohort_role, "is given without a cohort");
      return {};
    }
    MH_CHECK(check_length(c_cohort, cohort));
    const std::string r = ascii_lower(role);
    if (!r.empty() && r != "mentee" && r != "mentor") return fail(c_cohort_role, shown(role) + " is not mentee or mentor");
    row.cohort = HrCohort{std::string(cohort), r == "mentor"};
    return {};
  }

  std::string_view value(Column c) const {
    const int i = index_[c];
    return i < 0 ? std::string_view{} : trim(reader_->field(static_cast<std::size_t>(i)));
  }

  static Error fail(Column c, const std::string& message) {
    static const std::vector<csv::Column> names = column_specs();
    return invalid("csv", names[static_cast<std::size_t>(c)].name + " " + message);
  }

  Status check_text(Column c) const {
    const std::string_view v = value(c);
    if (!csv::valid_utf8(v)) return fail(c, "is not valid UTF-8 text (save the file as \"CSV UTF-8\")");
    for (char ch : v) {
      const auto u = static_cast<unsigned char>(ch);
      if (u == '\n' && c != c_skills) return fail(c, "must be on one line");
      if (u != '\n' && is_control(u)) return fail(c, "contains a control character");
    }
    return {};
  }

  static Status check_length(Column c, std::string_view v) {
    if (v.size() > kMaxNameLength) return fail(c, "is too long (at most " + std::to_string(kMaxNameLength) + " bytes)");
    return {};
  }

  Status optional_text(Column c, std::optional<std::string>& out) const {
    if (index_[c] < 0) return {};
    const std::string_view v = value(c);
    MH_CHECK(check_length(c, v));
    out = std::string(v);
    return {};
  }

  // A file repeats a handful of zones many times, and each check may look at the file system.
  std::optional<std::string> zone_problem(std::string_view tz) {
    auto [it, inserted] = zones_.try_emplace(std::string(tz));
    if (inserted) it->second = timezone_problem_ ? timezone_problem_(tz) : std::nullopt;
    return it->second;
  }

  Status read_skills(HrRow& row) const {
    const auto items = csv::split_list(value(c_skills));
    if (items.size() > kMaxListItems) return fail(c_skills, "has more than " + std::to_string(kMaxListItems) + " entries");
    std::unordered_set<std::string> seen;
    for (std::string_view item : items) {
      std::string_view name = item;
      int level = kImportedSkillLevel;
      // "SQL:4"; the last colon, since a skill's name may hold one ("ISO 27001: audits:3").
      if (const std::size_t colon = item.rfind(':'); colon != std::string_view::npos) {
        const std::string_view level_text = trim(item.substr(colon + 1));
        const auto parsed = parse_small(level_text);
        if (!parsed || *parsed < 1 || *parsed > kMaxSkillLevel)
          return fail(c_skills, "level of " + shown(trim(item.substr(0, colon))) + " must be between 1 and 5, not " +
                                    shown(level_text));
        level = *parsed;
        name = trim(item.substr(0, colon));
      }
      if (name.empty()) return fail(c_skills, "entry " + shown(item) + " has no skill name");
      if (name.size() > kMaxNameLength) return fail(c_skills, "entry " + shown(name) + " is too long");
      if (!seen.insert(ascii_lower(name)).second) return fail(c_skills, "lists " + shown(name) + " twice");
      row.skills.push_back(Skill{std::string(name), level});
    }
    return {};
  }

  const std::array<int, kColumns>& index_;
  const TimezoneCheck& timezone_problem_;
  const csv::Reader* reader_ = nullptr;
  std::unordered_map<std::string, std::optional<std::string>> zones_;
};

// The start dates written with the year last and slashes or dashes (04/09/2023), read in the
// order the file's own dates show (a number above 12 is a day); a row whose date the file cannot
// settle is a problem, as a bad value is.
void settle_day_order(HrFile& out, std::size_t max_problems) {
  const auto ambiguous = [](const HrRow& r) -> std::optional<WrittenDate> {
    if (!r.start_date || r.start_date->empty()) return std::nullopt;
    auto d = read_written_date(*r.start_date);
    if (!d || d->order != WrittenDate::Order::ambiguous) return std::nullopt;
    return d;
  };
  std::vector<std::pair<int, WrittenDate>> dated;
  for (const HrRow& r : out.rows)
    if (auto d = ambiguous(r)) dated.emplace_back(r.line, *d);
  if (dated.empty()) return;
  const DayOrder order = day_order_of(dated);
  csv::ProblemList problems(max_problems);
  std::vector<HrRow> kept;
  kept.reserve(out.rows.size());
  for (HrRow& r : out.rows) {
    if (const auto d = ambiguous(r)) {
      std::optional<std::string> iso;
      std::string why;
      if (order.day_first) {
        iso = iso_day(*d, *order.day_first);
        why = std::string(" is not a real day (the file writes dates ") + (*order.day_first ? "day" : "month") +
              " first)";
      } else if (d->first == d->second) {
        iso = iso_day(*d, true);
        why = " is not a real day";
      } else if (order.day_first_line != 0) {
        why = " is ambiguous: the file writes dates day first on line " + std::to_string(order.day_first_line) +
              " and month first on line " + std::to_string(order.month_first_line) + "; write them YYYY-MM-DD";
      } else {
        why = " could be day first or month first, and no date in the file says which (none has a number above "
              "12); write dates YYYY-MM-DD, such as 2024-03-18";
      }
      if (!iso) {
        problems.add(csv::in_column(r.line, "start_date", shown(*r.start_date), shown(*r.start_date) + why));
        continue;
      }
      r.start_date = std::move(*iso);
    }
    kept.push_back(std::move(r));
  }
  out.rows = std::move(kept);
  out.problems = csv::ProblemList::merge(std::move(out.problems), std::move(problems));
}

std::string all_columns() {
  std::string out;
  for (const auto& c : column_specs()) out += (out.empty() ? "" : ", ") + c.name;
  return out;
}

}  // namespace

std::string person_name_key(std::string_view name) {
  std::string key;
  key.reserve(name.size());
  bool space = false;
  for (char ch : name) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == ' ' || c == '\t') {
      space = !key.empty();
      continue;
    }
    if (space) key += ' ';
    space = false;
    key += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  return key;
}

HrFile read_hr_file(std::string_view bytes, const TimezoneCheck& timezone_problem, const HrReadLimits& limits,
                    const ImportProgressFn& progress) {
  HrFile out;
  out.problems = csv::ProblemList(limits.max_problems);
  if (auto problem = csv::not_text_problem(bytes)) {
    out.problems.add(1, *problem);
    return out;
  }
  const csv::FileText file(bytes);
  const std::string_view text = file.text();
  out.encoding = file.encoding();
  out.separator = csv::sniff_separator(text);
  csv::Reader reader(text, csv::Limits{kMaxHeaderFields, limits.max_field_bytes, out.separator});
  const csv::Reader::Step first = reader.next();
  if (first == csv::Reader::Step::problem) {
    out.problems.add(reader.problem());
    return out;
  }
  if (first == csv::Reader::Step::end) {
    out.problems.add(1, "the file is empty; its first row must name the columns, e.g. employee_id,name,email (the "
                        "columns are " + all_columns() + ")");
    return out;
  }
  const std::vector<csv::Column> columns = column_specs();
  const auto needs_a_name = [](csv::HeaderResult& mapped, const csv::Reader& at) {
    const auto& f = mapped.header->field_of;
    if (f[c_name] >= 0 || ((f[c_first_name] >= 0 || f[c_preferred_name] >= 0) && f[c_last_name] >= 0)) return;
    mapped.problems.push_back(
        csv::Problem{at.line(), "the file needs a name column (or first_name and last_name)", {}, {}, {}});
    mapped.header.reset();
  };
  csv::HeaderResult mapped = csv::find_header(reader, columns,
                                              csv::HeaderOptions{.allow_unknown = true, .prefer_among_aliases = true},
                                              csv::kMaxRowsAboveHeader, needs_a_name);
  if (!mapped.header) {
    for (auto& p : mapped.problems) out.problems.add(std::move(p));
    return out;
  }
  const csv::Header& header = *mapped.header;
  out.header_line = header.line;
  out.ignored_columns = header.ignored;
  std::array<int, kColumns> index;
  for (int c = 0; c < kColumns; ++c) index[c] = header.field_of[static_cast<std::size_t>(c)];
  reader.name_columns(header.field_names);

  RowReader rows(index, timezone_problem);
  const bool names_managers = index[c_manager] >= 0 || index[c_manager_name] >= 0;
  std::unordered_map<std::string, int> line_of_id, line_of_email;
  std::size_t count = 0;
  for (;;) {
    const csv::Reader::Step step = reader.next();
    if (step == csv::Reader::Step::end) break;
    if (progress && (count & 1023) == 0) progress({"reading", reader.offset(), text.size()});
    if (step == csv::Reader::Step::problem) {
      out.problems.add(reader.problem());
      continue;
    }
    const int line = reader.line();
    if (++count > limits.max_rows) {
      out.problems.add(line, "the file has more than " + std::to_string(limits.max_rows) +
                                 " rows of people; import it in parts (without --complete)");
      break;
    }
    if (reader.size() != header.width()) {
      out.problems.add(line, "the row has " + std::to_string(reader.size()) + " fields, the header has " +
                                 std::to_string(header.width()) + " columns" +
                                 (reader.size() > header.width() ? " (a value holding a comma must be in quotes)" : ""));
      continue;
    }
    auto row = rows.read(reader, line);
    // Duplicates are found among every row, bad ones included, so a row is not reported twice
    // and a manager whose own row is bad is not also called unknown.
    const std::string id = std::string(trim(reader.field(static_cast<std::size_t>(index[c_employee_id]))));
    if (const std::string_view email = trim(reader.field(static_cast<std::size_t>(index[c_email]))); !email.empty())
      out.emails.insert(normalize_email(email));
    const auto field = [&](Column c) {
      return index[c] < 0 ? std::string_view{} : trim(reader.field(static_cast<std::size_t>(index[c])));
    };
    // Kept only for a file that can name a manager by name (plan_import's look-ups).
    if (names_managers)
      if (std::string n = full_name(field(c_name), field(c_first_name), field(c_preferred_name), field(c_last_name));
          !n.empty())
        out.names.insert(person_name_key(n));
    if (!id.empty()) {
      out.employee_ids.insert(id);
      const auto [seen, inserted] = line_of_id.try_emplace(id, line);
      if (!inserted) {
        out.problems.add(line, "employee_id " + shown(id) + " appears again (first on line " +
                                   std::to_string(seen->second) + ")");
        continue;
      }
    }
    if (!row) {
      out.problems.add(line, row.error().message);
      continue;
    }
    const auto [seen, inserted] = line_of_email.try_emplace(row->email, line);
    if (!inserted) {
      out.problems.add(line, "email " + shown(row->email) + " appears again (first on line " +
                                 std::to_string(seen->second) + ")");
      continue;
    }
    out.rows.push_back(std::move(row).value());
  }
  settle_day_order(out, limits.max_problems);
  if (progress) progress({"reading", text.size(), text.size()});
  return out;
}

namespace {

// A node of the reporting lines while planning: a row of the file (>= 0) or a stored person
// who is not in the file (-id).
using Node = std::int64_t;
constexpr Node kNobody = INT64_MIN;

std::string describe(const HrRow& r) { return r.employee_id + " (line " + std::to_string(r.line) + ")"; }

}  // namespace

ImportPlan plan_import(const HrFile& file, const std::vector<Person>& stored, const ImportOptions& options) {
  ImportPlan plan;
  csv::ProblemList against, circles;

  std::unordered_map<std::string_view, const Person*> by_employee_id, by_email;
  std::unordered_map<PersonId, const Person*> by_id;
  for (const Person& p : stored) {
    if (!p.employee_id.empty()) by_employee_id.emplace(p.employee_id, &p);
    by_email.emplace(p.email, &p);
    by_id.emplace(p.id, &p);
  }

  // Which stored person each row is: by employee id, else by e-mail for someone without one.
  const auto& rows = file.rows;
  std::vector<const Person*> match(rows.size(), nullptr);
  std::vector<bool> bad(rows.size(), false);
  std::unordered_map<std::string_view, std::size_t> row_of_id, row_of_email;
  std::unordered_map<PersonId, std::size_t> row_of_person;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    row_of_id.emplace(rows[i].employee_id, i);
    row_of_email.emplace(rows[i].email, i);
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const HrRow& r = rows[i];
    const Person* p = nullptr;
    if (auto it = by_employee_id.find(r.employee_id); it != by_employee_id.end()) p = it->second;
    const auto holder = by_email.find(r.email);
    if (!p && holder != by_email.end()) {
      const Person* other = holder->second;
      if (!other->employee_id.empty()) {
        against.add(r.line, "email " + shown(r.email) + " belongs to employee " + shown(other->employee_id) + " (" +
                                other->name + "), who has another employee id");
        bad[i] = true;
        continue;
      }
      p = other;
    } else if (p && holder != by_email.end() && holder->second != p) {
      against.add(r.line, "email " + shown(r.email) + " already belongs to another person (" + holder->second->name +
                              (holder->second->employee_id.empty() ? "" : ", employee " + shown(holder->second->employee_id)) +
                              ")");
      bad[i] = true;
      continue;
    }
    if (p && p->is_external) {
      against.add(r.line, "email " + shown(r.email) + " belongs to an external person (" + p->name +
                              "), who is not an employee");
      bad[i] = true;
      continue;
    }
    match[i] = p;
    if (p) row_of_person.emplace(p->id, i);
  }

  // Who leaves: active employees nobody in the file is (bad rows count as in the file), and
  // those the file marks as leavers.
  std::unordered_set<PersonId> leaving;
  if (options.complete)
    for (const Person& p : stored)
      if (p.active && !p.is_external && !row_of_person.contains(p.id) && p.id != options.actor &&
          !(!p.employee_id.empty() && file.employee_ids.contains(p.employee_id)))
        leaving.insert(p.id);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (bad[i] || !rows[i].left || !match[i]) continue;
    if (match[i]->id == options.actor) {
      against.add(rows[i].line, "status says employee " + shown(rows[i].employee_id) +
                                    " left, but that is you, who is importing; another administrator can deactivate you");
      bad[i] = true;
    } else if (match[i]->active) {
      leaving.insert(match[i]->id);
    }
  }
  // A leaver is nobody's manager any more.
  const auto refuse_a_leaver = [&](std::size_t i, const std::string& named_as, Node m) {
    if (m < 0 || !rows[static_cast<std::size_t>(m)].left) return false;
    against.add(rows[i].line, named_as + " is " + rows[static_cast<std::size_t>(m)].name +
                                  ", who has left (status on line " +
                                  std::to_string(rows[static_cast<std::size_t>(m)].line) + ")");
    bad[i] = true;
    return true;
  };

  // Each row's manager: another row, or a stored person who stays.
  std::vector<Node> manager(rows.size(), kNobody);
  auto node_of_person = [&](PersonId id) -> Node {
    if (auto it = row_of_person.find(id); it != row_of_person.end()) return static_cast<Node>(it->second);
    return -id;
  };
  // The manager that `column` names by `key`: a row of the file, a row with a problem of its own
  // (reported there), or a stored employee who stays.
  using RowIndex = std::unordered_map<std::string_view, std::size_t>;
  using StoredIndex = std::unordered_map<std::string_view, const Person*>;
  auto find_manager = [&](std::size_t i, const char* column, const std::string& key, const RowIndex& in_rows,
                          const std::unordered_set<std::string>& in_file, const StoredIndex& in_store,
                          const char* nobody) {
    const int line = rows[i].line;
    if (auto it = in_rows.find(key); it != in_rows.end()) {
      if (!refuse_a_leaver(i, std::string(column) + " " + shown(key), static_cast<Node>(it->second)))
        manager[i] = static_cast<Node>(it->second);
      return;
    }
    const auto it = in_store.find(key);
    if (in_file.contains(key)) {
      bad[i] = true;
    } else if (it == in_store.end() || it->second->is_external) {
      against.add(line, std::string(column) + " " + shown(key) + nobody);
      bad[i] = true;
    } else if (!it->second->active || leaving.contains(it->second->id)) {
      against.add(line, std::string(column) + " " + shown(key) + " is " + it->second->name +
                            (it->second->active ? ", who would be deactivated by this import" : ", who is deactivated"));
      bad[i] = true;
    } else {
      manager[i] = -it->second->id;
    }
  };
  // The manager that `column` names by name: the one row or stored employee of that name ("Ana
  // Silva", or "Silva, Ana" as some exports write it). Two people of the same name are a problem
  // (the import cannot tell which), so is a row that names itself.
  // Built at the first name to look up: most files name managers by id or e-mail only.
  std::optional<std::unordered_map<std::string, std::vector<Node>>> by_name;
  const auto named = [&]() -> const std::unordered_map<std::string, std::vector<Node>>& {
    if (!by_name) {
      by_name.emplace();
      for (std::size_t k = 0; k < rows.size(); ++k)
        (*by_name)[person_name_key(rows[k].name)].push_back(static_cast<Node>(k));
      for (const Person& p : stored)
        if (!p.is_external) (*by_name)[person_name_key(p.name)].push_back(-p.id);
    }
    return *by_name;
  };
  const auto name_keys = [](const std::string& value) {
    std::vector<std::string> keys{person_name_key(value)};
    if (const std::size_t comma = value.find(','); comma != std::string::npos && value.find(',', comma + 1) == std::string::npos)
      keys.push_back(person_name_key(std::string(trim(std::string_view(value).substr(comma + 1))) + " " +
                                     std::string(trim(std::string_view(value).substr(0, comma)))));
    return keys;
  };
  const auto names_anyone = [&](const std::string& value) {
    for (const std::string& key : name_keys(value))
      if (named().contains(key) || file.names.contains(key)) return true;
    return false;
  };
  const auto who = [&](Node n) {
    if (n >= 0) {
      const HrRow& m = rows[static_cast<std::size_t>(n)];
      return m.name + " (employee " + m.employee_id + ", line " + std::to_string(m.line) + ")";
    }
    const Person& p = *by_id.at(-n);
    return p.name + (p.employee_id.empty() ? " (" + p.email + ")" : " (employee " + p.employee_id + ")");
  };
  auto find_manager_by_name = [&](std::size_t i, const char* column, const std::string& value) {
    const int line = rows[i].line;
    std::vector<Node> found;
    const Person* gone = nullptr;
    bool in_bad_row = false;
    for (const std::string& key : name_keys(value)) {
      if (auto it = named().find(key); it != named().end())
        for (Node n : it->second) {
          if (n < 0) {
            const Person& p = *by_id.at(-n);
            if (!p.active || leaving.contains(p.id)) {
              gone = &p;
              continue;
            }
            n = node_of_person(p.id);
          }
          if (std::find(found.begin(), found.end(), n) == found.end()) found.push_back(n);
        }
      in_bad_row = in_bad_row || file.names.contains(key);
      if (!found.empty()) break;
    }
    const std::string named_as = std::string(column) + " " + shown(value);
    if (found.size() == 1 && found[0] == static_cast<Node>(i)) {
      against.add(line, named_as + " is the person's own name; nobody manages themselves");
      bad[i] = true;
    } else if (found.size() == 1) {
      if (!refuse_a_leaver(i, named_as, found[0])) manager[i] = found[0];
    } else if (found.size() > 1) {
      std::string list;
      for (std::size_t k = 0; k < found.size() && k < 3; ++k) list += (k ? (k + 1 == found.size() ? " and " : ", ") : "") + who(found[k]);
      if (found.size() > 3) list += " and " + std::to_string(found.size() - 3) + " more";
      against.add(line, named_as + " names " + std::to_string(found.size()) + " people: " + list +
                            "; give the manager's employee id or e-mail instead");
      bad[i] = true;
    } else if (gone) {
      against.add(line, named_as + " is " + gone->name +
                            (gone->active ? ", who would be deactivated by this import" : ", who is deactivated"));
      bad[i] = true;
    } else if (in_bad_row) {
      bad[i] = true;  // the manager's own row has a problem, reported there
    } else {
      against.add(line, named_as + " is nobody's name, in the file or among Mentorhub's employees; add the manager's "
                                   "row or give their employee id");
      bad[i] = true;
    }
  };
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (bad[i] || rows[i].left) continue;
    const HrRow& r = rows[i];
    if (!r.manager_employee_id && !r.manager_email && !r.manager_name) {
      if (match[i] && match[i]->manager_id) manager[i] = node_of_person(*match[i]->manager_id);
      continue;
    }
    // The manager's employee id, else their e-mail, else their name (HR exports carry one or
    // another). An id column that holds names ("Reports To: Ana Silva") is read as names.
    const std::string& id = r.manager_employee_id ? *r.manager_employee_id : std::string();
    if (!id.empty()) {
      const bool an_id = row_of_id.contains(id) || file.employee_ids.contains(id) || by_employee_id.contains(id);
      if (!an_id && names_anyone(id))
        find_manager_by_name(i, "manager_employee_id", id);
      else
        find_manager(i, "manager_employee_id", id, row_of_id, file.employee_ids, by_employee_id,
                     " is nobody's employee id or name, in the file or in Mentorhub; add the manager's row or "
                     "correct the id");
    } else if (!r.manager_email.value_or("").empty()) {
      find_manager(i, "manager_email", *r.manager_email, row_of_email, file.emails, by_email,
                   " is nobody's e-mail, in the file or among Mentorhub's employees; add the manager's row or "
                   "correct the address");
    } else if (!r.manager_name.value_or("").empty()) {
      find_manager_by_name(i, "manager_name", *r.manager_name);
    }
  }

  // Circles of managers: following managers from a row through the file and the stored
  // reporting lines either ends or comes back; each node is walked once.
  auto next = [&](Node n) -> Node {
    if (n >= 0) return manager[static_cast<std::size_t>(n)];
    const auto it = by_id.find(-n);
    if (it == by_id.end() || !it->second->manager_id) return kNobody;
    return node_of_person(*it->second->manager_id);
  };
  enum : char { on_path = 1, finished = 2 };
  std::unordered_map<Node, char> state;
  std::vector<Node> path;
  std::vector<std::pair<int, std::string>> found;
  for (std::size_t start = 0; start < rows.size(); ++start) {
    path.clear();
    Node n = static_cast<Node>(start);
    while (n != kNobody && !state.contains(n)) {
      state[n] = on_path;
      path.push_back(n);
      n = next(n);
    }
    if (n != kNobody && state[n] == on_path && std::any_of(std::find(path.begin(), path.end(), n), path.end(), [](Node c) { return c >= 0; })) {
      std::vector<Node> circle(std::find(path.begin(), path.end(), n), path.end());
      std::vector<std::size_t> in_file;
      for (Node c : circle)
        if (c >= 0) in_file.push_back(static_cast<std::size_t>(c));
      // Named from its row earliest in the file, where the problem is reported.
      const Node earliest = static_cast<Node>(*std::min_element(in_file.begin(), in_file.end()));
      std::rotate(circle.begin(), std::find(circle.begin(), circle.end(), earliest), circle.end());
      auto name = [&](Node c) {
        if (c >= 0) return describe(rows[static_cast<std::size_t>(c)]);
        const Person* p = by_id.at(-c);
        return (p->employee_id.empty() ? p->name : p->employee_id) + " (in Mentorhub)";
      };
      constexpr std::size_t kNamed = 10;
      std::string text = "manager_employee_id makes a circle of managers: " + name(circle[0]);
      for (std::size_t k = 1; k < circle.size() && k < kNamed; ++k)
        text += (k == 1 ? " is managed by " : ", who is managed by ") + name(circle[k]);
      if (circle.size() > kNamed) text += ", and so on for " + std::to_string(circle.size()) + " people";
      text += ", who is managed by " + name(circle[0]);
      found.emplace_back(rows[static_cast<std::size_t>(circle[0])].line, std::move(text));
      for (std::size_t c : in_file) bad[c] = true;
    }
    for (Node k : path) state[k] = finished;
  }
  std::sort(found.begin(), found.end());
  for (auto& [line, text] : found) circles.add(line, std::move(text));

  // Depth of each new person below other new people, so managers are inserted first. A chain
  // ends at a stored manager, nobody, or a bad row (then nothing is imported anyway).
  std::vector<int> depth(rows.size(), -1);
  auto depth_of = [&](std::size_t i) {
    std::vector<std::size_t> chain;
    std::size_t k = i;
    int base = 0;
    for (;;) {
      if (depth[k] >= 0) {
        base = depth[k] + 1;
        break;
      }
      chain.push_back(k);
      const Node m = manager[k];
      if (m < 0 || match[static_cast<std::size_t>(m)] || bad[static_cast<std::size_t>(m)] || chain.size() > rows.size())
        break;
      k = static_cast<std::size_t>(m);
    }
    int d = base;
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) depth[*it] = d++;
    return depth[i];
  };

  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (bad[i]) continue;
    const HrRow& r = rows[i];
    if (r.left) {
      // Deactivated above when stored and active; otherwise there is nothing to do.
      if (!match[i]) ++plan.leavers_skipped;
      else if (!match[i]->active) ++plan.unchanged;
      continue;
    }
    PlannedPerson planned;
    planned.row = i;
    planned.manager_set = r.manager_employee_id.has_value() || r.manager_email.has_value() || r.manager_name.has_value();
    const Node m = manager[i];
    if (m >= 0) {
      const auto mr = static_cast<std::size_t>(m);
      if (match[mr]) planned.manager_id = match[mr]->id;
      else planned.manager_row = mr;
    } else if (m != kNobody) {
      planned.manager_id = -m;
    }
    const Person* before = match[i];
    if (!before) {
      planned.depth = depth_of(i);
      plan.creates.push_back(std::move(planned));
      continue;
    }
    planned.id = before->id;
    // What would change: a manager who is a new row always changes it.
    const Person after = apply_hr_row(r, before, planned.manager_row ? std::optional<PersonId>(0) : planned.manager_id,
                                      planned.manager_set, before->updated_at);
    auto& c = planned.changes;
    if (after.employee_id != before->employee_id) c.push_back("employee_id");
    if (after.name != before->name) c.push_back("name");
    if (after.email != before->email) c.push_back("email");
    if (after.title != before->title) c.push_back("title");
    if (after.department != before->department) c.push_back("department");
    if (after.manager_id != before->manager_id || planned.manager_row) c.push_back("manager");
    if (after.start_date != before->start_date) c.push_back("start_date");
    if (after.location != before->location) c.push_back("location");
    if (after.timezone != before->timezone) c.push_back("timezone");
    if (after.skills != before->skills) c.push_back("skills");
    if (!before->active) c.push_back("reactivated");
    if (c.empty()) ++plan.unchanged;
    else plan.updates.push_back(std::move(planned));
  }
  std::stable_sort(plan.creates.begin(), plan.creates.end(),
                   [](const PlannedPerson& a, const PlannedPerson& b) { return a.depth < b.depth; });
  plan.deactivations.assign(leaving.begin(), leaving.end());
  std::sort(plan.deactivations.begin(), plan.deactivations.end());

  plan.problems = csv::ProblemList::merge(csv::ProblemList::merge(file.problems, std::move(against)), std::move(circles));
  return plan;
}

Person apply_hr_row(const HrRow& row, const Person* before, std::optional<PersonId> manager, bool manager_set,
                    TimePoint now) {
  Person p = before ? *before : Person{};
  if (!before) p.created_at = now;
  p.updated_at = now;
  p.employee_id = row.employee_id;
  p.name = row.name;
  p.email = row.email;
  if (row.title) p.title = *row.title;
  if (row.department) p.department = *row.department;
  if (row.start_date) p.start_date = *row.start_date;
  if (row.location) p.location = *row.location;
  if (row.timezone) p.timezone = *row.timezone;
  if (manager_set || !before) {
    // A manager who stops being the manager becomes a former manager: they know where you started.
    if (p.manager_id && p.manager_id != manager &&
        std::find(p.former_manager_ids.begin(), p.former_manager_ids.end(), *p.manager_id) == p.former_manager_ids.end())
      p.former_manager_ids.push_back(*p.manager_id);
    p.manager_id = manager;
  }
  for (const Skill& s : row.skills) {
    if (p.skills.size() >= kMaxListItems) break;
    const std::string key = ascii_lower(s.name);
    const bool has = std::any_of(p.skills.begin(), p.skills.end(), [&](const Skill& k) { return ascii_lower(k.name) == key; });
    if (!has) p.skills.push_back(s);
  }
  p.active = true;
  return p;
}

const char* people_import_format() {
  return R"(A people file is the CSV export of an HR system (RFC 4180), one employee per row:
  - UTF-8, or as Excel saves it: "CSV" in Windows-1252, "Unicode text" in UTF-16. Fields are
    separated by commas, semicolons or tabs, whichever the first row uses.
  - The first row names the columns, in any order, ignoring case, spaces and punctuation
    ("EmployeeID" too; of two names of one column, "First Name" and "Legal First Name", the
    first listed below is read and the other ignored); the usual HR names are understood ("Employee ID", "Worker ID",
    "Email Address", "Work Email", "Manager ID", "Reports To", "Job Title", "Dept",
    "Hire Date", ...). Other columns are ignored and listed.
  - Quoted fields ("...") may hold commas, quotes ("") and line breaks. Lines end in LF or
    CRLF; a byte-order mark and blank lines are ignored; spaces around values are dropped.
  - A report's title and the date it ran above the column names (up to 10 rows) are
    passed over.
Columns (employee_id, email and a name are required):
  employee_id          the HR system's id, unique in the file
  name                 the full name (or first_name and last_name; a preferred_name,
                       "Preferred Name", stands for the first name when given)
  email                the work e-mail address, unique
  title, department    free text
  manager_employee_id  the manager's employee id: a row of the file or someone already
                       imported; empty for nobody. Managers may not go round in a circle.
  manager_email        the manager's work e-mail, for a file that has no manager ids
                       ("Manager Email", "Supervisor Email"); used when manager_employee_id
                       is missing or empty
  manager_name         the manager's name ("Reporting To", "Manager Name"; "Silva, Ana"
                       too), for a file with neither: it must be one person's. A manager
                       id column that holds names is read the same way.
  status               Active, On leave or Yes for someone employed; Terminated, Inactive,
                       Left or No for a leaver ("Status", "Active Status"): deactivated if
                       already imported, else not created. Empty is employed.
  employment_status    the kind of contract (Full-Time, Contractor, ...): a leaver only when
                       it says so (Terminated), as BambooHR writes it beside Status
  start_date           the day they joined: YYYY-MM-DD, or as a spreadsheet writes it
                       (04/09/2023, 9/4/2023, 04.09.2023; a time after it is dropped); day
                       or month first as the file's own dates show (13/02 is day first)
  location             free text
  timezone             an IANA name such as Europe/Paris (empty: unchanged)
  skills               separated by semicolons, each with an optional level 1 to 5:
                       "SQL:4; Excel" (3 when not given); added to what a person lists
  cohort               a mentoring cohort to join, by its name (it must exist, in an
                       open program); empty for none. Joining is never undone by an import.
  cohort_role          mentee (the default) or mentor
A column the file does not have is left as it is. A row is the stored person with that
employee id, or else with that e-mail if they have no employee id yet. A manager who
changes is kept as a former manager. With --complete, active employees missing from the
file are deactivated and their relationships asked to conclude.
Every problem is reported at once, one line each ("line 3: email is required"); a file with
any problem imports nothing. At most 1,000,000 rows and 10,000 bytes per field.
Example:
  Employee ID,Name,Email Address,Job Title,Dept,Manager ID,Hire Date,Time Zone,Skills
  E100,Ana Silva,ana@example.com,Head of Finance,Finance,,2015-02-01,Europe/Lisbon,"SQL:5; Excel:4"
  E200,Tom Berg,tom@example.com,Analyst,Finance,E100,2023-09-04,Europe/Oslo,Excel
)";
}

}  // namespace mh
