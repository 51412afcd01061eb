// Batches, payment files and figures between the domain and protobuf.
#include "services/funds/api/program_proto.h"

namespace carehub::funds {
namespace {

void ToProto(const CountAndFen& c, v1::CountAndFen* out) {
  out->set_count(c.count);
  out->set_fen(c.fen);
}

void ToProto(const ProgramFigures& f, v1::ProgramFigures* out) {
  out->set_program_id(f.program_id);
  out->set_program_code(f.program_code);
  out->set_program_name(f.program_name);
  if (!f.program_id.empty()) out->set_funding_source(static_cast<v1::FundingSource>(f.funding_source));
  ToProto(f.submitted, out->mutable_submitted());
  ToProto(f.approved, out->mutable_approved());
  ToProto(f.disbursed, out->mutable_disbursed());
  ToProto(f.reversed, out->mutable_reversed());
  ToProto(f.released, out->mutable_released());
  out->set_beneficiaries_paid(f.beneficiaries_paid);
  out->set_goods_fen(f.goods_fen);
}

}  // namespace

void ToProto(const BatchTally& t, v1::SkipCounts* out) {
  const auto& s = t.skipped;
  out->set_inactive(s.Of(SkipReason::kInactive));
  out->set_category(s.Of(SkipReason::kCategory));
  out->set_age(s.Of(SkipReason::kAge));
  out->set_screening(s.Of(SkipReason::kScreening));
  out->set_program_limit(s.Of(SkipReason::kProgramLimit));
  out->set_class_cap(s.Of(SkipReason::kClassCap));
  out->set_already_granted(s.Of(SkipReason::kAlreadyGranted));
  out->set_outside_division(s.Of(SkipReason::kOutsideDivision) + s.Of(SkipReason::kKind));
}

void ToProto(const GrantBatch& b, v1::GrantBatch* out) {
  out->set_id(b.id);
  out->set_program_id(b.program_id);
  out->set_division_prefix(b.division_prefix);
  out->set_amount_fen(b.amount_fen);
  out->set_goods(b.goods);
  out->set_note(b.note);
  out->set_state(static_cast<v1::GrantBatchState>(b.state));
  out->set_scanned(b.tally.scanned);
  out->set_created(b.tally.eligible);
  out->set_total_fen(b.tally.total_fen);
  ToProto(b.tally, out->mutable_skipped());
  out->set_approvals_required(b.approvals_required);
  for (const auto& a : b.approvals) {
    auto* x = out->add_approvals();
    x->set_approver(a.approver);
    x->set_approved_at(a.approved_at);
    x->set_note(a.note);
  }
  out->set_approved(b.approved);
  out->set_rejected(b.rejected);
  out->set_created_by(b.creator_subject);
  out->set_created_at(b.created_at);
  out->set_filled_at(b.filled_at);
  out->set_version(b.version);
}

void ToProto(const PaymentBatch& b, v1::PaymentBatch* out) {
  out->set_id(b.id);
  out->set_program_id(b.program_id);
  out->set_state(static_cast<v1::PaymentBatchState>(b.state));
  out->set_control_count(b.control_count);
  out->set_control_total_fen(b.control_total_fen);
  out->set_paid(b.paid);
  out->set_paid_fen(b.paid_fen);
  out->set_failed(b.failed);
  out->set_failed_fen(b.failed_fen);
  out->set_created_by(b.created_by);
  out->set_created_at(b.created_at);
  out->set_exported_at(b.exported_at);
  out->set_note(b.note);
}

void ToProto(const ResultsOutcome& o, v1::PaymentResultsSummary* out) {
  out->set_payment_batch_id(o.batch.id);
  out->set_paid(o.paid);
  out->set_paid_fen(o.paid_fen);
  out->set_failed(o.failed);
  out->set_failed_fen(o.failed_fen);
  out->set_unchanged(o.unchanged);
  for (const auto& r : o.rejected) {
    auto* x = out->add_rejected();
    x->set_line(static_cast<int32_t>(r.line));
    x->set_grant_id(r.grant_id);
    x->set_reason(r.reason);
  }
  out->set_already_imported(o.already_imported);
  ToProto(o.batch, out->mutable_batch());
}

void ToProto(const FundsFigures& f, v1::FundsSummary* out) {
  out->set_division_prefix(f.division_prefix);
  out->set_from(f.from);
  out->set_to(f.to);
  for (const auto& p : f.programs) ToProto(p, out->add_programs());
  ToProto(f.total, out->mutable_total());
  for (const auto& d : f.ledger_differences) out->add_ledger_differences(d);
}

}  // namespace carehub::funds
