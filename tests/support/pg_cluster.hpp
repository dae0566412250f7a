// A throwaway PostgreSQL cluster for tests: initdb into a fresh temporary directory, start
// on a free loopback port (listen_addresses 127.0.0.1, socket in that directory, trust
// auth, fsync/synchronous_commit/full_page_writes off for speed), create a `mentorhub`
// database, and on destruction stop the server and delete the directory. It uses the
// highest PostgreSQL found under /usr/lib/postgresql/*/bin. initdb refuses to run as root,
// so as root the server tools run as the `postgres` system user, which owns the directory.
// A watchdog process stops the cluster and deletes the directory if the test process dies
// without running destructors (a crash, a ctest timeout's SIGKILL).
// Depends on POSIX and the PostgreSQL server binaries, not on libpq or the code under test.
// Starting (about a second) and destruction must not race; url() and fresh_database() are
// safe from any thread.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <sys/types.h>

namespace mh::test {

class PgCluster {
 public:
  // Returns nullptr, with `reason` saying why, when no cluster can be started here.
  static std::unique_ptr<PgCluster> start(std::string* reason = nullptr);
  ~PgCluster();
  PgCluster(const PgCluster&) = delete;
  PgCluster& operator=(const PgCluster&) = delete;

  // postgresql://postgres@127.0.0.1:PORT/mentorhub
  std::string url() const { return url_for("mentorhub"); }
  // A new empty database with a generated name, for a test that needs a clean slate.
  // Throws std::runtime_error when createdb fails.
  std::string fresh_database();
  int port() const { return port_; }

 private:
  PgCluster() = default;
  std::string url_for(const std::string& database) const;

  std::string bin_dir_;
  std::string dir_;   // the temporary directory: data/, the server log, the socket
  int port_ = 0;
  bool as_postgres_ = false;  // run the server tools as the postgres user (we are root)
  uid_t uid_ = 0;
  gid_t gid_ = 0;
  bool running_ = false;
  pid_t watchdog_pid_ = -1;
  int watchdog_fd_ = -1;  // closing it wakes the watchdog
  std::atomic<int> next_database_{0};
};

// One cluster per test process, started on first use and stopped at exit; nullptr when it
// cannot start (shared_pg_cluster_error() says why). Thread-safe.
PgCluster* shared_pg_cluster();
const std::string& shared_pg_cluster_error();

// True when the environment says PostgreSQL must be there (MH_REQUIRE_POSTGRES=1, which the
// build's ctest sets: `make test` installs PostgreSQL), so a missing cluster is a failure.
bool postgres_required();

}  // namespace mh::test

// In a GoogleTest body or SetUp: binds `var` to the shared cluster; without one it skips with
// the reason, or fails with it when PostgreSQL is required, so its tests never pass unrun.
#define MH_SHARED_PG_CLUSTER_OR_SKIP(var)                                                         \
  ::mh::test::PgCluster* var = ::mh::test::shared_pg_cluster();                                      \
  if (var == nullptr && ::mh::test::postgres_required())                                             \
    FAIL() << "PostgreSQL is required (MH_REQUIRE_POSTGRES) and did not start: "                     \
           << ::mh::test::shared_pg_cluster_error();                                                 \
  if (var == nullptr) GTEST_SKIP() << "no PostgreSQL: " << ::mh::test::shared_pg_cluster_error()
