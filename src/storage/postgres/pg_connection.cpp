#include "storage/postgres/pg_connection.hpp"

#include <libpq-fe.h>

#include <array>
#include <cctype>
#include <charconv>
#include <cstring>
#include <memory>
#include <utility>
#include <vector>

namespace mh::sql {

namespace {

// Type OIDs from pg_type.dat; stable across PostgreSQL versions.
constexpr Oid bool_oid = 16;
constexpr Oid int8_oid = 20;
constexpr Oid int2_oid = 21;
constexpr Oid int4_oid = 23;
constexpr Oid oid_oid = 26;
constexpr Oid float4_oid = 700;
constexpr Oid float8_oid = 701;
constexpr Oid numeric_oid = 1700;

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

bool is_identifier_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// libpq's messages end in a newline and may span lines; an exception message is one line.
std::string one_line(const char* text) {
  std::string s = text != nullptr ? text : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  for (char& c : s) {
    if (c == '\n') c = ' ';
  }
  return s;
}

Error::Kind kind_of_sqlstate(std::string_view state) {
  if (state == "23505") return Error::Kind::unique_violation;
  if (state == "23503") return Error::Kind::foreign_key_violation;
  if (state == "23514") return Error::Kind::check_violation;
  if (state == "40001" || state == "40P01") return Error::Kind::serialization_failure;
  if (state.starts_with("08")) return Error::Kind::connection;
  // Insufficient resources: 53100 disk full, 53200 out of memory, 53400 a configured limit.
  if (state.starts_with("53")) return Error::Kind::cannot_write;
  // The server is shutting down, crashed, or is starting up: the session is gone or not yet there.
  if (state == "57P01" || state == "57P02" || state == "57P03") return Error::Kind::connection;
  return Error::Kind::other;
}

std::string to_text(double d) {
  // Shortest text that reads back as the same double, which float8 input accepts.
  std::array<char, 64> buffer{};
  auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), d);
  return ec == std::errc() ? std::string(buffer.data(), end) : std::to_string(d);
}

// A statement prepared before a schema change (a migration altering a table it reads) fails with
// "cached plan must not change result type"; one that was deallocated behind our back no longer
// exists. Either is prepared afresh at its next use.
bool is_stale_statement(const PGresult* failed) {
  const char* state = failed != nullptr ? PQresultErrorField(failed, PG_DIAG_SQLSTATE) : nullptr;
  const char* primary = failed != nullptr ? PQresultErrorField(failed, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  return state != nullptr &&
         (std::strcmp(state, "26000") == 0 ||
          (std::strcmp(state, "0A000") == 0 && primary != nullptr && std::strstr(primary, "cached plan") != nullptr));
}

// Parameters in text format, as libpq sends them; NULL is a null pointer.
struct TextParams {
  explicit TextParams(std::span<const Value> params) : storage(params.size()), values(params.size(), nullptr) {
    for (std::size_t i = 0; i < params.size(); ++i) {
      if (const auto* n = std::get_if<std::int64_t>(&params[i])) {
        storage[i] = std::to_string(*n);
      } else if (const auto* d = std::get_if<double>(&params[i])) {
        storage[i] = to_text(*d);
      } else if (const auto* s = std::get_if<std::string>(&params[i])) {
        if (s->find('\0') != std::string::npos) {
          throw Error(Error::Kind::other, "postgres: text values cannot contain NUL bytes");
        }
        storage[i] = *s;
      } else {
        continue;
      }
      values[i] = storage[i].c_str();
    }
  }
  std::vector<std::string> storage;
  std::vector<const char*> values;
};

Value read_cell(const PGresult* res, int row, int column, Oid type) {
  if (PQgetisnull(res, row, column) != 0) return nullptr;
  const char* text = PQgetvalue(res, row, column);
  const std::size_t length = static_cast<std::size_t>(PQgetlength(res, row, column));
  switch (type) {
    case bool_oid:
      return std::int64_t{text[0] == 't' ? 1 : 0};
    case int2_oid:
    case int4_oid:
    case int8_oid:
    case oid_oid: {
      std::int64_t n = 0;
      auto [end, ec] = std::from_chars(text, text + length, n);
      if (ec == std::errc() && end == text + length) return n;
      break;  // cannot happen for these types; fall back to text rather than lose the value
    }
    case float4_oid:
    case float8_oid:
    case numeric_oid: {
      double d = 0.0;
      auto [end, ec] = std::from_chars(text, text + length, d);
      if (ec == std::errc() && end == text + length) return d;
      break;
    }
    default:
      break;
  }
  return std::string(text, length);
}

}  // namespace

std::string rewrite_placeholders(std::string_view sql, int& count) {
  std::string out;
  out.reserve(sql.size() + 16);
  count = 0;
  std::size_t i = 0;
  const std::size_t n = sql.size();
  while (i < n) {
    const char c = sql[i];
    if (c == '\'') {
      // A string literal; '' inside is an escaped quote and simply reopens it. E'...' also
      // allows backslash escapes, so \' there does not end the literal.
      const bool escapes = i > 0 && (sql[i - 1] == 'E' || sql[i - 1] == 'e') &&
                           (i < 2 || !is_identifier_char(sql[i - 2]));
      std::size_t j = i + 1;
      while (j < n && sql[j] != '\'') j += (escapes && sql[j] == '\\') ? 2 : 1;
      j = std::min(j + 1, n);
      out.append(sql.substr(i, j - i));
      i = j;
    } else if (c == '"') {
      std::size_t j = sql.find('"', i + 1);
      j = j == std::string_view::npos ? n : j + 1;
      out.append(sql.substr(i, j - i));
      i = j;
    } else if (c == '-' && i + 1 < n && sql[i + 1] == '-') {
      std::size_t j = sql.find('\n', i);
      j = j == std::string_view::npos ? n : j;
      out.append(sql.substr(i, j - i));
      i = j;
    } else if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
      // PostgreSQL block comments nest.
      std::size_t j = i + 2;
      int depth = 1;
      while (j < n && depth > 0) {
        if (sql[j] == '/' && j + 1 < n && sql[j + 1] == '*') {
          ++depth;
          j += 2;
        } else if (sql[j] == '*' && j + 1 < n && sql[j + 1] == '/') {
          --depth;
          j += 2;
        } else {
          ++j;
        }
      }
      out.append(sql.substr(i, j - i));
      i = j;
    } else if (c == '?') {
      out += '$';
      out += std::to_string(++count);
      ++i;
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

namespace {
// libpq waits for an unreachable host as long as the kernel does (minutes); a request thread
// must not. Ten seconds unless the URL sets its own connect_timeout.
std::string with_connect_timeout(const std::string& url) {
  if (url.find("connect_timeout=") != std::string::npos) return url;
  return url + (url.find('?') == std::string::npos ? "?" : "&") + "connect_timeout=10";
}
}  // namespace

PgConnection::PgConnection(const std::string& url) {
  conn_ = PQconnectdb(with_connect_timeout(url).c_str());
  if (conn_ == nullptr) throw Error(Error::Kind::connection, "postgres: out of memory");
  if (PQstatus(conn_) != CONNECTION_OK) {
    std::string message = "cannot connect to PostgreSQL: " + one_line(PQerrorMessage(conn_));
    PQfinish(conn_);
    conn_ = nullptr;
    throw Error(Error::Kind::connection, message);
  }
  try {
    // NOTICEs (e.g. "table does not exist, skipping" from migrations) would go to stderr.
    run_simple("SET client_min_messages TO warning");
  } catch (...) {
    PQfinish(conn_);
    conn_ = nullptr;
    throw;
  }
}

PgConnection::~PgConnection() {
  // PQfinish ends the session, and the server drops its prepared statements with it.
  if (conn_ != nullptr) PQfinish(conn_);
}

bool PgConnection::healthy() const { return conn_ != nullptr && !broken_ && PQstatus(conn_) == CONNECTION_OK; }

void PgConnection::fail(const PGresult* result, std::string_view what) {
  const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  Error::Kind kind = kind_of_sqlstate(state != nullptr ? state : "");
  if (conn_ == nullptr || PQstatus(conn_) == CONNECTION_BAD) {
    kind = Error::Kind::connection;
    statements_.clear();
  }
  std::string message = "postgres: ";
  message += what;
  message += ": ";
  const char* primary =
      result != nullptr ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  message += primary != nullptr ? one_line(primary)
             : conn_ != nullptr ? one_line(PQerrorMessage(conn_))
                                : std::string("no connection");
  if (state != nullptr) {
    message += " [";
    message += state;
    message += ']';
  }
  throw Error(kind, message);
}

void PgConnection::run_simple(const char* sql, std::string* command_status) {
  if (!healthy()) throw Error(Error::Kind::connection, "postgres: connection is broken");
  if (pipelining_) PQclear(sync_pipeline(false));
  flush_begin();
  ResultPtr res(PQexec(conn_, sql));
  const ExecStatusType status = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY) {
    fail(res.get(), "execute");
  }
  if (command_status != nullptr) *command_status = PQcmdStatus(res.get());
}

void PgConnection::flush_begin() {
  if (pending_begin_ == nullptr) return;
  const char* sql = std::exchange(pending_begin_, nullptr);
  run_simple(sql);
}

void PgConnection::start_pipeline() {
  if (!pipelining_) {
    if (PQenterPipelineMode(conn_) != 1) fail(nullptr, "pipeline");
    pipelining_ = true;
  }
  if (const char* begin_sql = std::exchange(pending_begin_, nullptr)) {
    if (PQsendQueryParams(conn_, begin_sql, 0, nullptr, nullptr, nullptr, nullptr, 0) != 1) {
      PQclear(sync_pipeline(false));
      fail(nullptr, "begin");
    }
    queued_.emplace_back();
  }
}

void PgConnection::queue_prepared(const Prepared& prepared, const char* const* values, std::string_view sql) {
  start_pipeline();
  if (PQsendQueryPrepared(conn_, prepared.name.c_str(), prepared.param_count, values, nullptr, nullptr, 0) != 1) {
    PQclear(sync_pipeline(false));
    fail(nullptr, "execute");
  }
  queued_.emplace_back(sql);
}

PGresult* PgConnection::sync_pipeline(bool keep_last) {
  const std::vector<std::string> answers = std::exchange(queued_, {});
  const bool sent = PQpipelineSync(conn_) == 1;
  // In order, one result each (PIPELINE_ABORTED after a failure), then the sync's. libpq returns
  // a null between one query's results and the next's.
  ResultPtr first_failure, last;
  std::size_t index = 0;
  std::size_t failed_index = 0;
  bool synced = false;
  int nulls = 0;
  while (sent) {
    PGresult* r = PQgetResult(conn_);
    if (r == nullptr) {
      if (++nulls > 2 || PQstatus(conn_) == CONNECTION_BAD) break;
      continue;
    }
    nulls = 0;
    ResultPtr result(r);
    const ExecStatusType status = PQresultStatus(r);
    if (status == PGRES_PIPELINE_SYNC) {
      synced = true;
      break;
    }
    const bool is_last = index + 1 == answers.size();
    if (keep_last && is_last) {
      last = std::move(result);
    } else if (!first_failure && status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK &&
               status != PGRES_PIPELINE_ABORTED) {
      first_failure = std::move(result);
      failed_index = index;
    }
    ++index;
  }
  pipelining_ = false;
  if (PQexitPipelineMode(conn_) != 1) broken_ = true;
  if (first_failure) {
    const std::string& sql = failed_index < answers.size() ? answers[failed_index] : std::string();
    if (!sql.empty() && is_stale_statement(first_failure.get())) {
      if (auto it = statements_.find(sql); it != statements_.end()) statements_.erase(it);
    }
    fail(first_failure.get(), sql.empty() ? (failed_index == 0 ? "begin" : "commit") : "execute");
  }
  if (!synced || index != answers.size()) {
    broken_ = true;
    fail(nullptr, "pipeline");
  }
  return last.release();
}

const PgConnection::Prepared& PgConnection::prepare(std::string_view sql) {
  if (auto it = statements_.find(sql); it != statements_.end()) return it->second;
  Prepared prepared;
  const std::string text = rewrite_placeholders(sql, prepared.param_count);
  prepared.name = "mh_" + std::to_string(next_statement_++);
  // No parameter types: the server infers each from its context, which lets one text value
  // fill an integer, boolean or timestamp column alike.
  ResultPtr res(PQprepare(conn_, prepared.name.c_str(), text.c_str(), prepared.param_count,
                          nullptr));
  if (!res || PQresultStatus(res.get()) != PGRES_COMMAND_OK) {
    fail(res.get(), "prepare \"" + std::string(sql) + "\"");
  }
  return statements_.emplace(std::string(sql), std::move(prepared)).first->second;
}

void PgConnection::check_is_read(std::string_view sql) const {
  if (!autocommit_read_) return;
  std::size_t start = 0;
  while (start < sql.size() && std::isspace(static_cast<unsigned char>(sql[start])) != 0) ++start;
  std::size_t end = start;
  while (end < sql.size() && std::isalpha(static_cast<unsigned char>(sql[end])) != 0) ++end;
  std::string word(sql.substr(start, end - start));
  for (char& c : word) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  // WITH may hold a data-modifying part; none of the store's reads has one.
  if (word == "SELECT" || word == "WITH" || word == "SHOW" || word == "VALUES") return;
  throw Error(Error::Kind::other, "postgres: a read transaction cannot run \"" + std::string(sql.substr(0, 60)) + "\"");
}

const PgConnection::Prepared& PgConnection::prepared_for(std::string_view sql, std::size_t values) {
  if (statements_.find(sql) == statements_.end()) {
    if (pipelining_) PQclear(sync_pipeline(false));
    // Prepared inside the transaction, so that its failure fails the transaction too; the BEGIN
    // goes ahead on its own then.
    flush_begin();
  }
  const Prepared& prepared = prepare(sql);
  if (prepared.param_count != static_cast<int>(values)) {
    throw Error(Error::Kind::other, "postgres: statement has " + std::to_string(prepared.param_count) +
                                        " placeholders but " + std::to_string(values) + " values were given");
  }
  return prepared;
}

void PgConnection::execute_unread(std::string_view sql, std::span<const Value> params) {
  if (!healthy()) throw Error(Error::Kind::connection, "postgres: connection is broken");
  const bool in_transaction =
      pending_begin_ != nullptr || pipelining_ || PQtransactionStatus(conn_) != PQTRANS_IDLE;
  if (!in_transaction || autocommit_read_) {
    execute(sql, params);  // nothing would send it later
    return;
  }
  const TextParams text(params);
  const Prepared& prepared = prepared_for(sql, params.size());
  queue_prepared(prepared, text.values.data(), sql);
}

ResultSet PgConnection::execute(std::string_view sql, std::span<const Value> params) {
  if (!healthy()) throw Error(Error::Kind::connection, "postgres: connection is broken");
  check_is_read(sql);

  const TextParams text(params);
  const std::vector<const char*>& values = text.values;

  for (int attempt = 0;; ++attempt) {
    const Prepared& prepared = prepared_for(sql, params.size());
    ResultPtr res;
    if (pending_begin_ != nullptr || pipelining_) {
      // The deferred BEGIN and whatever was queued go in the same round trip as this statement.
      queue_prepared(prepared, values.data(), sql);
      res.reset(sync_pipeline(true));
    } else {
      res.reset(PQexecPrepared(conn_, prepared.name.c_str(), prepared.param_count, values.data(), nullptr, nullptr, 0));
    }
    const ExecStatusType status = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
      ResultSet result;
      const int rows = PQntuples(res.get());
      const int columns = PQnfields(res.get());
      std::vector<Oid> types(static_cast<std::size_t>(columns));
      for (int c = 0; c < columns; ++c) types[static_cast<std::size_t>(c)] = PQftype(res.get(), c);
      result.rows.reserve(static_cast<std::size_t>(rows));
      for (int r = 0; r < rows; ++r) {
        std::vector<Value> cells;
        cells.reserve(static_cast<std::size_t>(columns));
        for (int c = 0; c < columns; ++c) {
          cells.push_back(read_cell(res.get(), r, c, types[static_cast<std::size_t>(c)]));
        }
        result.rows.emplace_back(std::move(cells));
      }
      // PQcmdTuples also counts the rows a SELECT returned; the contract (and SQLite) count
      // only rows a statement changed.
      const std::string_view tag = PQcmdStatus(res.get());
      if (tag.starts_with("INSERT") || tag.starts_with("UPDATE") || tag.starts_with("DELETE") ||
          tag.starts_with("MERGE")) {
        const char* tuples = PQcmdTuples(res.get());
        std::from_chars(tuples, tuples + std::strlen(tuples), result.affected);
      }
      return result;
    }

    // A stale statement is forgotten, and retried at once when no transaction is open, since the
    // failed attempt changed nothing.
    if (is_stale_statement(res.get())) {
      // The old server-side statement may linger until the session ends; names never repeat.
      if (auto it = statements_.find(sql); it != statements_.end()) statements_.erase(it);
      if (attempt == 0 && PQtransactionStatus(conn_) == PQTRANS_IDLE) continue;
    }
    fail(res.get(), "execute");
  }
}

void PgConnection::execute_script(std::string_view sql) {
  check_is_read(sql);
  // PQexec runs several statements in one round trip (as one implicit transaction unless the
  // script has its own BEGIN/COMMIT).
  run_simple(std::string(sql).c_str());
}

void PgConnection::begin(bool write, Isolation isolation) {
  if (!healthy()) throw Error(Error::Kind::connection, "postgres: connection is broken");
  // Fixed strings chosen from the arguments; nothing is spliced into SQL.
  if (!write && isolation == Isolation::read_committed) {
    autocommit_read_ = true;
    return;
  }
  const char* sql = nullptr;
  switch (isolation) {
    case Isolation::read_committed:
      sql = "BEGIN ISOLATION LEVEL READ COMMITTED";  // a read at this level runs in autocommit
      break;
    case Isolation::repeatable_read:
      sql = write ? "BEGIN ISOLATION LEVEL REPEATABLE READ"
                  : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
      break;
    case Isolation::serializable:
      sql = write ? "BEGIN ISOLATION LEVEL SERIALIZABLE"
                  : "BEGIN ISOLATION LEVEL SERIALIZABLE READ ONLY";
      break;
  }
  pending_begin_ = sql;
}

void PgConnection::commit() {
  if (std::exchange(autocommit_read_, false)) return;
  // A transaction that ran no statement: nothing reached the server, nothing to commit.
  if (std::exchange(pending_begin_, nullptr) != nullptr) return;
  std::string status;
  if (pipelining_) {
    // The queued statements and the COMMIT in one round trip. If one of them failed, the COMMIT
    // was skipped and the transaction is still open, failed: end it before saying so.
    const bool sent = PQsendQueryParams(conn_, "COMMIT", 0, nullptr, nullptr, nullptr, nullptr, 0) == 1;
    if (sent) queued_.emplace_back();
    ResultPtr res;
    try {
      res.reset(sync_pipeline(sent));
    } catch (...) {
      rollback();
      throw;
    }
    if (!sent || !res || PQresultStatus(res.get()) != PGRES_COMMAND_OK) {
      rollback();
      fail(res.get(), "commit");
    }
    status = PQcmdStatus(res.get());
  } else {
    run_simple("COMMIT", &status);
  }
  // COMMIT of a transaction that an earlier error aborted succeeds as a ROLLBACK; the caller
  // must not believe its writes landed.
  if (status == "ROLLBACK") {
    throw Error(Error::Kind::other,
                "postgres: the transaction had failed, so COMMIT rolled it back");
  }
}

void PgConnection::rollback() noexcept {
  autocommit_read_ = false;
  pending_begin_ = nullptr;
  if (pipelining_) {
    try {
      PQclear(sync_pipeline(false));
    } catch (const Error&) {
      // The failure being rolled back, or a lost connection that healthy() now reports.
    }
  }
  if (!healthy() || PQtransactionStatus(conn_) == PQTRANS_IDLE) return;
  PQclear(PQexec(conn_, "ROLLBACK"));
}

}  // namespace mh::sql
