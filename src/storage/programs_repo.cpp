#include "storage/programs_repo.hpp"

#include <unordered_map>

#include <nlohmann/json.hpp>

#include "domain/availability.hpp"
#include "storage/sql/rows.hpp"
#include "storage/sql/time_values.hpp"

namespace mh::storage {

using sql::Value;

namespace {

constexpr const char* kColumns =
    "id, name, description, is_default, starts_on, ends_on, formats, matching, request_expiry_days, "
    "fade_after_cadences, closed_at, closed_by, created_by, created_at";

std::string key_of(const std::string& name) {
  std::string k;
  for (char c : name) k += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return k;
}

Value text_or_null(const std::optional<std::string>& s) { return s ? Value(*s) : Value(nullptr); }
Value id_or_null(const std::optional<std::int64_t>& id) { return id ? Value(*id) : Value(nullptr); }

std::optional<std::chrono::sys_days> stored_day(const sql::Row& r, std::size_t i) {
  if (r.is_null(i)) return std::nullopt;
  return sql::decoded(r.text(i), parse_day, "program date");
}

std::string formats_json(const std::vector<Format>& formats) {
  nlohmann::json out = nlohmann::json::array();
  for (Format f : formats) out.push_back(to_string(f));
  return out.dump();
}

std::vector<Format> formats_of(const std::string& text) {
  const auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_array()) throw sql::Error(sql::Error::Kind::corrupt_row, "a stored program's formats cannot be read: " + text);
  std::vector<Format> out;
  for (const auto& f : j) out.push_back(sql::decoded(f.is_string() ? f.get<std::string>() : "", parse_format, "format"));
  return out;
}

ProgramRecord program_from_row(const sql::Row& r) {
  ProgramRecord p;
  p.id = r.int64(0);
  p.fields.name = r.text(1);
  p.fields.description = r.text(2);
  p.is_default = r.int64(3) != 0;
  p.fields.starts_on = stored_day(r, 4);
  p.fields.ends_on = stored_day(r, 5);
  p.fields.formats = formats_of(r.text(6));
  p.matching = r.text(7);
  if (auto d = r.opt_int64(8)) p.fields.request_expiry_days = static_cast<int>(*d);
  p.fields.fade_after_cadences = static_cast<int>(r.int64(9));
  p.closed_at = sql::optional_time_of(r, 10);
  p.closed_by = r.opt_int64(11);
  p.created_by = r.opt_int64(12);
  p.created_at = sql::time_of(r, 13);
  return p;
}

std::optional<ProgramRecord> one(sql::Connection& db, const std::string& where, std::vector<Value> params) {
  auto rs = db.execute(std::string("SELECT ") + kColumns + " FROM programs WHERE " + where, params);
  if (rs.rows.empty()) return std::nullopt;
  return program_from_row(rs.rows[0]);
}

Value expiry_value(const ProgramFields& f) {
  return f.request_expiry_days ? Value(std::int64_t{*f.request_expiry_days}) : Value(nullptr);
}

}  // namespace

std::optional<std::string> day_text(const std::optional<std::chrono::sys_days>& d) {
  if (!d) return std::nullopt;
  return format_day(*d);
}

ProgramId insert_program(sql::Connection& db, const ProgramRecord& p) {
  const ProgramFields& f = p.fields;
  return sql::returned_id(
      db,
      "INSERT INTO programs (name, name_key, description, is_default, starts_on, ends_on, formats, matching, "
      "request_expiry_days, fade_after_cadences, created_by, created_at) "
      "VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      std::vector<Value>{f.name, key_of(f.name), f.description, text_or_null(day_text(f.starts_on)),
                         text_or_null(day_text(f.ends_on)), formats_json(f.formats), p.matching, expiry_value(f),
                         std::int64_t{f.fade_after_cadences}, id_or_null(p.created_by),
                         sql::unix_seconds(p.created_at)});
}

void update_program(sql::Connection& db, const ProgramRecord& p) {
  const ProgramFields& f = p.fields;
  db.execute("UPDATE programs SET name = ?, name_key = ?, description = ?, starts_on = ?, ends_on = ?, formats = ?, "
             "matching = ?, request_expiry_days = ?, fade_after_cadences = ?, closed_at = ?, closed_by = ? WHERE id = ?",
             std::vector<Value>{f.name, key_of(f.name), f.description, text_or_null(day_text(f.starts_on)),
                                text_or_null(day_text(f.ends_on)), formats_json(f.formats), p.matching,
                                expiry_value(f), std::int64_t{f.fade_after_cadences}, sql::optional_time(p.closed_at),
                                id_or_null(p.closed_by), p.id});
}

std::optional<ProgramRecord> find_program(sql::Connection& db, ProgramId id) { return one(db, "id = ?", {id}); }

std::optional<ProgramRecord> find_program_by_name(sql::Connection& db, const std::string& name) {
  return one(db, "name_key = ?", {key_of(name)});
}

ProgramRecord default_program(sql::Connection& db) {
  auto p = one(db, "is_default = 1", {});
  if (!p) throw sql::Error(sql::Error::Kind::corrupt_row, "the default program is missing");
  return *p;
}

std::vector<ProgramRecord> list_programs(sql::Connection& db) {
  return sql::all_rows<ProgramRecord>(
      db,
      std::string("SELECT ") + kColumns + " FROM programs ORDER BY is_default DESC, closed_at IS NOT NULL, name_key",
      {}, [&](const sql::Row& row) -> ProgramRecord { return program_from_row(row); });
}

std::vector<std::pair<ProgramId, ProgramCounts>> program_counts(sql::Connection& db) {
  std::vector<std::pair<ProgramId, ProgramCounts>> out;
  std::unordered_map<ProgramId, std::size_t> index;
  ProgramId fallback = 0;
  for (const auto& r : db.execute("SELECT id, is_default FROM programs").rows) {
    index.emplace(r.int64(0), out.size());
    out.push_back({r.int64(0), {}});
    if (r.int64(1) != 0) fallback = r.int64(0);
  }
  auto at = [&](std::optional<std::int64_t> id) -> ProgramCounts* {
    const auto it = index.find(id.value_or(fallback));
    return it == index.end() ? nullptr : &out[it->second].second;
  };
  for (const auto& r : db.execute("SELECT program_id, COUNT(*) FROM cohorts GROUP BY program_id").rows)
    if (auto* c = at(r.opt_int64(0))) c->cohorts += static_cast<int>(r.int64(1));
  for (const auto& r : db.execute("SELECT program_id, state, COUNT(*) FROM relationships GROUP BY program_id, state").rows) {
    ProgramCounts* c = at(r.opt_int64(0));
    if (!c) continue;
    const std::string state = r.text(1);
    const int n = static_cast<int>(r.int64(2));
    if (state == "requested") c->requested += n;
    else if (state == "concluded") c->concluded += n;
    else if (state != "declined" && state != "withdrawn" && state != "expired") c->open += n;
  }
  return out;
}

void set_relationship_program(sql::Connection& db, std::int64_t relationship, ProgramId program) {
  db.execute("UPDATE relationships SET program_id = ? WHERE id = ?", std::vector<Value>{program, relationship});
}

ProgramRecord program_of_relationship(sql::Connection& db, std::int64_t relationship) {
  auto rs = db.execute("SELECT program_id FROM relationships WHERE id = ?", std::vector<Value>{relationship});
  if (!rs.rows.empty())
    if (auto id = rs.rows[0].opt_int64(0))
      if (auto p = find_program(db, *id)) return *p;
  return default_program(db);
}

std::vector<OpenPair> open_relationships_of_program(sql::Connection& db, const ProgramRecord& p) {
  const std::string which = p.is_default ? "(program_id IS NULL OR program_id = ?)" : "program_id = ?";
  return sql::all_rows<OpenPair>(db,
                                 "SELECT id, mentee_id, mentor_id FROM relationships WHERE " + which +
                                     " AND state IN ('accepted', 'starting', 'active', 'fading') ORDER BY id",
                                 {p.id}, [&](const sql::Row& r) -> OpenPair {
                                   return {r.int64(0), r.int64(1), r.int64(2)};
                                 });
}

}  // namespace mh::storage
