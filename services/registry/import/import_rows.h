#pragma once
// Rows of a bulk-import CSV file read as registration applications: columns found by their
// header names, enum values by the words staff write (English or Chinese). Free of gRPC and SQL.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/csv.h"
#include "services/registry/domain/child.h"
#include "services/registry/domain/woman.h"

namespace carehub::registry {

// The columns of one import file. Header names are matched case-insensitively and in any order;
// optional columns may be left out.
class ImportColumns {
 public:
  // DomainError INVALID_ARGUMENT on "header" for an unknown, repeated or missing column, or a
  // header that is not UTF-8 (a spreadsheet saved as GBK, say).
  ImportColumns(const CsvRecord& header, const std::vector<std::string_view>& known,
                const std::vector<std::string_view>& required);

  // DomainError INVALID_ARGUMENT when the record has a different number of fields than the
  // header, or a field that is not UTF-8 (named by its column).
  void CheckShape(const CsvRecord& r) const;
  // The record's value in `column`, spaces around it trimmed; "" when the file has no such column.
  std::string Get(const CsvRecord& r, std::string_view column) const;
  bool Has(std::string_view column) const { return index_.count(column) > 0; }

 private:
  std::map<std::string, size_t, std::less<>> index_;
  std::vector<std::string> names_;
  size_t count_ = 0;
};

// A record with no content: blank lines and lines of bare separators are skipped, not rejected.
bool IsBlankRecord(const CsvRecord& r);

// Child import files: columns named like the Child message's fields, with guardian_* / father_*
// / mother_* for the nested ones (docs/IMPORT.md).
ImportColumns ChildImportColumns(const CsvRecord& header);
// DomainError INVALID_ARGUMENT naming the column for a value that is not one of its words;
// everything else is left to ValidateChild.
ChildApplication ChildFromCsv(const ImportColumns& columns, const CsvRecord& r);

// Women import files: name, birth_date, resident_id_number, division_code, hardship_categories,
// household_size and one of monthly_income_fen / monthly_income_yuan (yuan with up to two
// decimals, as staff write it); mobile and notes optional.
ImportColumns WomanImportColumns(const CsvRecord& header);
WomanApplication WomanFromCsv(const ImportColumns& columns, const CsvRecord& r);

// ValidateChild's field path ("guardian.mobile") as the file's column ("guardian_mobile").
std::string ColumnOfField(std::string field);

}  // namespace carehub::registry
