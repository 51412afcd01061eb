// The storage layer on both backends: migrations, transactions, errors, concurrency, recovery.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <regex>
#include <thread>

#include "common/db/backends.h"
#include "common/db/migrations.h"
#include "tests/support/tcp_relay.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_db.h"

namespace carehub::db {
namespace {

const std::vector<Migration>& TestMigrations(Backend b) {
  static const std::vector<Migration> kSqlite = {
      {1, "0001_items", "CREATE TABLE items (\n id VARCHAR(40) NOT NULL PRIMARY KEY,\n name TEXT NOT NULL\n);\n"},
      {2, "0002_counters",
       "CREATE TABLE counters (name VARCHAR(40) NOT NULL PRIMARY KEY, value BIGINT NOT NULL);\n"
       "INSERT INTO counters (name, value) VALUES ('c', 0);\n"}};
  static const std::vector<Migration> kMysql = {
      {1, "0001_items",
       "CREATE TABLE items (\n id VARCHAR(40) NOT NULL PRIMARY KEY,\n name VARCHAR(200) NOT NULL\n) DEFAULT "
       "CHARSET=utf8mb4;\n"},
      {2, "0002_counters",
       "CREATE TABLE counters (name VARCHAR(40) NOT NULL PRIMARY KEY, value BIGINT NOT NULL) ENGINE=InnoDB;\n"
       "INSERT INTO counters (name, value) VALUES ('c', 0);\n"}};
  return b == Backend::kMysql ? kMysql : kSqlite;
}

class DbTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    t_ = testing::TestDatabase::Make(GetParam());
    if (!t_) return;
    ApplyMigrations(db(), TestMigrations(db().backend()));
  }
  Database& db() { return t_->db(); }
  int64_t Count(const std::string& table) {
    int64_t n = 0;
    db().Read([&](Tx& tx) { n = AsInt(tx.Query("SELECT COUNT(*) FROM " + table)[0][0]); });
    return n;
  }
  std::unique_ptr<testing::TestDatabase> t_;
};

TEST_P(DbTest, MigrationsAppliedTwiceAreANoOp) {
  if (!t_) return;
  EXPECT_EQ(Count("schema_migrations"), 2);
  EXPECT_EQ(ApplyMigrations(db(), TestMigrations(db().backend())), 2);
  EXPECT_EQ(Count("schema_migrations"), 2);
  EXPECT_EQ(Count("counters"), 1);  // the seed row was not inserted again
}

TEST_P(DbTest, ConcurrentMigratorsApplyEachMigrationOnce) {
  if (!t_) return;
  // Two replicas starting at once against a fresh schema.
  auto fresh = testing::TestDatabase::Make(GetParam());
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int i = 0; i < 2; ++i) {
    threads.emplace_back([&] {
      try {
        auto replica = fresh->OpenAnother();
        ApplyMigrations(*replica, TestMigrations(replica->backend()));
      } catch (const std::exception& e) {
        ++failures;
        ADD_FAILURE() << e.what();
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures, 0);
  int64_t rows = 0;
  fresh->db().Read([&](Tx& tx) { rows = AsInt(tx.Query("SELECT COUNT(*) FROM counters")[0][0]); });
  EXPECT_EQ(rows, 1);
}

TEST_P(DbTest, FailedTransactionLeavesNothing) {
  if (!t_) return;
  EXPECT_THROW(db().Transact([&](Tx& tx) {
    tx.Exec("INSERT INTO items (id, name) VALUES (?, ?)", {std::string("a"), std::string("x")});
    throw std::runtime_error("business rule failed");
  }),
               std::runtime_error);
  EXPECT_EQ(Count("items"), 0);
}

TEST_P(DbTest, DuplicateKeyIsReportedAsSuch) {
  if (!t_) return;
  db().Transact([&](Tx& tx) { tx.Exec("INSERT INTO items (id, name) VALUES ('a', 'x')"); });
  try {
    db().Transact([&](Tx& tx) { tx.Exec("INSERT INTO items (id, name) VALUES ('a', 'y')"); });
    FAIL();
  } catch (const DbError& e) {
    EXPECT_EQ(e.kind(), DbError::Kind::kDuplicate);
  }
  EXPECT_EQ(Count("items"), 1);
}

TEST_P(DbTest, TextRoundTripsIncludingChineseAndFourByteCharacters) {
  if (!t_) return;
  const std::string name = "张小明 𠀀 ✓";
  db().Transact([&](Tx& tx) { tx.Exec("INSERT INTO items (id, name) VALUES (?, ?)", {std::string("u"), name}); });
  std::string back;
  Value null_value;
  db().Read([&](Tx& tx) {
    back = AsText(tx.Query("SELECT name FROM items WHERE id = ?", {std::string("u")})[0][0]);
    null_value = tx.Query("SELECT NULL")[0][0];
  });
  EXPECT_EQ(back, name);
  EXPECT_TRUE(IsNull(null_value));
}

TEST_P(DbTest, ConcurrentReadModifyWriteLosesNoUpdate) {
  if (!t_) return;
  // Eight writers each add 1 twenty-five times through read-then-write transactions; lock
  // conflicts are retried whole, so the total must be exact.
  constexpr int kThreads = 8, kEach = 25;
  std::vector<std::thread> threads;
  std::atomic<int> errors{0};
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&] {
      for (int k = 0; k < kEach; ++k) {
        try {
          db().Transact([&](Tx& tx) {
            const char* select = db().backend() == Backend::kMysql
                                     ? "SELECT value FROM counters WHERE name = 'c' FOR UPDATE"
                                     : "SELECT value FROM counters WHERE name = 'c'";
            int64_t v = AsInt(tx.Query(select)[0][0]);
            tx.Exec("UPDATE counters SET value = ? WHERE name = 'c'", {v + 1});
          });
        } catch (const std::exception& e) {
          ++errors;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(errors, 0);
  int64_t v = 0;
  db().Read([&](Tx& tx) { v = AsInt(tx.Query("SELECT value FROM counters WHERE name = 'c'")[0][0]); });
  EXPECT_EQ(v, kThreads * kEach);
}

TEST_P(DbTest, PoolIsBoundedAndTimesOut) {
  if (!t_) return;
  auto small = db::Open(t_->url(), {.max_connections = 1, .acquire_timeout = std::chrono::milliseconds(200)});
  std::atomic<bool> holding{false}, release{false};
  std::thread holder([&] {
    small->Read([&](Tx&) {
      holding = true;
      while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    });
  });
  while (!holding) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_EQ(small->ConnectionsInUse(), 1);
  try {
    small->Read([](Tx&) {});
    ADD_FAILURE() << "a second connection was lent beyond the bound";
  } catch (const DbError& e) {
    EXPECT_EQ(e.kind(), DbError::Kind::kUnavailable);
  }
  release = true;
  holder.join();
  EXPECT_EQ(small->ConnectionsInUse(), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, DbTest, ::testing::Values("sqlite", "mysql"), testing::BackendParamName);

// MySQL only: a connection killed on the server is discarded and replaced, and the call that
// met the dead connection is retried on a fresh one instead of failing.
TEST(MysqlPool, RecoversAfterConnectionIsKilled) {
  auto t = testing::TestDatabase::Make("mysql", /*pool_size=*/2);
  if (!t) return;
  auto& db = t->db();
  auto admin = t->OpenAnother(1);
  for (int round = 0; round < 3; ++round) {
    int64_t before = 0;
    db.Read([&](Tx& tx) { before = AsInt(tx.Query("SELECT CONNECTION_ID()")[0][0]); });
    // Kill every connection the pool may hold idle, not only the one we saw.
    std::vector<int64_t> ids;
    admin->Read([&](Tx& tx) {
      for (const auto& r :
           tx.Query("SELECT ID FROM information_schema.PROCESSLIST WHERE DB = DATABASE() AND ID <> CONNECTION_ID()"))
        ids.push_back(AsInt(r[0]));
    });
    // A connection killed the round before may still be listed and be gone by its KILL
    // ("Unknown thread id"): that one is already what we want.
    for (int64_t id : ids) {
      try {
        admin->Transact([&](Tx& tx) { tx.Exec("KILL " + std::to_string(id)); });
      } catch (const DbError&) {
      }
    }
    int64_t after = 0;
    ASSERT_NO_THROW(db.Read([&](Tx& tx) { after = AsInt(tx.Query("SELECT CONNECTION_ID()")[0][0]); }));
    EXPECT_NE(after, before) << "round " << round;
    EXPECT_EQ(db.ConnectionsInUse(), 0);
  }
}

// MySQL only: the same database reached through a relay that ends the first connections right
// after the client's login, before the server answers (what HAProxy did under load in front of
// Galera: "Lost connection ... at 'reading authorization packet'").
std::string ThroughRelay(const std::string& url, const testing::TcpRelay& relay) {
  return std::regex_replace(url, std::regex("@[^:/]+:\\d+/"), "@127.0.0.1:" + std::to_string(relay.port()) + "/");
}

TEST(MysqlConnect, ALoginCutByAProxyIsMadeAgain) {
  auto t = testing::TestDatabase::Make("mysql", /*pool_size=*/1);
  if (!t) return;
  auto server = ParseMysqlUrl(t->url());
  testing::TcpRelay relay({.upstream_port = server.port, .cut_first = 2});
  auto db = db::Open(ThroughRelay(t->url(), relay), {.max_connections = 1});
  int64_t one = 0;
  db->Read([&](Tx& tx) { one = AsInt(tx.Query("SELECT 1")[0][0]); });
  EXPECT_EQ(one, 1);
  EXPECT_EQ(relay.accepted(), 3) << "two cut logins, then one that held";
}

TEST(MysqlConnect, ALoginCutEveryTimeFailsUnavailableAfterThreeTries) {
  auto t = testing::TestDatabase::Make("mysql", /*pool_size=*/1);
  if (!t) return;
  auto server = ParseMysqlUrl(t->url());
  testing::TcpRelay relay({.upstream_port = server.port, .cut_first = -1});
  try {
    db::Open(ThroughRelay(t->url(), relay), {.max_connections = 1});
    ADD_FAILURE() << "a connection that never logs in was taken as open";
  } catch (const DbError& e) {
    EXPECT_EQ(e.kind(), DbError::Kind::kUnavailable);
    EXPECT_NE(std::string(e.what()).find("cannot connect to mysql://"), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()).find(server.password), std::string::npos) << "the password leaked: " << e.what();
  }
  EXPECT_EQ(relay.accepted(), 3) << "tried a bounded number of times";
}

TEST(MysqlConnect, AWrongPasswordIsNotTriedAgain) {
  auto t = testing::TestDatabase::Make("mysql", /*pool_size=*/1);
  if (!t) return;
  auto server = ParseMysqlUrl(t->url());
  testing::TcpRelay relay({.upstream_port = server.port});
  std::string url = ThroughRelay(t->url(), relay);
  url = std::regex_replace(url, std::regex("^mysql://([^:]+):[^@]*@"), "mysql://$1:not-the-password@");
  EXPECT_THROW(db::Open(url, {.max_connections = 1}), DbError);
  EXPECT_EQ(relay.accepted(), 1);
}

// SQLite only: writers never checkpoint themselves (the pool's own thread does, woken by their
// commits), yet what they commit reaches the database file while the service runs and the WAL
// stays bounded, instead of the WAL holding everything until the last connection closes.
TEST(SqliteWal, CommittedPagesReachTheDatabaseFileWhileTheWalStaysBounded) {
  namespace fs = std::filesystem;
  std::string dir = testing::MakeTempDir("wal");
  std::string path = dir + "/wal.db";
  auto db = Open("sqlite://" + path);
  db->Transact([](Tx& tx) { tx.Exec("CREATE TABLE blobs (id INTEGER PRIMARY KEY, body TEXT NOT NULL)", {}); });
  constexpr int kTransactions = 600;  // 600 x 16 pages: 38 MiB written, past the 16 MiB WAL limit
  for (int i = 0; i < kTransactions; ++i) {
    db->Transact(
        [&](Tx& tx) { tx.Exec("INSERT INTO blobs (body) VALUES (?)", {std::string(64 * 1024, 'a' + i % 26)}); });
  }
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (fs::file_size(path) < kTransactions * 64 * 1024 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_GE(fs::file_size(path), kTransactions * 64 * 1024u);
  EXPECT_LE(fs::file_size(path + "-wal"), 80u << 20);  // journal_size_limit (64 MiB) and a transaction
  int64_t rows = 0;
  db->Read([&](Tx& tx) { rows = AsInt(tx.Query("SELECT COUNT(*) FROM blobs", {})[0][0]); });
  EXPECT_EQ(rows, kTransactions);
  db.reset();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace carehub::db
