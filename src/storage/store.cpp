#include "storage/store.hpp"

#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
#include <random>
#include <thread>

#include "storage/migrations.hpp"
#include "storage/search_repo.hpp"
#include "storage/sql/pool.hpp"
#include "storage/sqlite/sqlite_connection.hpp"

namespace mh {

struct Store::Counters {
  std::atomic<long long> failures{0};
  std::mutex hook_mutex;
  std::function<bool()> fail_commit;
  std::mutex exclusive_mutex;  // run_exclusive within this process
  // SQLite has one writer at a time, and its busy handler makes a writer that finds the lock
  // taken sleep 1, 2, 5, 10 ms and more before it tries again, however soon the lock comes free:
  // under a burst of edits the lock sat unused while writers slept (the write mix's p99 was
  // 94-138 ms). So this process's writers queue here and take the lock as soon as the one before
  // them is done; another process's (the command line's) still meets the busy handler. Bounded
  // like the busy timeout: a writer that waits longer goes on to SQLite's own wait.
  std::timed_mutex sqlite_writer;
};

namespace {
constexpr auto kSqliteWriterWait = std::chrono::seconds(5);
thread_local bool holds_sqlite_writer = false;

// Marks this thread as holding the SQLite writers' queue while `held`, so that a write it starts
// meanwhile does not wait on a mutex it owns (a timed_mutex locked twice by one thread is undefined).
class HoldsSqliteWriter {
 public:
  explicit HoldsSqliteWriter(bool held) : held_(held) {
    if (held_) holds_sqlite_writer = true;
  }
  ~HoldsSqliteWriter() {
    if (held_) holds_sqlite_writer = false;
  }
  HoldsSqliteWriter(const HoldsSqliteWriter&) = delete;
  HoldsSqliteWriter& operator=(const HoldsSqliteWriter&) = delete;

 private:
  const bool held_;
};
}  // namespace

Store::Store(std::string url, sql::Dialect dialect, std::unique_ptr<sql::Pool> pool)
    : url_(std::move(url)), dialect_(dialect), pool_(std::move(pool)), counters_(std::make_unique<Counters>()) {}

Store::~Store() = default;

Result<std::unique_ptr<Store>> Store::open(const std::string& url, int connections) {
  try {
    auto pool = std::make_unique<sql::Pool>(url, connections);
    sql::Dialect dialect;
    {
      auto lease = pool->acquire();  // connect now, so a bad URL fails at start-up
      dialect = lease->dialect();
    }
    return std::unique_ptr<Store>(new Store(url, dialect, std::move(pool)));
  } catch (const std::exception& e) {
    return Error{ErrorCode::unavailable, std::string("cannot open the database: ") + e.what(), {}};
  }
}

Result<int> Store::migrate(long long now_unix) {
  try {
    int applied = 0;
    {
      auto lease = pool_->acquire();
      applied = storage::apply_migrations(*lease.operator->(), now_unix);
    }
    // After every migration, so the indexing code meets the newest schema it was written for.
    auto rebuilt = write([](sql::Connection& db) -> Status {
      if (storage::people_search_needs_rebuild(db)) storage::rebuild_people_search(db);
      return {};
    });
    if (!rebuilt) return rebuilt.error();
    return applied;
  } catch (const std::exception& e) {
    return Error{ErrorCode::unavailable, std::string("migration failed: ") + e.what(), {}};
  }
}

Result<int> Store::schema_version() {
  try {
    auto lease = pool_->acquire();
    return storage::schema_version(*lease.operator->());
  } catch (const std::exception& e) {
    return Error{ErrorCode::unavailable, e.what(), {}};
  }
}

namespace {
thread_local int reads_only_depth = 0;
}  // namespace

Store::ReadsOnly::ReadsOnly() { ++reads_only_depth; }
Store::ReadsOnly::~ReadsOnly() { --reads_only_depth; }

Status Store::write(const Work& work) { return run(true, work); }
Status Store::read(const Work& work) { return run(false, work); }
Status Store::write_locking_rows(const Work& work) {
  return run(true, work, true, sql::Connection::Isolation::read_committed);
}
Status Store::read_statement(const Work& work) { return run(false, work, false); }

long long Store::failures() const { return counters_->failures.load(); }

std::optional<long long> Store::engine_heap_bytes() const {
  if (dialect_ != sql::Dialect::sqlite) return std::nullopt;
  return sql::sqlite_heap_bytes();
}

void Store::fail_commits_for_test(std::function<bool()> should_fail) {
  std::lock_guard lock(counters_->hook_mutex);
  counters_->fail_commit = std::move(should_fail);
}

Result<bool> Store::run_exclusive(std::int64_t key, bool wait, const std::function<void()>& work) {
  // One process-wide mutex for every key: a server runs few such jobs, and never two at once.
  std::unique_lock local(counters_->exclusive_mutex, std::defer_lock);
  if (wait) local.lock();
  else if (!local.try_lock()) return false;
  if (dialect_ != sql::Dialect::postgres) {
    work();
    return true;
  }
  const std::vector<sql::Value> id{key};
  std::optional<sql::Pool::Lease> holder;
  try {
    holder.emplace(pool_->acquire());
    sql::Connection& c = **holder;
    if (wait) {
      // lock_timeout bounds the wait for another server's holder, as for any lock.
      c.execute("SET lock_timeout = '60s'");
      c.execute("SELECT pg_advisory_lock(?)", id);
      c.execute("RESET lock_timeout");
    } else if (c.execute("SELECT CASE WHEN pg_try_advisory_lock(?) THEN 1 ELSE 0 END", id).rows[0].int64(0) == 0) {
      return false;
    }
  } catch (const sql::Error& e) {
    ++counters_->failures;
    if (holder && (*holder)->healthy()) {
      // The connection goes back to the pool: leave it as a fresh one would be.
      try {
        (*holder)->execute("RESET lock_timeout");
        (*holder)->execute("SELECT pg_advisory_unlock_all()");
      } catch (const sql::Error&) {
      }
    }
    return Error{ErrorCode::unavailable, std::string("cannot take the database-wide lock: ") + e.what(), {}};
  }
  struct Unlock {
    sql::Connection& c;
    const std::vector<sql::Value>& id;
    ~Unlock() {
      try {
        if (c.healthy()) c.execute("SELECT pg_advisory_unlock(?)", id);
      } catch (const sql::Error&) {
        // The connection was lost meanwhile, and the lock with it.
      }
    }
  } unlock{**holder, id};
  work();
  return true;
}

Status Store::run(bool write, const Work& work, bool transaction, sql::Connection::Isolation isolation) {
  if (write && reads_only_depth > 0)
    return Error{ErrorCode::internal, "a write was started where only reads may run (a handler run on an I/O thread)", {}};
  constexpr int kAttempts = 8;
  thread_local std::minstd_rand jitter(std::random_device{}());
  for (int attempt = 1;; ++attempt) {
    bool retryable = false;
    std::string reason;
    try {
      std::unique_lock<std::timed_mutex> writer(counters_->sqlite_writer, std::defer_lock);
      // A thread already holding the queue (a write started inside another) does not wait on itself.
      if (write && transaction && dialect_ == sql::Dialect::sqlite && !holds_sqlite_writer)
        (void)writer.try_lock_for(kSqliteWriterWait);
      const HoldsSqliteWriter marked(writer.owns_lock());
      auto lease = pool_->acquire();
      sql::Connection& c = *lease.operator->();
      if (!transaction) {
        // One statement in autocommit: nothing to commit or roll back.
        return work(c);
      }
      c.begin(write, write ? isolation : sql::Connection::Isolation::read_committed);
      Status result;
      try {
        result = work(c);
        if (result && write) {
          bool fail = false;
          {
            std::lock_guard lock(counters_->hook_mutex);
            if (counters_->fail_commit) fail = counters_->fail_commit();
          }
          if (fail) throw sql::Error(sql::Error::Kind::other, "commit failed (test hook)");
        }
      } catch (...) {
        c.rollback();
        throw;
      }
      if (result) c.commit();
      else c.rollback();
      return result;
    } catch (const sql::Error& e) {
      using K = sql::Error::Kind;
      switch (e.kind()) {
        case K::serialization_failure:
        case K::busy:
          retryable = true;
          break;
        case K::unique_violation:
          return conflict("this already exists");
        case K::cannot_write:
          // Retrying will not free the disk: say so at once. The transaction is rolled back.
          ++counters_->failures;
          return Error{ErrorCode::unavailable,
                       std::string("the database cannot store anything now (disk full, read-only or failing); nothing "
                                   "was written: ") + e.what(),
                       {}};
        case K::corrupt_row:
          ++counters_->failures;
          return Error{ErrorCode::internal, e.what(), {}};
        case K::connection:
          ++counters_->failures;
          // The database went away (a restart, a failover): the idle connections went with it,
          // so retry once on a freshly opened one instead of failing one request per stale one.
          pool_->discard_idle();
          if (attempt < 2) {
            retryable = true;
            break;
          }
          return Error{ErrorCode::unavailable, "the database is unreachable; try again", {}};
        default:
          ++counters_->failures;
          return Error{ErrorCode::internal, std::string("database error: ") + e.what(), {}};
      }
      reason = e.what();
    }
    if (!retryable || attempt >= kAttempts) {
      ++counters_->failures;
      return Error{ErrorCode::unavailable, "the database is busy; try again (" + reason + ")", {}};
    }
    // Back off with jitter so racing transactions do not collide again in lockstep.
    std::uniform_int_distribution<int> ms(1, 5 << attempt);
    std::this_thread::sleep_for(std::chrono::milliseconds(ms(jitter)));
  }
}

}  // namespace mh
