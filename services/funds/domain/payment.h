#pragma once
// Paying grants by bank transfer through files (批量代发): the payee a grant carries, the payment
// batch with its control totals, the file the bank receives and the results file it answers
// with. The layouts are documented in docs/FUNDS.md. Plain C++: no gRPC, no SQL.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace carehub::funds {

// A payee as given: account name, bank, account number (digits only, 8 to 30 of them).
struct PayeeDetails {
  std::string account_name, bank, account_number;
};
// INVALID_ARGUMENT on payee.account_name / payee.bank / payee.account_number.
PayeeDetails CheckPayee(PayeeDetails p);
// "6222********1234": the first and last four digits.
std::string MaskAccount(std::string_view digits);

enum class PaymentBatchState { kCreated = 1, kExported, kSettled };
const char* PaymentBatchStateName(PaymentBatchState s);

struct PaymentBatch {
  std::string id;
  std::string program_id;
  std::string division_code;  // the program's
  PaymentBatchState state = PaymentBatchState::kCreated;
  int64_t control_count = 0, control_total_fen = 0;
  int64_t paid = 0, paid_fen = 0, failed = 0, failed_fen = 0;
  std::string note, created_by, created_at, exported_at;
  int64_t version = 1;
};

// One line of the file to the bank.
struct PaymentLine {
  std::string grant_id;
  PayeeDetails payee;
  int64_t amount_fen = 0;
  std::string purpose;
};
// The file's first two lines: the control header and the column header of the lines.
std::string PaymentFileHead(const PaymentBatch& b, const std::string& program_code);
std::string PaymentFileLine(const PaymentLine& line);

enum class PaymentResult { kPending = 0, kPaid = 1, kFailed = 2 };

struct ResultLine {
  int64_t line = 0;  // in the file
  std::string grant_id;
  int64_t amount_fen = 0;
  PaymentResult result = PaymentResult::kPending;
  std::string bank_reference, reason;
};
struct Rejection {
  int64_t line = 0;
  std::string grant_id, reason;
};
// A results file read whole: its control totals and its lines.
struct ResultsFile {
  std::string batch_id;
  int64_t declared_count = 0, declared_total_fen = 0;
  std::vector<ResultLine> lines;
};
// INVALID_ARGUMENT on `file` naming the line when the control lines are missing or broken, a
// line cannot be read (an amount, a result other than PAID or FAILED), or the lines do not add up
// to the totals the file declares (a file cut short or edited by hand): money is never settled
// from a file that cannot be checked whole.
ResultsFile ParseResults(std::string_view csv);
// The file is for batch `b` and its totals are the batch's: FAILED_PRECONDITION on `file`
// otherwise, naming both figures.
void CheckControlTotals(const ResultsFile& f, const PaymentBatch& b);

}  // namespace carehub::funds
