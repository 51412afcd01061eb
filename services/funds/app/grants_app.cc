#include "services/funds/app/grants_app.h"

#include <nlohmann/json.hpp>

#include "common/audit.h"
#include "common/field_checks.h"
#include "common/ids.h"
#include "common/log.h"
#include "common/resident_id.h"
#include "common/text.h"
#include "services/funds/domain/ledger.h"
#include "services/funds/store/grant_rows.h"
#include "services/funds/store/ledger_rows.h"
#include "services/funds/store/program_rows.h"

namespace carehub::funds {
namespace {

std::vector<store::UsageLimit> LimitsOf(db::Tx& tx, const Program& p, const Grant& g) {
  return UsageLimitsOf(tx, p, g.applied_on);
}

std::string GrantAuditJson(const Grant& g) {
  return AuditJson(nlohmann::json{{"state", GrantStateName(g.state)},
                                  {"amount_fen", g.amount_fen},
                                  {"program_id", g.program_id},
                                  {"beneficiary_id", g.beneficiary_id},
                                  {"approvals", g.approvals.size()},
                                  {"reason", g.reason},
                                  {"payment_reference", g.payment_reference}});
}

// Writes the changed grant (version checked) and its audit event.
Grant Save(db::Tx& tx, const Caller& caller, const Grant& before, Grant after, const char* action) {
  after.version = before.version + 1;
  store::Grants().Update(tx, after, before.version, "id");
  RecordAudit(tx, {AuditBy(caller, action, {"grant", after.id, after.division_code}, GrantAuditJson(before),
                           GrantAuditJson(after))});
  return after;
}

Payee Sealed(const crypto::PiiCipher& cipher, const PayeeDetails& p) {
  return {p.account_name, p.bank, cipher.Encrypt(p.account_number), MaskAccount(p.account_number)};
}

// A grant in a payment batch is the bank's until its result comes back.
void CheckNotInPaymentBatch(const Grant& g) {
  if (!g.payment_batch_id.empty()) {
    Throw(ErrorCode::kFailedPrecondition, "id", "the grant is in payment batch " + g.payment_batch_id);
  }
}

Program ProgramOf(db::Tx& tx, const Grant& g) {
  auto p = store::Programs().Get(tx, g.program_id, "");
  if (!p) throw std::logic_error("grant " + g.id + " names a missing program");
  return *p;
}

// An approved grant's money goes back to the program's available balance (a release of the
// hold, or the reversal of a payment) and the grant stops counting against the person's limits.
void GiveBack(db::Tx& tx, const Caller& caller, const Grant& g, EntryKind kind, const std::string& reason) {
  Program program = ProgramOf(tx, g);
  store::Post(tx, GrantMovement(kind, program, g.id, g.amount_fen, reason), caller.subject, caller.trace_id);
  for (const auto& limit : LimitsOf(tx, program, g)) store::UncountUsage(tx, g.beneficiary_id, limit, g.amount_fen);
}

}  // namespace

std::vector<store::UsageLimit> UsageLimitsOf(db::Tx& tx, const Program& p, std::chrono::year_month_day applied_on) {
  // Every grant counts against its program and its benefit class, whatever the bounds are today:
  // a cap set later then sees what was already granted. The bounds are the program's and the
  // class cap's, 0 for none.
  std::string year = std::to_string(static_cast<int>(applied_on.year()));
  std::vector<store::UsageLimit> out = {
      {"program:" + p.id, p.limit.per_calendar_year ? year : "all", p.limit.max_grants, 0},
      {"class:" + p.benefit_class, year, 0, 0}};
  if (auto cap = store::CapOf(tx, p.benefit_class)) {
    out[1].max_grants = cap->max_grants_per_year;
    out[1].max_fen = cap->max_fen_per_year;
  }
  return out;
}

BeneficiarySnapshot GrantsApp::LookUp(const Caller& caller, const std::string& beneficiary_id,
                                      std::chrono::year_month_day applied_on) const {
  return SnapshotOf(registry_.Get(caller, beneficiary_id, "beneficiary_id"), applied_on, log::NowRfc3339());
}

Grant GrantsApp::Submit(db::Tx& tx, const Caller& caller, const GrantApplication& a, const BeneficiarySnapshot& facts,
                        std::chrono::year_month_day today) const {
  auto program = store::Programs().Get(tx, a.program_id, caller.reach);
  if (!program) Throw(ErrorCode::kNotFound, "program_id", "no such program");
  CheckTakesApplications(*program, today);
  Grant g;
  g.amount_fen = GrantAmount(*program, a.amount_fen);
  CheckEligible(*program, facts);
  g.id = NewId("gr");
  g.program_id = program->id;
  g.beneficiary_id = a.beneficiary_id;
  g.note = a.note;
  g.division_code = facts.division_code;
  g.applied_on = today;
  g.submitted_by = caller.subject;
  g.submitted_at = log::NowRfc3339();
  g.approvals_required = ApprovalsNeeded(program->approval_bands, g.amount_fen);
  g.snapshot = facts;
  if (a.payee && !a.goods.empty())
    ThrowInvalid("goods", "a grant is paid by bank transfer or given as goods, not both");
  if (a.payee) {
    g.payee = Sealed(cipher_, *a.payee);
    g.channel = PaymentChannel::kBankTransfer;
  }
  if (!a.goods.empty()) {
    CheckText("goods", a.goods, 200, true);
    g.goods = a.goods;
    g.channel = PaymentChannel::kGoods;
  }
  for (const auto& limit : LimitsOf(tx, *program, g)) {
    if (!store::UsageFits(tx, g.beneficiary_id, limit, g.amount_fen)) {
      Throw(ErrorCode::kFailedPrecondition, "beneficiary_id",
            "the person has reached the limit of " + limit.scope + " for " + limit.period);
    }
  }
  store::Grants().Insert(tx, {&g});
  RecordAudit(tx, {AuditBy(caller, "grant.submit", {"grant", g.id, g.division_code}, "", GrantAuditJson(g))});
  return g;
}

Grant GrantsApp::Approve(db::Tx& tx, const Caller& caller, const std::string& id, const std::string& note,
                         const BeneficiarySnapshot& facts) const {
  Grant before = store::Grants().Lock(tx, id, caller.reach);
  if (!before.batch_id.empty()) {
    Throw(ErrorCode::kFailedPrecondition, "id", "the grant is approved with its batch " + before.batch_id);
  }
  Program program = ProgramOf(tx, before);
  bool final = IsFinalApproval(before);
  Grant after = before;
  after.state = After(before.state, Decision::kApprove, final);
  CheckApprover(before, caller, program);
  if (final) {
    // Decided on the registry's facts of now, kept with the grant; then counted and held.
    CheckEligible(program, facts);
    after.snapshot = facts;
    for (const auto& limit : LimitsOf(tx, program, before))
      store::CountUsage(tx, before.beneficiary_id, limit, before.amount_fen);
    store::Post(tx, GrantMovement(EntryKind::kHold, program, id, before.amount_fen, ""), caller.subject,
                caller.trace_id);
    after.approved_at = log::NowRfc3339();
  }
  after.approvals.push_back({caller.subject, log::NowRfc3339(), note});
  return Save(tx, caller, before, std::move(after), final ? "grant.approve_final" : "grant.approve");
}

Grant GrantsApp::Reject(db::Tx& tx, const Caller& caller, const std::string& id, const std::string& reason) const {
  Grant before = store::Grants().Lock(tx, id, caller.reach);
  Grant after = before;
  after.state = After(before.state, Decision::kReject, false);
  after.reason = RequireReason(reason);
  after.closed_at = log::NowRfc3339();
  return Save(tx, caller, before, std::move(after), "grant.reject");
}

Grant GrantsApp::Disburse(db::Tx& tx, const Caller& caller, const Disbursement& d) const {
  Grant before = store::Grants().Lock(tx, d.id, caller.reach);
  Grant after = before;
  after.state = After(before.state, Decision::kDisburse, false);
  CheckNotInPaymentBatch(before);
  if (d.channel < 1 || d.channel > 3) ThrowInvalid("channel", "must be CASH, BANK_TRANSFER or GOODS");
  after.channel = static_cast<PaymentChannel>(d.channel);
  if (!before.goods.empty() && after.channel != PaymentChannel::kGoods) {
    ThrowInvalid("channel", "a goods grant is delivered (GOODS with the receipt number)");
  }
  if (before.goods.empty() && after.channel == PaymentChannel::kGoods) {
    ThrowInvalid("channel", "the grant is money, not goods");
  }
  if (after.channel == PaymentChannel::kGoods && d.reference.empty()) {
    ThrowInvalid("reference", "is required for goods (the delivery receipt number)");
  }
  if (after.channel == PaymentChannel::kBankTransfer && d.reference.empty()) {
    ThrowInvalid("reference", "is required for a bank transfer (the bank's transaction number)");
  }
  if (d.reference.size() > 200 || !text::IsValidUtf8(d.reference))
    ThrowInvalid("reference", "must be valid text of at most 200 bytes");
  after.payment_reference = d.reference;
  after.disbursed_at = log::NowRfc3339();
  after.disbursed_by = caller.subject;
  Program program = ProgramOf(tx, before);
  store::Post(tx, GrantMovement(EntryKind::kDisburse, program, d.id, before.amount_fen, d.reference), caller.subject,
              caller.trace_id);
  return Save(tx, caller, before, std::move(after), "grant.disburse");
}

Grant GrantsApp::Cancel(db::Tx& tx, const Caller& caller, const std::string& id, const std::string& reason) const {
  Grant before = store::Grants().Lock(tx, id, caller.reach);
  Grant after = before;
  after.state = After(before.state, Decision::kCancel, false);
  CheckNotInPaymentBatch(before);
  after.reason = RequireReason(reason);
  after.closed_at = log::NowRfc3339();
  if (before.state == GrantState::kApproved) {
    GiveBack(tx, caller, before, EntryKind::kRelease, reason);
  }
  return Save(tx, caller, before, std::move(after), "grant.cancel");
}

Grant GrantsApp::Reverse(db::Tx& tx, const Caller& caller, const std::string& id, const std::string& reason) const {
  Grant before = store::Grants().Lock(tx, id, caller.reach);
  Grant after = before;
  after.state = After(before.state, Decision::kReverse, false);
  after.reason = RequireReason(reason);
  after.closed_at = log::NowRfc3339();
  GiveBack(tx, caller, before, EntryKind::kReverse, reason);
  return Save(tx, caller, before, std::move(after), "grant.reverse");
}

Grant GrantsApp::SetPayee(db::Tx& tx, const Caller& caller, const std::string& id, const PayeeDetails& payee) const {
  Grant before = store::Grants().Lock(tx, id, caller.reach);
  CheckNotInPaymentBatch(before);
  if (before.state != GrantState::kSubmitted && before.state != GrantState::kPartlyApproved &&
      before.state != GrantState::kApproved) {
    Throw(ErrorCode::kFailedPrecondition, "id", std::string("the grant is ") + GrantStateName(before.state));
  }
  if (!before.goods.empty()) Throw(ErrorCode::kFailedPrecondition, "id", "the grant is given as goods");
  Grant after = before;
  after.payee = Sealed(cipher_, payee);
  after.channel = PaymentChannel::kBankTransfer;
  // The audit keeps the masked number only, as every view but a `pii` holder's.
  after.version = before.version + 1;
  store::Grants().Update(tx, after, before.version, "id");
  AuditChangeOf(tx, caller, "grant.payee", {"grant", id, after.division_code},
                {{"payee", before.payee.account_masked}, {"bank", before.payee.bank}},
                {{"payee", after.payee.account_masked}, {"bank", after.payee.bank}});
  return after;
}

std::vector<std::string> GrantsApp::RevealAccounts(const Caller& caller, const std::vector<Grant>& grants) const {
  std::vector<AuditEvent> looks;
  std::vector<std::string> sealed;
  for (const auto& g : grants) {
    if (g.payee.empty()) continue;
    looks.push_back(AuditBy(caller, "grant.read_unmasked", {"grant", g.id, g.division_code}));
    sealed.push_back(g.payee.account_cipher);
  }
  auto opened = sealed.empty() ? std::vector<std::string>{} : OpenAudited(db_, cipher_, std::move(looks), sealed);
  std::vector<std::string> out;
  size_t next = 0;
  for (const auto& g : grants) out.push_back(g.payee.empty() ? std::string() : opened[next++]);
  return out;
}

std::optional<Grant> GrantsApp::Get(const Caller& caller, const std::string& id) const {
  return store::Grants().Find(db_, id, caller.reach);
}

std::vector<Grant> GrantsApp::List(const Caller& caller, const std::string& division_filter,
                                   const db::PageQuery& q) const {
  return store::Grants().ListNarrowed(db_, caller.reach, division_filter, q);
}

}  // namespace carehub::funds
