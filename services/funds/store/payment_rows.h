#pragma once
// Payment batches, their lines and the results files applied to them.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/db/record_table.h"
#include "services/funds/domain/grant.h"
#include "services/funds/domain/payment.h"

namespace carehub::funds::store {

const db::RecordTable<PaymentBatch>& PaymentBatches();

// Which approved bank-transfer grants of a program a payment batch takes: the ids named, or
// every one under a division range.
struct PaymentPick {
  std::string program_id;
  std::vector<std::string> grant_ids;
  std::string division_prefix;  // when no ids are named; already narrowed to the caller's reach
};
// Of the named ids, the first that is not an approved bank-transfer grant of the program outside
// any payment batch (nullopt: all are).
std::optional<std::string> FirstUnpayable(db::Tx& tx, const PaymentPick& pick);
// Marks the picked grants as the batch's (one conditional update: a grant another batch took
// meanwhile is not taken again), writes their lines; the count and Σ fen of the lines.
struct Totals {
  int64_t count = 0, fen = 0;
};
Totals TakeIntoBatch(db::Tx& tx, const std::string& payment_batch_id, const PaymentPick& pick);
// The batch's approved grants become sent (the file is out).
void MarkSent(db::Tx& tx, const std::string& payment_batch_id);

// The batch's lines for the bank file, by grant id after `after`: payee sealed as stored.
struct ExportRow {
  std::string grant_id;
  Payee payee;
  int64_t amount_fen = 0;
};
std::vector<ExportRow> ExportRows(db::Tx& tx, const std::string& payment_batch_id, const std::string& after, int limit);

struct LineState {
  int64_t amount_fen = 0;
  PaymentResult result = PaymentResult::kPending;
};
std::map<std::string, LineState> LinesOf(db::Tx& tx, const std::string& payment_batch_id);
void RecordResult(db::Tx& tx, const std::string& payment_batch_id, const ResultLine& line);
// A sent grant of the batch paid (disbursed with the bank's reference), or back to approved
// with the reason and out of the batch, its hold kept.
void SettlePaid(db::Tx& tx, const std::string& payment_batch_id, const ResultLine& line, const std::string& at,
                const std::string& by);
void ReturnFailed(db::Tx& tx, const std::string& payment_batch_id, const ResultLine& line);

// A results file applied before (by its digest): the summary it had.
std::optional<std::string> ImportedSummary(db::Tx& tx, const std::string& payment_batch_id, const std::string& digest);
void RecordImport(db::Tx& tx, const std::string& payment_batch_id, const std::string& digest,
                  const std::string& summary_json, const std::string& by, const std::string& at);

}  // namespace carehub::funds::store
