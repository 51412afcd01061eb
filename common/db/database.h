#pragma once
// One small storage interface with two backends: SQLite (embedded default) and MySQL/MariaDB
// (production). Stores speak SQL that both accept: `?` placeholders, plain tables and indexes.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace carehub::db {

enum class Backend { kSqlite, kMysql };
const char* BackendName(Backend b);

// NULL, an integer, or text (text may hold any bytes on both backends).
using Value = std::variant<std::monostate, int64_t, std::string>;
using Row = std::vector<Value>;

// Reading helpers for rows; a wrong type is a programming error and throws DbError(kInternal).
int64_t AsInt(const Value& v);
const std::string& AsText(const Value& v);
bool IsNull(const Value& v);

class DbError : public std::runtime_error {
 public:
  enum class Kind {
    kConfig,       // bad URL or options: fix the configuration
    kUnavailable,  // cannot reach or lost the server; retryable by the caller
    kDuplicate,    // a unique key already holds this value
    kRetryable,    // deadlock, lock wait timeout, busy: the whole transaction may be retried
    kInternal,     // anything else (bad SQL, schema mismatch)
  };
  DbError(Kind kind, const std::string& message, int code = 0)
      : std::runtime_error(message), kind_(kind), code_(code) {}
  Kind kind() const { return kind_; }
  int code() const { return code_; }  // backend's own error number, for logs

 private:
  Kind kind_;
  int code_;
};

// A transaction in progress. Statements use `?` placeholders bound in order.
class Tx {
 public:
  virtual ~Tx() = default;
  // Runs a statement; returns the number of rows it changed.
  virtual int64_t Exec(std::string_view sql, const std::vector<Value>& params = {}) = 0;
  virtual std::vector<Row> Query(std::string_view sql, const std::vector<Value>& params = {}) = 0;
  // Which dialect runs the statements (row locks differ: MySQL needs FOR UPDATE, SQLite's
  // write transaction already excludes other writers).
  virtual Backend backend() const = 0;
};

struct PoolOptions {
  int max_connections = 8;
  std::chrono::milliseconds acquire_timeout{5000};
  int max_attempts = 5;  // whole-transaction attempts on deadlock, lock wait or lost connection
};

// Runs `write` (an INSERT of a key another transaction may be inserting at the same time); a
// duplicate key becomes a retryable error, so the whole transaction runs again and sees the row
// the other one committed.
void RetryOnDuplicate(const std::function<void()>& write);

class Database {
 public:
  virtual ~Database() = default;
  virtual Backend backend() const = 0;

  // Runs `fn` inside one transaction and commits. On deadlock, lock-wait timeout, busy or a
  // connection lost before commit, the transaction is rolled back and `fn` runs again (up to
  // PoolOptions::max_attempts), so `fn` must only touch the database and its own locals.
  virtual void Transact(const std::function<void(Tx&)>& fn) = 0;

  // Runs read-only `fn`. SQLite: in one deferred transaction (one snapshot for all its
  // statements; no write lock, so reads never queue behind writers). MySQL: in autocommit, each
  // statement one round trip reading its own READ COMMITTED snapshot (DECISIONS.md). Retried
  // like Transact.
  virtual void Read(const std::function<void(Tx&)>& fn) = 0;

  // Runs `fn` holding the schema-migration lock (one migrator across all replicas), with
  // every statement committed as it runs (MySQL DDL cannot be rolled back anyway).
  virtual void WithMigrationLock(const std::function<void(Tx&)>& fn) = 0;

  // Connections currently lent out and the pool's bound, for metrics.
  virtual int ConnectionsInUse() const = 0;
  virtual int MaxConnections() const = 0;
};

// Opens by URL: `sqlite:///abs/path.db`, `sqlite://relative/path.db`, or
// `mysql://user:pass@host:port/dbname` (optional `?socket=/path`). Throws DbError kConfig for a
// malformed URL and kUnavailable when the server cannot be reached; messages carry no password.
std::unique_ptr<Database> Open(const std::string& url, const PoolOptions& options = {});

// The URL with any password replaced by "***", for logs and error messages.
std::string RedactUrl(const std::string& url);

}  // namespace carehub::db
