// MySQL / MariaDB backend through MySQL Connector/C++ 1.1.
// - The connector's auto-reconnect stays off: it silently drops prepared statements and open
//   transactions. A connection that fails with a client-side error (lost, gone away, killed) is
//   discarded and the pool makes a new one; server errors (duplicate key, bad SQL) keep it.
// - Deadlock (1213) and lock wait timeout (1205) roll back and retry the whole transaction;
//   so does a connection lost before COMMIT was sent. A connection lost during COMMIT is
//   ambiguous (it may have committed) and surfaces as UNAVAILABLE instead of a second write.
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <cppconn/resultset_metadata.h>
#include <cppconn/statement.h>
#include <mysql_driver.h>

#include <chrono>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "common/db/backends.h"
#include "common/db/pool.h"
#include "common/db/retry.h"
#include "common/log.h"

namespace carehub::db {
namespace {

constexpr int kErDupEntry = 1062;
constexpr int kErLockWaitTimeout = 1205;
constexpr int kErLockDeadlock = 1213;
constexpr int kErServerShutdown = 1053;
constexpr int kErConnectionKilled = 1927;          // MariaDB: "Connection was killed"
constexpr int kErClientInteractionTimeout = 4031;  // MySQL 8: disconnected for inactivity
// Galera: "WSREP has not yet prepared node for application use", a node cut off from the primary
// component. The connection is dropped so the pool's next one goes through HAProxy to a node
// that is Synced; a commit refused this way did not happen, but it is not told apart from a lost
// COMMIT, so it surfaces as UNAVAILABLE like one.
constexpr int kErWsrepNotReady = 1047;

sql::mysql::MySQL_Driver* Driver() {
  // get_mysql_driver_instance() is not thread-safe on first use.
  static std::once_flag once;
  static sql::mysql::MySQL_Driver* driver = nullptr;
  std::call_once(once, [] { driver = sql::mysql::get_mysql_driver_instance(); });
  return driver;
}

// The connector keeps per-thread client state: each thread that uses it must call threadInit()
// before and threadEnd() when it exits. gRPC owns our threads, so do it lazily, once per thread.
void EnsureThreadInit() {
  struct Guard {
    Guard() { Driver()->threadInit(); }
    ~Guard() { Driver()->threadEnd(); }
  };
  thread_local Guard guard;
}

bool IsConnectionError(int code) {
  return code == 0 || (code >= 2000 && code < 3000) || code == kErServerShutdown || code == kErConnectionKilled ||
         code == kErClientInteractionTimeout || code == kErWsrepNotReady;
}

DbError Translate(const sql::SQLException& e) {
  int code = e.getErrorCode();
  std::string msg = e.what();
  if (code == kErDupEntry) return DbError(DbError::Kind::kDuplicate, msg, code);
  if (code == kErLockDeadlock || code == kErLockWaitTimeout) return DbError(DbError::Kind::kRetryable, msg, code);
  if (IsConnectionError(code)) return DbError(DbError::Kind::kUnavailable, msg, code);
  return DbError(DbError::Kind::kInternal, msg, code);
}

// A connection lost while it is being set up (a proxy or a Galera node ending the session in the
// middle of the handshake, as HAProxy did under load in the Galera tier; a node failing over) has
// done nothing yet, so it is made again after a short pause. A refusal by the server itself
// (wrong password, unknown database) is final at once.
constexpr int kConnectAttempts = 3;

class MysqlConn final : public Tx {
 public:
  Backend backend() const override { return Backend::kMysql; }
  MysqlConn(const MysqlUrl& url) {
    EnsureThreadInit();
    for (int attempt = 1;; ++attempt) {
      try {
        conn_ = Connect(url);
        return;
      } catch (const sql::SQLException& e) {
        const int code = e.getErrorCode();
        if (!IsConnectionError(code) || attempt >= kConnectAttempts) {
          throw DbError(DbError::Kind::kUnavailable, "cannot connect to " + url.redacted + ": " + e.what(), code);
        }
        log::Warn("database connection lost while being set up; connecting again",
                  {{"target", url.redacted}, {"attempt", attempt}, {"code", code}, {"error", e.what()}});
        std::this_thread::sleep_for(std::chrono::milliseconds(100 * attempt));
      }
    }
  }

  int64_t Exec(std::string_view sql, const std::vector<Value>& params) override {
    try {
      if (params.empty()) {
        std::unique_ptr<sql::Statement> st(conn_->createStatement());
        st->execute(sql::SQLString(std::string(sql)));
        return st->getUpdateCount();
      }
      return Prepare(sql, params)->executeUpdate();
    } catch (const sql::SQLException& e) {
      Rethrow(e);
    }
  }

  std::vector<Row> Query(std::string_view sql, const std::vector<Value>& params) override {
    try {
      std::unique_ptr<sql::ResultSet> rs;
      std::unique_ptr<sql::Statement> st;
      if (params.empty()) {
        st.reset(conn_->createStatement());
        rs.reset(st->executeQuery(sql::SQLString(std::string(sql))));
      } else {
        rs.reset(Prepare(sql, params)->executeQuery());
      }
      sql::ResultSetMetaData* meta = rs->getMetaData();
      unsigned cols = meta->getColumnCount();
      std::vector<bool> is_int(cols + 1);
      for (unsigned i = 1; i <= cols; ++i) {
        switch (meta->getColumnType(i)) {
          case sql::DataType::BIT:
          case sql::DataType::TINYINT:
          case sql::DataType::SMALLINT:
          case sql::DataType::MEDIUMINT:
          case sql::DataType::INTEGER:
          case sql::DataType::BIGINT:
            is_int[i] = true;
            break;
          default:
            is_int[i] = false;
        }
      }
      std::vector<Row> rows;
      while (rs->next()) {
        Row row;
        row.reserve(cols);
        for (unsigned i = 1; i <= cols; ++i) {
          if (rs->isNull(i))
            row.emplace_back(std::monostate{});
          else if (is_int[i])
            row.emplace_back(static_cast<int64_t>(rs->getInt64(i)));
          else
            row.emplace_back(std::string(rs->getString(i).asStdString()));
        }
        rows.push_back(std::move(row));
      }
      return rows;
    } catch (const sql::SQLException& e) {
      Rethrow(e);
    }
  }

  // The connection keeps the mode it was last put in, so a run of reads (autocommit: one round
  // trip a statement) or of writes (statements and COMMIT, nothing else) pays no toggles; only a
  // switch between the two costs one.
  void SetAutocommit(bool on) {
    if (autocommit_ == on) return;
    Exec(on ? "SET autocommit = 1" : "SET autocommit = 0", {});
    autocommit_ = on;
  }

  // COMMIT and ROLLBACK go as statements, never through Connection::commit()/rollback():
  // Connector/C++ 1.1.12 over libmariadb reported success for a commit() on a connection whose
  // server had just died, so an acknowledged transaction was lost (tests/e2e/crash_test.cc; the
  // same loop through a Statement, or through libmariadb's own mysql_commit, lost nothing).
  void Commit() { Exec("COMMIT", {}); }
  void Rollback() { Exec("ROLLBACK", {}); }

  [[noreturn]] void Rethrow(const sql::SQLException& e) {
    if (IsConnectionError(e.getErrorCode())) broken_ = true;
    throw Translate(e);
  }
  bool broken() const { return broken_; }

 private:
  // One connection with this service's session settings, or the connector's exception.
  static std::unique_ptr<sql::Connection> Connect(const MysqlUrl& url) {
    sql::ConnectOptionsMap opts;
    if (!url.socket.empty()) {
      opts["hostName"] = sql::SQLString("unix://" + url.socket);
    } else {
      opts["hostName"] = sql::SQLString(url.host);
      opts["port"] = url.port;
    }
    opts["userName"] = sql::SQLString(url.user);
    opts["password"] = sql::SQLString(url.password);
    opts["schema"] = sql::SQLString(url.database);
    opts["OPT_RECONNECT"] = false;
    opts["OPT_CHARSET_NAME"] = sql::SQLString("utf8mb4");
    opts["OPT_CONNECT_TIMEOUT"] = 5;
    opts["OPT_READ_TIMEOUT"] = 60;
    opts["OPT_WRITE_TIMEOUT"] = 60;
    std::unique_ptr<sql::Connection> conn(Driver()->connect(opts));
    std::unique_ptr<sql::Statement> st(conn->createStatement());
    st->execute("SET SESSION time_zone = '+00:00'");
    st->execute(
        "SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE,"
        "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'");
    st->execute("SET SESSION innodb_lock_wait_timeout = 10");
    st->execute("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
    return conn;
  }

  sql::PreparedStatement* Prepare(std::string_view sql, const std::vector<Value>& params) {
    std::string key(sql);
    auto it = cache_.find(key);
    if (it == cache_.end()) {
      it = cache_.emplace(key, std::unique_ptr<sql::PreparedStatement>(conn_->prepareStatement(key))).first;
    }
    sql::PreparedStatement* ps = it->second.get();
    ps->clearParameters();
    for (size_t i = 0; i < params.size(); ++i) {
      unsigned idx = static_cast<unsigned>(i) + 1;
      if (const auto* n = std::get_if<int64_t>(&params[i]))
        ps->setInt64(idx, *n);
      else if (const auto* s = std::get_if<std::string>(&params[i]))
        ps->setString(idx, sql::SQLString(*s));
      else
        ps->setNull(idx, sql::DataType::VARCHAR);
    }
    return ps;
  }

  std::unique_ptr<sql::Connection> conn_;
  std::unordered_map<std::string, std::unique_ptr<sql::PreparedStatement>> cache_;
  bool broken_ = false;
  bool autocommit_ = true;  // a new connection's mode
};

class MysqlDatabase final : public Database {
 public:
  MysqlDatabase(const MysqlUrl& url, const PoolOptions& options)
      : url_(url),
        options_(options),
        pool_([url] { return std::make_unique<MysqlConn>(url); }, options.max_connections, options.acquire_timeout) {
    pool_.Acquire();  // connect once now: a wrong URL or a server that is down fails at start-up
  }

  Backend backend() const override { return Backend::kMysql; }

  void Transact(const std::function<void(Tx&)>& fn) override {
    WithRetry(options_.max_attempts, [&] { RunTx(fn); });
  }

  // Under READ COMMITTED every statement reads its own fresh snapshot, inside a transaction or
  // not; so a read runs in autocommit and each statement is one round trip, with no BEGIN/COMMIT.
  void Read(const std::function<void(Tx&)>& fn) override {
    WithRetry(options_.max_attempts, [&] { RunRead(fn); });
  }

  void WithMigrationLock(const std::function<void(Tx&)>& fn) override {
    EnsureThreadInit();
    auto conn = pool_.Acquire();
    const std::string lock_name = "carehub_migrations." + url_.database;
    try {
      conn->SetAutocommit(true);  // every migration statement commits as it runs
      auto got = conn->Query("SELECT GET_LOCK(?, 120)", {lock_name});
      if (got.empty() || IsNull(got[0][0]) || AsInt(got[0][0]) != 1) {
        throw DbError(DbError::Kind::kUnavailable, "timed out waiting for the migration lock");
      }
      try {
        fn(*conn);
      } catch (...) {
        conn->Query("SELECT RELEASE_LOCK(?)", {lock_name});
        throw;
      }
      conn->Query("SELECT RELEASE_LOCK(?)", {lock_name});
    } catch (const DbError&) {
      if (conn->broken()) conn.MarkBroken();
      throw;
    }
  }

  int ConnectionsInUse() const override { return pool_.InUse(); }
  int MaxConnections() const override { return pool_.Max(); }

 private:
  void RunTx(const std::function<void(Tx&)>& fn) {
    EnsureThreadInit();
    auto conn = pool_.Acquire();
    bool committing = false;
    try {
      conn->SetAutocommit(false);
      fn(*conn);
      committing = true;
      conn->Commit();
    } catch (const sql::SQLException& e) {
      HandleFailure(conn, committing, Translate(e), IsConnectionError(e.getErrorCode()));
    } catch (const DbError& e) {
      HandleFailure(conn, committing, e, conn->broken());
    } catch (...) {
      Rollback(conn);
      throw;
    }
  }

  void RunRead(const std::function<void(Tx&)>& fn) {
    EnsureThreadInit();
    auto conn = pool_.Acquire();
    try {
      conn->SetAutocommit(true);
      fn(*conn);
    } catch (const sql::SQLException& e) {
      if (!IsConnectionError(e.getErrorCode())) throw Translate(e);
      conn.MarkBroken();
      throw DbError(DbError::Kind::kRetryable, e.what(), e.getErrorCode());  // a read is safe to run again
    } catch (const DbError& e) {
      if (!conn->broken()) throw;
      conn.MarkBroken();
      throw DbError(DbError::Kind::kRetryable, e.what(), e.code());
    }
  }

  [[noreturn]] void HandleFailure(Pool<MysqlConn>::Lease& conn, bool committing, const DbError& e, bool lost) {
    if (lost) {
      conn.MarkBroken();
      if (committing) {
        throw DbError(DbError::Kind::kUnavailable, "connection lost during commit; outcome unknown", e.code());
      }
      // Nothing was committed on a connection that died mid-transaction: safe to run again.
      throw DbError(DbError::Kind::kRetryable, e.what(), e.code());
    }
    Rollback(conn);
    throw e;
  }

  void Rollback(Pool<MysqlConn>::Lease& conn) {
    try {
      conn->Rollback();
    } catch (const DbError&) {
      conn.MarkBroken();
    }
  }

  MysqlUrl url_;
  PoolOptions options_;
  Pool<MysqlConn> pool_;
};

}  // namespace

std::unique_ptr<Database> OpenMysql(const MysqlUrl& url, const PoolOptions& options) {
  return std::make_unique<MysqlDatabase>(url, options);
}

}  // namespace carehub::db
