// One connection to a SQL database, as the store needs it: statements with positional `?`
// placeholders and bound values (never SQL built from input), fully read result rows, and
// transactions. Two drivers implement it: sqlite_connection (libsqlite3) and pg_connection
// (libpq, which rewrites `?` into `$n`). The store's SQL is written once, in the common
// subset of both dialects; where they differ the store asks dialect().
// A Connection is used by one thread at a time (the pool hands it out).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <type_traits>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace mh::sql {

enum class Dialect { sqlite, postgres };

// A bound parameter or a result cell. Booleans are stored as integers 0/1 in both dialects.
using Value = std::variant<std::nullptr_t, std::int64_t, double, std::string>;
// An optional id as a parameter: NULL when there is none.
inline Value optional_id(const std::optional<std::int64_t>& id) { return id ? Value(*id) : Value(nullptr); }

// Failures are exceptions: the store's transaction wrapper turns them into Results
// (unique -> conflict, busy/serialization -> retry then unavailable, others -> internal).
class Error : public std::runtime_error {
 public:
  enum class Kind {
    unique_violation,      // a UNIQUE or PRIMARY KEY constraint
    foreign_key_violation,
    check_violation,
    serialization_failure,  // PostgreSQL 40001/40P01: retry the whole transaction
    busy,                   // SQLite busy/locked after the busy timeout
    connection,             // the connection is broken
    cannot_write,           // the disk is full, read-only or failing (SQLite), or the server
                            // lacks the space or memory to go on (PostgreSQL class 53)
    corrupt_row,            // a stored value the code cannot read (see decoded())
    other,
  };
  Error(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

// The value `parse` reads from stored `text`. A value it cannot read means the row was written by
// something else or damaged: that is an error which says so (Kind::corrupt_row), never a default
// that would quietly change what the row means.
template <class Parse>
auto decoded(const std::string& text, Parse parse, const char* what) -> std::decay_t<decltype(*parse(text))> {
  auto value = parse(text);
  if (!value) throw Error(Error::Kind::corrupt_row, std::string("a stored ") + what + " cannot be read: \"" + text + "\"");
  return *value;
}

class Row {
 public:
  explicit Row(std::vector<Value> cells) : cells_(std::move(cells)) {}
  std::size_t size() const { return cells_.size(); }
  bool is_null(std::size_t i) const { return std::holds_alternative<std::nullptr_t>(cells_.at(i)); }
  // Integer cell (SQLite INTEGER, PostgreSQL int2/4/8/bool); 0 for NULL.
  std::int64_t int64(std::size_t i) const;
  double real(std::size_t i) const;
  // Text cell; "" for NULL.
  const std::string& text(std::size_t i) const;
  std::optional<std::int64_t> opt_int64(std::size_t i) const;
  std::optional<std::string> opt_text(std::size_t i) const;
  const Value& at(std::size_t i) const { return cells_.at(i); }

 private:
  std::vector<Value> cells_;
};

struct ResultSet {
  std::vector<Row> rows;
  std::int64_t affected = 0;  // rows changed by INSERT/UPDATE/DELETE
};

class Connection {
 public:
  virtual ~Connection() = default;
  Connection() = default;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  virtual Dialect dialect() const = 0;
  // Runs one statement. Placeholders are `?`, bound in order. Use `RETURNING id` to get a new
  // row's id (both dialects support it). Throws sql::Error.
  virtual ResultSet execute(std::string_view sql, std::span<const Value> params = {}) = 0;
  // Runs a statement inside a write transaction whose result the caller does not read (an
  // UPDATE's count, a sequence's value). A driver may send it later, together with the next
  // statement that needs an answer or with the COMMIT, and throw its failure then: the
  // transaction fails either way, only the exception comes later. Outside a transaction it runs
  // at once. Here, at once.
  virtual void execute_unread(std::string_view sql, std::span<const Value> params = {}) { execute(sql, params); }
  // Runs several `;`-separated statements without parameters (migrations). Throws sql::Error.
  virtual void execute_script(std::string_view sql) = 0;
  // BEGIN (SQLite: BEGIN IMMEDIATE for writes, so writers queue instead of failing mid-way;
  // PostgreSQL: the isolation level given). Throws sql::Error.
  enum class Isolation { read_committed, repeatable_read, serializable };
  virtual void begin(bool write, Isolation isolation = Isolation::read_committed) = 0;
  virtual void commit() = 0;
  // Never throws; used on error paths.
  virtual void rollback() noexcept = 0;
  // False once the connection is broken, so the pool can replace it.
  virtual bool healthy() const = 0;
};

// Opens a connection from a URL: "postgresql://user@host:port/db" (or "postgres://"), or
// anything else as a SQLite file path (created if missing; WAL, foreign keys on, busy
// timeout). Throws sql::Error(connection) with a one-line reason on failure.
std::unique_ptr<Connection> connect(const std::string& url);

bool is_postgres_url(std::string_view url);

}  // namespace mh::sql
