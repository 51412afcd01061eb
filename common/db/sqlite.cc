// SQLite backend: one file, WAL journal (readers never block the writer), a busy timeout, and
// write transactions opened with BEGIN IMMEDIATE so two writers queue for the lock up front
// instead of deadlocking when a reader upgrades.
#include <sqlite3.h>

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>

#include "common/db/backends.h"
#include "common/db/pool.h"
#include "common/db/retry.h"

namespace carehub::db {
namespace {

DbError ErrorFrom(sqlite3* db, int rc) {
  int ext = db ? sqlite3_extended_errcode(db) : rc;
  std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  int primary = rc & 0xff;
  if (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY) {
    return DbError(DbError::Kind::kDuplicate, msg, ext);
  }
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) return DbError(DbError::Kind::kRetryable, msg, ext);
  if (primary == SQLITE_CANTOPEN || primary == SQLITE_IOERR || primary == SQLITE_FULL) {
    return DbError(DbError::Kind::kUnavailable, msg, ext);
  }
  return DbError(DbError::Kind::kInternal, msg, ext);
}

// Receives the WAL's size after each commit (sqlite3_wal_hook).
class WalWatcher {
 public:
  virtual ~WalWatcher() = default;
  virtual void Committed(int wal_frames) = 0;
};

class SqliteConn final : public Tx {
 public:
  Backend backend() const override { return Backend::kSqlite; }
  // With a watcher, this connection never checkpoints itself: SQLite's automatic checkpoint
  // would copy the WAL back and fsync in the committing thread after every few MB written (every
  // batch of a large import); the watcher's own thread does it instead.
  SqliteConn(const std::string& path, WalWatcher* watcher) {
    int rc =
        sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
      std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
      sqlite3_close_v2(db_);
      db_ = nullptr;
      throw DbError(DbError::Kind::kUnavailable, "cannot open SQLite database " + path + ": " + msg, rc);
    }
    sqlite3_busy_timeout(db_, 10000);
    sqlite3_extended_result_codes(db_, 1);
    // journal_size_limit: truncate the WAL after a checkpoint instead of keeping its peak size.
    // cache_size: 32 MiB per connection instead of 2 MiB, so inserts into the random-keyed
    // identity index of a million-person registry find its pages in memory.
    for (const char* pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON",
                               "PRAGMA journal_size_limit=67108864", "PRAGMA cache_size=-32768"}) {
      char* err = nullptr;
      if (sqlite3_exec(db_, pragma, nullptr, nullptr, &err) != SQLITE_OK) {
        std::string msg = err ? err : "unknown error";
        sqlite3_free(err);
        sqlite3_close_v2(db_);
        db_ = nullptr;
        throw DbError(DbError::Kind::kUnavailable, "cannot open SQLite database " + path + ": " + msg);
      }
    }
    if (watcher) sqlite3_wal_hook(db_, &SqliteConn::OnCommit, watcher);
  }
  ~SqliteConn() override {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }

  int64_t Exec(std::string_view sql, const std::vector<Value>& params) override {
    sqlite3_stmt* stmt = Prepare(sql, params);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    }
    Finish(stmt, rc);
    return sqlite3_changes(db_);
  }

  std::vector<Row> Query(std::string_view sql, const std::vector<Value>& params) override {
    sqlite3_stmt* stmt = Prepare(sql, params);
    std::vector<Row> rows;
    int rc;
    int cols = sqlite3_column_count(stmt);
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      Row row;
      row.reserve(cols);
      for (int i = 0; i < cols; ++i) {
        switch (sqlite3_column_type(stmt, i)) {
          case SQLITE_NULL:
            row.emplace_back(std::monostate{});
            break;
          case SQLITE_INTEGER:
            row.emplace_back(static_cast<int64_t>(sqlite3_column_int64(stmt, i)));
            break;
          default: {
            const void* p = sqlite3_column_blob(stmt, i);
            int n = sqlite3_column_bytes(stmt, i);
            row.emplace_back(std::string(static_cast<const char*>(p ? p : ""), n));
          }
        }
      }
      rows.push_back(std::move(row));
    }
    Finish(stmt, rc);
    return rows;
  }

  sqlite3* handle() { return db_; }

 private:
  static int OnCommit(void* watcher, sqlite3*, const char*, int wal_frames) {
    static_cast<WalWatcher*>(watcher)->Committed(wal_frames);
    return SQLITE_OK;
  }

  sqlite3_stmt* Prepare(std::string_view sql, const std::vector<Value>& params) {
    std::string key(sql);
    sqlite3_stmt* stmt;
    auto it = cache_.find(key);
    if (it != cache_.end()) {
      stmt = it->second;
    } else {
      int rc =
          sqlite3_prepare_v3(db_, key.data(), static_cast<int>(key.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
      if (rc != SQLITE_OK) throw ErrorFrom(db_, rc);
      cache_.emplace(std::move(key), stmt);
    }
    for (size_t i = 0; i < params.size(); ++i) {
      int idx = static_cast<int>(i) + 1;
      int rc;
      if (const auto* n = std::get_if<int64_t>(&params[i])) {
        rc = sqlite3_bind_int64(stmt, idx, *n);
      } else if (const auto* s = std::get_if<std::string>(&params[i])) {
        rc = sqlite3_bind_text(stmt, idx, s->data(), static_cast<int>(s->size()), SQLITE_TRANSIENT);
      } else {
        rc = sqlite3_bind_null(stmt, idx);
      }
      if (rc != SQLITE_OK) {
        sqlite3_reset(stmt);
        sqlite3_clear_bindings(stmt);
        throw ErrorFrom(db_, rc);
      }
    }
    return stmt;
  }

  void Finish(sqlite3_stmt* stmt, int rc) {
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    if (rc != SQLITE_DONE) throw ErrorFrom(db_, rc);
  }

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

// Checkpoints run on a thread of their own, woken when a commit leaves more than
// kCheckpointAboveFrames in the WAL and at least once a second: the writer goes on with its next
// transaction while the pages are copied back (a checkpoint copies a page once however often the
// WAL holds it, so a busy writer also writes less).
// Under steady concurrent load passive checkpoints can never reset the WAL, because some reader
// is always inside it: the WAL then grows without bound (hundreds of MB after a few minutes of
// load here) and reads slow down. So the thread resets it with a TRUNCATE checkpoint whenever it
// has grown past kTruncateAboveFrames; that waits only for the short transactions in flight.
class WalCheckpointer final : public WalWatcher {
 public:
  explicit WalCheckpointer(const std::string& path) : conn_(path, nullptr), thread_([this] { Run(); }) {}
  ~WalCheckpointer() override {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }

  void Committed(int wal_frames) override {
    if (wal_frames < kCheckpointAboveFrames) return;
    {
      std::lock_guard lock(mu_);
      nudged_ = true;
    }
    cv_.notify_one();
  }

 private:
  static constexpr int kCheckpointAboveFrames = 1000;  // SQLite's own automatic threshold
  static constexpr int kTruncateAboveFrames = 16384;   // 64 MiB of 4 KiB pages
  void Run() {
    std::unique_lock lock(mu_);
    while (!stop_) {
      cv_.wait_for(lock, std::chrono::seconds(1), [&] { return stop_ || nudged_; });
      if (stop_) break;
      nudged_ = false;
      lock.unlock();
      int frames = 0, copied = 0;
      int rc = sqlite3_wal_checkpoint_v2(conn_.handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, &frames, &copied);
      if (rc == SQLITE_OK && frames > kTruncateAboveFrames) {
        sqlite3_wal_checkpoint_v2(conn_.handle(), nullptr, SQLITE_CHECKPOINT_TRUNCATE, &frames, &copied);
      }
      lock.lock();
    }
  }
  SqliteConn conn_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  bool nudged_ = false;
  std::thread thread_;
};

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(const std::string& path, const PoolOptions& options)
      : options_(options),
        checkpointer_(path),  // opens the file now, so a bad path fails at start-up
        pool_([this, path] { return std::make_unique<SqliteConn>(path, &checkpointer_); }, options.max_connections,
              options.acquire_timeout) {}

  Backend backend() const override { return Backend::kSqlite; }

  void Transact(const std::function<void(Tx&)>& fn) override {
    WithRetry(options_.max_attempts, [&] { RunTx(fn, "BEGIN IMMEDIATE"); });
  }

  void Read(const std::function<void(Tx&)>& fn) override {
    WithRetry(options_.max_attempts, [&] { RunTx(fn, "BEGIN DEFERRED"); });
  }

  void WithMigrationLock(const std::function<void(Tx&)>& fn) override {
    // SQLite DDL is transactional, so the whole migration run is one IMMEDIATE transaction:
    // the write lock is the migration lock.
    WithRetry(options_.max_attempts, [&] { RunTx(fn, "BEGIN IMMEDIATE"); });
  }

  int ConnectionsInUse() const override { return pool_.InUse(); }
  int MaxConnections() const override { return pool_.Max(); }

 private:
  // BEGIN, COMMIT and ROLLBACK go through Exec, so each connection prepares them once like any
  // statement (sqlite3_exec would parse them again on every transaction: a sixth of a
  // primary-key read's time).
  void RunTx(const std::function<void(Tx&)>& fn, const char* begin) {
    auto conn = pool_.Acquire();
    conn->Exec(begin, {});
    try {
      fn(*conn);
      conn->Exec("COMMIT", {});
    } catch (...) {
      try {
        conn->Exec("ROLLBACK", {});
      } catch (const DbError&) {
        conn.MarkBroken();  // unknown state: do not hand it to anyone else
      }
      throw;
    }
  }

  PoolOptions options_;
  WalCheckpointer checkpointer_;  // before pool_: outlives every connection that reports to it
  Pool<SqliteConn> pool_;
};

}  // namespace

std::unique_ptr<Database> OpenSqlite(const std::string& path, const PoolOptions& options) {
  return std::make_unique<SqliteDatabase>(path, options);
}

}  // namespace carehub::db
