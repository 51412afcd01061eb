#include "services/funds/domain/payment.h"

#include <charconv>

#include "common/csv.h"
#include "common/errors.h"
#include "common/field_checks.h"
#include "common/money.h"

namespace carehub::funds {
namespace {

[[noreturn]] void BadFile(int64_t line, const std::string& why) {
  ThrowInvalid("file", "line " + std::to_string(line) + ": " + why);
}

int64_t WholeNumber(const std::string& text, int64_t line, const char* what) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v < 0) {
    BadFile(line, std::string(what) + " must be a whole number");
  }
  return v;
}

}  // namespace

PayeeDetails CheckPayee(PayeeDetails p) {
  CheckName("payee.account_name", p.account_name);
  CheckText("payee.bank", p.bank, 64, true);
  if (p.bank.empty()) ThrowInvalid("payee.bank", "is required");
  std::string digits;
  for (char c : p.account_number) {
    if (c == ' ' || c == '-') continue;  // as printed on cards and passbooks
    if (c < '0' || c > '9') ThrowInvalid("payee.account_number", "must be digits");
    digits += c;
  }
  if (digits.size() < 8 || digits.size() > 30) ThrowInvalid("payee.account_number", "must have 8 to 30 digits");
  p.account_number = digits;
  return p;
}

std::string MaskAccount(std::string_view d) {
  if (d.size() <= 8) return std::string(d.size(), '*');
  return std::string(d.substr(0, 4)) + std::string(d.size() - 8, '*') + std::string(d.substr(d.size() - 4));
}

const char* PaymentBatchStateName(PaymentBatchState s) {
  switch (s) {
    case PaymentBatchState::kCreated:
      return "created";
    case PaymentBatchState::kExported:
      return "exported";
    case PaymentBatchState::kSettled:
      return "settled";
  }
  return "unknown";
}

std::string PaymentFileHead(const PaymentBatch& b, const std::string& program_code) {
  return CsvLine({"batch_id", "program_code", "count", "total_fen", "created_at"}) +
         CsvLine(
             {b.id, program_code, std::to_string(b.control_count), std::to_string(b.control_total_fen), b.created_at}) +
         CsvLine({"grant_id", "account_name", "bank", "account_number", "amount_fen", "purpose"});
}

std::string PaymentFileLine(const PaymentLine& l) {
  return CsvLine({l.grant_id, l.payee.account_name, l.payee.bank, l.payee.account_number, std::to_string(l.amount_fen),
                  l.purpose});
}

ResultsFile ParseResults(std::string_view csv) {
  ResultsFile f;
  std::vector<CsvRecord> records;
  CsvReader reader([&](CsvRecord&& r) { records.push_back(std::move(r)); });
  reader.Feed(csv);
  reader.Finish();
  auto field = [](const CsvRecord& r, size_t i) { return i < r.fields.size() ? r.fields[i] : std::string(); };
  if (records.size() < 3 || field(records[0], 0) != "batch_id" || field(records[2], 0) != "grant_id") {
    ThrowInvalid("file",
                 "is not a results file: it starts with the batch_id,count,total_fen header, its values, "
                 "then the grant_id,amount_fen,result,bank_reference,reason header");
  }
  for (const auto& r : records) {
    if (r.malformed) BadFile(r.line, "broken quoting");
  }
  const auto& control = records[1];
  f.batch_id = field(control, 0);
  f.declared_count = WholeNumber(field(control, 1), control.line, "count");
  f.declared_total_fen = WholeNumber(field(control, 2), control.line, "total_fen");
  int64_t sum = 0;
  for (size_t i = 3; i < records.size(); ++i) {
    const auto& r = records[i];
    ResultLine l;
    l.line = r.line;
    l.grant_id = field(r, 0);
    l.amount_fen = WholeNumber(field(r, 1), r.line, "amount_fen");
    const std::string result = field(r, 2);
    if (result == "PAID") {
      l.result = PaymentResult::kPaid;
    } else if (result == "FAILED") {
      l.result = PaymentResult::kFailed;
    } else {
      BadFile(r.line, "result must be PAID or FAILED");
    }
    l.bank_reference = field(r, 3);
    l.reason = field(r, 4);
    if (l.bank_reference.size() > 200 || l.reason.size() > 2000) BadFile(r.line, "a field is too long");
    if (l.result == PaymentResult::kPaid && l.bank_reference.empty())
      BadFile(r.line, "a paid line needs its bank_reference");
    if (l.result == PaymentResult::kFailed && l.reason.empty()) BadFile(r.line, "a failed line needs its reason");
    sum += l.amount_fen;
    f.lines.push_back(std::move(l));
  }
  if (static_cast<int64_t>(f.lines.size()) != f.declared_count || sum != f.declared_total_fen) {
    ThrowInvalid("file", "its lines (" + std::to_string(f.lines.size()) + ", " + FormatYuan(sum) +
                             " yuan) do not add up to the totals it declares (" + std::to_string(f.declared_count) +
                             ", " + FormatYuan(f.declared_total_fen) + " yuan); nothing was applied");
  }
  return f;
}

void CheckControlTotals(const ResultsFile& f, const PaymentBatch& b) {
  if (f.batch_id != b.id) {
    Throw(ErrorCode::kFailedPrecondition, "file", "is the results of " + f.batch_id + ", not of " + b.id);
  }
  if (f.declared_count != b.control_count || f.declared_total_fen != b.control_total_fen) {
    Throw(ErrorCode::kFailedPrecondition, "file",
          "declares " + std::to_string(f.declared_count) + " lines and " + FormatYuan(f.declared_total_fen) +
              " yuan, the batch " + std::to_string(b.control_count) + " and " + FormatYuan(b.control_total_fen) +
              " yuan; nothing was applied");
  }
}

}  // namespace carehub::funds
