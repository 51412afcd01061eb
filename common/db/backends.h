#pragma once
// Factories for the two backends; use db::Open(url) rather than these directly.
#include <memory>
#include <string>

#include "common/db/database.h"

namespace carehub::db {

struct MysqlUrl {
  std::string user, password, host, database, socket, redacted;
  int port = 3306;
};
MysqlUrl ParseMysqlUrl(const std::string& url);

std::unique_ptr<Database> OpenSqlite(const std::string& path, const PoolOptions& options);
std::unique_ptr<Database> OpenMysql(const MysqlUrl& url, const PoolOptions& options);

}  // namespace carehub::db
