#include "services/funds/store/payment_rows.h"

#include <set>

#include "common/db/bulk.h"

namespace carehub::funds::store {
namespace {

constexpr int64_t kApproved = static_cast<int>(GrantState::kApproved);
constexpr int64_t kSent = static_cast<int>(GrantState::kSent);

db::RowMapping<PaymentBatch> Columns() {
  using B = PaymentBatch;
  return db::RowMapping<B>()
      .Text("id", &B::id)
      .Text("program_id", &B::program_id)
      .Text("division_code", &B::division_code)
      .Enum<PaymentBatchState>("state", &B::state)
      .Int("control_count", &B::control_count)
      .Int("control_total_fen", &B::control_total_fen)
      .Int("paid", &B::paid)
      .Int("paid_fen", &B::paid_fen)
      .Int("failed", &B::failed)
      .Int("failed_fen", &B::failed_fen)
      .Text("note", &B::note)
      .Text("created_by", &B::created_by)
      .Text("created_at", &B::created_at)
      .Text("exported_at", &B::exported_at)
      .Int("version", &B::version);
}

// What a grant must be to go into a payment file, as SQL over `grants`.
const char* kPayable =
    "program_id = ? AND state = 3 AND payment_batch_id = '' AND payee_account_cipher <> '' AND goods = ''";

}  // namespace

const db::RecordTable<PaymentBatch>& PaymentBatches() {
  static const db::RecordTable<PaymentBatch> kTable(
      "payment_batches", "no such payment batch", Columns(),
      {"id", "program_id", "division_code", "control_count", "control_total_fen", "created_by", "created_at"});
  return kTable;
}

std::optional<std::string> FirstUnpayable(db::Tx& tx, const PaymentPick& pick) {
  std::vector<db::Value> keys(pick.grant_ids.begin(), pick.grant_ids.end());
  std::set<std::string> payable;
  for (const auto& row : db::QueryIn(tx, std::string("SELECT id FROM grants WHERE ") + kPayable + " AND id IN ",
                                     {pick.program_id}, keys)) {
    payable.insert(db::AsText(row[0]));
  }
  for (const auto& id : pick.grant_ids) {
    if (!payable.contains(id)) return id;
  }
  return std::nullopt;
}

Totals TakeIntoBatch(db::Tx& tx, const std::string& pb, const PaymentPick& pick) {
  if (!pick.grant_ids.empty()) {
    for (size_t i = 0; i < pick.grant_ids.size(); i += db::kMaxBulkRows) {
      std::string marks;
      std::vector<db::Value> params = {pb, pick.program_id};
      for (size_t k = i; k < std::min(pick.grant_ids.size(), i + db::kMaxBulkRows); ++k) {
        marks += marks.empty() ? "?" : ", ?";
        params.emplace_back(pick.grant_ids[k]);
      }
      tx.Exec(std::string("UPDATE grants SET payment_batch_id = ?, version = version + 1 WHERE ") + kPayable +
                  " AND id IN (" + marks + ")",
              params);
    }
  } else {
    db::Filter range;
    range.StartsWith("division_code", pick.division_prefix);
    std::vector<db::Value> params = {pb, pick.program_id};
    params.insert(params.end(), range.params().begin(), range.params().end());
    tx.Exec(
        std::string("UPDATE grants SET payment_batch_id = ?, version = version + 1 WHERE ") + kPayable + range.sql(),
        params);
  }
  tx.Exec(
      "INSERT INTO payment_lines (payment_batch_id, grant_id, amount_fen, result, bank_reference, reason) SELECT "
      "payment_batch_id, id, amount_fen, 0, '', '' FROM grants WHERE payment_batch_id = ? AND state = ?",
      {pb, kApproved});
  auto row =
      tx.Query("SELECT COUNT(*), COALESCE(SUM(amount_fen), 0) FROM payment_lines WHERE payment_batch_id = ?", {pb})[0];
  return {db::AsInt(row[0]), db::AsInt(row[1])};
}

void MarkSent(db::Tx& tx, const std::string& pb) {
  tx.Exec("UPDATE grants SET state = ?, version = version + 1 WHERE payment_batch_id = ? AND state = ?",
          {kSent, pb, kApproved});
}

std::vector<ExportRow> ExportRows(db::Tx& tx, const std::string& pb, const std::string& after, int limit) {
  std::vector<ExportRow> out;
  for (const auto& row :
       tx.Query("SELECT l.grant_id, g.payee_name, g.payee_bank, g.payee_account_cipher, g.payee_account_masked, "
                "l.amount_fen FROM payment_lines l JOIN grants g ON g.id = l.grant_id WHERE l.payment_batch_id = ? AND "
                "l.grant_id > ? ORDER BY l.grant_id LIMIT ?",
                {pb, after, int64_t{limit}})) {
    out.push_back({db::AsText(row[0]),
                   {db::AsText(row[1]), db::AsText(row[2]), db::AsText(row[3]), db::AsText(row[4])},
                   db::AsInt(row[5])});
  }
  return out;
}

std::map<std::string, LineState> LinesOf(db::Tx& tx, const std::string& pb) {
  std::map<std::string, LineState> out;
  for (const auto& row :
       tx.Query("SELECT grant_id, amount_fen, result FROM payment_lines WHERE payment_batch_id = ?", {pb})) {
    out[db::AsText(row[0])] = {db::AsInt(row[1]), static_cast<PaymentResult>(db::AsInt(row[2]))};
  }
  return out;
}

void RecordResult(db::Tx& tx, const std::string& pb, const ResultLine& l) {
  tx.Exec(
      "UPDATE payment_lines SET result = ?, bank_reference = ?, reason = ? WHERE payment_batch_id = ? AND "
      "grant_id = ?",
      {int64_t{static_cast<int>(l.result)}, l.bank_reference, l.reason, pb, l.grant_id});
}

void SettlePaid(db::Tx& tx, const std::string& pb, const ResultLine& l, const std::string& at, const std::string& by) {
  tx.Exec(
      "UPDATE grants SET state = ?, channel = ?, payment_reference = ?, disbursed_at = ?, disbursed_by = ?, version = "
      "version + 1 WHERE id = ? AND payment_batch_id = ? AND state = ?",
      {int64_t{static_cast<int>(GrantState::kDisbursed)}, int64_t{static_cast<int>(PaymentChannel::kBankTransfer)},
       l.bank_reference, at, by, l.grant_id, pb, kSent});
}

void ReturnFailed(db::Tx& tx, const std::string& pb, const ResultLine& l) {
  tx.Exec(
      "UPDATE grants SET state = ?, payment_batch_id = '', reason = ?, version = version + 1 WHERE id = ? AND "
      "payment_batch_id = ? AND state = ?",
      {kApproved, "payment failed: " + l.reason, l.grant_id, pb, kSent});
}

std::optional<std::string> ImportedSummary(db::Tx& tx, const std::string& pb, const std::string& digest) {
  auto rows =
      tx.Query("SELECT summary_json FROM payment_result_files WHERE payment_batch_id = ? AND digest = ?", {pb, digest});
  if (rows.empty()) return std::nullopt;
  return db::AsText(rows[0][0]);
}

void RecordImport(db::Tx& tx, const std::string& pb, const std::string& digest, const std::string& summary_json,
                  const std::string& by, const std::string& at) {
  tx.Exec(
      "INSERT INTO payment_result_files (payment_batch_id, digest, summary_json, imported_by, imported_at) VALUES (?, "
      "?, ?, ?, ?)",
      {pb, digest, summary_json, by, at});
}

}  // namespace carehub::funds::store
