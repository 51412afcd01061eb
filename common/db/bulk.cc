#include "common/db/bulk.h"

#include <bit>
#include <stdexcept>

namespace carehub::db {
namespace {

// "(?, ?), (?, ?)" for `rows` rows of `columns` values.
std::string Tuples(size_t rows, size_t columns) {
  std::string one = "(?";
  for (size_t c = 1; c < columns; ++c) one += ", ?";
  one += ")";
  std::string out;
  out.reserve(rows * (one.size() + 2));
  for (size_t r = 0; r < rows; ++r) out += (r ? ", " : "") + one;
  return out;
}

// The largest power of two not above min(left, kMaxBulkRows).
size_t ChunkRows(size_t left) { return std::bit_floor(std::min(left, kMaxBulkRows)); }

// InsertRows with `tail` after each statement's VALUES list.
void InsertRowsThen(Tx& tx, std::string_view insert, size_t columns, const std::vector<Value>& values,
                    std::string_view tail) {
  if (columns == 0 || values.size() % columns != 0) throw std::logic_error("InsertRows: values are not whole rows");
  size_t rows = values.size() / columns, done = 0;
  while (done < rows) {
    size_t n = ChunkRows(rows - done);
    std::vector<Value> chunk(values.begin() + done * columns, values.begin() + (done + n) * columns);
    tx.Exec(std::string(insert) + Tuples(n, columns) + std::string(tail), chunk);
    done += n;
  }
}

std::string Joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ", ") + p;
  return out;
}

}  // namespace

void InsertRows(Tx& tx, std::string_view insert, size_t columns, const std::vector<Value>& values) {
  InsertRowsThen(tx, insert, columns, values, "");
}

void AddRows(Tx& tx, const CounterTable& t, const std::vector<Value>& values) {
  std::vector<std::string> columns = t.key;
  columns.insert(columns.end(), t.sums.begin(), t.sums.end());
  std::vector<std::string> adds;
  for (const auto& s : t.sums) {
    adds.push_back(tx.backend() == Backend::kMysql ? s + " = " + s + " + VALUES(" + s + ")"
                                                   : s + " = " + s + " + excluded." + s);
  }
  std::string tail;
  if (tx.backend() == Backend::kMysql) {
    // MySQL has no DO NOTHING; INSERT IGNORE would also swallow errors other than the duplicate.
    tail = " ON DUPLICATE KEY UPDATE " + (adds.empty() ? t.key.front() + " = " + t.key.front() : Joined(adds));
  } else {
    tail = " ON CONFLICT (" + Joined(t.key) + ")" + (adds.empty() ? " DO NOTHING" : " DO UPDATE SET " + Joined(adds));
  }
  InsertRowsThen(tx, "INSERT INTO " + t.table + " (" + Joined(columns) + ") VALUES ", columns.size(), values, tail);
}

std::vector<Row> QueryIn(Tx& tx, std::string_view select, const std::vector<Value>& keys) {
  return QueryIn(tx, select, {}, keys);
}

std::vector<Row> QueryIn(Tx& tx, std::string_view select, const std::vector<Value>& leading,
                         const std::vector<Value>& keys) {
  std::vector<Row> out;
  size_t done = 0;
  while (done < keys.size()) {
    size_t n = ChunkRows(keys.size() - done);
    std::vector<Value> chunk = leading;
    chunk.insert(chunk.end(), keys.begin() + done, keys.begin() + done + n);
    std::string list = Tuples(1, n);  // "(?, ?, …)"
    for (auto& row : tx.Query(std::string(select) + list, chunk)) out.push_back(std::move(row));
    done += n;
  }
  return out;
}

}  // namespace carehub::db
