// The schema, as one ordered list of migrations written once for both dialects. A few
// placeholders stand where SQLite and PostgreSQL differ ({{id}} for an auto-numbered primary
// key). `migrate` applies each pending migration in its own transaction together with its
// row in schema_migrations, so a migration is never half-applied. Stateless; thread-safe.
#pragma once

#include <limits>
#include <string>
#include <vector>

#include "storage/sql/connection.hpp"

namespace mh::storage {

struct Migration {
  int version;
  const char* name;
  const char* sql;
  // Where the dialects cannot share SQL (full-text search, JSON, dropping a referenced table),
  // each gets its own part: where `sql` says {{dialect}}, else after it.
  const char* sqlite_sql = nullptr;
  const char* postgres_sql = nullptr;
};

const std::vector<Migration>& migrations();

// The migration's SQL with the dialect's placeholders filled in.
std::string render_migration(const Migration& m, sql::Dialect dialect);

// Applies every migration newer than the database's version, up to `through_version` (a test
// builds a database as an older release left it, fills it, then migrates the rest). Returns how
// many it applied. Throws sql::Error (the failing migration is rolled back, earlier ones stay).
int apply_migrations(sql::Connection& db, long long now_unix,
                     int through_version = std::numeric_limits<int>::max());

// Rows the migrations themselves write into every database (the default program), as a table
// and the condition that finds them: not data anyone entered, so a copy into a new database
// replaces them with the source's.
struct SeededRows {
  const char* table;
  const char* where;
};
const std::vector<SeededRows>& seeded_rows();

// The highest applied version, 0 for an empty database.
int schema_version(sql::Connection& db);

}  // namespace mh::storage
