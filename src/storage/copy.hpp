// Copying a whole installation from one database to another, in either direction between
// SQLite and PostgreSQL (`mentorhub copy --from SOURCE --to TARGET [--force]`).
//
// The copy is generic: it discovers the tables, columns, primary keys and foreign keys from
// the databases' catalogs, so a new migration needs no change here. The target is migrated to
// this binary's schema version and must then be at the source's version; it must be empty
// unless `force`, which empties it first. Every row is copied with its ids, in batches of
// multi-row INSERTs with bound values, all in ONE transaction on the target, so a failure
// leaves the target as it was (apart from the migration, which only creates the schema, and,
// on PostgreSQL, sequence positions, which never roll back). The source is read in one
// read-only snapshot and never written. Afterwards every table is read back from the target
// and compared with the source: row counts and a digest of every value (with its type: an
// integer that became text is a difference), before the target transaction commits.
// Stateless; each call uses its two connections from one thread.
#pragma once

#include <string>
#include <vector>

#include "common/result.hpp"
#include "storage/sql/connection.hpp"

namespace mh::storage {

struct CopyOptions {
  bool force = false;      // empty a target that holds rows instead of refusing
  long long now_unix = 0;  // recorded in the target's schema_migrations rows
  int batch_rows = 200;    // rows per INSERT statement (fewer for very wide tables)
  int page_rows = 1000;    // rows read from a table per SELECT
};

struct CopiedTable {
  std::string name;
  long long source_rows = 0;
  long long target_rows = 0;  // read back from the target before commit
};

struct CopyReport {
  int schema_version = 0;
  int migrations_applied = 0;        // to the target
  long long rows_removed = 0;        // from the target, with force
  std::vector<CopiedTable> tables;   // in copy order: referenced tables first
};

// Opens both databases (a SQLite path or a postgresql:// URL each) and copies. Errors:
// `invalid` (the source does not exist, is not a Mentorhub database, or is the target),
// `conflict` (the target holds rows without force; schema versions differ), `unavailable`
// (a database cannot be reached), `internal` (the copy failed; the target is unchanged).
// Messages are one line and never repeat a URL (it may hold a password).
Result<CopyReport> copy_database(const std::string& from_url, const std::string& to_url, const CopyOptions& options);

// The same over open connections (neither may be inside a transaction).
Result<CopyReport> copy_database(sql::Connection& from, sql::Connection& to, const CopyOptions& options);

// The report as a table of counts per table, ending in a newline.
std::string format_copy_report(const CopyReport& report);

}  // namespace mh::storage
