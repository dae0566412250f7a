#include "storage/people_repo.hpp"

#include "storage/profile_writes.hpp"
#include "storage/search_repo.hpp"
#include "storage/sql/placeholders.hpp"
#include "storage/sql/rows.hpp"
#include "storage/sql/time_values.hpp"
#include "storage/stored_lists.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <string_view>
#include <unordered_map>
#include <nlohmann/json.hpp>

namespace mh::storage {

using sql::Value;
using nlohmann::json;

namespace {

// What names a person in a view (storage::people_named_with_ids), first among all the columns, so
// that a person read in full is read as one to be named, then the rest.
constexpr const char* kNamingColumns = "id, email, name, title, timezone, active";
constexpr const char* kColumns =
    "id, email, name, title, timezone, active, organisation, is_external, department, manager_id, "
    "career_start_year, languages, media, aspirations, monthly_availability_hours, mentor_capacity, formats_offered, "
    "formats_sought, bio, is_admin, created_at, updated_at, employee_id, start_date, location, row_version";
static_assert(std::string_view(kColumns).starts_with(kNamingColumns));

std::vector<std::string> string_list(const json& j) {
  std::vector<std::string> out;
  if (j.is_array())
    for (const auto& item : j)
      if (item.is_string()) out.push_back(item.get<std::string>());
  return out;
}

// A stored list column's strings: the plain form directly, anything else through nlohmann.
std::vector<std::string> stored_string_list(const std::string& text) {
  if (auto plain = plain_string_list(text)) return std::move(*plain);
  return string_list(json::parse(text, nullptr, false));
}

template <class E, class Parse>
std::vector<E> enum_list(const std::string& text, Parse parse) {
  std::vector<E> out;
  for (const auto& item : stored_string_list(text))
    if (auto v = parse(item)) out.push_back(*v);
  return out;
}

template <class E>
std::string enum_list_text(const std::vector<E>& items) {
  json a = json::array();
  for (E e : items) a.push_back(to_string(e));
  return a.dump();
}

std::string skill_key(const std::string& name) {
  std::string k = name;
  std::transform(k.begin(), k.end(), k.begin(), [](unsigned char c) { return std::tolower(c); });
  return k;
}

Person person_from_row(const sql::Row& r) {
  Person p = named_person_from_row(r);
  p.organisation = r.text(6);
  p.is_external = r.int64(7) != 0;
  p.department = r.text(8);
  p.manager_id = r.opt_int64(9);
  if (auto y = r.opt_int64(10)) p.career_start_year = static_cast<int>(*y);
  p.languages = stored_string_list(r.text(11));
  p.media = enum_list<Medium>(r.text(12), parse_medium);
  if (auto plain = plain_aspirations(r.text(13))) {
    p.aspirations = std::move(*plain);
  } else if (const json asp = json::parse(r.text(13), nullptr, false); asp.is_object()) {
    p.aspirations.roles = string_list(asp.value("roles", json::array()));
    p.aspirations.departments = string_list(asp.value("departments", json::array()));
    p.aspirations.skills = string_list(asp.value("skills", json::array()));
  }
  p.monthly_availability_hours = static_cast<int>(r.int64(14));
  p.mentor_capacity = static_cast<int>(r.int64(15));
  p.formats_offered = enum_list<Format>(r.text(16), parse_format);
  p.formats_sought = enum_list<Format>(r.text(17), parse_format);
  p.bio = r.text(18);
  p.is_admin = r.int64(19) != 0;
  p.created_at = TimePoint(Seconds(r.int64(20)));
  p.updated_at = TimePoint(Seconds(r.int64(21)));
  p.employee_id = r.text(22);
  p.start_date = r.text(23);
  p.location = r.text(24);
  p.row_version = r.int64(25);
  return p;
}

// Where a person's skills and former managers come from. On PostgreSQL, with the person's row,
// as two text cells the database aggregates: no statement and no round trip of their own. Skills
// are runs of "position:level:bytes:name" (the name's length in bytes, so any text can follow),
// former managers ids between commas; neither aggregate promises an order, so each skill carries
// its position and the ids are sorted here. On SQLite,
// a library call away, two statements for all the people read cost less than building those
// cells (a page of 20 people took 0.22-0.28 ms of the server's CPU that way, 0.17-0.18 with the
// statements), so there they stay statements. `person` names the people row.
bool details_with_row(sql::Dialect dialect) { return dialect == sql::Dialect::postgres; }

std::string detail_columns(sql::Dialect dialect, std::string_view person) {
  if (!details_with_row(dialect)) return "";
  const std::string id = std::string(person) + ".id";
  return ", (SELECT string_agg(CAST(position AS TEXT) || ':' || CAST(level AS TEXT) || ':' || "
         "CAST(octet_length(skill) AS TEXT) || ':' || skill, '') FROM person_skills WHERE person_id = " + id +
         "), (SELECT string_agg(CAST(manager_id AS TEXT), ',') FROM person_former_managers WHERE person_id = " + id +
         ")";
}

// The statement text for each dialect, built once: `make(dialect)` gives it.
template <class Make>
const std::string& per_dialect(sql::Dialect dialect, Make make) {
  static const std::array<std::string, 2> texts{make(sql::Dialect::sqlite), make(sql::Dialect::postgres)};
  return texts[dialect == sql::Dialect::postgres ? 1 : 0];
}

[[noreturn]] void unreadable_details(const std::string& text) {
  throw sql::Error(sql::Error::Kind::corrupt_row, "a stored person's skills cannot be read: \"" + text + "\"");
}

// The number in `rest` up to `end`, which it consumes with the separator.
std::int64_t read_number(std::string_view& rest, char end, const std::string& whole) {
  std::int64_t n = 0;
  auto [stop, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), n);
  if (ec != std::errc() || stop == rest.data() + rest.size() || *stop != end) unreadable_details(whole);
  rest.remove_prefix(static_cast<std::size_t>(stop - rest.data()) + 1);
  return n;
}

// Reads the two cells detail_columns adds, from cell `first` on.
void details_from_row(const sql::Row& r, std::size_t first, Person& p) {
  const std::string& skills = r.text(first);
  std::vector<std::pair<std::int64_t, Skill>> placed;
  for (std::string_view rest = skills; !rest.empty();) {
    const std::int64_t position = read_number(rest, ':', skills);
    const std::int64_t level = read_number(rest, ':', skills);
    const std::int64_t bytes = read_number(rest, ':', skills);
    if (bytes < 0 || static_cast<std::size_t>(bytes) > rest.size()) unreadable_details(skills);
    placed.push_back({position, Skill{std::string(rest.substr(0, static_cast<std::size_t>(bytes))), static_cast<int>(level)}});
    rest.remove_prefix(static_cast<std::size_t>(bytes));
  }
  std::sort(placed.begin(), placed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  p.skills.clear();
  p.skills.reserve(placed.size());
  for (auto& [position, skill] : placed) p.skills.push_back(std::move(skill));

  const std::string& managers = r.text(first + 1);
  p.former_manager_ids.clear();
  for (std::string_view rest = managers; !rest.empty();) {
    const std::size_t comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    PersonId id = 0;
    auto [stop, ec] = std::from_chars(item.data(), item.data() + item.size(), id);
    if (ec != std::errc() || stop != item.data() + item.size())
      throw sql::Error(sql::Error::Kind::corrupt_row, "a stored person's former managers cannot be read: \"" + managers + "\"");
    p.former_manager_ids.push_back(id);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
  std::sort(p.former_manager_ids.begin(), p.former_manager_ids.end());
}

void load_details(sql::Connection& db, Person& p) {
  const std::vector<Value> id{p.id};
  for (const auto& r : db.execute("SELECT skill, level FROM person_skills WHERE person_id = ? ORDER BY position", id).rows)
    p.skills.push_back({r.text(0), static_cast<int>(r.int64(1))});
  for (const auto& r :
       db.execute("SELECT manager_id FROM person_former_managers WHERE person_id = ? ORDER BY manager_id", id).rows)
    p.former_manager_ids.push_back(r.int64(0));
}

// How one statement reads the rows of `n` ids (sorted, unique) from `column`'s index. Ids close
// together, as on a page of the directory, are one range of the index read straight through: the
// rows of ids in between that were not asked for (inactive people's, or those a reader already
// holds) are passed over by the caller, at most as many again. Scattered ids are looked up one by
// one through an IN list instead, which costs SQLite a temporary index of the ids but never reads
// far beyond them.
struct IdsCondition {
  std::string where;
  std::vector<Value> params;
};
IdsCondition rows_of_ids(const char* column, const PersonId* ids, std::size_t n) {
  const PersonId low = ids[0], high = ids[n - 1];
  if (high - low < static_cast<PersonId>(2 * n)) return {std::string(column) + " BETWEEN ? AND ?", {low, high}};
  return {std::string(column) + " IN (" + sql::placeholders(n) + ")", std::vector<Value>(ids, ids + n)};
}

// The skills and former managers of `people` (sorted by id, as read), in two statements per
// 500 people whatever their number.
void load_details_of(sql::Connection& db, std::vector<Person>& people) {
  constexpr std::size_t kChunk = 500;
  std::vector<PersonId> ids;
  ids.reserve(std::min(kChunk, people.size()));
  for (std::size_t start = 0; start < people.size(); start += kChunk) {
    const std::size_t n = std::min(kChunk, people.size() - start);
    const auto first = people.begin() + static_cast<std::ptrdiff_t>(start);
    const auto last = first + static_cast<std::ptrdiff_t>(n);
    // People are read in id order, so each row's person is found by halving.
    auto find = [&](PersonId id) -> Person* {
      auto it = std::lower_bound(first, last, id, [](const Person& p, PersonId key) { return p.id < key; });
      return it != last && it->id == id ? &*it : nullptr;
    };
    ids.clear();
    for (auto it = first; it != last; ++it) ids.push_back(it->id);
    const auto [where, params] = rows_of_ids("person_id", ids.data(), n);
    for (const auto& row : db.execute("SELECT person_id, skill, level FROM person_skills WHERE " + where +
                                          " ORDER BY person_id, position",
                                      params)
                               .rows)
      if (Person* p = find(row.int64(0))) p->skills.push_back({row.text(1), static_cast<int>(row.int64(2))});
    for (const auto& row : db.execute("SELECT person_id, manager_id FROM person_former_managers WHERE " + where +
                                          " ORDER BY person_id, manager_id",
                                      params)
                               .rows)
      if (Person* p = find(row.int64(0))) p->former_manager_ids.push_back(row.int64(1));
  }
}

// The people columns, then on PostgreSQL the two detail cells, from `people` WHERE ...
const std::string& select_with_details(sql::Dialect dialect) {
  return per_dialect(dialect, [](sql::Dialect d) {
    return std::string("SELECT ") + kColumns + detail_columns(d, "people") + " FROM people WHERE ";
  });
}

constexpr std::size_t kDetailCells = 26;  // the first detail cell, after kColumns' 26

// A person from a row of select_with_details (or of kColumns and the detail cells): with the
// skills and former managers on PostgreSQL; on SQLite the caller reads those afterwards.
Person person_from_row_with_details(sql::Dialect dialect, const sql::Row& r) {
  Person p = person_from_row(r);
  if (details_with_row(dialect)) details_from_row(r, kDetailCells, p);
  return p;
}

std::optional<Person> find_one(sql::Connection& db, const std::string& where, const Value& key) {
  auto rs = db.execute(select_with_details(db.dialect()) + where, std::vector<Value>{key});
  if (rs.rows.empty()) return std::nullopt;
  Person p = person_from_row_with_details(db.dialect(), rs.rows[0]);
  if (!details_with_row(db.dialect())) load_details(db, p);
  return p;
}

std::string aspirations_text(const Aspirations& a) {
  return json{{"roles", a.roles}, {"departments", a.departments}, {"skills", a.skills}}.dump();
}

Value opt(const std::optional<PersonId>& v) { return v ? Value(*v) : Value(nullptr); }
Value opt_year(const std::optional<int>& v) { return v ? Value(std::int64_t{*v}) : Value(nullptr); }

std::vector<Value> profile_values(const Person& p) {
  return {p.email,
          p.name,
          p.title,
          p.organisation,
          std::int64_t{p.is_external},
          p.department,
          opt(p.manager_id),
          opt_year(p.career_start_year),
          p.timezone,
          json(p.languages).dump(),
          enum_list_text(p.media),
          aspirations_text(p.aspirations),
          std::int64_t{p.monthly_availability_hours},
          std::int64_t{p.mentor_capacity},
          enum_list_text(p.formats_offered),
          enum_list_text(p.formats_sought),
          p.bio,
          std::int64_t{p.is_admin},
          std::int64_t{p.active},
          std::int64_t{p.updated_at.time_since_epoch().count()},
          p.employee_id.empty() ? Value(nullptr) : Value(p.employee_id),
          p.start_date,
          p.location};
}

void write_details(sql::Connection& db, const Person& p, PersonId id) {
  const std::vector<Value> key{id};
  db.execute_unread("DELETE FROM person_skills WHERE person_id = ?", key);
  for (size_t i = 0; i < p.skills.size(); ++i)
    db.execute_unread("INSERT INTO person_skills (person_id, position, skill, skill_key, level) VALUES (?, ?, ?, ?, ?)",
                      std::vector<Value>{id, std::int64_t(i), p.skills[i].name, skill_key(p.skills[i].name),
                                         std::int64_t{p.skills[i].level}});
  db.execute_unread("DELETE FROM person_former_managers WHERE person_id = ?", key);
  for (PersonId m : p.former_manager_ids)
    db.execute_unread("INSERT INTO person_former_managers (person_id, manager_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                      std::vector<Value>{id, m});
}

}  // namespace

std::string naming_columns(std::string_view table) {
  std::string out;
  std::string_view rest = kNamingColumns;
  while (!rest.empty()) {
    const std::size_t comma = rest.find(", ");
    out.append(out.empty() ? "" : ", ").append(table).append(".").append(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 2);
  }
  return out;
}

Person named_person_from_row(const sql::Row& r, std::size_t first) {
  Person p;
  p.id = r.int64(first);
  p.email = r.text(first + 1);
  p.name = r.text(first + 2);
  p.title = r.text(first + 3);
  p.timezone = r.text(first + 4);
  p.active = r.int64(first + 5) != 0;
  return p;
}

std::optional<Person> find_person(sql::Connection& db, PersonId id) { return find_one(db, "id = ?", id); }

void use_row_locks(sql::Connection& db) {
  if (db.dialect() == sql::Dialect::postgres) db.execute_unread("SET TRANSACTION ISOLATION LEVEL READ COMMITTED");
}

std::optional<Person> find_person_for_update(sql::Connection& db, PersonId id) {
  return find_one(db, db.dialect() == sql::Dialect::postgres ? "id = ? FOR UPDATE" : "id = ?", id);
}

std::optional<Person> find_person_by_email(sql::Connection& db, const std::string& email) {
  return find_one(db, "email = ?", email);
}

std::optional<SignedIn> find_signed_in(sql::Connection& db, const std::string& token_hash, TimePoint now) {
  // The version is read with the row it versions: if the profile changes before its skills are
  // read below, the version is the older one and the next check reads everything again.
  const std::string& q = per_dialect(db.dialect(), [](sql::Dialect dialect) {
    std::string text = "SELECT t.csrf_token, p.row_version, t.enrol_only";
    for (std::string_view rest = kColumns; !rest.empty();) {
      const auto comma = rest.find(", ");
      text += ", p." + std::string(rest.substr(0, comma));
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 2);
    }
    return text + detail_columns(dialect, "p") +
           " FROM auth_tokens t JOIN people p ON p.id = t.person_id WHERE t.token_hash = ? AND t.expires_at > ? "
           "AND p.active = 1";
  });
  auto rs = db.execute(q, std::vector<Value>{token_hash, std::int64_t{now.time_since_epoch().count()}});
  if (rs.rows.empty()) return std::nullopt;
  const sql::Row& r = rs.rows[0];
  // person_from_row reads the people columns from the first cell on.
  std::vector<Value> cells;
  cells.reserve(r.size() - 3);
  for (std::size_t i = 3; i < r.size(); ++i) cells.push_back(r.at(i));
  const sql::Row person_cells(std::move(cells));
  SignedIn out{person_from_row_with_details(db.dialect(), person_cells), r.text(0), r.int64(1), r.int64(2) != 0};
  if (!details_with_row(db.dialect())) load_details(db, out.person);
  return out;
}

std::optional<SignedInState> signed_in_version(sql::Connection& db, const std::string& token_hash, TimePoint now) {
  auto rs = db.execute(
      "SELECT p.row_version, t.enrol_only FROM auth_tokens t JOIN people p ON p.id = t.person_id "
      "WHERE t.token_hash = ? AND t.expires_at > ? AND p.active = 1",
      std::vector<Value>{token_hash, std::int64_t{now.time_since_epoch().count()}});
  if (rs.rows.empty()) return std::nullopt;
  return SignedInState{rs.rows[0].int64(0), rs.rows[0].int64(1) != 0};
}

std::optional<PersonId> manager_of(sql::Connection& db, PersonId id) {
  auto rs = db.execute("SELECT manager_id FROM people WHERE id = ?", std::vector<Value>{id});
  if (rs.rows.empty()) return std::nullopt;
  return rs.rows[0].opt_int64(0);
}

std::vector<PersonId> direct_reports(sql::Connection& db, PersonId manager) {
  return sql::all_rows<PersonId>(db, "SELECT id FROM people WHERE manager_id = ? AND active = 1 ORDER BY id", {manager},
                                 [&](const sql::Row& r) -> PersonId { return r.int64(0); });
}

PersonId insert_person(sql::Connection& db, const Person& p, const std::string& password_hash) {
  std::vector<Value> v = profile_values(p);
  v.push_back(password_hash);
  v.push_back(std::int64_t{p.created_at.time_since_epoch().count()});
  auto rs = db.execute(
      "INSERT INTO people (email, name, title, organisation, is_external, department, manager_id, "
      "career_start_year, timezone, languages, media, aspirations, monthly_availability_hours, mentor_capacity, "
      "formats_offered, formats_sought, bio, is_admin, active, updated_at, employee_id, start_date, location, "
      "password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "RETURNING id",
      v);
  const PersonId id = rs.rows.at(0).int64(0);
  write_details(db, p, id);
  Person indexed = p;
  indexed.id = id;
  index_person(db, indexed);
  bump_change_counter(db, "people");
  return id;
}

namespace {

// The columns profile_values gives, in its order.
constexpr std::array<std::string_view, 23> kProfileColumns{
    "email",           "name",           "title",       "organisation",      "is_external",
    "department",      "manager_id",     "career_start_year", "timezone",    "languages",
    "media",           "aspirations",    "monthly_availability_hours", "mentor_capacity",
    "formats_offered", "formats_sought", "bio",         "is_admin",          "active",
    "updated_at",      "employee_id",    "start_date",  "location"};

// The profile's columns with an index of their own, but for updated_at, which every write changes.
bool has_own_index(std::string_view column) {
  return column == "email" || column == "department" || column == "manager_id" || column == "employee_id";
}

// The UPDATE of every profile column, or of all but those with their own index.
std::string update_text(bool with_indexed) {
  std::string q = "UPDATE people SET ";
  for (std::string_view column : kProfileColumns)
    if (with_indexed || !has_own_index(column)) q.append(column).append(" = ?, ");
  return q + "row_version = row_version + 1 WHERE id = ?";
}

// Setting a column rewrites its indexes' entries in SQLite even when the value stays the same:
// a bio edit that set every column wrote three times the pages to the WAL (the e-mail, manager,
// department and employee id indexes). So when none of those changed they are left out of the
// statement; two statement texts in all, so the connections' statement caches stay small.
void update_row(sql::Connection& db, const Person* before, const Person& p) {
  static const std::string every_column = update_text(true);
  static const std::string unindexed_columns = update_text(false);
  std::vector<Value> values = profile_values(p);
  bool indexed_changed = before == nullptr;
  if (before) {
    const std::vector<Value> was = profile_values(*before);
    for (std::size_t i = 0; i < kProfileColumns.size(); ++i)
      if (has_own_index(kProfileColumns[i]) && values[i] != was[i]) indexed_changed = true;
  }
  std::vector<Value> set;
  set.reserve(values.size() + 1);
  for (std::size_t i = 0; i < kProfileColumns.size(); ++i)
    if (indexed_changed || !has_own_index(kProfileColumns[i])) set.push_back(std::move(values[i]));
  set.push_back(p.id);
  db.execute_unread(indexed_changed ? every_column : unindexed_columns, set);
}

bool same_skills(const std::vector<Skill>& a, const std::vector<Skill>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](const Skill& x, const Skill& y) { return x.name == y.name && x.level == y.level; });
}

}  // namespace

void update_person(sql::Connection& db, const Person& p) {
  update_row(db, nullptr, p);
  write_details(db, p, p.id);
  index_person(db, p);
  bump_change_counter(db, "people");
}

void update_person(sql::Connection& db, const Person& before, const Person& p) {
  update_row(db, &before, p);
  const bool skills_changed = !same_skills(before.skills, p.skills);
  if (skills_changed || before.former_manager_ids != p.former_manager_ids) write_details(db, p, p.id);
  if (skills_changed || before.name != p.name || before.title != p.title || before.bio != p.bio ||
      before.active != p.active)
    index_person(db, p);
  bump_change_counter(db, "people");
}

void set_password_hash(sql::Connection& db, PersonId id, const std::string& password_hash) {
  db.execute("UPDATE people SET password_hash = ? WHERE id = ?", std::vector<Value>{password_hash, id});
}

std::string password_hash_of(sql::Connection& db, PersonId id) {
  auto rs = db.execute("SELECT password_hash FROM people WHERE id = ?", std::vector<Value>{id});
  return rs.rows.empty() ? std::string() : rs.rows[0].text(0);
}

PeoplePage list_people(sql::Connection& db, std::optional<PersonId> after, int limit, bool include_inactive) {
  const std::string& q = include_inactive ? per_dialect(db.dialect(), [](sql::Dialect dialect) {
    return select_with_details(dialect) + "id > ? ORDER BY id LIMIT ?";
  }) : per_dialect(db.dialect(), [](sql::Dialect dialect) {
    return select_with_details(dialect) + "id > ? AND active = 1 ORDER BY id LIMIT ?";
  });
  auto rs = db.execute(q, std::vector<Value>{after.value_or(0), std::int64_t{limit + 1}});
  PeoplePage page;
  page.people.reserve(std::min(rs.rows.size(), static_cast<std::size_t>(std::max(limit, 0))));
  for (size_t i = 0; i < rs.rows.size() && static_cast<int>(i) < limit; ++i)
    page.people.push_back(person_from_row_with_details(db.dialect(), rs.rows[i]));
  if (!details_with_row(db.dialect())) load_details_of(db, page.people);
  if (static_cast<int>(rs.rows.size()) > limit) page.next_cursor = page.people.back().id;
  return page;
}

namespace {

ListedStamp stamp_from_row(const sql::Row& r) { return {r.int64(0), r.int64(1), r.int64(2) != 0, r.int64(3) != 0}; }

}  // namespace

std::optional<ListedStamp> person_stamp(sql::Connection& db, PersonId id) {
  const auto rs =
      db.execute("SELECT id, row_version, is_external, active FROM people WHERE id = ?", std::vector<Value>{id});
  if (rs.rows.empty()) return std::nullopt;
  return stamp_from_row(rs.rows[0]);
}

PeopleStampPage list_people_stamps(sql::Connection& db, std::optional<PersonId> after, int limit,
                                   bool include_inactive) {
  const char* q =
      include_inactive
          ? "SELECT id, row_version, is_external, active FROM people WHERE id > ? ORDER BY id LIMIT ?"
          : "SELECT id, row_version, is_external, active FROM people WHERE id > ? AND active = 1 ORDER BY id LIMIT ?";
  const auto rs = db.execute(q, std::vector<Value>{after.value_or(0), std::int64_t{limit + 1}});
  PeopleStampPage page;
  page.people.reserve(std::min(rs.rows.size(), static_cast<std::size_t>(std::max(limit, 0))));
  for (size_t i = 0; i < rs.rows.size() && static_cast<int>(i) < limit; ++i)
    page.people.push_back(stamp_from_row(rs.rows[i]));
  if (static_cast<int>(rs.rows.size()) > limit) page.next_cursor = page.people.back().id;
  return page;
}

long long count_people(sql::Connection& db) { return db.execute("SELECT COUNT(*) FROM people").rows.at(0).int64(0); }

std::vector<PersonId> insert_people(sql::Connection& db, std::span<const Person> people) {
  std::vector<PersonId> ids(people.size(), 0);
  if (people.empty()) return ids;
  // 25 values a person: 100 people stay far below both databases' parameter limits.
  constexpr std::size_t kChunk = 100;
  std::unordered_map<std::string, std::size_t> index_of;  // e-mails are unique
  for (std::size_t start = 0; start < people.size(); start += kChunk) {
    const std::size_t n = std::min(kChunk, people.size() - start);
    std::vector<Value> v;
    v.reserve(n * 25);
    std::string q =
        "INSERT INTO people (email, name, title, organisation, is_external, department, manager_id, "
        "career_start_year, timezone, languages, media, aspirations, monthly_availability_hours, mentor_capacity, "
        "formats_offered, formats_sought, bio, is_admin, active, updated_at, employee_id, start_date, location, "
        "password_hash, created_at) VALUES ";
    for (std::size_t i = 0; i < n; ++i) {
      const Person& p = people[start + i];
      for (Value& value : profile_values(p)) v.push_back(std::move(value));
      v.push_back(std::string());
      v.push_back(std::int64_t{p.created_at.time_since_epoch().count()});
      q += i == 0 ? "" : ", ";
      q += "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
      index_of[p.email] = start + i;
    }
    // The order RETURNING gives is not promised, so each id is matched by its e-mail.
    for (const auto& row : db.execute(q + " RETURNING id, email", v).rows) ids.at(index_of.at(row.text(1))) = row.int64(0);
  }

  std::vector<Value> v;
  std::string q;
  std::size_t rows = 0;
  auto flush = [&](const char* head) {
    if (rows == 0) return;
    db.execute(std::string(head) + q, v);
    v.clear();
    q.clear();
    rows = 0;
  };
  auto add = [&](const char* one) {
    q += rows == 0 ? "" : ", ";
    q += one;
    ++rows;
  };
  const char* kSkillHead = "INSERT INTO person_skills (person_id, position, skill, skill_key, level) VALUES ";
  for (std::size_t k = 0; k < people.size(); ++k)
    for (std::size_t i = 0; i < people[k].skills.size(); ++i) {
      const Skill& s = people[k].skills[i];
      v.insert(v.end(), {ids[k], std::int64_t(i), s.name, skill_key(s.name), std::int64_t{s.level}});
      add("(?, ?, ?, ?, ?)");
      if (rows == 400) flush(kSkillHead);
    }
  flush(kSkillHead);

  const bool sqlite = db.dialect() == sql::Dialect::sqlite;
  const char* search_head = sqlite ? "INSERT INTO people_search (rowid, name, title, skills, bio) VALUES "
                                   : "INSERT INTO people_search (person_id, document) VALUES ";
  for (std::size_t k = 0; k < people.size(); ++k) {
    const Person& p = people[k];
    if (!p.active) continue;
    std::string skills;
    for (const auto& s : p.skills) skills += (skills.empty() ? "" : ", ") + s.name;
    if (sqlite) {
      v.insert(v.end(), {ids[k], p.name, p.title, skills, p.bio});
      add("(?, ?, ?, ?, ?)");
    } else {
      // As index_person weighs them: name and title more than the skills, the skills more than the bio.
      v.insert(v.end(), {ids[k], p.name + " " + p.title, skills, p.bio});
      add("(?, setweight(to_tsvector('simple', ?), 'A') || setweight(to_tsvector('simple', ?), 'B') || "
          "setweight(to_tsvector('simple', ?), 'C'))");
    }
    if (rows == 200) flush(search_head);
  }
  flush(search_head);
  bump_change_counter(db, "people");
  return ids;
}

namespace {

std::vector<Person> everyone(sql::Connection& db, bool include_inactive) {
  std::vector<Person> people;
  for (const auto& row : db.execute(std::string("SELECT ") + kColumns + " FROM people" +
                                    (include_inactive ? "" : " WHERE active = 1") + " ORDER BY id")
                             .rows)
    people.push_back(person_from_row(row));
  auto find = [&](PersonId id) -> Person* {
    auto it = std::lower_bound(people.begin(), people.end(), id, [](const Person& p, PersonId v) { return p.id < v; });
    return it != people.end() && it->id == id ? &*it : nullptr;
  };
  for (const auto& row : db.execute("SELECT person_id, skill, level FROM person_skills ORDER BY person_id, position").rows)
    if (Person* p = find(row.int64(0))) p->skills.push_back({row.text(1), static_cast<int>(row.int64(2))});
  for (const auto& row :
       db.execute("SELECT person_id, manager_id FROM person_former_managers ORDER BY person_id, manager_id").rows)
    if (Person* p = find(row.int64(0))) p->former_manager_ids.push_back(row.int64(1));
  return people;
}

}  // namespace

std::vector<Person> all_active_people(sql::Connection& db) { return everyone(db, false); }
std::vector<Person> all_people(sql::Connection& db) { return everyone(db, true); }

std::vector<PersonStamp> active_people_stamps(sql::Connection& db) {
  return sql::all_rows<PersonStamp>(db, "SELECT id, row_version FROM people WHERE active = 1 ORDER BY id", {},
                                    [&](const sql::Row& row) -> PersonStamp {
                                      return {row.int64(0), row.int64(1)};
                                    });
}

std::vector<PersonChange> people_stamped_since(sql::Connection& db, TimePoint since, PersonId after_id) {
  std::vector<PersonChange> out;
  // No ORDER BY: with one, SQLite scans the whole table in id order instead of reading the two
  // indexes (updated_at's and the ids') and joining what they find. A handful of rows to sort here.
  for (const auto& row : db.execute("SELECT id, row_version, active FROM people WHERE updated_at >= ? OR id > ?",
                                    std::vector<Value>{sql::unix_seconds(since), after_id})
                             .rows)
    out.push_back({row.int64(0), row.int64(1), row.int64(2) != 0});
  std::sort(out.begin(), out.end(), [](const PersonChange& a, const PersonChange& b) { return a.id < b.id; });
  return out;
}

namespace {

// What of each person a read fills: everything, everything but skills and former managers, or
// only what names them (kNamingColumns).
enum class Details { read, left_out, names_only };

std::vector<Person> people_with(sql::Connection& db, std::vector<PersonId> ids, bool active_only,
                                Details details = Details::read) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::vector<Person> people;
  // Chunks keep each statement's parameter count far below both databases' limits.
  constexpr std::size_t kChunk = 500;
  const bool with_details = details == Details::read;
  const std::string head =
      (with_details ? select_with_details(db.dialect())
                    : std::string("SELECT ") + (details == Details::names_only ? kNamingColumns : kColumns) +
                          " FROM people WHERE ") +
      (active_only ? "active = 1 AND " : "");
  for (std::size_t start = 0; start < ids.size(); start += kChunk) {
    const std::size_t n = std::min(kChunk, ids.size() - start);
    const PersonId* chunk = ids.data() + start;
    const auto [where, params] = rows_of_ids("id", chunk, n);
    for (const auto& row : db.execute(head + where + " ORDER BY id", params).rows) {
      if (!std::binary_search(chunk, chunk + n, row.int64(0))) continue;  // read in passing over a range
      people.push_back(with_details                     ? person_from_row_with_details(db.dialect(), row)
                       : details == Details::names_only ? named_person_from_row(row)
                                                        : person_from_row(row));
    }
  }
  // Sorted by id: the chunks are in order and each is read in order.
  if (with_details && !details_with_row(db.dialect())) load_details_of(db, people);
  return people;
}

}  // namespace

std::vector<Person> active_people_with_ids(sql::Connection& db, std::vector<PersonId> ids) {
  return people_with(db, std::move(ids), true);
}

std::vector<Person> people_with_ids(sql::Connection& db, std::vector<PersonId> ids) {
  return people_with(db, std::move(ids), false);
}

std::vector<Person> people_named_with_ids(sql::Connection& db, std::vector<PersonId> ids) {
  return people_with(db, std::move(ids), false, Details::names_only);
}

}  // namespace mh::storage
