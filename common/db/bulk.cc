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

}  // namespace

void InsertRows(Tx& tx, std::string_view insert, size_t columns, const std::vector<Value>& values) {
  if (columns == 0 || values.size() % columns != 0) throw std::logic_error("InsertRows: values are not whole rows");
  size_t rows = values.size() / columns, done = 0;
  while (done < rows) {
    size_t n = ChunkRows(rows - done);
    std::vector<Value> chunk(values.begin() + done * columns, values.begin() + (done + n) * columns);
    tx.Exec(std::string(insert) + Tuples(n, columns), chunk);
    done += n;
  }
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
