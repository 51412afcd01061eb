#pragma once
// A table's columns declared once, each with how it is read into and written from a domain
// record: the column list, the row reader, the row writer and the UPDATE assignments all come
// from the one declaration, so they cannot drift apart. Dates are stored as YYYY-MM-DD text,
// enums and booleans as integers.
#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "common/db/database.h"
#include "common/resident_id.h"

namespace carehub::db {

template <typename R>
class RowMapping {
 public:
  using Get = std::function<Value(const R&)>;
  using Set = std::function<void(R&, const Value&)>;

  RowMapping& Custom(std::string column, Get get, Set set) {
    columns_.push_back({std::move(column), std::move(get), std::move(set)});
    return *this;
  }
  RowMapping& Text(std::string column, std::string R::*m) {
    return Custom(
        std::move(column), [m](const R& r) -> Value { return r.*m; }, [m](R& r, const Value& v) { r.*m = AsText(v); });
  }
  // A text member of a part of the record (a grant's payee …).
  template <typename Part>
  RowMapping& Text(std::string column, Part R::*part, std::string Part::*m) {
    return Custom(
        std::move(column), [part, m](const R& r) -> Value { return r.*part.*m; },
        [part, m](R& r, const Value& v) { r.*part.*m = AsText(v); });
  }
  RowMapping& Int(std::string column, int64_t R::*m) {
    return Custom(
        std::move(column), [m](const R& r) -> Value { return r.*m; }, [m](R& r, const Value& v) { r.*m = AsInt(v); });
  }
  RowMapping& Int(std::string column, int R::*m) {
    return Custom(
        std::move(column), [m](const R& r) -> Value { return int64_t{r.*m}; },
        [m](R& r, const Value& v) { r.*m = static_cast<int>(AsInt(v)); });
  }
  RowMapping& Bool(std::string column, bool R::*m) {
    return Custom(
        std::move(column), [m](const R& r) -> Value { return int64_t{r.*m ? 1 : 0}; },
        [m](R& r, const Value& v) { r.*m = AsInt(v) != 0; });
  }
  template <typename E>
  RowMapping& Enum(std::string column, E R::*m) {
    return Custom(
        std::move(column), [m](const R& r) -> Value { return static_cast<int64_t>(r.*m); },
        [m](R& r, const Value& v) { r.*m = static_cast<E>(AsInt(v)); });
  }
  RowMapping& Date(std::string column, std::chrono::year_month_day R::*m) {
    return Custom(
        std::move(column), [m](const R& r) -> Value { return FormatDate(r.*m); },
        [m](R& r, const Value& v) { r.*m = ParseDate(AsText(v)).value_or(std::chrono::year_month_day{}); });
  }

  // "a, b, c" in declaration order.
  // "a, b, c", or "v.a, v.b, v.c" with `qualifier` "v." (for a join).
  std::string ColumnList(std::string_view qualifier = {}) const {
    std::string out;
    for (const auto& c : columns_) out += (out.empty() ? "" : ", ") + std::string(qualifier) + c.name;
    return out;
  }
  size_t size() const { return columns_.size(); }

  R Read(const Row& row) const {
    R r{};
    for (size_t i = 0; i < columns_.size(); ++i) columns_[i].set(r, row[i]);
    return r;
  }
  void Append(const R& r, std::vector<Value>& out) const {
    for (const auto& c : columns_) out.push_back(c.get(r));
  }
  // "x = ?, y = ?" for every column but `keep` (the key and what never changes), with the
  // values appended to `params` in the same order.
  std::string Assignments(const R& r, const std::vector<std::string_view>& keep, std::vector<Value>& params) const {
    std::string out;
    for (const auto& c : columns_) {
      bool kept = false;
      for (auto k : keep) kept = kept || c.name == k;
      if (kept) continue;
      out += (out.empty() ? "" : ", ") + c.name + " = ?";
      params.push_back(c.get(r));
    }
    return out;
  }

 private:
  struct Column {
    std::string name;
    Get get;
    Set set;
  };
  std::vector<Column> columns_;
};

}  // namespace carehub::db
