#pragma once
// Test databases on both backends: a fresh SQLite file, or a fresh MySQL/MariaDB database made
// on the server named by CAREHUB_TEST_MYSQL_URL (scripts/test.sh starts a private MariaDB and
// sets it). Without that variable MySQL cases are skipped, unless CAREHUB_REQUIRE_MYSQL=1
// (as in CI), where they fail instead of passing unseen.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "common/db/database.h"
#include "tests/support/temp_dir.h"

namespace carehub::testing {

class TestDatabase {
 public:
  // "sqlite" or "mysql". Returns nullptr (after GTEST_SKIP or ADD_FAILURE) when MySQL is absent.
  static std::unique_ptr<TestDatabase> Make(const std::string& backend, int pool_size = 8);
  ~TestDatabase();

  db::Database& db() { return *db_; }
  const std::string& url() const { return url_; }
  // Opens another pool on the same database (a second replica, an admin session).
  std::unique_ptr<db::Database> OpenAnother(int pool_size = 2) const;

 private:
  std::string url_;
  std::string mysql_admin_url_;
  std::string mysql_db_name_;
  std::string sqlite_dir_;
  std::unique_ptr<db::Database> db_;
};

// The parameter name for INSTANTIATE_TEST_SUITE_P over {"sqlite", "mysql"}.
std::string BackendParamName(const ::testing::TestParamInfo<std::string>& info);

}  // namespace carehub::testing
