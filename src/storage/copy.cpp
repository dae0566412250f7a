#include "storage/copy.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/splitmix64.hpp"
#include "storage/migrations.hpp"
#include "storage/search_repo.hpp"
#include "storage/sql/placeholders.hpp"

namespace mh::storage {

namespace {

using sql::Connection;
using sql::Dialect;
using sql::Row;
using sql::Value;

constexpr std::string_view kMigrationsTable = "schema_migrations";
// Both engines accept far more bound values per statement (SQLite 32766 since 3.32,
// PostgreSQL 65535); staying below keeps one INSERT well inside either limit.
constexpr std::size_t kMaxParamsPerStatement = 30000;

// A foreseeable refusal found deep inside the copy; copy_database returns its error.
struct Refusal {
  Error error;
};

[[noreturn]] void refuse(Error e) { throw Refusal{std::move(e)}; }

// Names come from the catalogs, never from input; quoting still keeps any name valid SQL.
std::string quote(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string join(const std::vector<std::string>& items, std::string_view separator,
                 const std::function<std::string(const std::string&)>& each) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += separator;
    out += each(items[i]);
  }
  return out;
}

// What a column holds, as far as the copy cares: values must keep their type.
enum class Kind { integer, real, text, other };

const char* kind_name(Kind k) {
  switch (k) {
    case Kind::integer: return "integer";
    case Kind::real: return "real";
    case Kind::text: return "text";
    case Kind::other: break;
  }
  return "other";
}

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}

// SQLite's type affinity rules (https://sqlite.org/datatype3.html, 3.1), in their order.
Kind sqlite_kind(const std::string& declared) {
  const std::string t = upper(declared);
  if (t.find("INT") != std::string::npos) return Kind::integer;
  if (t.find("CHAR") != std::string::npos || t.find("CLOB") != std::string::npos ||
      t.find("TEXT") != std::string::npos)
    return Kind::text;
  if (t.empty() || t.find("BLOB") != std::string::npos) return Kind::other;
  if (t.find("REAL") != std::string::npos || t.find("FLOA") != std::string::npos ||
      t.find("DOUB") != std::string::npos)
    return Kind::real;
  return Kind::other;  // NUMERIC affinity: anything goes
}

// information_schema.columns.data_type. Booleans arrive as 0/1 integers (the driver's rule).
Kind pg_kind(const std::string& data_type) {
  if (data_type == "smallint" || data_type == "integer" || data_type == "bigint" || data_type == "boolean")
    return Kind::integer;
  if (data_type == "real" || data_type == "double precision") return Kind::real;
  if (data_type == "text" || data_type == "character varying" || data_type == "character") return Kind::text;
  return Kind::other;
}

struct Column {
  std::string name;
  Kind kind = Kind::other;
  bool not_null = false;
  bool identity = false;  // PostgreSQL identity column (explicit values need OVERRIDING)
  bool sequence = false;  // PostgreSQL identity or serial: its sequence must follow the copy
};

struct ForeignKey {
  std::string column;
  std::string references;  // the referenced table
};

struct Table {
  std::string name;
  std::vector<Column> columns;           // in the table's order
  std::vector<std::string> primary_key;  // in key order
  std::vector<ForeignKey> foreign_keys;  // one entry per referencing column

  const Column* column(std::string_view n) const {
    for (const auto& c : columns)
      if (c.name == n) return &c;
    return nullptr;
  }
  bool has_identity() const {
    return std::any_of(columns.begin(), columns.end(), [](const Column& c) { return c.identity; });
  }
};

// Every table of the database (schema_migrations included), by name.
std::vector<std::string> list_tables(Connection& db) {
  const char* sql =
      db.dialect() == Dialect::sqlite
          ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
            "ORDER BY name"
          : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
            "AND table_type = 'BASE TABLE' ORDER BY table_name";
  std::vector<std::string> out;
  for (const Row& r : db.execute(sql).rows) out.push_back(r.text(0));
  return out;
}

// The migrations table; the change counters (they only tell running servers' caches to
// refresh, and a copy's target has no running server yet); and the search index: derived
// from people, engine-specific (FTS5 with its shadow tables in SQLite, a tsvector table in
// PostgreSQL), rebuilt after the copy.
std::vector<std::string> without_migrations(std::vector<std::string> tables) {
  std::erase(tables, std::string(kMigrationsTable));
  std::erase(tables, std::string("change_counters"));
  std::erase_if(tables, [](const std::string& t) { return t.starts_with("people_search"); });
  return tables;
}

Table describe_sqlite(Connection& db, const std::string& name) {
  Table t;
  t.name = name;
  const std::vector<Value> p{name};
  std::vector<std::pair<std::int64_t, std::string>> key;
  for (const Row& r : db.execute("SELECT name, type, \"notnull\", pk FROM pragma_table_info(?) ORDER BY cid", p).rows) {
    t.columns.push_back(Column{r.text(0), sqlite_kind(r.text(1)), r.int64(2) != 0, false, false});
    if (r.int64(3) > 0) key.emplace_back(r.int64(3), r.text(0));
  }
  std::sort(key.begin(), key.end());
  for (auto& [position, column] : key) t.primary_key.push_back(column);
  for (const Row& r : db.execute("SELECT \"table\", \"from\" FROM pragma_foreign_key_list(?)", p).rows)
    t.foreign_keys.push_back(ForeignKey{r.text(1), r.text(0)});
  return t;
}

Table describe_postgres(Connection& db, const std::string& name) {
  Table t;
  t.name = name;
  const std::vector<Value> p{name};
  for (const Row& r : db.execute("SELECT column_name, data_type, is_nullable, is_identity, "
                                 "COALESCE(column_default, '') FROM information_schema.columns "
                                 "WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position",
                                 p)
                          .rows) {
    const bool identity = r.text(3) == "YES";
    const bool serial = r.text(4).starts_with("nextval(");
    t.columns.push_back(Column{r.text(0), pg_kind(r.text(1)), r.text(2) == "NO", identity, identity || serial});
  }
  for (const Row& r : db.execute("SELECT k.column_name FROM information_schema.table_constraints c "
                                 "JOIN information_schema.key_column_usage k ON k.constraint_schema = c.constraint_schema "
                                 "AND k.constraint_name = c.constraint_name AND k.table_name = c.table_name "
                                 "WHERE c.constraint_type = 'PRIMARY KEY' AND c.table_schema = current_schema() "
                                 "AND c.table_name = ? ORDER BY k.ordinal_position",
                                 p)
                          .rows)
    t.primary_key.push_back(r.text(0));
  // pg_constraint rather than information_schema: the latter names the referenced unique
  // constraint, not the table, and hides constraints on tables the user does not own.
  for (const Row& r : db.execute("SELECT a.attname, rt.relname FROM pg_constraint c "
                                 "JOIN pg_class ct ON ct.oid = c.conrelid "
                                 "JOIN pg_namespace n ON n.oid = ct.relnamespace "
                                 "JOIN pg_class rt ON rt.oid = c.confrelid "
                                 "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey) "
                                 "WHERE c.contype = 'f' AND n.nspname = current_schema() AND ct.relname = ? "
                                 "ORDER BY c.conname, a.attnum",
                                 p)
                          .rows)
    t.foreign_keys.push_back(ForeignKey{r.text(0), r.text(1)});
  return t;
}

Table describe(Connection& db, const std::string& name) {
  return db.dialect() == Dialect::sqlite ? describe_sqlite(db, name) : describe_postgres(db, name);
}

long long count_rows(Connection& db, const std::string& table) {
  return db.execute("SELECT COUNT(*) FROM " + quote(table)).rows.at(0).int64(0);
}

// The rows of `table` someone entered: all of them but those the migrations seeded.
long long count_entered_rows(Connection& db, const std::string& table) {
  long long n = count_rows(db, table);
  for (const SeededRows& seeded : seeded_rows())
    if (table == seeded.table)
      n -= db.execute("SELECT COUNT(*) FROM " + quote(table) + " WHERE " + seeded.where).rows.at(0).int64(0);
  return n;
}

int latest_known_version() {
  int v = 0;
  for (const Migration& m : migrations()) v = std::max(v, m.version);
  return v;
}

// "people: 312 rows, auth_tokens: 2 rows" for the tables that hold rows; empty if none does.
std::string rows_held(Connection& db, const std::vector<std::string>& tables) {
  std::string out;
  for (const auto& t : tables) {
    if (const long long n = count_entered_rows(db, t); n > 0) {
      if (!out.empty()) out += ", ";
      out += t + ": " + std::to_string(n) + (n == 1 ? " row" : " rows");
    }
  }
  return out;
}

// The same tables with the same columns (and, where both dialects say, the same kinds).
void check_same_schema(const std::vector<Table>& source, const std::vector<Table>& target) {
  std::set<std::string> source_names, target_names;
  for (const auto& t : source) source_names.insert(t.name);
  for (const auto& t : target) target_names.insert(t.name);
  for (const auto& n : target_names)
    if (!source_names.contains(n))
      refuse(conflict("the target has a table the source lacks (" + n + "); copy into an empty database"));
  for (const auto& n : source_names)
    if (!target_names.contains(n))
      refuse(conflict("the source has a table this schema version does not define (" + n + ")"));
  for (const Table& s : source) {
    const Table& t = *std::find_if(target.begin(), target.end(), [&](const Table& x) { return x.name == s.name; });
    for (const Column& sc : s.columns) {
      const Column* tc = t.column(sc.name);
      if (tc == nullptr) refuse(conflict("the target's table " + s.name + " has no column " + sc.name));
      if (sc.kind != Kind::other && tc->kind != Kind::other && sc.kind != tc->kind)
        refuse(conflict(s.name + "." + sc.name + " is " + kind_name(sc.kind) + " in the source but " +
                        kind_name(tc->kind) + " in the target"));
    }
    for (const Column& tc : t.columns)
      if (s.column(tc.name) == nullptr)
        refuse(conflict("the target's table " + s.name + " has a column the source lacks (" + tc.name + ")"));
  }
}

// The order to fill the tables in, and the foreign-key columns to fill afterwards.
//
// Referenced tables come first (a topological sort of the foreign keys), so every row's
// references exist when it is inserted and the target checks its constraints as usual. A
// reference that no table order can satisfy - a table referencing itself (people.manager_id)
// or a cycle between tables - is "deferred": the rows go in with NULL in that column, and an
// UPDATE per row sets the real value once every table is filled. This works the same on both
// engines, needs no privileges and no special case per table, unlike the alternatives:
// PostgreSQL's `SET CONSTRAINTS ... DEFERRED` needs DEFERRABLE constraints (ours are not),
// `session_replication_role = replica` needs a superuser and skips every check, and ordering
// the rows of a table by their references needs the whole table in memory. It needs the
// deferred column to be nullable and the table to have a primary key; the copy refuses
// before touching anything otherwise. (An UPDATE trigger on such a column would fire; the
// schema has none.)
struct Plan {
  std::vector<const Table*> order;
  std::map<std::string, std::vector<std::string>> deferred;  // table -> columns
};

Plan plan_order(const std::vector<Table>& tables) {
  Plan plan;
  std::set<std::string> names, placed;
  for (const auto& t : tables) names.insert(t.name);
  // References not yet satisfiable for t (itself or a table not placed yet).
  auto pending = [&](const Table& t) {
    std::vector<const ForeignKey*> out;
    for (const auto& fk : t.foreign_keys)
      if (names.contains(fk.references) && (fk.references == t.name || !placed.contains(fk.references)))
        out.push_back(&fk);
    return out;
  };
  auto nullable = [](const Table& t, const ForeignKey& fk) {
    const Column* c = t.column(fk.column);
    return c != nullptr && !c->not_null;
  };
  while (plan.order.size() < tables.size()) {
    const Table* pick = nullptr;
    // Prefer a table whose only pending references are to itself.
    for (const auto& t : tables) {
      if (placed.contains(t.name)) continue;
      auto p = pending(t);
      if (std::all_of(p.begin(), p.end(), [&](const ForeignKey* fk) { return fk->references == t.name; })) {
        pick = &t;
        break;
      }
    }
    // A cycle between tables: break it at a table whose pending references can be deferred.
    if (pick == nullptr) {
      for (const auto& t : tables) {
        if (placed.contains(t.name)) continue;
        auto p = pending(t);
        if (std::all_of(p.begin(), p.end(), [&](const ForeignKey* fk) { return nullable(t, *fk); })) {
          pick = &t;
          break;
        }
      }
    }
    if (pick == nullptr)
      refuse(Error{ErrorCode::internal,
                   "the tables' foreign keys form a cycle of NOT NULL columns, which no copy order satisfies", {}});
    for (const ForeignKey* fk : pending(*pick)) {
      if (!nullable(*pick, *fk))
        refuse(Error{ErrorCode::internal,
                     pick->name + "." + fk->column + " references its own table and is NOT NULL; it cannot be copied", {}});
      if (pick->primary_key.empty())
        refuse(Error{ErrorCode::internal, pick->name + " has a self-reference but no primary key; it cannot be copied", {}});
      auto& d = plan.deferred[pick->name];
      if (std::find(d.begin(), d.end(), fk->column) == d.end()) d.push_back(fk->column);
    }
    placed.insert(pick->name);
    plan.order.push_back(pick);
  }
  return plan;
}

// An order-independent digest of a table's values, types included (the integer 5 and the
// text "5" differ), so the read-back proves every value arrived as it left.
struct Digest {
  long long rows = 0;
  std::uint64_t sum = 0;
  bool operator==(const Digest&) const = default;
};

std::uint64_t row_hash(const Row& row) {
  std::uint64_t h = 1469598103934665603ULL;  // FNV-1a
  auto add = [&h](const void* data, std::size_t n) {
    const auto* bytes = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < n; ++i) {
      h ^= bytes[i];
      h *= 1099511628211ULL;
    }
  };
  for (std::size_t i = 0; i < row.size(); ++i) {
    const Value& v = row.at(i);
    const auto tag = static_cast<unsigned char>(v.index());
    add(&tag, 1);
    if (const auto* n = std::get_if<std::int64_t>(&v)) {
      add(n, sizeof *n);
    } else if (const auto* d = std::get_if<double>(&v)) {
      add(d, sizeof *d);
    } else if (const auto* s = std::get_if<std::string>(&v)) {
      const std::uint64_t size = s->size();
      add(&size, sizeof size);
      add(s->data(), s->size());
    }
  }
  // Finished so that summing row hashes does not cancel structure out.
  return splitmix64_finish(h);
}

// Calls `each` with the rows of `table` (cells in `columns` order) one page at a time, in
// primary-key order (keyset pagination, so no page is read twice and memory stays bounded).
void read_pages(Connection& db, const Table& table, const std::vector<std::string>& columns, int page_rows,
                const std::function<void(const std::vector<Row>&)>& each) {
  const std::string select = "SELECT " + join(columns, ", ", quote) + " FROM " + quote(table.name);
  if (table.primary_key.empty()) {
    each(db.execute(select).rows);
    return;
  }
  std::vector<std::size_t> key_at;
  for (const auto& k : table.primary_key)
    key_at.push_back(static_cast<std::size_t>(std::find(columns.begin(), columns.end(), k) - columns.begin()));
  const std::string key = join(table.primary_key, ", ", quote);
  const std::string tail = " ORDER BY " + key + " LIMIT " + std::to_string(page_rows);
  const std::string first = select + tail;
  const std::string next = select + " WHERE (" + key + ") > (" + sql::placeholders(key_at.size()) + ")" + tail;
  std::vector<Value> after;
  for (;;) {
    const auto rs = db.execute(after.empty() ? first : next, after);
    if (rs.rows.empty()) return;
    each(rs.rows);
    if (rs.rows.size() < static_cast<std::size_t>(page_rows)) return;
    after.clear();
    for (std::size_t i : key_at) after.push_back(rs.rows.back().at(i));
  }
}

std::string describe_value(const Value& v) {
  switch (v.index()) {
    case 1: return "the integer " + std::to_string(std::get<std::int64_t>(v));
    case 2: return "a real number";
    case 3: return "text";
    default: return "NULL";
  }
}

// Integers into integer columns, text into text columns: refuse anything the target would
// convert (SQLite would silently turn "12" into 12, PostgreSQL would store 12 as "12").
bool fits(Kind kind, const Value& v) {
  switch (v.index()) {
    case 0: return true;  // NOT NULL is the target's to check
    case 1: return kind != Kind::text;
    case 2: return kind == Kind::real || kind == Kind::other;
    default: return kind == Kind::text || kind == Kind::other;
  }
}

std::string key_text(const Table& t, const std::vector<std::string>& columns, const Row& row) {
  std::string out;
  for (const auto& k : t.primary_key) {
    const auto i = static_cast<std::size_t>(std::find(columns.begin(), columns.end(), k) - columns.begin());
    if (!out.empty()) out += ", ";
    const Value& v = row.at(i);
    out += k + " " + (v.index() == 1 ? std::to_string(std::get<std::int64_t>(v))
                      : v.index() == 3 ? std::get<std::string>(v).substr(0, 16)
                                       : describe_value(v));
  }
  return out.empty() ? "a row" : "the row with " + out;
}

struct DeferredRow {
  std::vector<Value> key;     // primary key values
  std::vector<Value> values;  // the deferred columns' values
};

// Copies one table; returns the source digest and the deferred values to set afterwards.
Digest copy_table(Connection& from, Connection& to, const Table& source, const Table& target,
                  const std::vector<std::string>& deferred, const CopyOptions& options,
                  std::vector<DeferredRow>& deferred_rows) {
  std::vector<std::string> columns;
  for (const auto& c : source.columns) columns.push_back(c.name);
  std::vector<const Column*> target_columns;
  std::vector<bool> is_deferred;
  for (const auto& c : columns) {
    target_columns.push_back(target.column(c));
    is_deferred.push_back(std::find(deferred.begin(), deferred.end(), c) != deferred.end());
  }
  std::vector<std::size_t> key_at, deferred_at;
  for (const auto& k : target.primary_key)
    key_at.push_back(static_cast<std::size_t>(std::find(columns.begin(), columns.end(), k) - columns.begin()));
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (is_deferred[i]) deferred_at.push_back(i);

  const std::size_t batch = std::max<std::size_t>(
      1, std::min<std::size_t>(static_cast<std::size_t>(std::max(1, options.batch_rows)),
                               kMaxParamsPerStatement / std::max<std::size_t>(1, columns.size())));
  const std::string head = "INSERT INTO " + quote(target.name) + " (" + join(columns, ", ", quote) + ")" +
                           (to.dialect() == Dialect::postgres && target.has_identity() ? " OVERRIDING SYSTEM VALUE" : "") +
                           " VALUES ";
  const std::string tuple = "(" + sql::placeholders(columns.size()) + ")";
  // One SQL text per batch size; the drivers cache prepared statements by text.
  std::map<std::size_t, std::string> statements;
  auto statement_for = [&](std::size_t rows) -> const std::string& {
    auto& s = statements[rows];
    if (s.empty()) {
      s = head;
      for (std::size_t i = 0; i < rows; ++i) s += i == 0 ? tuple : ", " + tuple;
    }
    return s;
  };

  Digest digest;
  std::vector<Value> params;
  read_pages(from, source, columns, options.page_rows, [&](const std::vector<Row>& rows) {
    for (std::size_t start = 0; start < rows.size(); start += batch) {
      const std::size_t n = std::min(batch, rows.size() - start);
      params.clear();
      params.reserve(n * columns.size());
      for (std::size_t r = start; r < start + n; ++r) {
        const Row& row = rows[r];
        digest.rows += 1;
        digest.sum += row_hash(row);
        DeferredRow later;
        bool any_deferred = false;
        for (std::size_t i = 0; i < columns.size(); ++i) {
          const Value& v = row.at(i);
          if (!fits(target_columns[i]->kind, v))
            refuse(invalid(target.name + "." + columns[i],
                           key_text(source, columns, row) + " holds " + describe_value(v) + " in " + target.name + "." +
                               columns[i] + ", which the target keeps as " + kind_name(target_columns[i]->kind)));
          if (is_deferred[i]) {
            any_deferred = any_deferred || v.index() != 0;
            params.emplace_back(nullptr);
          } else {
            params.push_back(v);
          }
        }
        if (any_deferred) {
          for (std::size_t i : key_at) later.key.push_back(row.at(i));
          for (std::size_t i : deferred_at) later.values.push_back(row.at(i));
          deferred_rows.push_back(std::move(later));
        }
      }
      to.execute(statement_for(n), params);
    }
  });
  return digest;
}

Digest digest_of(Connection& db, const Table& table, const std::vector<std::string>& columns, int page_rows) {
  Digest d;
  read_pages(db, table, columns, page_rows, [&](const std::vector<Row>& rows) {
    for (const Row& r : rows) {
      d.rows += 1;
      d.sum += row_hash(r);
    }
  });
  return d;
}

CopyReport run_copy(Connection& from, Connection& to, const CopyOptions& options) {
  CopyReport report;

  // 1. The source: a Mentorhub database at exactly this binary's schema version. Only read.
  const auto source_all = list_tables(from);
  if (std::find(source_all.begin(), source_all.end(), kMigrationsTable) == source_all.end())
    refuse(invalid("from", "the source is not a Mentorhub database (it has no schema_migrations table)"));
  const int source_version =
      static_cast<int>(from.execute("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").rows.at(0).int64(0));
  const int known = latest_known_version();
  if (source_version > known)
    refuse(conflict("the source's schema version " + std::to_string(source_version) +
                    " is newer than this mentorhub knows (" + std::to_string(known) + "); copy with a newer mentorhub"));
  if (source_version < known)
    refuse(conflict("the source's schema version " + std::to_string(source_version) + " is older than this mentorhub's (" +
                    std::to_string(known) + "); upgrade it first with `mentorhub --database SOURCE migrate`"));
  report.schema_version = source_version;

  // 2. The target: refuse before changing anything if it holds rows and force is not given.
  if (!options.force) {
    if (const auto held = rows_held(to, without_migrations(list_tables(to))); !held.empty())
      refuse(conflict("the target already holds data (" + held + "); use --force to replace it"));
  }
  report.migrations_applied = apply_migrations(to, options.now_unix);
  const int target_version = schema_version(to);
  if (target_version != source_version)
    refuse(conflict("the target's schema version " + std::to_string(target_version) + " differs from the source's (" +
                    std::to_string(source_version) + ")"));

  // 3. The tables, described by each side's catalog, and the order to fill them in.
  std::vector<Table> source_tables, target_tables;
  for (const auto& n : without_migrations(source_all)) source_tables.push_back(describe(from, n));
  for (const auto& n : without_migrations(list_tables(to))) target_tables.push_back(describe(to, n));
  check_same_schema(source_tables, target_tables);
  const Plan plan = plan_order(target_tables);
  auto source_table = [&](const std::string& name) -> const Table& {
    return *std::find_if(source_tables.begin(), source_tables.end(), [&](const Table& t) { return t.name == name; });
  };

  // 4. One snapshot of the source, one transaction on the target.
  from.begin(false, Connection::Isolation::repeatable_read);
  to.begin(true, Connection::Isolation::serializable);
  std::vector<std::string> names;
  for (const Table* t : plan.order) names.push_back(t->name);
  if (const auto held = rows_held(to, names); !held.empty()) {
    if (!options.force) refuse(conflict("the target already holds data (" + held + "); use --force to replace it"));
    // Deferred references first, so no DELETE trips over a row another table still points at.
    for (const auto& [table, columns] : plan.deferred)
      to.execute("UPDATE " + quote(table) + " SET " +
                 join(columns, ", ", [](const std::string& c) { return quote(c) + " = NULL"; }));
    for (auto it = plan.order.rbegin(); it != plan.order.rend(); ++it)
      report.rows_removed += to.execute("DELETE FROM " + quote((*it)->name)).affected;
  }
  // The source has its own seeded rows (its default program), which replace the target's.
  for (const SeededRows& seeded : seeded_rows())
    to.execute("DELETE FROM " + quote(seeded.table) + " WHERE " + seeded.where);

  std::map<std::string, Digest> source_digests;
  std::map<std::string, std::vector<DeferredRow>> deferred_rows;
  for (const Table* t : plan.order) {
    const auto d = plan.deferred.find(t->name);
    source_digests[t->name] =
        copy_table(from, to, source_table(t->name), *t, d == plan.deferred.end() ? std::vector<std::string>{} : d->second,
                   options, deferred_rows[t->name]);
  }
  from.rollback();  // the snapshot has served; nothing was written there

  // 5. The deferred references, now that every row they may point at exists.
  for (const auto& [table_name, columns] : plan.deferred) {
    const Table& t = *std::find_if(target_tables.begin(), target_tables.end(),
                                   [&](const Table& x) { return x.name == table_name; });
    const std::string sql =
        "UPDATE " + quote(table_name) + " SET " +
        join(columns, ", ", [](const std::string& c) { return quote(c) + " = ?"; }) + " WHERE " +
        join(t.primary_key, " AND ", [](const std::string& c) { return quote(c) + " = ?"; });
    std::vector<Value> params;
    for (const DeferredRow& r : deferred_rows[table_name]) {
      params = r.values;
      params.insert(params.end(), r.key.begin(), r.key.end());
      to.execute(sql, params);
    }
  }

  // 6. PostgreSQL sequences continue after the highest copied id (SQLite's INTEGER PRIMARY
  // KEY already does). setval is not transactional: a later failure leaves only a gap.
  if (to.dialect() == Dialect::postgres) {
    for (const Table* t : plan.order)
      for (const Column& c : t->columns)
        if (c.sequence)
          to.execute("SELECT setval(pg_get_serial_sequence(?, ?), COALESCE(MAX(" + quote(c.name) + "), 0) + 1, false) FROM " +
                         quote(t->name),
                     std::vector<Value>{quote(t->name), c.name});
  }

  // 7. Read everything back and compare, before committing.
  for (const Table* t : plan.order) {
    std::vector<std::string> columns;
    for (const auto& c : source_table(t->name).columns) columns.push_back(c.name);
    const Digest copied = digest_of(to, *t, columns, options.page_rows);
    const Digest& original = source_digests[t->name];
    report.tables.push_back(CopiedTable{t->name, original.rows, copied.rows});
    if (copied.rows != original.rows)
      refuse(Error{ErrorCode::internal,
                   "verification failed: " + t->name + " has " + std::to_string(original.rows) + " rows in the source but " +
                       std::to_string(copied.rows) + " in the target; nothing was copied",
                   {}});
    if (copied != original)
      refuse(Error{ErrorCode::internal,
                   "verification failed: the values of " + t->name + " differ after the copy; nothing was copied", {}});
  }
  // 8. The search index is derived from people, so it is rebuilt rather than copied.
  rebuild_people_search(to);
  to.commit();
  return report;
}

}  // namespace

Result<CopyReport> copy_database(Connection& from, Connection& to, const CopyOptions& options) {
  auto error = [&](Error e) -> Result<CopyReport> {
    from.rollback();
    to.rollback();
    return e;
  };
  try {
    return run_copy(from, to, options);
  } catch (const Refusal& r) {
    return error(r.error);
  } catch (const sql::Error& e) {
    if (e.kind() == sql::Error::Kind::connection)
      return error(Error{ErrorCode::unavailable, std::string("lost a database connection; nothing was copied: ") + e.what(), {}});
    return error(Error{ErrorCode::internal, std::string("the copy failed; nothing was copied: ") + e.what(), {}});
  } catch (const std::exception& e) {
    return error(Error{ErrorCode::internal, std::string("the copy failed; nothing was copied: ") + e.what(), {}});
  }
}

Result<CopyReport> copy_database(const std::string& from_url, const std::string& to_url, const CopyOptions& options) {
  namespace fs = std::filesystem;
  const bool from_pg = sql::is_postgres_url(from_url);
  const bool to_pg = sql::is_postgres_url(to_url);
  std::error_code ec;
  // Opening a SQLite path creates the file; a source must already be there.
  if (!from_pg && (from_url.empty() || from_url == ":memory:" || !fs::is_regular_file(from_url, ec)))
    return invalid("from", "the source database " + from_url + " does not exist");
  if (from_pg == to_pg) {
    const bool same = from_pg ? from_url == to_url
                              : fs::weakly_canonical(from_url, ec) == fs::weakly_canonical(to_url, ec) && !ec;
    if (same) return invalid("to", "the source and the target are the same database");
  }
  std::unique_ptr<Connection> from, to;
  try {
    from = sql::connect(from_url);
  } catch (const std::exception& e) {
    return Error{ErrorCode::unavailable, std::string("cannot open the source: ") + e.what(), {}};
  }
  try {
    to = sql::connect(to_url);
  } catch (const std::exception& e) {
    return Error{ErrorCode::unavailable, std::string("cannot open the target: ") + e.what(), {}};
  }
  return copy_database(*from, *to, options);
}

std::string format_copy_report(const CopyReport& report) {
  std::size_t width = 5;
  for (const auto& t : report.tables) width = std::max(width, t.name.size());
  std::string out;
  char line[256];
  auto row = [&](const std::string& name, const std::string& a, const std::string& b) {
    std::snprintf(line, sizeof line, "%-*s  %10s  %10s\n", static_cast<int>(width), name.c_str(), a.c_str(), b.c_str());
    out += line;
  };
  row("table", "source", "target");
  long long source_total = 0, target_total = 0;
  for (const auto& t : report.tables) {
    row(t.name, std::to_string(t.source_rows), std::to_string(t.target_rows));
    source_total += t.source_rows;
    target_total += t.target_rows;
  }
  row("total", std::to_string(source_total), std::to_string(target_total));
  out += "copied " + std::to_string(target_total) + " rows in " + std::to_string(report.tables.size()) +
         " tables at schema version " + std::to_string(report.schema_version);
  if (report.migrations_applied > 0)
    out += "; " + std::to_string(report.migrations_applied) + " migration(s) applied to the target";
  if (report.rows_removed > 0) out += "; " + std::to_string(report.rows_removed) + " rows removed from the target first";
  out += "\n";
  return out;
}

}  // namespace mh::storage
