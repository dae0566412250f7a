// The PostgreSQL driver of sql::Connection, on libpq. Rewrites the store's `?` placeholders
// into `$1..$n` (not inside quoted literals, identifiers or comments), prepares each distinct
// SQL text once per connection under a generated name, and sends parameters and reads
// results in text format, converting result cells by column type (integers and booleans to
// int64, float/numeric to double, everything else text). Errors map from SQLSTATE to
// sql::Error kinds. Depends on libpq only; libpq-fe.h stays out of this header.
// Not thread-safe: the pool gives a connection to one thread at a time.
//
// A parameter's type is inferred by the server from where it appears, so a placeholder with
// no context (`? IS NULL`) needs a cast: `CAST(? AS BIGINT) IS NULL`.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "storage/sql/connection.hpp"

struct pg_conn;
struct pg_result;

namespace mh::sql {

// Rewrites `?` placeholders into `$1..$n`, leaving `?` inside '...' literals, "..."
// identifiers and comments alone; `count` receives n. Exposed for tests.
std::string rewrite_placeholders(std::string_view sql, int& count);

class PgConnection final : public Connection {
 public:
  // url: "postgresql://..." or "postgres://...". Throws sql::Error(connection).
  explicit PgConnection(const std::string& url);
  ~PgConnection() override;

  Dialect dialect() const override { return Dialect::postgres; }
  ResultSet execute(std::string_view sql, std::span<const Value> params = {}) override;
  // Inside a transaction, queued (libpq's pipeline mode) and sent with the next statement that is
  // waited for or with the COMMIT, in the same round trip; a profile edit's writes and its COMMIT
  // travel together.
  void execute_unread(std::string_view sql, std::span<const Value> params = {}) override;
  void execute_script(std::string_view sql) override;
  void begin(bool write, Isolation isolation = Isolation::read_committed) override;
  void commit() override;
  void rollback() noexcept override;
  bool healthy() const override;

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  struct Prepared {
    std::string name;
    int param_count = 0;
  };
  const Prepared& prepare(std::string_view sql);
  // The prepared statement for `sql`, prepared now if it is new. A new one is prepared after
  // whatever was queued is sent and answered, and after a deferred BEGIN (as it always was, so
  // that its failure fails the transaction too).
  const Prepared& prepared_for(std::string_view sql, std::size_t values);
  // Pipeline mode: entered with the deferred BEGIN (if any) queued first; then statements queued
  // (`sql` names a prepared statement's text, for its errors; empty for BEGIN and COMMIT); then
  // one sync for all, every result read in order and the mode left. Returns the last result when
  // `keep_last` (the statement a caller waits for, whose failure is the caller's to report), and
  // throws the first failure among the others.
  void start_pipeline();
  void queue_prepared(const Prepared& prepared, const char* const* values, std::string_view sql);
  pg_result* sync_pipeline(bool keep_last);
  // Sends a deferred BEGIN on its own, before anything but a prepared statement.
  void flush_begin();
  // Runs a statement without parameters or preparation (BEGIN, COMMIT, scripts).
  void run_simple(const char* sql, std::string* command_status = nullptr);
  // Throws the sql::Error for a failed result (nullptr: no result at all). After a
  // connection-level failure the cached statements are gone with the session, so it forgets
  // them.
  [[noreturn]] void fail(const pg_result* result, std::string_view what);

  // Refuses a statement that is not a read while a read at READ COMMITTED runs in autocommit.
  void check_is_read(std::string_view sql) const;

  pg_conn* conn_ = nullptr;
  // A read at READ COMMITTED takes a snapshot per statement inside a transaction or out of one, so
  // begin() opens none for it: its statements run in autocommit, without BEGIN or COMMIT (the
  // COMMIT was a round trip of its own). What READ ONLY guarded, check_is_read does here.
  bool autocommit_read_ = false;
  // begin() only notes its BEGIN: the first statement carries it, saving a round trip a
  // transaction (PostgreSQL takes the snapshot at the first statement either way).
  const char* pending_begin_ = nullptr;
  bool broken_ = false;  // a pipeline left in a state libpq cannot leave: replace the connection
  bool pipelining_ = false;
  std::vector<std::string> queued_;  // what each awaited result in the pipeline answers, in order
  std::unordered_map<std::string, Prepared, Hash, std::equal_to<>> statements_;
  std::uint64_t next_statement_ = 0;
};

}  // namespace mh::sql
