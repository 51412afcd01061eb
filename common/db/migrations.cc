#include "common/db/migrations.h"

#include <algorithm>
#include <set>
#include <sstream>

#include "common/log.h"

namespace carehub::db {

std::vector<std::string> SplitStatements(const std::string& sql) {
  std::vector<std::string> out;
  std::string current;
  std::istringstream in(sql);
  std::string line;
  while (std::getline(in, line)) {
    auto first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos || line.compare(first, 2, "--") == 0) continue;
    auto last = line.find_last_not_of(" \t\r");
    current += line.substr(0, last + 1);
    if (line[last] == ';') {
      current.pop_back();
      out.push_back(current);
      current.clear();
    } else {
      current += '\n';
    }
  }
  if (current.find_first_not_of(" \t\r\n") != std::string::npos) out.push_back(current);
  return out;
}

int64_t ApplyMigrations(Database& db, const std::vector<Migration>& migrations, const std::string& table) {
  std::vector<Migration> sorted = migrations;
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.version < b.version; });
  int64_t highest = 0;
  db.WithMigrationLock([&](Tx& tx) {
    tx.Exec("CREATE TABLE IF NOT EXISTS " + table +
            " ("
            " version BIGINT NOT NULL PRIMARY KEY,"
            " name VARCHAR(200) NOT NULL,"
            " applied_at VARCHAR(32) NOT NULL)");
    std::set<int64_t> applied;
    for (const auto& row : tx.Query("SELECT version FROM " + table)) applied.insert(AsInt(row[0]));
    highest = applied.empty() ? 0 : *applied.rbegin();
    for (const auto& m : sorted) {
      if (applied.count(m.version)) continue;
      for (const auto& stmt : SplitStatements(m.sql)) tx.Exec(stmt);
      tx.Exec("INSERT INTO " + table + " (version, name, applied_at) VALUES (?, ?, ?)",
              {m.version, std::string(m.name), log::NowRfc3339()});
      log::Info("migration applied", {{"version", m.version}, {"name", m.name}, {"table", table}});
      highest = std::max(highest, m.version);
    }
  });
  return highest;
}

}  // namespace carehub::db
