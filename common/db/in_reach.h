#pragma once
// Reading and locking rows of a table whose records belong to a division, always inside a
// reach (a division-code range), and listing them in keyset pages ordered by
// (division_code, id). Every service's tables with a division_code column use these, so reach
// is applied the same way everywhere and no query forgets it.
#include <optional>
#include <string>
#include <vector>

#include "common/db/database.h"
#include "common/reach.h"

namespace carehub::db {

// A table's name, the columns its row reader expects (id first), and what a missing record is
// called in a NOT_FOUND message ("no such child").
struct TableSpec {
  std::string name;
  std::string columns;
  std::string not_found;
};

// Keyset position: the last (division_code, id) a page ended on; empty for the first page.
struct KeysetCursor {
  std::string division_code;
  std::string id;

  bool empty() const { return id.empty(); }
  // "division/id", the text a page token carries; Decode throws INVALID_ARGUMENT on page_token.
  std::string Encode() const;
  static KeysetCursor Decode(const std::string& text);
};

// Optional filters, each added only when it is set, as SQL text and its parameters.
class Filter {
 public:
  Filter& Equals(const std::string& column, int64_t value_or_zero);  // 0: no filter
  Filter& Equals(const std::string& column, const std::optional<int64_t>& value);
  Filter& AtLeast(const std::string& column, const std::string& value_or_empty);
  Filter& AtMost(const std::string& column, const std::string& value_or_empty);
  Filter& AnyBits(const std::string& column, int64_t mask_or_zero);
  // Text starting with `prefix`, as a byte range so the index serves it (utf8mb4_bin on MySQL).
  Filter& StartsWith(const std::string& column, const std::string& prefix_or_empty);
  // Fixed SQL with its parameters, always added.
  Filter& Where(const std::string& sql, std::vector<Value> params = {});

  const std::string& sql() const { return sql_; }  // " AND …" clauses, or ""
  const std::vector<Value>& params() const { return params_; }

 private:
  std::string sql_;
  std::vector<Value> params_;
};

// The row of `id` when its division lies inside `reach`.
std::optional<Row> GetInReach(Tx& tx, const TableSpec& t, const std::string& id, const std::string& reach);
// The same row locked against concurrent changes until the transaction ends; NOT_FOUND on
// `id_field` when absent or outside the reach (so reach cannot be probed).
Row LockInReach(Tx& tx, const TableSpec& t, const std::string& id, const std::string& reach,
                const std::string& id_field = "id");

// One page of rows inside `prefix`, after `after`, ordered by (division_code, id).
struct PageQuery {
  std::string prefix;
  KeysetCursor after;
  int limit = 50;
  Filter filter;
};
std::vector<Row> ListInReach(Tx& tx, const TableSpec& t, const PageQuery& q);

}  // namespace carehub::db
