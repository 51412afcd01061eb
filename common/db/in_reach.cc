#include "common/db/in_reach.h"

#include "common/errors.h"

namespace carehub::db {

std::string KeysetCursor::Encode() const { return division_code + "/" + id; }

KeysetCursor KeysetCursor::Decode(const std::string& text) {
  if (text.empty()) return {};
  auto slash = text.find('/');
  if (slash == std::string::npos) ThrowInvalid("page_token", "is not a valid page token");
  return {text.substr(0, slash), text.substr(slash + 1)};
}

Filter& Filter::Equals(const std::string& column, int64_t value) {
  return value == 0 ? *this : Where(" AND " + column + " = ?", {value});
}

Filter& Filter::Equals(const std::string& column, const std::optional<int64_t>& value) {
  return value ? Where(" AND " + column + " = ?", {*value}) : *this;
}

Filter& Filter::AtLeast(const std::string& column, const std::string& value) {
  return value.empty() ? *this : Where(" AND " + column + " >= ?", {value});
}

Filter& Filter::AtMost(const std::string& column, const std::string& value) {
  return value.empty() ? *this : Where(" AND " + column + " <= ?", {value});
}

Filter& Filter::AnyBits(const std::string& column, int64_t mask) {
  return mask == 0 ? *this : Where(" AND (" + column + " & ?) <> 0", {mask});
}

Filter& Filter::StartsWith(const std::string& column, const std::string& prefix) {
  // U+10FFFF's encoding sorts after every character that can follow the prefix.
  if (prefix.empty()) return *this;
  return Where(" AND " + column + " >= ? AND " + column + " < ?", {prefix, prefix + "\xF4\x8F\xBF\xBF"});
}

Filter& Filter::Where(const std::string& sql, std::vector<Value> params) {
  sql_ += sql;
  for (auto& p : params) params_.push_back(std::move(p));
  return *this;
}

std::optional<Row> GetInReach(Tx& tx, const TableSpec& t, const std::string& id, const std::string& reach) {
  auto range = RangeOf(reach);
  auto rows =
      tx.Query("SELECT " + t.columns + " FROM " + t.name + " WHERE id = ? AND division_code >= ? AND division_code < ?",
               {id, range.begin, range.end});
  if (rows.empty()) return std::nullopt;
  return std::move(rows[0]);
}

Row LockInReach(Tx& tx, const TableSpec& t, const std::string& id, const std::string& reach,
                const std::string& id_field) {
  auto range = RangeOf(reach);
  // SQLite's write transaction already excludes other writers; MySQL locks the row.
  const char* lock = tx.backend() == Backend::kMysql ? " FOR UPDATE" : "";
  auto rows = tx.Query(
      "SELECT " + t.columns + " FROM " + t.name + " WHERE id = ? AND division_code >= ? AND division_code < ?" + lock,
      {id, range.begin, range.end});
  if (rows.empty()) Throw(ErrorCode::kNotFound, id_field, t.not_found);
  return std::move(rows[0]);
}

std::vector<Row> ListInReach(Tx& tx, const TableSpec& t, const PageQuery& q) {
  // Start at the later of the prefix's first code and the cursor.
  auto range = RangeOf(q.prefix);
  const bool resume = !q.after.empty() && q.after.division_code >= q.prefix;
  const std::string from = resume ? q.after.division_code : q.prefix;
  const std::string after_id = resume ? q.after.id : "";
  std::vector<Value> params = {from, range.end, from, after_id};
  params.insert(params.end(), q.filter.params().begin(), q.filter.params().end());
  params.emplace_back(int64_t{q.limit});
  // The bare range comes first so both planners seek the index to the cursor; the OR only
  // settles ties within the cursor's division.
  return tx.Query("SELECT " + t.columns + " FROM " + t.name +
                      " WHERE division_code >= ? AND division_code < ? AND (division_code > ? OR id > ?)" +
                      q.filter.sql() + " ORDER BY division_code, id LIMIT ?",
                  params);
}

}  // namespace carehub::db
