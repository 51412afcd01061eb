#include "tests/support/test_db.h"

#include <cstdlib>
#include <filesystem>
#include <regex>

#include "common/crypto.h"

namespace carehub::testing {

namespace {
// GTEST_SKIP returns from the function it is in, so it lives in a void helper; the test still
// counts as skipped.
void SkipMysql() { GTEST_SKIP() << "MySQL tier: set CAREHUB_TEST_MYSQL_URL (scripts/test.sh does)"; }
}  // namespace

std::string BackendParamName(const ::testing::TestParamInfo<std::string>& info) { return info.param; }

std::unique_ptr<TestDatabase> TestDatabase::Make(const std::string& backend, int pool_size) {
  auto t = std::unique_ptr<TestDatabase>(new TestDatabase());
  db::PoolOptions opts;
  opts.max_connections = pool_size;
  if (backend == "sqlite") {
    t->sqlite_dir_ = MakeTempDir("sqlite");
    t->url_ = "sqlite://" + t->sqlite_dir_ + "/test.db";
  } else {
    const char* base = std::getenv("CAREHUB_TEST_MYSQL_URL");
    if (!base || !*base) {
      const char* required = std::getenv("CAREHUB_REQUIRE_MYSQL");
      if (required && std::string(required) == "1") {
        ADD_FAILURE() << "CAREHUB_REQUIRE_MYSQL=1 but CAREHUB_TEST_MYSQL_URL is not set";
      } else {
        SkipMysql();
      }
      return nullptr;
    }
    t->mysql_admin_url_ = base;
    t->mysql_db_name_ = "carehub_t_" + crypto::HexEncode(crypto::RandomBytes(6));
    auto admin = db::Open(base, {.max_connections = 1});
    admin->Transact([&](db::Tx& tx) {
      tx.Exec("CREATE DATABASE " + t->mysql_db_name_ + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
    });
    t->url_ =
        std::regex_replace(std::string(base), std::regex("/[A-Za-z0-9_$]+(\\?|$)"), "/" + t->mysql_db_name_ + "$1");
  }
  t->db_ = db::Open(t->url_, opts);
  return t;
}

std::unique_ptr<db::Database> TestDatabase::OpenAnother(int pool_size) const {
  return db::Open(url_, {.max_connections = pool_size});
}

TestDatabase::~TestDatabase() {
  db_.reset();
  if (!sqlite_dir_.empty()) std::filesystem::remove_all(sqlite_dir_);
  if (!mysql_db_name_.empty()) {
    try {
      auto admin = db::Open(mysql_admin_url_, {.max_connections = 1});
      admin->Transact([&](db::Tx& tx) { tx.Exec("DROP DATABASE IF EXISTS " + mysql_db_name_); });
    } catch (const std::exception&) {
      // best effort: the private server is thrown away after the run anyway
    }
  }
}

}  // namespace carehub::testing
