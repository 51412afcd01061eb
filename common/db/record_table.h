#pragma once
// A table of records that belong to a division and carry an optimistic version: declared once
// (name, columns), then inserted, read and locked inside a reach, listed in keyset pages and
// updated only from the version last read. Every service's division-owned tables use it.
#include <optional>
#include <string>
#include <vector>

#include "common/db/bulk.h"
#include "common/db/in_reach.h"
#include "common/db/row_mapping.h"
#include "common/errors.h"

namespace carehub::db {

template <typename R>
class RecordTable {
 public:
  // `columns` starts with "id" and holds "division_code" and "version" among the others;
  // `fixed` names the columns an update never writes (the key, who created it and when).
  RecordTable(std::string name, std::string not_found, RowMapping<R> columns, std::vector<std::string_view> fixed)
      : columns_(std::move(columns)), fixed_(std::move(fixed)) {
    spec_ = {std::move(name), columns_.ColumnList(), std::move(not_found)};
    insert_ = "INSERT INTO " + spec_.name + " (" + spec_.columns + ") VALUES ";
  }

  const TableSpec& spec() const { return spec_; }
  const RowMapping<R>& columns() const { return columns_; }

  void Insert(Tx& tx, const std::vector<const R*>& records) const {
    std::vector<Value> values;
    for (const R* r : records) columns_.Append(*r, values);
    InsertRows(tx, insert_, columns_.size(), values);
  }
  std::optional<R> Get(Tx& tx, const std::string& id, const std::string& reach) const {
    auto row = GetInReach(tx, spec_, id, reach);
    return row ? std::optional(columns_.Read(*row)) : std::nullopt;
  }
  // Locked until the transaction ends; NOT_FOUND on `id_field` when absent or outside reach.
  R Lock(Tx& tx, const std::string& id, const std::string& reach, const std::string& id_field = "id") const {
    return columns_.Read(LockInReach(tx, spec_, id, reach, id_field));
  }
  std::vector<R> List(Tx& tx, const PageQuery& q) const {
    std::vector<R> out;
    for (const auto& row : ListInReach(tx, spec_, q)) out.push_back(columns_.Read(row));
    return out;
  }
  // Get in a read transaction of its own.
  std::optional<R> Find(Database& db, const std::string& id, const std::string& reach) const {
    std::optional<R> out;
    db.Read([&](Tx& tx) { out = Get(tx, id, reach); });
    return out;
  }
  // A page inside `reach` narrowed to `division_filter` (empty when the filter lies outside
  // the reach), in a read transaction of its own.
  std::vector<R> ListNarrowed(Database& db, const std::string& reach, const std::string& division_filter,
                              PageQuery q) const {
    auto prefix = NarrowReach(reach, division_filter);
    if (!prefix) return {};
    q.prefix = *prefix;
    std::vector<R> out;
    db.Read([&](Tx& tx) { out = List(tx, q); });
    return out;
  }

  // Writes `after` (its version already advanced) over the row still at `expected_version`;
  // ABORTED on `version_field` when another change came first.
  void Update(Tx& tx, const R& after, int64_t expected_version, const std::string& version_field) const {
    std::vector<Value> params;
    std::string sets = columns_.Assignments(after, fixed_, params);
    params.emplace_back(std::in_place_type<std::string>, after.id);
    // In place: GCC 12 warns falsely (maybe-uninitialized) on a moved-from temporary variant here.
    params.emplace_back(std::in_place_type<int64_t>, expected_version);
    if (tx.Exec("UPDATE " + spec_.name + " SET " + sets + " WHERE id = ? AND version = ?", params) != 1) {
      Throw(ErrorCode::kAborted, version_field, "the record changed meanwhile; read it again and retry");
    }
  }

 private:
  RowMapping<R> columns_;
  std::vector<std::string_view> fixed_;
  TableSpec spec_;
  std::string insert_;
};

}  // namespace carehub::db
