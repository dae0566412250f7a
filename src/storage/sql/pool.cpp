#include "storage/sql/pool.hpp"

#include <stdexcept>
#include <utility>

namespace mh::sql {

namespace {

int effective_size(const std::string& url, int size) {
  if (size < 1) throw std::invalid_argument("pool size must be at least 1");
  if (!is_postgres_url(url) && (url == ":memory:" || url.empty())) return 1;
  return size;
}

}  // namespace

void Pool::Lease::give_back() noexcept {
  if (pool_ != nullptr && conn_) pool_->give_back(std::move(conn_));
  pool_ = nullptr;
}

Pool::Pool(std::string url, int size) : url_(std::move(url)), size_(effective_size(url_, size)) {
  idle_.reserve(static_cast<std::size_t>(size_));  // so give_back's push_back cannot throw
}

Pool::Lease Pool::acquire(std::chrono::milliseconds wait) {
  std::unique_lock lock(mutex_);
  const bool ready = returned_.wait_for(lock, wait, [&] { return !idle_.empty() || open_ < size_; });
  if (!ready) throw Error(Error::Kind::busy, "no database connection free");
  if (!idle_.empty()) {
    // The most recently returned connection: its pages and statements are the warmest.
    std::unique_ptr<Connection> conn = std::move(idle_.back());
    idle_.pop_back();
    return Lease(this, std::move(conn));
  }
  // Reserve the slot, then open outside the lock: a PostgreSQL connect takes a round trip
  // or more, and other threads may return connections meanwhile.
  ++open_;
  lock.unlock();
  try {
    return Lease(this, connect(url_));
  } catch (...) {
    lock.lock();
    --open_;
    lock.unlock();
    returned_.notify_one();
    throw;
  }
}

void Pool::discard_idle() {
  std::vector<std::unique_ptr<Connection>> closing;
  {
    std::lock_guard lock(mutex_);
    closing.swap(idle_);
    idle_.reserve(static_cast<std::size_t>(size_));
    open_ -= static_cast<int>(closing.size());
  }
  returned_.notify_all();
  // `closing` goes out of scope here: the connections close outside the lock.
}

void Pool::give_back(std::unique_ptr<Connection> conn) noexcept {
  conn->rollback();  // a no-op unless the borrower left a transaction open
  const bool keep = conn->healthy();
  if (!keep) conn.reset();  // close outside the lock; the slot is freed below
  {
    std::lock_guard lock(mutex_);
    if (keep) {
      idle_.push_back(std::move(conn));
    } else {
      --open_;
    }
  }
  returned_.notify_one();
}

}  // namespace mh::sql
