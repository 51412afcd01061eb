#include "common/csv.h"

#include "common/errors.h"

namespace carehub {

// libcsv parses the quoting; it does not know physical lines, so it is fed one line at a time
// and the line a record starts on is tracked here.
CsvReader::CsvReader(Sink sink, size_t max_record_bytes) : sink_(std::move(sink)), max_record_bytes_(max_record_bytes) {
  // Strict: broken quoting is reported (and that record rejected) rather than guessed at, and
  // a quote still open at the end of the file is not silently taken as a record.
  if (csv_init(&parser_, CSV_STRICT | CSV_STRICT_FINI) != 0) throw std::bad_alloc();
}

CsvReader::~CsvReader() { csv_free(&parser_); }

void CsvReader::OnField(void* data, size_t len, void* self) {
  auto* r = static_cast<CsvReader*>(self);
  r->current_.fields.emplace_back(data ? static_cast<const char*>(data) : "", data ? len : 0);
}

void CsvReader::OnRecordEnd(int, void* self) {
  auto* r = static_cast<CsvReader*>(self);
  r->current_.line = r->record_start_ ? r->record_start_ : r->line_;
  // Handed to the sink after libcsv returns: exceptions must not unwind through C frames.
  r->ready_.push_back(std::move(r->current_));
  r->current_ = CsvRecord{};
  r->record_start_ = 0;
  r->record_bytes_ = 0;
}

void CsvReader::TooLong(int64_t line) const {
  throw DomainError(ErrorCode::kInvalidArgument, "data",
                    "line " + std::to_string(line) + ": a record longer than " +
                        std::to_string(max_record_bytes_ / 1024) +
                        " KB (an unclosed quote?); nothing after it was read");
}

void CsvReader::FeedLine(std::string_view line) {
  ++line_;
  if (record_start_ == 0 && line.find_first_not_of("\r\n") != std::string_view::npos) record_start_ = line_;
  record_bytes_ += line.size();
  if (record_bytes_ > max_record_bytes_) TooLong(record_start_);
  if (csv_parse(&parser_, line.data(), line.size(), OnField, OnRecordEnd, this) != line.size()) {
    Resync();  // the rest of this line belongs to the broken record
    return;
  }
  Deliver();
}

void CsvReader::Resync() {
  Deliver();  // records completed before the break
  CsvRecord broken;
  broken.line = record_start_ ? record_start_ : line_;
  broken.last_line = line_;
  broken.malformed = true;
  sink_(std::move(broken));
  csv_free(&parser_);
  if (csv_init(&parser_, CSV_STRICT | CSV_STRICT_FINI) != 0) throw std::bad_alloc();
  current_ = CsvRecord{};
  record_start_ = 0;
  record_bytes_ = 0;
}

void CsvReader::Deliver() {
  for (auto& r : ready_) sink_(std::move(r));
  ready_.clear();
}

void CsvReader::Feed(std::string_view chunk) {
  partial_line_.append(chunk);
  if (at_start_) {
    constexpr std::string_view kBom = "\xEF\xBB\xBF";
    if (partial_line_.size() < kBom.size() && kBom.starts_with(partial_line_)) return;
    if (std::string_view(partial_line_).starts_with(kBom)) partial_line_.erase(0, kBom.size());
    at_start_ = false;
  }
  size_t start = 0, nl;
  while ((nl = partial_line_.find('\n', start)) != std::string::npos) {
    FeedLine(std::string_view(partial_line_).substr(start, nl + 1 - start));
    start = nl + 1;
  }
  partial_line_.erase(0, start);
  if (record_bytes_ + partial_line_.size() > max_record_bytes_) TooLong(record_start_ ? record_start_ : line_ + 1);
}

void CsvReader::Finish() {
  if (!partial_line_.empty()) {
    std::string line = std::move(partial_line_);
    partial_line_.clear();
    FeedLine(line);
  }
  if (csv_fini(&parser_, OnField, OnRecordEnd, this) != 0) {
    Resync();
    return;
  }
  Deliver();
}

std::string CsvLine(const std::vector<std::string>& fields) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) {
    std::string f = fields[i];
    bool formula = !f.empty() && (f[0] == '=' || f[0] == '+' || f[0] == '@' ||
                                  (f[0] == '-' && (f.size() == 1 || f[1] < '0' || f[1] > '9')));
    if (formula) f.insert(0, "'");
    std::string quoted(f.size() * 2 + 2, '\0');
    quoted.resize(csv_write(quoted.data(), quoted.size(), f.data(), f.size()));
    out += (i ? "," : "") + quoted;
  }
  return out + "\r\n";
}

}  // namespace carehub
