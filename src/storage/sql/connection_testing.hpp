// What the connection tests of both drivers share: the tables they write to, and the kind of
// error a statement fails with. Test-only.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storage/sql/connection.hpp"

namespace mh::sql::testing {

// people (id, email unique, score, age >= 0, active, note) and posts (id, author -> people), in
// the connection's dialect.
inline void create_test_tables(Connection& conn) {
  const bool pg = conn.dialect() == Dialect::postgres;
  const std::string id = pg ? "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY" : "INTEGER PRIMARY KEY";
  conn.execute_script("CREATE TABLE people (id " + id + ", email TEXT NOT NULL UNIQUE, score " +
                      (pg ? "DOUBLE PRECISION" : "REAL") +
                      ", age INTEGER CHECK (age >= 0), active INTEGER NOT NULL DEFAULT 1, note TEXT);"
                      "CREATE TABLE posts (id " + id + ", author BIGINT NOT NULL REFERENCES people(id));");
}

// A test's database: its address (for pools and second connections) and a first connection to it
// with the test tables made.
struct TestDatabase {
  std::string url_;
  std::unique_ptr<Connection> conn_;

  void open_with_tables(std::string url) {
    url_ = std::move(url);
    conn_ = connect(url_);
    create_test_tables(*conn_);
  }
};

inline Error::Kind kind_of_failure(Connection& conn, std::string_view sql, std::vector<Value> params) {
  try {
    conn.execute(sql, params);
  } catch (const Error& e) {
    return e.kind();
  }
  ADD_FAILURE() << "no error from: " << sql;
  return Error::Kind::other;
}

}  // namespace mh::sql::testing
