// carehub-db-bench: what common/db adds to a statement, measured with Google Benchmark against
// the same statements made through the raw client libraries (sqlite3, Connector/C++ 1.1). The
// table has the shape of the registry's children (a 40-character id key and a dozen columns), so
// the primary-key select is the one GetChild makes.
//
//   carehub-db-bench --sqlite=/tmp/bench.db [--mysql=mysql://u:p@127.0.0.1:3306/db] [--rows=N]
//                    [Google Benchmark flags, e.g. --benchmark_min_time=2s]
#include <benchmark/benchmark.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>
#include <mysql_driver.h>
#include <sqlite3.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "common/db/backends.h"
#include "common/db/bulk.h"
#include "common/db/database.h"
#include "common/ids.h"

namespace {

using carehub::db::Database;
using carehub::db::Tx;
using carehub::db::Value;

constexpr char kTable[] = "bench_children";
constexpr char kSelect[] =
    "SELECT id, division_code, name, sex, birth_date, id_number_cipher, id_number_masked, category, guardian_name, "
    "guardian_relation, guardian_mobile_cipher, guardian_mobile_masked, created_at, created_by "
    "FROM bench_children WHERE id = ?";
constexpr char kInsert[] =
    "INSERT INTO bench_children (id, division_code, name, sex, birth_date, id_number_cipher, id_number_masked, "
    "category, guardian_name, guardian_relation, guardian_mobile_cipher, guardian_mobile_masked, created_at, "
    "created_by) VALUES ";
constexpr int kColumns = 14;

struct Config {
  std::string sqlite_path;
  std::string mysql_url;
  int rows = 20000;
};

// A row as the registry stores a child: ciphertexts are base64 of about this length.
std::vector<Value> RowFor(const std::string& id, int n) {
  return {id,
          "500116001" + std::to_string(100 + n % 900),
          "压测儿童" + std::to_string(n),
          int64_t{1},
          "2014-05-17",
          std::string(76, 'c'),
          "5001**********123X",
          int64_t{2},
          "监护人",
          int64_t{3},
          std::string(60, 'm'),
          "138****5678",
          "2026-11-23T10:00:00.000Z",
          "bench"};
}

// Creates and fills the table when it holds fewer than `rows` rows; returns the ids stored.
std::vector<std::string> Seed(Database& db, int rows) {
  bool mysql = db.backend() == carehub::db::Backend::kMysql;
  std::string text = mysql ? "VARCHAR(100)" : "TEXT";
  db.WithMigrationLock([&](Tx& tx) {
    tx.Exec("CREATE TABLE IF NOT EXISTS bench_children (id " + std::string(mysql ? "VARCHAR(40)" : "TEXT") +
                " NOT NULL PRIMARY KEY, division_code " + text + " NOT NULL, name " + text +
                " NOT NULL, sex INTEGER NOT NULL, birth_date " + text + " NOT NULL, id_number_cipher " + text +
                " NOT NULL, id_number_masked " + text + " NOT NULL, category INTEGER NOT NULL, guardian_name " + text +
                " NOT NULL, guardian_relation INTEGER NOT NULL, guardian_mobile_cipher " + text +
                " NOT NULL, guardian_mobile_masked " + text + " NOT NULL, created_at " + text +
                " NOT NULL, created_by " + text + " NOT NULL)" + (mysql ? " DEFAULT CHARSET=utf8mb4" : ""),
            {});
  });
  std::vector<std::string> ids;
  db.Read([&](Tx& tx) {
    for (auto& r : tx.Query("SELECT id FROM bench_children", {})) ids.push_back(carehub::db::AsText(r[0]));
  });
  while (static_cast<int>(ids.size()) < rows) {
    std::vector<Value> values;
    std::vector<std::string> made;
    for (int i = 0; i < 2048 && static_cast<int>(ids.size() + made.size()) < rows; ++i) {
      made.push_back(carehub::NewId("ch"));
      auto row = RowFor(made.back(), static_cast<int>(ids.size() + made.size()));
      values.insert(values.end(), row.begin(), row.end());
    }
    db.Transact([&](Tx& tx) { carehub::db::InsertRows(tx, kInsert, kColumns, values); });
    ids.insert(ids.end(), made.begin(), made.end());
  }
  return ids;
}

// The ids looked up, in a scattered order so each select seeks a different part of the index.
const std::string& Pick(const std::vector<std::string>& ids, int64_t i) {
  return ids[static_cast<size_t>(i * 7919) % ids.size()];
}

// --- SQLite ---

// The same select through common/db (either backend).
void DbSelect(benchmark::State& state, Database* db, const std::vector<std::string>* ids) {
  int64_t i = 0;
  for (auto _ : state) {
    db->Read([&](Tx& tx) { benchmark::DoNotOptimize(tx.Query(kSelect, {Pick(*ids, i++)})); });
  }
}

void SqliteRawSelect(benchmark::State& state, const std::string& path, const std::vector<std::string>* ids) {
  sqlite3* h = nullptr;
  sqlite3_open_v2(path.c_str(), &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v3(h, kSelect, -1, SQLITE_PREPARE_PERSISTENT, &st, nullptr);
  int64_t i = 0;
  for (auto _ : state) {
    const std::string& id = Pick(*ids, i++);
    sqlite3_bind_text(st, 1, id.data(), static_cast<int>(id.size()), SQLITE_STATIC);
    std::vector<std::string> row;
    while (sqlite3_step(st) == SQLITE_ROW) {
      for (int c = 0; c < kColumns; ++c) {
        const char* p = reinterpret_cast<const char*>(sqlite3_column_text(st, c));
        row.emplace_back(p ? p : "", sqlite3_column_bytes(st, c));
      }
    }
    sqlite3_reset(st);
    benchmark::DoNotOptimize(row);
  }
  sqlite3_finalize(st);
  sqlite3_close_v2(h);
}

// Removes the rows an insert benchmark added, after its timed loop, so repeated runs keep the
// table's size.
void Remove(Database& db, const std::vector<std::string>& made) {
  db.Transact([&](Tx& tx) {
    for (const auto& id : made) tx.Exec("DELETE FROM bench_children WHERE id = ?", {id});
  });
}

// One-row write transactions.
void DbInsert(benchmark::State& state, Database* db) {
  std::vector<std::string> made;
  for (auto _ : state) {
    made.push_back(carehub::NewId("ch"));
    auto row = RowFor(made.back(), static_cast<int>(made.size()));
    db->Transact([&](Tx& tx) { carehub::db::InsertRows(tx, kInsert, kColumns, row); });
  }
  Remove(*db, made);
}

const std::string kInsertOne = std::string(kInsert) + "(?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

void SqliteRawInsert(benchmark::State& state, const std::string& path, Database* db) {
  sqlite3* h = nullptr;
  sqlite3_open_v2(path.c_str(), &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
  sqlite3_exec(h, "PRAGMA synchronous=NORMAL", nullptr, nullptr, nullptr);  // as the db layer runs it
  sqlite3_busy_timeout(h, 10000);
  sqlite3_stmt *st = nullptr, *begin = nullptr, *commit = nullptr;
  sqlite3_prepare_v3(h, kInsertOne.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &st, nullptr);
  sqlite3_prepare_v3(h, "BEGIN IMMEDIATE", -1, SQLITE_PREPARE_PERSISTENT, &begin, nullptr);
  sqlite3_prepare_v3(h, "COMMIT", -1, SQLITE_PREPARE_PERSISTENT, &commit, nullptr);
  std::vector<std::string> made;
  for (auto _ : state) {
    made.push_back(carehub::NewId("ch"));
    auto row = RowFor(made.back(), static_cast<int>(made.size()));
    sqlite3_step(begin);
    sqlite3_reset(begin);
    for (int c = 0; c < kColumns; ++c) {
      if (const auto* v = std::get_if<int64_t>(&row[c])) {
        sqlite3_bind_int64(st, c + 1, *v);
      } else {
        const auto& s = std::get<std::string>(row[c]);
        sqlite3_bind_text(st, c + 1, s.data(), static_cast<int>(s.size()), SQLITE_STATIC);
      }
    }
    if (sqlite3_step(st) != SQLITE_DONE) state.SkipWithError(sqlite3_errmsg(h));
    sqlite3_reset(st);
    sqlite3_step(commit);
    sqlite3_reset(commit);
  }
  sqlite3_finalize(st);
  sqlite3_finalize(begin);
  sqlite3_finalize(commit);
  sqlite3_close_v2(h);
  Remove(*db, made);
}

// --- MySQL / MariaDB through Connector/C++, connected as the db layer connects ---

std::unique_ptr<sql::Connection> MysqlConnect(const std::string& url) {
  auto u = carehub::db::ParseMysqlUrl(url);
  sql::ConnectOptionsMap opts;
  opts["hostName"] = sql::SQLString(u.host);
  opts["port"] = u.port;
  opts["userName"] = sql::SQLString(u.user);
  opts["password"] = sql::SQLString(u.password);
  opts["schema"] = sql::SQLString(u.database);
  opts["OPT_CHARSET_NAME"] = sql::SQLString("utf8mb4");
  std::unique_ptr<sql::Connection> c(sql::mysql::get_mysql_driver_instance()->connect(opts));
  std::unique_ptr<sql::Statement>(c->createStatement())
      ->execute("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
  return c;
}

void MysqlRawSelect(benchmark::State& state, const std::string& url, const std::vector<std::string>* ids) {
  auto c = MysqlConnect(url);
  std::unique_ptr<sql::PreparedStatement> ps(c->prepareStatement(kSelect));
  int64_t i = 0;
  for (auto _ : state) {
    ps->setString(1, Pick(*ids, i++));
    std::unique_ptr<sql::ResultSet> rs(ps->executeQuery());
    std::vector<std::string> row;
    while (rs->next()) {
      for (unsigned col = 1; col <= kColumns; ++col) row.push_back(rs->getString(col).asStdString());
    }
    benchmark::DoNotOptimize(row);
  }
}

void MysqlRawInsert(benchmark::State& state, const std::string& url, Database* db) {
  auto c = MysqlConnect(url);
  c->setAutoCommit(false);
  std::unique_ptr<sql::PreparedStatement> ps(c->prepareStatement(kInsertOne));
  std::vector<std::string> made;
  for (auto _ : state) {
    made.push_back(carehub::NewId("ch"));
    auto row = RowFor(made.back(), static_cast<int>(made.size()));
    for (unsigned col = 1; col <= kColumns; ++col) {
      if (const auto* v = std::get_if<int64_t>(&row[col - 1]))
        ps->setInt64(col, *v);
      else
        ps->setString(col, std::get<std::string>(row[col - 1]));
    }
    ps->executeUpdate();
    c->commit();
  }
  Remove(*db, made);
}

// One backend's four benchmarks: the raw library's select and insert (given `where` it is: a
// SQLite path or a MySQL URL) against common/db's, over a table seeded through common/db.
struct Backend {
  std::string name, url, where;
  void (*raw_select)(benchmark::State&, const std::string&, const std::vector<std::string>*);
  void (*raw_insert)(benchmark::State&, const std::string&, Database*);
  std::unique_ptr<Database> db{};
  std::vector<std::string> ids{};
};

void Register(Backend& b, int rows) {
  carehub::db::PoolOptions one;
  one.max_connections = 1;
  b.db = carehub::db::Open(b.url, one);
  b.ids = Seed(*b.db, rows);
  Database* db = b.db.get();
  const auto* ids = &b.ids;
  auto raw_select = b.raw_select;
  auto raw_insert = b.raw_insert;
  const std::string where = b.where;
  benchmark::RegisterBenchmark((b.name + "/pk_select/raw").c_str(),
                               [=](benchmark::State& s) { raw_select(s, where, ids); });
  benchmark::RegisterBenchmark((b.name + "/pk_select/db").c_str(), [=](benchmark::State& s) { DbSelect(s, db, ids); });
  benchmark::RegisterBenchmark((b.name + "/insert_tx/raw").c_str(),
                               [=](benchmark::State& s) { raw_insert(s, where, db); });
  benchmark::RegisterBenchmark((b.name + "/insert_tx/db").c_str(), [=](benchmark::State& s) { DbInsert(s, db); });
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  Config config;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&](const char* flag) { return a.substr(std::string(flag).size()); };
    if (a.rfind("--sqlite=", 0) == 0) {
      config.sqlite_path = value("--sqlite=");
    } else if (a.rfind("--mysql=", 0) == 0) {
      config.mysql_url = value("--mysql=");
    } else if (a.rfind("--rows=", 0) == 0) {
      config.rows = std::stoi(value("--rows="));
    } else {
      std::cerr << "usage: carehub-db-bench --sqlite=PATH [--mysql=URL] [--rows=N] [--benchmark_...]\n";
      return 2;
    }
  }
  if (config.sqlite_path.empty() && config.mysql_url.empty()) {
    std::cerr << "carehub-db-bench: give --sqlite=PATH, --mysql=URL or both\n";
    return 2;
  }
  std::vector<Backend> backends;
  if (!config.sqlite_path.empty()) {
    backends.push_back(
        {"sqlite", "sqlite://" + config.sqlite_path, config.sqlite_path, SqliteRawSelect, SqliteRawInsert});
  }
  if (!config.mysql_url.empty()) {
    backends.push_back({"mysql", config.mysql_url, config.mysql_url, MysqlRawSelect, MysqlRawInsert});
  }
  try {
    for (auto& b : backends) Register(b, config.rows);
  } catch (const std::exception& e) {
    std::cerr << "carehub-db-bench: " << e.what() << "\n";
    return 1;
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
