// A fresh, empty database for a test parameterised by store ("sqlite" or "postgres"), so every
// such test opens its database the same way: a SQLite file named after the running test, or a new
// database in the shared PostgreSQL cluster. Without PostgreSQL the test skips, or fails where
// MH_REQUIRE_POSTGRES says it must run. Macros, because skipping returns from the caller.
#pragma once

#include <string>

#include "support/pg_cluster.hpp"
#include "support/sqlite_test_db.hpp"

// Declares `std::string url` and sets it to the new database's address.
#define MH_FRESH_DATABASE_OR_SKIP(url, store_name, prefix)       \
  std::string url;                                               \
  if ((store_name) == std::string("sqlite")) {                   \
    url = ::mh::test::fresh_sqlite_path_for_test(prefix);        \
  } else {                                                       \
    MH_SHARED_PG_CLUSTER_OR_SKIP(url##_cluster);                 \
    url = url##_cluster->fresh_database();                       \
  }

// Opens a Store with `connections` connections on a fresh database into `store_var` (not migrated).
#define MH_FRESH_STORE_OR_SKIP(store_var, store_name, prefix, connections)   \
  MH_FRESH_DATABASE_OR_SKIP(store_var##_url, store_name, prefix)             \
  auto store_var##_opened = ::mh::Store::open(store_var##_url, connections);  \
  ASSERT_TRUE(store_var##_opened) << store_var##_opened.error().message;     \
  store_var = std::move(*store_var##_opened);
