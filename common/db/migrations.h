#pragma once
// Versioned schema migrations, compiled into each binary (cmake/CareHubMigrations.cmake).
#include <cstdint>
#include <string>
#include <vector>

#include "common/db/database.h"

namespace carehub::db {

struct Migration {
  int64_t version;
  const char* name;
  const char* sql;  // statements separated by a ';' that ends a line
};

// Applies, under the migration lock, every migration not yet recorded in `schema_migrations`,
// in version order; returns the highest applied version. Running it again is a no-op.
// `table` keeps the record: each set of migrations (the shared ones, a service's own) has a
// version space of its own.
int64_t ApplyMigrations(Database& db, const std::vector<Migration>& migrations,
                        const std::string& table = "schema_migrations");

// Splits a migration into statements at ';' that ends a line (comment lines dropped).
std::vector<std::string> SplitStatements(const std::string& sql);

}  // namespace carehub::db
