// A fixed-size pool of sql::Connections to one database, shared by the server's threads.
// acquire() lends a connection as a Lease that gives it back when destroyed; connections
// are opened lazily, up to `size`, and one found broken on return (!healthy()) is dropped so
// a fresh one is opened on a later acquire. A transaction left open on a returned
// connection is rolled back, so a forgotten commit never holds locks for the next borrower.
// For SQLite files the size is honoured (WAL lets readers run beside the one writer);
// ":memory:" (and "", SQLite's private temporary database) gets size 1, because each
// connection to it would be a separate, empty database.
// Depends on sql::connect. Thread-safe: acquire() and returns may race freely; a Lease and
// its Connection belong to one thread at a time. Every Lease must be gone before the Pool.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "storage/sql/connection.hpp"

namespace mh::sql {

class Pool {
 public:
  class Lease {
   public:
    Lease(Lease&& other) noexcept
        : pool_(std::exchange(other.pool_, nullptr)), conn_(std::move(other.conn_)) {}
    Lease& operator=(Lease&& other) noexcept {
      if (this != &other) {
        give_back();
        pool_ = std::exchange(other.pool_, nullptr);
        conn_ = std::move(other.conn_);
      }
      return *this;
    }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() { give_back(); }

    Connection* operator->() const { return conn_.get(); }
    Connection& operator*() const { return *conn_; }
    Connection* get() const { return conn_.get(); }

   private:
    friend class Pool;
    Lease(Pool* pool, std::unique_ptr<Connection> conn) : pool_(pool), conn_(std::move(conn)) {}
    void give_back() noexcept;

    Pool* pool_ = nullptr;
    std::unique_ptr<Connection> conn_;
  };

  // Opens nothing yet. Throws std::invalid_argument when size < 1.
  Pool(std::string url, int size);
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  // Lends a connection, waiting up to `wait` for one to come back when all are out.
  // Throws sql::Error(busy) after the wait, or sql::Error(connection) when a new connection
  // cannot be opened.
  Lease acquire(std::chrono::milliseconds wait = std::chrono::seconds(5));

  // Closes every idle connection, so the next acquire opens a fresh one. Called when one
  // connection was found lost: after a database restart all the idle ones are lost too, and
  // each would otherwise fail one request before being dropped. Lent connections are kept;
  // a broken one is dropped when it comes back.
  void discard_idle();

  Dialect dialect() const { return is_postgres_url(url_) ? Dialect::postgres : Dialect::sqlite; }
  int size() const { return size_; }

 private:
  void give_back(std::unique_ptr<Connection> conn) noexcept;

  const std::string url_;
  const int size_;
  std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<Connection>> idle_;  // guarded by mutex_
  int open_ = 0;  // connections idle or lent out, plus those being opened; guarded by mutex_
};

}  // namespace mh::sql
