// scripts/backup.sh and scripts/restore.sh on MariaDB (the end-to-end drill covers SQLite): a
// database with Chinese text and binary-looking strings backed up and restored under another
// name holds the same rows; a damaged backup and a restore over existing tables are refused.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "common/db/database.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_db.h"

namespace carehub::testing {
namespace {

int Script(const std::string& name, const std::vector<std::string>& args, const std::string& dir) {
  Process p(std::string(CAREHUB_SOURCE_DIR) + "/scripts/" + name, args, {}, dir + "/" + name + ".log");
  return p.WaitExit(120);
}

TEST(Backup, AMariaDbDatabaseRestoresUnderAnotherNameWithEveryRow) {
  auto t = TestDatabase::Make("mysql");
  if (!t) return;
  t->db().Transact([](db::Tx& tx) {
    tx.Exec(
        "CREATE TABLE people (id VARCHAR(40) PRIMARY KEY, name VARCHAR(100) NOT NULL, note TEXT) "
        "DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin",
        {});
    for (int i = 0; i < 500; ++i) {
      tx.Exec("INSERT INTO people VALUES (?, ?, ?)", {"p" + std::to_string(i), "王秀英" + std::to_string(i),
                                                      std::string("a'b\"c\\d\n\t😀") + std::to_string(i)});
    }
  });
  std::string dir = MakeTempDir("backup");
  std::string name = std::regex_replace(t->url(), std::regex(".*/([A-Za-z0-9_]+)(\\?.*)?$"), "$1");
  ASSERT_EQ(Script("backup.sh", {dir + "/b", t->url()}, dir), 0);
  std::string restored_name = name + "_r";
  std::string restored_url = std::regex_replace(t->url(), std::regex("/" + name), "/" + restored_name);
  ASSERT_EQ(Script("restore.sh", {dir + "/b", name + ".sql=" + restored_url}, dir), 0);
  auto restored = db::Open(restored_url);
  auto rows = [](db::Database& d) {
    std::vector<db::Row> out;
    d.Read([&](db::Tx& tx) { out = tx.Query("SELECT id, name, note FROM people ORDER BY id", {}); });
    return out;
  };
  EXPECT_EQ(rows(*restored), rows(t->db()));
  // Over tables that exist: refused, nothing changed.
  EXPECT_NE(Script("restore.sh", {dir + "/b", name + ".sql=" + restored_url}, dir), 0);
  EXPECT_EQ(rows(*restored).size(), 500u);
  // A damaged file: refused before anything is loaded.
  std::ofstream(dir + "/b/" + name + ".sql", std::ios::app) << "-- tampered\n";
  EXPECT_NE(Script("restore.sh", {dir + "/b", name + ".sql=" + restored_url + "2"}, dir), 0);
  restored->Transact([&](db::Tx& tx) { tx.Exec("DROP DATABASE " + restored_name, {}); });
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace carehub::testing
