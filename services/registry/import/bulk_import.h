#pragma once
// One bulk-import run: the bytes of a CSV file in, batches of valid registrations out to the
// store, and what became of every row. Free of gRPC and SQL: the service feeds it the streamed
// bytes, the store keeps the batches.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/csv.h"
#include "common/reach.h"
#include "services/registry/import/import_rows.h"

namespace carehub::registry {

struct ImportRejection {
  int64_t line = 0;
  std::string field;  // the column, or "" for the row as a whole
  std::string reason;
};

struct ImportSummary {
  int64_t rows = 0;  // data rows read (header and blank lines not counted)
  int64_t created = 0;
  int64_t already_registered = 0;
  int64_t rejected = 0;
  std::vector<ImportRejection> rejections;  // in line order, the first kMaxListedRejections
};

// Enough to fix a file by; a file with more bad rows than this is the wrong file.
inline constexpr size_t kMaxListedRejections = 10000;
// Rows stored per transaction. Each transaction writes every page it touches once, and a batch's
// rows land on pages all over the random-keyed identity index and the per-village indexes: at 512
// rows SQLite wrote ~2.5 pages a row and a million-row import slowed to 6,000 rows/s; at 2,048 the
// pages are shared more (13,300 rows/s over the million, PERFORMANCE.md). Still short enough (about
// 0.15 s on SQLite) that other writers wait only briefly between batches.
inline constexpr size_t kImportBatchRows = 2048;

template <typename Valid>
class BulkImport {
 public:
  struct Plan {
    std::function<ImportColumns(const CsvRecord& header)> columns;
    // The row as a valid registration, or DomainError naming its field (column).
    std::function<Valid(const ImportColumns&, const CsvRecord&)> validate;
    std::function<const std::string&(const Valid&)> id_number;  // one row per person per file
    std::function<const std::string&(const Valid&)> division_code;
    std::string reach_prefix;
    // Stores a batch; per row, true when created, false when the person was already registered.
    std::function<std::vector<bool>(const std::vector<Valid>&)> store;
  };

  explicit BulkImport(Plan plan) : plan_(std::move(plan)), reader_([this](CsvRecord&& r) { OnRecord(std::move(r)); }) {}

  // Throws DomainError INVALID_ARGUMENT for a file that cannot be read on (a bad header, an
  // unclosed quote); the valid rows before that point are stored first, and the message says so.
  void Feed(std::string_view bytes) {
    StoreReadRowsIfFatal([&] { reader_.Feed(bytes); });
  }

  ImportSummary Finish() {
    StoreReadRowsIfFatal([&] { reader_.Finish(); });
    if (!columns_) throw DomainError(ErrorCode::kInvalidArgument, "data", "the file is empty: no header row");
    Flush();
    return std::move(summary_);
  }

 private:
  void OnRecord(CsvRecord&& r) {
    if (!columns_) {
      columns_.emplace(plan_.columns(r));
      return;
    }
    if (!r.malformed && IsBlankRecord(r)) return;
    ++summary_.rows;
    if (r.malformed) {
      Reject(r.line, "",
             "broken quoting" +
                 (r.last_line > r.line ? " (lines " + std::to_string(r.line) + "-" + std::to_string(r.last_line) + ")"
                                       : std::string()) +
                 ": a quote opens a field that never closes, or text follows a closing quote");
      return;
    }
    try {
      columns_->CheckShape(r);
      Valid v = plan_.validate(*columns_, r);
      if (!InReach(plan_.reach_prefix, plan_.division_code(v))) {
        throw DomainError(ErrorCode::kPermissionDenied, "division_code", "lies outside your reach");
      }
      auto [it, first] = seen_.emplace(plan_.id_number(v), r.line);
      if (!first) {
        throw DomainError(ErrorCode::kInvalidArgument, "resident_id_number",
                          "the same person as line " + std::to_string(it->second));
      }
      batch_.push_back(std::move(v));
    } catch (const DomainError& e) {
      Reject(r.line, ColumnOfField(e.field()), e.what());
    }
    // Outside the row's try: a failing store fails the import, it is not this row's fault.
    if (batch_.size() >= kImportBatchRows) Flush();
  }

  template <typename Fn>
  void StoreReadRowsIfFatal(Fn&& fn) {
    try {
      fn();
    } catch (const DomainError& e) {
      Flush();
      if (summary_.created + summary_.already_registered == 0) throw;
      throw DomainError(e.code(), e.field(),
                        std::string(e.what()) + " (" + std::to_string(summary_.created) +
                            " valid rows before it were registered; a corrected file can be imported again)");
    }
  }

  void Reject(int64_t line, std::string field, std::string reason) {
    ++summary_.rejected;
    if (summary_.rejections.size() < kMaxListedRejections) {
      summary_.rejections.push_back({line, std::move(field), std::move(reason)});
    }
  }

  void Flush() {
    if (batch_.empty()) return;
    for (bool created : plan_.store(batch_)) ++(created ? summary_.created : summary_.already_registered);
    batch_.clear();
  }

  Plan plan_;
  CsvReader reader_;
  std::optional<ImportColumns> columns_;
  std::vector<Valid> batch_;
  std::unordered_map<std::string, int64_t> seen_;  // ID number -> first line, for this run only
  ImportSummary summary_;
};

}  // namespace carehub::registry
