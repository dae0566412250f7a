#include "storage/sqlite/sqlite_connection.hpp"

#include <malloc.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>

#include <sqlite3.h>

#include <utility>

namespace mh::sql {

namespace {

// SQLite's heap, counted by the allocator below.
std::atomic<long long> heap_held{0};
std::atomic<bool> counting{false};  // the allocator below is SQLite's (set once, before any connection)

// The system's allocator, counting what SQLite holds in one atomic. SQLite's own statistics
// (SQLITE_CONFIG_MEMSTATUS, on by default) take a process-wide mutex around every allocation,
// and Debian builds SQLite without lookaside, so every small allocation of every statement on
// every worker went through that one mutex: handlers on different connections waited for each
// other in the kernel (a page of people spent 6% of its CPU locking it, more waiting on it).
long long usable(void* p) { return static_cast<long long>(malloc_usable_size(p)); }
void* counted_malloc(int n) {
  void* p = std::malloc(static_cast<std::size_t>(n));
  if (p != nullptr) heap_held.fetch_add(usable(p), std::memory_order_relaxed);
  return p;
}
void counted_free(void* p) {
  if (p == nullptr) return;
  heap_held.fetch_sub(usable(p), std::memory_order_relaxed);
  std::free(p);
}
void* counted_realloc(void* p, int n) {
  const long long before = p != nullptr ? usable(p) : 0;
  void* q = std::realloc(p, static_cast<std::size_t>(n));
  if (q != nullptr) heap_held.fetch_add(usable(q) - before, std::memory_order_relaxed);
  return q;  // on failure p is untouched, and so is the count
}
int counted_size(void* p) { return p != nullptr ? static_cast<int>(usable(p)) : 0; }
int counted_roundup(int n) { return (n + 7) & ~7; }
int counted_init(void*) { return SQLITE_OK; }
void counted_shutdown(void*) {}

}  // namespace

void use_counting_allocator() {
  static std::once_flag once;
  std::call_once(once, [] {
    static const sqlite3_mem_methods methods{counted_malloc, counted_free,  counted_realloc, counted_size,
                                             counted_roundup, counted_init, counted_shutdown, nullptr};
    // Both only take effect before SQLite initialises; if something opened a database first,
    // SQLite keeps its own allocator and statistics, and the figure comes from those.
    counting.store(sqlite3_config(SQLITE_CONFIG_MALLOC, &methods) == SQLITE_OK &&
                   sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK);
  });
}

long long sqlite_heap_bytes() {
  return counting.load() ? heap_held.load(std::memory_order_relaxed) : sqlite3_memory_used();
}

namespace {

Error::Kind kind_of(int extended_code) {
  switch (extended_code) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
    case SQLITE_CONSTRAINT_ROWID:
      return Error::Kind::unique_violation;
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return Error::Kind::foreign_key_violation;
    case SQLITE_CONSTRAINT_CHECK:
      return Error::Kind::check_violation;
    default:
      break;
  }
  switch (extended_code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Error::Kind::busy;
    case SQLITE_FULL:
    case SQLITE_READONLY:
    case SQLITE_IOERR:
      return Error::Kind::cannot_write;
    default:
      return Error::Kind::other;
  }
}

// SQLite's message for a database it cannot open ("unable to open database file") does not say
// why. The usual reasons are that the file, or its folder (where the WAL and its index are
// created), cannot be written: a read-only disk, or permissions. Says which, or nothing.
std::string why_not_writable(const std::string& name) {
  if (name.empty() || name == ":memory:") return {};
  std::string path = name;
  if (path.starts_with("file:")) path = path.substr(5, path.find('?') - 5);  // npos - 5: to the end
  const std::filesystem::path file(path);
  auto refused = [](const std::filesystem::path& p, const char* what) -> std::string {
    if (::access(p.c_str(), W_OK) == 0) return {};
    return std::string(" (") + what + " '" + p.string() + "' cannot be written: " + std::strerror(errno) + ")";
  };
  std::error_code ignored;
  if (std::filesystem::exists(file, ignored))
    if (auto why = refused(file, "the file"); !why.empty()) return why;
  const std::filesystem::path folder = file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
  return refused(folder, "its folder");
}

[[noreturn]] void fail(sqlite3* db, int code, std::string_view what) {
  // The extended code on the handle is the precise one (e.g. CONSTRAINT_UNIQUE); `code` is
  // the fallback when the handle has none (open failures leave it generic).
  const int extended = db != nullptr ? sqlite3_extended_errcode(db) : code;
  std::string message = "sqlite: ";
  message += what;
  message += ": ";
  message += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code);
  throw Error(kind_of(extended), message);
}

// Puts a cached statement back in its initial state however execute() leaves, so the next
// use starts clean and no bound text outlives the caller's params.
class StatementReset {
 public:
  explicit StatementReset(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~StatementReset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  StatementReset(const StatementReset&) = delete;
  StatementReset& operator=(const StatementReset&) = delete;

 private:
  sqlite3_stmt* stmt_;
};

Value read_cell(sqlite3_stmt* stmt, int i) {
  switch (sqlite3_column_type(stmt, i)) {
    case SQLITE_INTEGER:
      return static_cast<std::int64_t>(sqlite3_column_int64(stmt, i));
    case SQLITE_FLOAT:
      return sqlite3_column_double(stmt, i);
    case SQLITE_TEXT: {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
      return std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt, i)));
    }
    case SQLITE_BLOB: {
      const auto* blob = static_cast<const char*>(sqlite3_column_blob(stmt, i));
      const auto size = static_cast<std::size_t>(sqlite3_column_bytes(stmt, i));
      return blob != nullptr ? std::string(blob, size) : std::string();
    }
    default:
      return nullptr;
  }
}

constexpr int kBusyTimeoutMs = 5000;

// The WAL's upkeep, after every commit (SQLite calls this once the commit is done and its write
// lock released). SQLite's own upkeep copies the WAL back into the database past 1,000 pages
// (PASSIVE: it never waits), but the WAL only starts over from its beginning when no reader is
// using it; under a steady read load some reader always is, so it grows without end: a 3-minute
// soak grew it to 353 MB over an 8 MB database, and every read then searches a longer WAL index.
// Past kWalRestartPages a commit asks for a RESTART checkpoint: it copies every page back, then
// waits (at most kWalRestartWaitMs, so that commit's request is not held long) for the readers
// still on old pages, so the next commit starts the WAL over; readers that begin meanwhile read
// the database alone and do not hold it up. A RESTART that times out has still copied what it
// could; the connection tries again once the WAL has grown by kWalRestartBackOffPages more (a
// reader that keeps one snapshot open for long would otherwise make every commit wait).
// journal_size_limit (below) then cuts the file back.
constexpr int kWalCheckpointPages = 1000;  // SQLite's default auto-checkpoint
constexpr int kWalRestartPages = 8192;     // 32 MiB of 4 KiB pages
constexpr int kWalRestartWaitMs = 100;
constexpr int kWalRestartBackOffPages = 2048;  // 8 MiB more before trying again
constexpr long long kWalSizeLimitBytes = 32LL << 20;

}  // namespace

// SQLite's WAL hook, after each commit. A RESTART waits for readers of old pages while holding
// the write lock, so after one that could not start the WAL over (a reader held an old snapshot
// through the wait) the connection tries again only once the WAL has grown by another
// kWalRestartBackOffPages, instead of making every later commit wait too.
int SqliteConnection::keep_the_wal_short(void* self, sqlite3* db, const char* schema, int pages) {
  auto& connection = *static_cast<SqliteConnection*>(self);
  if (pages < connection.wal_pages_seen_) connection.checkpoint_at_pages_ = 0;  // it started over
  connection.wal_pages_seen_ = pages;
  if (pages < kWalRestartPages) connection.restart_wal_at_pages_ = kWalRestartPages;
  if (pages < kWalCheckpointPages) return SQLITE_OK;
  if (pages < connection.restart_wal_at_pages_) {
    // SQLite's own upkeep checkpoints after every commit once the WAL is past 1,000 pages, which
    // under readers that keep it from starting over is every commit: a few pages copied back and
    // two fsyncs each time. Once per kWalCheckpointPages more a connection is enough, and copies a
    // page written by many commits (a profile's search entry) once.
    if (pages >= connection.checkpoint_at_pages_) {
      sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
      ++connection.wal_checkpoints_run_;
      connection.checkpoint_at_pages_ = pages + kWalCheckpointPages;
    }
    return SQLITE_OK;
  }
  ++connection.wal_restarts_tried_;
  sqlite3_busy_timeout(db, kWalRestartWaitMs);
  const int rc = sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_RESTART, nullptr, nullptr);
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  connection.restart_wal_at_pages_ = rc == SQLITE_OK ? kWalRestartPages : pages + kWalRestartBackOffPages;
  return SQLITE_OK;  // a checkpoint that could not finish is no error of the commit's
}

SqliteConnection::SqliteConnection(const std::string& path) {
  // NOMUTEX: the pool gives a connection to one thread at a time, so SQLite's own per-call
  // mutex would only cost time.
  // URI: a file: name may carry options, of which Mentorhub reads `synchronous` (below).
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
  use_counting_allocator();
  const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = "cannot open SQLite database '" + path + "': ";
    message += db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    message += why_not_writable(path);
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw Error(Error::Kind::connection, message);
  }
  sqlite3_extended_result_codes(db_, 1);
  // The busy timeout comes first: switching to WAL needs a lock another connection may hold.
  sqlite3_busy_timeout(db_, kBusyTimeoutMs);
  // NORMAL in WAL mode: a commit survives the process being killed, but the last commits
  // before a power loss or an OS crash may be lost (the database stays consistent). A database
  // named file:PATH?synchronous=full syncs the WAL on every commit and loses nothing
  // acknowledged, at the cost of one fsync per write (README.md, "Durability").
  const char* asked = sqlite3_uri_parameter(sqlite3_db_filename(db_, "main"), "synchronous");
  const std::string synchronous = asked == nullptr ? "normal" : asked;
  if (synchronous != "normal" && synchronous != "full" && synchronous != "extra") {
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw Error(Error::Kind::connection, "cannot open SQLite database '" + path +
                                             "': synchronous must be normal, full or extra, not '" + synchronous + "'");
  }
  const std::string setup = "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=" + synchronous +
                            "; PRAGMA journal_size_limit=" + std::to_string(kWalSizeLimitBytes) + ";";
  char* error = nullptr;
  const int pragmas = sqlite3_exec(db_, setup.c_str(), nullptr, nullptr, &error);
  if (pragmas != SQLITE_OK) {
    std::string message = "cannot configure SQLite database '" + path + "': ";
    message += error != nullptr ? error : sqlite3_errstr(pragmas);
    message += why_not_writable(path);
    sqlite3_free(error);
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw Error(Error::Kind::connection, message);
  }
  sqlite3_wal_hook(db_, &SqliteConnection::keep_the_wal_short, this);  // replaces SQLite's own auto-checkpoint
}

SqliteConnection::~SqliteConnection() {
  for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
  sqlite3_close_v2(db_);
}

sqlite3_stmt* SqliteConnection::prepare(std::string_view sql) {
  if (auto it = statements_.find(sql); it != statements_.end()) return it->second;
  sqlite3_stmt* stmt = nullptr;
  const char* tail = nullptr;
  // The cache holds one statement per distinct SQL text for the connection's life; the store
  // uses a fixed set of texts, so it stays small.
  const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt, &tail);
  if (rc != SQLITE_OK) fail(db_, rc, "prepare \"" + std::string(sql) + "\"");
  if (stmt == nullptr) throw Error(Error::Kind::other, "sqlite: empty statement");
  // A second statement would be silently ignored; that is a bug in the caller's SQL. Preparing
  // the rest tells real statements apart from trailing comments and semicolons.
  const char* end = sql.data() + sql.size();
  if (tail != nullptr && tail < end) {
    sqlite3_stmt* next = nullptr;
    const int rest = sqlite3_prepare_v2(db_, tail, static_cast<int>(end - tail), &next, nullptr);
    const bool more = rest != SQLITE_OK || next != nullptr;
    sqlite3_finalize(next);
    if (more) {
      sqlite3_finalize(stmt);
      throw Error(Error::Kind::other,
                  "sqlite: execute() takes one statement; use execute_script() for several");
    }
  }
  statements_.emplace(std::string(sql), stmt);
  return stmt;
}

ResultSet SqliteConnection::execute(std::string_view sql, std::span<const Value> params) {
  sqlite3_stmt* stmt = prepare(sql);
  StatementReset reset(stmt);

  if (sqlite3_bind_parameter_count(stmt) != static_cast<int>(params.size())) {
    throw Error(Error::Kind::other,
                "sqlite: statement has " + std::to_string(sqlite3_bind_parameter_count(stmt)) +
                    " placeholders but " + std::to_string(params.size()) + " values were given");
  }
  for (std::size_t i = 0; i < params.size(); ++i) {
    const int index = static_cast<int>(i) + 1;
    int rc = SQLITE_OK;
    if (const auto* n = std::get_if<std::int64_t>(&params[i])) {
      rc = sqlite3_bind_int64(stmt, index, *n);
    } else if (const auto* d = std::get_if<double>(&params[i])) {
      rc = sqlite3_bind_double(stmt, index, *d);
    } else if (const auto* s = std::get_if<std::string>(&params[i])) {
      // SQLITE_STATIC: the caller's params outlive the step loop, and the reset guard clears
      // the bindings before we return, so no copy is needed.
      rc = sqlite3_bind_text64(stmt, index, s->data(), s->size(), SQLITE_STATIC, SQLITE_UTF8);
    } else {
      rc = sqlite3_bind_null(stmt, index);
    }
    if (rc != SQLITE_OK) fail(db_, rc, "bind");
  }

  // sqlite3_changes() keeps the count of the last INSERT/UPDATE/DELETE, so a later SELECT or
  // DDL would report it again; the total only moves when this statement changed rows.
  const sqlite3_int64 total_before = sqlite3_total_changes64(db_);
  ResultSet result;
  const int columns = sqlite3_column_count(stmt);
  for (;;) {
    const int rc = sqlite3_step(stmt);
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) fail(db_, rc, "execute");
    std::vector<Value> cells;
    cells.reserve(static_cast<std::size_t>(columns));
    for (int i = 0; i < columns; ++i) cells.push_back(read_cell(stmt, i));
    result.rows.emplace_back(std::move(cells));
  }
  if (sqlite3_total_changes64(db_) != total_before) result.affected = sqlite3_changes64(db_);
  return result;
}

void SqliteConnection::execute_script(std::string_view sql) {
  const std::string script(sql);  // sqlite3_exec needs a terminating NUL
  char* error = nullptr;
  const int rc = sqlite3_exec(db_, script.c_str(), nullptr, nullptr, &error);
  if (rc != SQLITE_OK) {
    std::string message = "sqlite: script: ";
    message += error != nullptr ? error : sqlite3_errstr(rc);
    sqlite3_free(error);
    throw Error(kind_of(sqlite3_extended_errcode(db_)), message);
  }
}

void SqliteConnection::begin(bool write, Isolation /*isolation*/) {
  // SQLite transactions are always serializable. IMMEDIATE takes the write lock now, so a
  // writer waits (busy timeout) at BEGIN rather than failing half-way on a lock upgrade.
  execute(write ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
}

void SqliteConnection::commit() { execute("COMMIT"); }

void SqliteConnection::rollback() noexcept {
  // Without an open transaction ROLLBACK is an error; autocommit mode means there is none
  // (SQLite may already have rolled back itself after some errors).
  if (db_ == nullptr || sqlite3_get_autocommit(db_) != 0) return;
  sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

}  // namespace mh::sql
