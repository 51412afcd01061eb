#pragma once
// CSV records read incrementally from chunks of a file (RFC 4180 quoting, as spreadsheets
// write it), each with the physical line it starts on, so rejections can name the line.
#include <csv.h>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace carehub {

struct CsvRecord {
  int64_t line = 0;  // 1-based line the record starts on
  std::vector<std::string> fields;
  // Broken quoting (a quote that never closes, text after a closing quote): the record runs
  // from `line` to `last_line`, its fields are unusable, and reading goes on after it.
  bool malformed = false;
  int64_t last_line = 0;
};

class CsvReader {
 public:
  using Sink = std::function<void(CsvRecord&&)>;
  // A record longer than `max_record_bytes` (an unterminated quote, or not a CSV at all) is a
  // DomainError INVALID_ARGUMENT: holding the rest of the file in one field is not an option.
  explicit CsvReader(Sink sink, size_t max_record_bytes = 64 * 1024);
  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  // Bytes of the file, split anywhere. A leading UTF-8 byte-order mark is skipped.
  void Feed(std::string_view chunk);
  // End of file: emits a last record without a line end.
  void Finish();

 private:
  void FeedLine(std::string_view line);
  [[noreturn]] void TooLong(int64_t line) const;
  void Deliver();
  void Resync();  // after broken quoting: report the record, start afresh on the next line
  static void OnField(void* data, size_t len, void* self);
  static void OnRecordEnd(int terminator, void* self);

  Sink sink_;
  size_t max_record_bytes_;
  csv_parser parser_{};
  std::string partial_line_;  // bytes after the last line feed seen
  bool at_start_ = true;
  int64_t line_ = 0;          // physical line being fed
  int64_t record_start_ = 0;  // first non-blank line of the record being read (0: none yet)
  size_t record_bytes_ = 0;
  CsvRecord current_;
  std::vector<CsvRecord> ready_;
};

// One CSV line (CRLF) of `fields`, each quoted by libcsv. A field a spreadsheet would run as a
// formula (starting with =, +, @, or - not followed by a digit) gets a leading apostrophe.
std::string CsvLine(const std::vector<std::string>& fields);

}  // namespace carehub
