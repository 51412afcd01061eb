#include "services/funds/app/batches_app.h"

#include <nlohmann/json.hpp>
#include <set>

#include "common/audit.h"
#include "common/errors.h"
#include "common/field_checks.h"
#include "common/ids.h"
#include "common/instant.h"
#include "common/log.h"
#include "common/money.h"
#include "common/resident_id.h"
#include "services/funds/app/grants_app.h"
#include "services/funds/domain/ledger.h"
#include "services/funds/store/batch_rows.h"
#include "services/funds/store/ledger_rows.h"
#include "services/funds/store/program_rows.h"

namespace carehub::funds {
namespace {

// Another runner took the fill over (its lease ran out here): this one stops, nothing lost.
struct FillTakenOver {};

// A runner renews its hold on a fill with every chunk (well under a second each); one that died
// holds it this long at most before another replica resumes after the cursor. A runner merely
// slow past it loses nothing: its next commit finds the fill taken and stops.
constexpr int64_t kLeaseSeconds = 10;

Program ProgramOf(db::Tx& tx, const std::string& id, const std::string& reach, const std::string& field) {
  auto p = store::Programs().Get(tx, id, reach);
  if (!p) Throw(ErrorCode::kNotFound, field, "no such program");
  return *p;
}

carehub::BeneficiaryKind ScanKind(const Program& p) {
  return p.beneficiary_kind == BeneficiaryKind::kWoman ? carehub::BeneficiaryKind::kWoman
                                                       : carehub::BeneficiaryKind::kChild;
}

std::chrono::year_month_day AppliedOn(const GrantBatch& b) {
  return ChinaDateOf(ParseInstant(b.created_at).value_or(NowSeconds()));
}

std::string Position(const BeneficiaryFacts& f) { return f.division_code + "/" + f.id; }

// Who of `people` a batch gives a grant: eligible by the registry's facts, no live grant of
// the program yet, within the program's and the class's limits; the rest counted by reason.
struct ChunkDecision {
  BatchTally tally;
  std::vector<Grant> grants;
  std::string period;  // of the program's limit: what the grants' member keys are under
};
ChunkDecision Decide(db::Tx& tx, const Program& p, const GrantBatch& b, const std::vector<BeneficiaryFacts>& people) {
  ChunkDecision d;
  const auto applied_on = AppliedOn(b);
  const std::string now = log::NowRfc3339();
  d.tally.scanned = static_cast<int64_t>(people.size());
  std::vector<BeneficiarySnapshot> snapshots;
  std::vector<std::string> ids;
  for (const auto& f : people) {
    auto s = SnapshotOf(f, applied_on, now);
    if (auto why = WhyIneligible(p, s); why.reason != SkipReason::kNone) {
      d.tally.skipped.Add(why.reason);
      continue;
    }
    snapshots.push_back(std::move(s));
    ids.push_back(f.id);
  }
  if (ids.empty()) return d;
  const auto limits = UsageLimitsOf(tx, p, applied_on);
  d.period = limits[0].period;
  const auto granted = store::AlreadyGranted(tx, p.id, limits[0].period, ids);
  std::vector<std::map<std::string, store::Usage>> usage;
  for (const auto& l : limits) usage.push_back(store::UsageOf(tx, l, ids));
  const int approvals = ApprovalsNeeded(p.approval_bands, b.amount_fen);
  for (size_t i = 0; i < ids.size(); ++i) {
    SkipReason skip = granted.contains(ids[i]) ? SkipReason::kAlreadyGranted : SkipReason::kNone;
    for (size_t l = 0; l < limits.size() && skip == SkipReason::kNone; ++l) {
      auto used = usage[l].find(ids[i]);
      if (!store::Fits(limits[l], used == usage[l].end() ? store::Usage{} : used->second, b.amount_fen)) {
        skip = l == 0 ? SkipReason::kProgramLimit : SkipReason::kClassCap;
      }
    }
    if (skip != SkipReason::kNone) {
      d.tally.skipped.Add(skip);
      continue;
    }
    ++d.tally.eligible;
    d.tally.total_fen += b.amount_fen;
    Grant g;
    g.id = NewId("gr");
    g.program_id = p.id;
    g.beneficiary_id = ids[i];
    g.amount_fen = b.amount_fen;
    g.note = b.note;
    g.division_code = snapshots[i].division_code;
    g.applied_on = applied_on;
    g.submitted_by = b.creator_subject;
    g.submitted_at = now;
    g.approvals_required = approvals;
    g.snapshot = std::move(snapshots[i]);
    g.goods = b.goods;
    if (!b.goods.empty()) g.channel = PaymentChannel::kGoods;
    g.batch_id = b.id;
    d.grants.push_back(std::move(g));
  }
  return d;
}

nlohmann::json BatchAuditView(const GrantBatch& b) {
  return {{"state", BatchStateName(b.state)}, {"program_id", b.program_id},  {"division_prefix", b.division_prefix},
          {"amount_fen", b.amount_fen},       {"created", b.tally.eligible}, {"total_fen", b.tally.total_fen},
          {"approvals", b.approvals.size()},  {"approved", b.approved},      {"rejected", b.rejected}};
}

void Save(db::Tx& tx, const GrantBatch& before, GrantBatch& after) {
  after.version = before.version + 1;
  store::GrantBatches().Update(tx, after, before.version, "id");
}

}  // namespace

BatchPreview BatchesApp::Preview(const Caller& caller, const BatchTerms& terms) const {
  Program p;
  GrantBatch probe;
  db_.Read([&](db::Tx& tx) { p = ProgramOf(tx, terms.program_id, caller.reach, "program_id"); });
  static_cast<BatchTerms&>(probe) = CheckBatchTerms(p, terms, TodayInChina());
  probe.created_at = log::NowRfc3339();
  BatchPreview out;
  std::vector<BeneficiaryFacts> chunk;
  auto decide = [&] {
    db_.Read([&](db::Tx& tx) { out.tally += Decide(tx, p, probe, chunk).tally; });
    chunk.clear();
  };
  registry_.Scan(caller, {ScanKind(p), terms.division_prefix, "", false}, [&](const BeneficiaryFacts& f) {
    chunk.push_back(f);
    if (chunk.size() >= kChunk) decide();
    return true;
  });
  if (!chunk.empty()) decide();
  db_.Read([&](db::Tx& tx) {
    auto account = ProgramAccount(p.id, AccountKind::kAvailable);
    auto balances = store::Balances(tx, {account});
    out.available_fen = balances.contains(account) ? balances[account] : 0;
  });
  return out;
}

GrantBatch BatchesApp::Create(db::Tx& tx, const Caller& caller, const BatchTerms& terms) const {
  Program p = ProgramOf(tx, terms.program_id, caller.reach, "program_id");
  GrantBatch b;
  static_cast<BatchTerms&>(b) = CheckBatchTerms(p, terms, TodayInChina());
  b.id = NewId("gb");
  b.division_code = p.division_code;
  b.creator_subject = caller.subject;
  b.creator_roles = caller.roles;
  b.creator_reach = caller.reach;
  b.approvals_required = ApprovalsNeeded(p.approval_bands, b.amount_fen);
  b.created_at = log::NowRfc3339();
  store::GrantBatches().Insert(tx, {&b});
  AuditChangeOf(tx, caller, "grant_batch.create", {"grant_batch", b.id, b.division_code}, nullptr, BatchAuditView(b));
  return b;
}

bool BatchesApp::Fill(const std::string& id, const std::string& owner) const {
  GrantBatch b;
  Program p;
  bool claimed = false;
  db_.Transact([&](db::Tx& tx) {
    int64_t now = NowSeconds();
    claimed = store::ClaimFill(tx, id, owner, now, now + kLeaseSeconds);
    if (!claimed) return;
    b = store::GrantBatches().Lock(tx, id, "");
    p = ProgramOf(tx, b.program_id, "", "program_id");
  });
  if (!claimed) return false;
  std::string cursor = b.cursor;
  std::vector<BeneficiaryFacts> chunk;
  // One chunk: its grants, their member keys and the cursor after it commit together, and only
  // while this runner still holds the fill at the position it read from.
  auto commit = [&] {
    std::string end = Position(chunk.back());
    db_.Transact([&](db::Tx& tx) {
      GrantBatch before = store::GrantBatches().Lock(tx, id, "");
      if (before.state != BatchState::kFilling || before.cursor != cursor || before.lease_owner != owner) {
        throw FillTakenOver{};
      }
      ChunkDecision d = Decide(tx, p, before, chunk);
      std::vector<const Grant*> created;
      for (const auto& g : d.grants) created.push_back(&g);
      if (!created.empty()) {
        store::Grants().Insert(tx, created);
        store::InsertMembers(tx, before, d.period, created);
      }
      GrantBatch after = before;
      after.tally += d.tally;
      after.cursor = end;
      after.lease_until = NowSeconds() + kLeaseSeconds;
      Save(tx, before, after);
    });
    cursor = end;
    chunk.clear();
  };
  Caller creator = b.Creator();
  creator.deadline = std::chrono::system_clock::now() + std::chrono::minutes(30);
  try {
    registry_.Scan(creator, {ScanKind(p), b.division_prefix, b.cursor, false}, [&](const BeneficiaryFacts& f) {
      chunk.push_back(f);
      if (chunk.size() >= kChunk) commit();
      return true;
    });
    if (!chunk.empty()) commit();
  } catch (const FillTakenOver&) {
    return false;
  }
  db_.Transact([&](db::Tx& tx) {
    GrantBatch before = store::GrantBatches().Lock(tx, id, "");
    if (before.state != BatchState::kFilling || before.cursor != cursor) return;
    GrantBatch after = before;
    after.state = BatchState::kFilled;
    after.filled_at = log::NowRfc3339();
    after.lease_owner.clear();
    after.lease_until = 0;
    Save(tx, before, after);
    AuditChangeOf(tx, creator, "grant_batch.filled", {"grant_batch", id, after.division_code}, BatchAuditView(before),
                  BatchAuditView(after));
  });
  return true;
}

void BatchesApp::FillPending(const std::string& owner) const {
  std::vector<std::string> ids;
  db_.Read([&](db::Tx& tx) { ids = store::FillingBatchIds(tx); });
  for (const auto& id : ids) Fill(id, owner);
}

Disqualified BatchesApp::CheckAgain(const Caller& caller, const std::string& id) const {
  auto b = Get(caller, id);
  if (!b) Throw(ErrorCode::kNotFound, "id", "no such batch");
  if (!IsFinalBatchApproval(*b) || b->state == BatchState::kFilling || b->state == BatchState::kApproved) return {};
  Program p;
  std::map<std::string, bool> pending;  // beneficiary → seen in the stream
  db_.Read([&](db::Tx& tx) {
    p = ProgramOf(tx, b->program_id, "", "program_id");
    for (const auto& g : store::PendingOf(tx, id)) pending[g.beneficiary_id] = false;
  });
  Disqualified out;
  const auto applied_on = AppliedOn(*b);
  const std::string now = log::NowRfc3339();
  registry_.Scan(caller, {ScanKind(p), b->division_prefix, "", false}, [&](const BeneficiaryFacts& f) {
    auto it = pending.find(f.id);
    if (it == pending.end()) return true;
    it->second = true;
    if (auto why = WhyIneligible(p, SnapshotOf(f, applied_on, now)); why.reason != SkipReason::kNone) {
      out[f.id] = why.why;
    }
    return true;
  });
  for (const auto& [person, seen] : pending) {
    if (!seen) out[person] = "the registry no longer lists the person under the batch's division";
  }
  return out;
}

GrantBatch BatchesApp::Approve(db::Tx& tx, const Caller& caller, const std::string& id, const std::string& note,
                               const Disqualified& disqualified) const {
  GrantBatch before = store::GrantBatches().Lock(tx, id, caller.reach);
  Program p = ProgramOf(tx, before.program_id, "", "program_id");
  GrantBatch after = before;
  after.state = AfterBatchApproval(before);
  CheckBatchApprover(before, caller, p);
  CheckNote(note, false);
  const std::string now = log::NowRfc3339();
  after.approvals.push_back({caller.subject, now, note});
  const bool final = after.state == BatchState::kApproved;
  if (final) {
    // Those who no longer qualify, or whose limits were reached since the fill, are rejected
    // with the reason; the rest are approved, counted and held together, or nothing is.
    std::map<std::string, std::vector<std::string>> rejections;  // reason → grant ids
    std::map<std::string, std::string> grant_of;                 // beneficiary → grant
    std::vector<std::string> remaining;
    for (const auto& g : store::PendingOf(tx, id)) {
      auto why = disqualified.find(g.beneficiary_id);
      if (why != disqualified.end()) {
        rejections["no longer eligible at the batch's approval: " + why->second].push_back(g.id);
      } else {
        remaining.push_back(g.beneficiary_id);
        grant_of[g.beneficiary_id] = g.id;
      }
    }
    auto limits = UsageLimitsOf(tx, p, AppliedOn(before));
    for (const auto& l : limits) {
      for (const auto& [person, used] : store::UsageOf(tx, l, remaining)) {
        if (!store::Fits(l, used, before.amount_fen) && grant_of.contains(person)) {
          rejections["the person has reached the limit of " + l.scope].push_back(grant_of[person]);
          grant_of.erase(person);
        }
      }
    }
    for (const auto& [reason, ids] : rejections) after.rejected += store::RejectPending(tx, id, ids, reason, now);
    int64_t count = static_cast<int64_t>(store::PendingOf(tx, id).size());
    int64_t total = count * before.amount_fen;
    if (count > 0) {
      auto account = ProgramAccount(p.id, AccountKind::kAvailable);
      auto balances = store::Balances(tx, {account});
      int64_t available = balances.contains(account) ? balances[account] : 0;
      if (available < total) {
        Throw(ErrorCode::kFailedPrecondition, "id",
              "the program's available " + FormatYuan(available) + " yuan is " + FormatYuan(total - available) +
                  " yuan short of the batch's " + FormatYuan(total) + " yuan; nothing was approved");
      }
      for (const auto& l : limits) {
        // A one-by-one approval counted one of these people meanwhile: decide all again.
        if (!store::CountPendingUsage(tx, id, l, before.amount_fen, count)) {
          throw db::DbError(db::DbError::Kind::kRetryable, "a batch's limits changed while it was approved");
        }
      }
      store::Post(
          tx, GrantMovement(EntryKind::kHold, p, "", total, "batch " + id + ": " + std::to_string(count) + " grants"),
          caller.subject, caller.trace_id);
    }
    after.approved = store::ApprovePending(tx, after, true, now);
  } else {
    store::ApprovePending(tx, after, false, now);
  }
  Save(tx, before, after);
  AuditChangeOf(tx, caller, final ? "grant_batch.approve_final" : "grant_batch.approve",
                {"grant_batch", id, after.division_code}, BatchAuditView(before), BatchAuditView(after));
  return after;
}

std::optional<GrantBatch> BatchesApp::Get(const Caller& caller, const std::string& id) const {
  return store::GrantBatches().Find(db_, id, caller.reach);
}

std::vector<GrantBatch> BatchesApp::List(const Caller& caller, const db::PageQuery& q) const {
  return store::GrantBatches().ListNarrowed(db_, caller.reach, "", q);
}

}  // namespace carehub::funds
