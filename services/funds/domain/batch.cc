#include "services/funds/domain/batch.h"

#include "common/errors.h"
#include "common/field_checks.h"

namespace carehub::funds {

SkipCounts& SkipCounts::operator+=(const SkipCounts& o) {
  for (size_t i = 0; i < by_reason.size(); ++i) by_reason[i] += o.by_reason[i];
  return *this;
}

BatchTally& BatchTally::operator+=(const BatchTally& o) {
  scanned += o.scanned;
  eligible += o.eligible;
  total_fen += o.total_fen;
  skipped += o.skipped;
  return *this;
}

const char* BatchStateName(BatchState s) {
  switch (s) {
    case BatchState::kFilling:
      return "filling";
    case BatchState::kFilled:
      return "filled";
    case BatchState::kPartlyApproved:
      return "partly approved";
    case BatchState::kApproved:
      return "approved";
  }
  return "unknown";
}

Caller GrantBatch::Creator() const {
  Caller c{creator_subject, creator_roles, creator_reach};
  c.trace_id = "batch-" + id;
  return c;
}

BatchTerms CheckBatchTerms(const Program& program, BatchTerms terms, std::chrono::year_month_day today) {
  CheckTakesApplications(program, today);
  terms.amount_fen = GrantAmount(program, terms.amount_fen);
  if (!terms.goods.empty()) CheckText("goods", terms.goods, 200, true);
  CheckNote(terms.note, false);
  return terms;
}

bool IsFinalBatchApproval(const GrantBatch& b) {
  return static_cast<int>(b.approvals.size()) + 1 >= b.approvals_required;
}

BatchState AfterBatchApproval(const GrantBatch& b) {
  if (b.state != BatchState::kFilled && b.state != BatchState::kPartlyApproved) {
    Throw(ErrorCode::kFailedPrecondition, "id", std::string("the batch is ") + BatchStateName(b.state));
  }
  return IsFinalBatchApproval(b) ? BatchState::kApproved : BatchState::kPartlyApproved;
}

void CheckBatchApprover(const GrantBatch& b, const Caller& approver, const Program& program) {
  if (approver.subject == b.creator_subject) {
    Throw(ErrorCode::kPermissionDenied, "id", "the creator of a batch may not approve it");
  }
  for (const auto& a : b.approvals) {
    if (a.approver == approver.subject)
      Throw(ErrorCode::kFailedPrecondition, "id", "this principal has approved the batch already");
  }
  if (IsFinalBatchApproval(b) && !approver.Reaches(program.division_code)) {
    Throw(ErrorCode::kPermissionDenied, "id",
          "the final approval needs a principal whose reach covers the program's division");
  }
}

}  // namespace carehub::funds
