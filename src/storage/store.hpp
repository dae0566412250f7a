// The Store: every piece of state Mentorhub keeps (people, sessions, sign-in counters, and
// later relationships, jobs and nudges), in SQLite or PostgreSQL, so that any server sharing
// the database can answer any request.
//
// One implementation serves both databases: the SQL is written once over sql::Connection, and
// the two drivers (sqlite_connection, pg_connection) differ only in how they talk to their
// engine. Work is done in transactions: `write` and `read` hand a connection to a function and
// commit only if it returns success, so a rejected request never leaves a partial write.
// Writes run SERIALIZABLE on PostgreSQL and under SQLite's single writer lock, and are retried
// on serialization failures, so races (two accepts for a mentor's last place) have exactly one
// winner; the busiest use cases instead guard their rules with row locks (storage/row_locks.hpp)
// at READ COMMITTED (`write_locking_rows`), so that people who lock different rows never fail
// each other. The repositories (people_repo.hpp, auth_repo.hpp, ...) are free functions over the
// connection, called inside those functions.
// A Store is safe to use from many threads; each transaction holds one pooled connection.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "common/result.hpp"
#include "storage/sql/connection.hpp"

namespace mh::sql {
class Pool;
}

namespace mh {

class Store {
 public:
  // Opens the database at `url` (a SQLite path or postgresql:// URL) with up to `connections`
  // pooled connections. Does not migrate. Fails with `unavailable` and a one-line reason.
  static Result<std::unique_ptr<Store>> open(const std::string& url, int connections);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  sql::Dialect dialect() const { return dialect_; }
  const std::string& url() const { return url_; }

  // Applies pending migrations; returns how many were applied.
  Result<int> migrate(long long now_unix);
  Result<int> schema_version();

  using Work = std::function<Status(sql::Connection&)>;
  // Runs `work` in one write transaction: committed if it returns success, rolled back if it
  // returns an error or throws. Serialization failures and busy databases are retried up to
  // 8 times with back-off, then reported as `unavailable`. A unique-constraint violation that
  // escapes `work` becomes `conflict`; other database errors become `internal` (logged by the
  // caller) or `unavailable` when the connection is lost.
  Status write(const Work& work);
  // The same for read-only work (no retry needed beyond a lost connection).
  Status read(const Work& work);
  // A write whose rules are guarded by the row locks `work` takes itself (storage/row_locks.hpp)
  // before it reads what the rules depend on: READ COMMITTED on PostgreSQL, so that each
  // statement after a lock sees what the lock's previous holder committed, and writers of
  // different rows neither wait for nor fail each other. SQLite's single writer needs no more
  // than `write`. Retries and errors as for `write` (a deadlock is retried like a serialization
  // failure).
  Status write_locking_rows(const Work& work);

  // A read that is one statement: run on its own (autocommit), without BEGIN and COMMIT, which
  // on PostgreSQL saves two round trips. `work` must run exactly one statement (one statement
  // sees one snapshot, so it needs no transaction). Errors as for `read`.
  Status read_statement(const Work& work);

  // Typed conveniences: the value `work` produces, or its error.
  template <class T>
  Result<T> write_value(const std::function<Result<T>(sql::Connection&)>& work) {
    return run_value<T>(true, work);
  }
  template <class T>
  Result<T> read_value(const std::function<Result<T>(sql::Connection&)>& work) {
    return run_value<T>(false, work);
  }
  template <class T>
  Result<T> write_value_locking_rows(const std::function<Result<T>(sql::Connection&)>& work) {
    return run_value<T>(true, work, sql::Connection::Isolation::read_committed);
  }

  // Runs `work` while holding the database-wide lock `key`, so that of all the servers sharing
  // a PostgreSQL database only one runs it at a time: a session advisory lock, on a pooled
  // connection kept for the duration and released by PostgreSQL if this server dies holding
  // it. When another server holds it: with `wait`, waits for it (up to a minute, then
  // `unavailable`); without, returns false at once and `work` does not run. On SQLite it only
  // excludes this process's own callers (each transaction of `work` is still serialised by
  // SQLite's write lock). Returns true when `work` ran; an exception from `work` propagates.
  Result<bool> run_exclusive(std::int64_t key, bool wait, const std::function<void()>& work);

  // While one lives on a thread, every write that thread starts fails with `internal` at once,
  // before it touches the database. The API holds one around a handler that may run on an I/O
  // thread (/healthz), where waiting for SQLite's write lock would stall every connection of
  // that thread: a write added there by mistake fails its first test instead.
  class ReadsOnly {
   public:
    ReadsOnly();
    ~ReadsOnly();
    ReadsOnly(const ReadsOnly&) = delete;
    ReadsOnly& operator=(const ReadsOnly&) = delete;
  };

  // Counts database failures (not business errors), for /metrics.
  long long failures() const;
  // On SQLite, the heap SQLite holds in this process (sql::sqlite_heap_bytes); nothing on
  // PostgreSQL, whose caches live in its own processes. For /metrics.
  std::optional<long long> engine_heap_bytes() const;

  // Test hook: called before every statement-carrying transaction commits; returning false
  // makes the commit fail as if the database had, proving nothing partial is left behind.
  void fail_commits_for_test(std::function<bool()> should_fail);

 private:
  Store(std::string url, sql::Dialect dialect, std::unique_ptr<sql::Pool> pool);
  // `isolation` is a write's on PostgreSQL (reads run READ COMMITTED, one snapshot a statement).
  Status run(bool write, const Work& work, bool transaction = true,
             sql::Connection::Isolation isolation = sql::Connection::Isolation::serializable);
  template <class T>
  Result<T> run_value(bool write, const std::function<Result<T>(sql::Connection&)>& work,
                      sql::Connection::Isolation isolation = sql::Connection::Isolation::serializable) {
    std::optional<T> out;
    Status s = run(write, [&](sql::Connection& c) -> Status {
      auto r = work(c);
      if (!r) return r.error();
      out = std::move(r).value();
      return {};
    }, true, isolation);
    if (!s) return s.error();
    return std::move(*out);
  }

  std::string url_;
  sql::Dialect dialect_;
  std::unique_ptr<sql::Pool> pool_;
  struct Counters;
  std::unique_ptr<Counters> counters_;
};

}  // namespace mh
