#include "services/funds/app/payments_app.h"

#include <nlohmann/json.hpp>
#include <set>

#include "common/audit.h"
#include "common/errors.h"
#include "common/field_checks.h"
#include "common/ids.h"
#include "common/log.h"
#include "common/reach.h"
#include "services/funds/domain/ledger.h"
#include "services/funds/store/ledger_rows.h"
#include "services/funds/store/payment_rows.h"
#include "services/funds/store/program_rows.h"

namespace carehub::funds {
namespace {

nlohmann::json BatchView(const PaymentBatch& b) {
  return {{"state", PaymentBatchStateName(b.state)},
          {"program_id", b.program_id},
          {"count", b.control_count},
          {"total_fen", b.control_total_fen},
          {"paid", b.paid},
          {"paid_fen", b.paid_fen},
          {"failed", b.failed},
          {"failed_fen", b.failed_fen}};
}

nlohmann::json OutcomeJson(const ResultsOutcome& o) {
  nlohmann::json rejected = nlohmann::json::array();
  for (const auto& r : o.rejected)
    rejected.push_back({{"line", r.line}, {"grant_id", r.grant_id}, {"reason", r.reason}});
  return {{"paid", o.paid},           {"paid_fen", o.paid_fen}, {"failed", o.failed}, {"failed_fen", o.failed_fen},
          {"unchanged", o.unchanged}, {"rejected", rejected}};
}

ResultsOutcome OutcomeFrom(const std::string& text) {
  auto j = nlohmann::json::parse(text);
  ResultsOutcome o;
  o.paid = j.at("paid"), o.paid_fen = j.at("paid_fen"), o.failed = j.at("failed"), o.failed_fen = j.at("failed_fen");
  o.unchanged = j.at("unchanged");
  for (const auto& r : j.at("rejected")) o.rejected.push_back({r.at("line"), r.at("grant_id"), r.at("reason")});
  return o;
}

void Save(db::Tx& tx, const PaymentBatch& before, PaymentBatch& after) {
  after.version = before.version + 1;
  store::PaymentBatches().Update(tx, after, before.version, "id");
}

}  // namespace

PaymentBatch PaymentsApp::Create(db::Tx& tx, const Caller& caller, const PaymentBatchRequest& r) const {
  auto program = store::Programs().Get(tx, r.program_id, caller.reach);
  if (!program) Throw(ErrorCode::kNotFound, "program_id", "no such program");
  CheckNote(r.note, false);
  store::PaymentPick pick{program->id, r.grant_ids, ""};
  if (r.grant_ids.empty()) {
    auto prefix = NarrowReach(caller.reach, r.division_prefix);
    if (!prefix) Throw(ErrorCode::kPermissionDenied, "division_prefix", "lies outside the caller's reach");
    pick.division_prefix = *prefix;
  } else if (auto bad = store::FirstUnpayable(tx, pick)) {
    Throw(ErrorCode::kFailedPrecondition, "grant_ids",
          *bad + " is not an approved bank-transfer grant of the program outside any payment batch");
  }
  PaymentBatch b;
  b.id = NewId("pb");
  b.program_id = program->id;
  b.division_code = program->division_code;
  b.note = r.note;
  b.created_by = caller.subject;
  b.created_at = log::NowRfc3339();
  auto totals = store::TakeIntoBatch(tx, b.id, pick);
  if (!r.grant_ids.empty() && totals.count != static_cast<int64_t>(r.grant_ids.size())) {
    // Another batch took one of them between the check and the update.
    Throw(ErrorCode::kAborted, "grant_ids", "a grant was taken into another payment batch meanwhile; retry");
  }
  if (totals.count == 0) {
    Throw(ErrorCode::kFailedPrecondition, "program_id",
          "the program has no approved bank-transfer grant with a payee outside a payment batch there");
  }
  b.control_count = totals.count;
  b.control_total_fen = totals.fen;
  store::PaymentBatches().Insert(tx, {&b});
  AuditChangeOf(tx, caller, "payment_batch.create", {"payment_batch", b.id, b.division_code}, nullptr, BatchView(b));
  return b;
}

void PaymentsApp::Export(const Caller& caller, const std::string& id,
                         const std::function<bool(const std::string&)>& write) const {
  PaymentBatch b;
  std::string program_code;
  db_.Transact([&](db::Tx& tx) {
    PaymentBatch before = store::PaymentBatches().Lock(tx, id, caller.reach);
    program_code = store::Programs().Get(tx, before.program_id, "")->code;
    b = before;
    if (before.state == PaymentBatchState::kCreated) {
      store::MarkSent(tx, id);
      b.state = PaymentBatchState::kExported;
      b.exported_at = log::NowRfc3339();
      Save(tx, before, b);
    }
    // Every export lets account numbers out: audited, in the transaction that allows it.
    AuditChangeOf(tx, caller, "payment_batch.export", {"payment_batch", id, b.division_code}, BatchView(before),
                  BatchView(b));
  });
  if (!write(PaymentFileHead(b, program_code))) return;
  std::string after;
  const std::string purpose = program_code + " " + b.note;
  for (;;) {
    std::vector<store::ExportRow> rows;
    db_.Read([&](db::Tx& tx) { rows = store::ExportRows(tx, id, after, 2000); });
    if (rows.empty()) return;
    std::string piece;
    for (const auto& r : rows) {
      auto number = cipher_.Decrypt(r.payee.account_cipher);
      if (!number) throw std::runtime_error("an account number does not open with this PII key");
      piece += PaymentFileLine({r.grant_id, {r.payee.account_name, r.payee.bank, *number}, r.amount_fen, purpose});
    }
    if (!write(piece)) return;
    after = rows.back().grant_id;
  }
}

ResultsOutcome PaymentsApp::ImportResults(const Caller& caller, const std::string& file) const {
  ResultsFile f = ParseResults(file);
  if (!IsValidId(f.batch_id, "pb")) ThrowInvalid("file", "its control line names no payment batch id (pb_…)");
  const std::string digest = crypto::HexEncode(crypto::Sha256(file));
  ResultsOutcome out;
  db_.Transact([&](db::Tx& tx) {
    out = {};
    PaymentBatch before = store::PaymentBatches().Lock(tx, f.batch_id, caller.reach, "file");
    if (auto earlier = store::ImportedSummary(tx, before.id, digest)) {
      out = OutcomeFrom(*earlier);
      out.already_imported = true;
      out.batch = before;
      return;
    }
    if (before.state == PaymentBatchState::kCreated) {
      Throw(ErrorCode::kFailedPrecondition, "file", "the payment batch has not been exported to a bank yet");
    }
    CheckControlTotals(f, before);
    auto lines = store::LinesOf(tx, before.id);
    std::set<std::string> seen;
    const std::string now = log::NowRfc3339();
    for (const auto& l : f.lines) {
      auto it = lines.find(l.grant_id);
      auto reject = [&](const std::string& why) { out.rejected.push_back({l.line, l.grant_id, why}); };
      if (it == lines.end()) {
        reject("not a grant of this payment batch");
      } else if (!seen.insert(l.grant_id).second) {
        reject("the grant appears twice in the file");
      } else if (it->second.amount_fen != l.amount_fen) {
        reject("the amount differs from the batch's " + std::to_string(it->second.amount_fen) + " fen");
      } else if (it->second.result == l.result) {
        ++out.unchanged;
      } else if (it->second.result != PaymentResult::kPending) {
        reject(std::string("the grant's result is recorded already as ") +
               (it->second.result == PaymentResult::kPaid ? "paid" : "failed"));
      } else if (l.result == PaymentResult::kPaid) {
        store::SettlePaid(tx, before.id, l, now, caller.subject);
        store::RecordResult(tx, before.id, l);
        ++out.paid, out.paid_fen += l.amount_fen;
      } else {
        store::ReturnFailed(tx, before.id, l);
        store::RecordResult(tx, before.id, l);
        ++out.failed, out.failed_fen += l.amount_fen;
      }
    }
    if (out.paid_fen > 0) {
      // One movement for the file's payments: held → spent, the batch and file named.
      auto program = store::Programs().Get(tx, before.program_id, "");
      store::Post(tx,
                  GrantMovement(EntryKind::kDisburse, *program, "", out.paid_fen,
                                "payment batch " + before.id + ": " + std::to_string(out.paid) + " paid (file " +
                                    digest.substr(0, 12) + ")"),
                  caller.subject, caller.trace_id);
    }
    PaymentBatch after = before;
    after.paid += out.paid, after.paid_fen += out.paid_fen;
    after.failed += out.failed, after.failed_fen += out.failed_fen;
    if (after.paid + after.failed == after.control_count) after.state = PaymentBatchState::kSettled;
    Save(tx, before, after);
    store::RecordImport(tx, before.id, digest, OutcomeJson(out).dump(), caller.subject, now);
    AuditChangeOf(tx, caller, "payment_batch.results", {"payment_batch", before.id, before.division_code},
                  BatchView(before), BatchView(after));
    out.batch = after;
  });
  return out;
}

std::optional<PaymentBatch> PaymentsApp::Get(const Caller& caller, const std::string& id) const {
  return store::PaymentBatches().Find(db_, id, caller.reach);
}

}  // namespace carehub::funds
