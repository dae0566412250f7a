#include "storage/sqlite/backup.hpp"
#include "storage/sqlite/sqlite_connection.hpp"

#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <system_error>
#include <thread>

namespace mh::sql {
namespace {

// Closes a connection at scope exit.
struct Db {
  sqlite3* db = nullptr;
  ~Db() { sqlite3_close_v2(db); }
  std::string error() const { return db != nullptr ? sqlite3_errmsg(db) : "out of memory"; }
};

mh::Error failed(std::string what) { return mh::Error{ErrorCode::internal, std::move(what), {}}; }

}  // namespace

Status backup_sqlite(const std::string& source, const std::string& destination) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::exists(destination, ec)) return conflict("'" + destination + "' exists; backups never overwrite a file");
  if (!fs::is_regular_file(source, ec)) return not_found("no SQLite database file at '" + source + "'");

  use_counting_allocator();
  Db src;
  // Read-write (never written): a read-only connection could not take part in WAL recovery
  // when the source's last writer died.
  if (sqlite3_open_v2(source.c_str(), &src.db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK)
    return failed("cannot open '" + source + "': " + src.error());
  sqlite3_busy_timeout(src.db, 5000);
  // A file that is not a database opens fine and fails at the first read.
  if (sqlite3_exec(src.db, "SELECT count(*) FROM sqlite_schema", nullptr, nullptr, nullptr) != SQLITE_OK)
    return not_found("'" + source + "' is not a SQLite database: " + src.error());

  const std::string partial = destination + ".partial";
  fs::remove(partial, ec);
  {
    Db dst;
    if (sqlite3_open_v2(partial.c_str(), &dst.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK)
      return failed("cannot create '" + partial + "': " + dst.error());
    sqlite3_backup* backup = sqlite3_backup_init(dst.db, "main", src.db, "main");
    if (backup == nullptr) return failed("cannot start the backup: " + dst.error());
    // All pages in one step: one read transaction, so one consistent state. The source's
    // writers may hold the lock for a moment; retry then, for up to a minute.
    int rc = SQLITE_OK;
    for (int attempt = 0; attempt < 600; ++attempt) {
      rc = sqlite3_backup_step(backup, -1);
      if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) {
      fs::remove(partial, ec);
      return failed(std::string("the backup failed: ") + sqlite3_errstr(rc));
    }
    // The copy must be whole before it takes the destination's name.
    sqlite3_stmt* check = nullptr;
    std::string verdict = "no answer";
    if (sqlite3_prepare_v2(dst.db, "PRAGMA integrity_check", -1, &check, nullptr) == SQLITE_OK &&
        sqlite3_step(check) == SQLITE_ROW)
      verdict = reinterpret_cast<const char*>(sqlite3_column_text(check, 0));
    sqlite3_finalize(check);
    // The backup keeps the source's WAL mode; fold everything into the one file, so the
    // backup is a single file to copy.
    sqlite3_exec(dst.db, "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr);
    if (verdict != "ok") {
      fs::remove(partial, ec);
      return failed("the copy failed its integrity check: " + verdict);
    }
  }
  fs::remove(partial + "-wal", ec);
  fs::remove(partial + "-shm", ec);
  // A hard link fails when the destination exists, so a file made there since the check above
  // is not overwritten either.
  fs::create_hard_link(partial, destination, ec);
  std::error_code ignored;
  fs::remove(partial, ignored);
  if (ec) return failed("cannot name the copy '" + destination + "': " + ec.message());
  return {};
}

}  // namespace mh::sql
