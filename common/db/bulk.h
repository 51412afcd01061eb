#pragma once
// Many rows in few statements. Connector/C++ 1.1 has no batch API and SQLite pays per statement,
// so rows go as multi-row INSERTs and lookups as IN lists. Both are cut into chunks whose sizes
// are powers of two (at most kMaxBulkRows): a connection then prepares and caches a handful of
// statements rather than one per batch size (MySQL caps prepared statements server-wide).
#include <string>
#include <string_view>
#include <vector>

#include "common/db/database.h"

namespace carehub::db {

inline constexpr size_t kMaxBulkRows = 256;

// `insert` is the statement up to VALUES, e.g. "INSERT INTO t (a, b) VALUES "; `values` holds
// the rows one after another, `columns` values each.
void InsertRows(Tx& tx, std::string_view insert, size_t columns, const std::vector<Value>& values);

// A counter table: rows keyed by `key`, each of `sums` added up over everything written under the
// key (a daily rollup); with no sums, a set of keys.
struct CounterTable {
  std::string table;
  std::vector<std::string> key;
  std::vector<std::string> sums{};
};
// Writes `values` (rows of the key's then the sums' columns) into `t`, adding each sum to a row
// already stored under the same key, or keeping that row when there are no sums. Give the rows in
// key order: two transactions then take the rows' locks in one order.
void AddRows(Tx& tx, const CounterTable& t, const std::vector<Value>& values);

// Rows of `select` (ending in "… WHERE key IN ") for every value of `keys`.
std::vector<Row> QueryIn(Tx& tx, std::string_view select, const std::vector<Value>& keys);
// The same with `leading` bound to the placeholders before the IN list.
std::vector<Row> QueryIn(Tx& tx, std::string_view select, const std::vector<Value>& leading,
                         const std::vector<Value>& keys);

}  // namespace carehub::db
