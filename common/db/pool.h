#pragma once
// A bounded pool of connections shared by both backends: at most `max` open at once, callers
// wait up to a deadline for one, and a connection marked broken is closed instead of returned.
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>

#include "common/db/database.h"

namespace carehub::db {

template <class Conn>
class Pool {
 public:
  using Factory = std::function<std::unique_ptr<Conn>()>;

  Pool(Factory factory, int max, std::chrono::milliseconds acquire_timeout)
      : factory_(std::move(factory)), max_(max < 1 ? 1 : max), timeout_(acquire_timeout) {}

  class Lease {
   public:
    Lease(Pool* pool, std::unique_ptr<Conn> conn) : pool_(pool), conn_(std::move(conn)) {}
    Lease(Lease&& o) noexcept : pool_(o.pool_), conn_(std::move(o.conn_)), broken_(o.broken_) { o.pool_ = nullptr; }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (pool_) pool_->Release(std::move(conn_), broken_);
    }
    Conn& operator*() { return *conn_; }
    Conn* operator->() { return conn_.get(); }
    void MarkBroken() { broken_ = true; }

   private:
    Pool* pool_;
    std::unique_ptr<Conn> conn_;
    bool broken_ = false;
  };

  Lease Acquire() {
    std::unique_lock lock(mu_);
    if (!cv_.wait_for(lock, timeout_, [&] { return !idle_.empty() || open_ < max_; })) {
      throw DbError(DbError::Kind::kUnavailable, "timed out waiting for a database connection");
    }
    ++in_use_;
    if (!idle_.empty()) {
      auto conn = std::move(idle_.front());
      idle_.pop_front();
      return Lease(this, std::move(conn));
    }
    ++open_;
    lock.unlock();
    try {
      return Lease(this, factory_());  // connect outside the lock: it may take seconds
    } catch (...) {
      lock.lock();
      --open_;
      --in_use_;
      cv_.notify_one();
      throw;
    }
  }

  int InUse() const {
    std::lock_guard lock(mu_);
    return in_use_;
  }
  int Max() const { return max_; }

 private:
  void Release(std::unique_ptr<Conn> conn, bool broken) {
    if (broken) conn.reset();  // close before taking the lock
    std::lock_guard lock(mu_);
    --in_use_;
    if (broken || !conn) {
      --open_;
    } else {
      idle_.push_front(std::move(conn));  // most recently used first: warm caches, idle ones age out
    }
    cv_.notify_one();
  }

  Factory factory_;
  const int max_;
  const std::chrono::milliseconds timeout_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::unique_ptr<Conn>> idle_;
  int open_ = 0;
  int in_use_ = 0;
};

}  // namespace carehub::db
