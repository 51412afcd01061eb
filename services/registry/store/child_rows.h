#pragma once
// The children table, declared once: its columns as ChildRecord reads them, and the list
// filters as SQL. Everything else (insert, reach, locks, pages, versioned updates) is
// db::RecordTable's.
#include <string>

#include "common/db/in_reach.h"
#include "common/db/record_table.h"
#include "services/registry/domain/child.h"

namespace carehub::registry::store {

const db::RecordTable<ChildRecord>& Children();

// What ListChildren may narrow by; empty or zero fields do not filter.
struct ChildFilter {
  int category = 0;
  int status = 0;
  int risk_level = 0;
  std::string born_on_or_after{};   // YYYY-MM-DD
  std::string born_on_or_before{};  // YYYY-MM-DD
  std::string name_prefix{};
};
db::Filter ToSql(const ChildFilter& f);
// Active left-behind children born on or before `born_by` (YYYY-MM-DD).
db::Filter DueToExit(const std::string& born_by);

}  // namespace carehub::registry::store
