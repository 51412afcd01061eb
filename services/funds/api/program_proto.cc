#include "services/funds/api/program_proto.h"

#include "common/resident_id.h"

namespace carehub::funds {

ProgramApplication ProgramFromProto(const v1::Program& p) {
  ProgramApplication a;
  a.code = p.code();
  a.name = p.name();
  a.funding_source = p.funding_source();
  a.division_code = p.division_code();
  a.beneficiary_kind = p.beneficiary_kind();
  a.benefit_class = p.benefit_class();
  a.opens_on = p.opens_on();
  a.closes_on = p.closes_on();
  a.amount_rule = p.amount_rule();
  a.amount_fen = p.amount_fen();
  const auto& e = p.eligibility();
  a.eligibility.any_of_categories.assign(e.any_of_categories().begin(), e.any_of_categories().end());
  if (e.has_min_age()) a.eligibility.min_age = e.min_age();
  if (e.has_max_age()) a.eligibility.max_age = e.max_age();
  a.eligibility.requires_cancer_patient = e.requires_cancer_patient();
  a.limit = {p.limit().max_grants(), p.limit().per_calendar_year()};
  for (const auto& b : p.approval_bands()) a.approval_bands.push_back({b.up_to_fen(), b.approvals()});
  return a;
}

void ToProto(const Program& p, v1::Program* out) {
  out->set_id(p.id);
  out->set_code(p.code);
  out->set_name(p.name);
  out->set_funding_source(static_cast<v1::FundingSource>(p.funding_source));
  out->set_division_code(p.division_code);
  out->set_beneficiary_kind(static_cast<v1::BeneficiaryKind>(p.beneficiary_kind));
  out->set_benefit_class(p.benefit_class);
  out->set_opens_on(FormatDate(p.opens_on));
  out->set_closes_on(FormatDate(p.closes_on));
  out->set_state(static_cast<v1::ProgramState>(p.state));
  out->set_amount_rule(static_cast<v1::AmountRule>(p.amount_rule));
  out->set_amount_fen(p.amount_fen);
  auto* e = out->mutable_eligibility();
  for (const auto& c : p.eligibility.any_of_categories) e->add_any_of_categories(c);
  if (p.eligibility.min_age) e->set_min_age(*p.eligibility.min_age);
  if (p.eligibility.max_age) e->set_max_age(*p.eligibility.max_age);
  e->set_requires_cancer_patient(p.eligibility.requires_cancer_patient);
  out->mutable_limit()->set_max_grants(p.limit.max_grants);
  out->mutable_limit()->set_per_calendar_year(p.limit.per_calendar_year);
  for (const auto& b : p.approval_bands) {
    auto* band = out->add_approval_bands();
    band->set_up_to_fen(b.up_to_fen);
    band->set_approvals(b.approvals);
  }
  out->set_version(p.version);
  out->set_created_at(p.created_at);
  out->set_created_by(p.created_by);
}

void ToProto(const LedgerEntry& e, v1::LedgerEntry* out) {
  out->set_id(e.id);
  out->set_kind(static_cast<v1::EntryKind>(e.kind));
  out->set_from_account(e.from_account);
  out->set_to_account(e.to_account);
  out->set_amount_fen(e.amount_fen);
  out->set_program_id(e.program_id);
  out->set_other_program_id(e.other_program_id);
  out->set_grant_id(e.grant_id);
  out->set_reason(e.reason);
  out->set_actor(e.actor);
  out->set_request_id(e.trace_id);
  out->set_posted_at(e.posted_at);
  out->set_division_code(e.division_code);
}

void ToProto(const BudgetView& b, v1::Budget* out) {
  out->set_program_id(b.program_id);
  out->set_available_fen(b.available_fen);
  out->set_held_fen(b.held_fen);
  out->set_spent_fen(b.spent_fen);
  out->set_allocated_fen(b.allocated_fen);
}

void ToProto(const Reconciliation& r, v1::ReconcileReport* out) {
  out->set_programs(r.programs);
  out->set_accounts(r.accounts);
  out->set_entries(r.entries);
  for (const auto& d : r.differences) {
    auto* diff = out->add_differences();
    diff->set_account(d.account);
    diff->set_stored_fen(d.stored_fen);
    diff->set_from_journal_fen(d.from_journal_fen);
  }
  out->set_total_allocated_fen(r.total_allocated_fen);
  out->set_total_in_programs_fen(r.total_in_programs_fen);
}

void ToProto(const Grant& g, v1::Grant* out) {
  out->set_id(g.id);
  out->set_program_id(g.program_id);
  out->set_beneficiary_id(g.beneficiary_id);
  out->set_amount_fen(g.amount_fen);
  out->set_note(g.note);
  out->set_state(static_cast<v1::GrantState>(g.state));
  out->set_division_code(g.division_code);
  out->set_applied_on(FormatDate(g.applied_on));
  out->set_submitted_by(g.submitted_by);
  out->set_submitted_at(g.submitted_at);
  out->set_approvals_required(g.approvals_required);
  for (const auto& a : g.approvals) {
    auto* x = out->add_approvals();
    x->set_approver(a.approver);
    x->set_approved_at(a.approved_at);
    x->set_note(a.note);
  }
  auto* s = out->mutable_snapshot();
  s->set_kind(static_cast<v1::BeneficiaryKind>(g.snapshot.kind));
  s->set_active(g.snapshot.active);
  for (const auto& c : g.snapshot.categories) s->add_categories(c);
  s->set_division_code(g.snapshot.division_code);
  s->set_birth_date(g.snapshot.birth_date);
  s->set_age(g.snapshot.age);
  s->set_cancer_patient(g.snapshot.cancer_patient);
  s->set_taken_at(g.snapshot.taken_at);
  // Cash is what a grant is paid in unless it names a payee or goods, and is shown once paid.
  if (g.state == GrantState::kDisbursed || g.state == GrantState::kReversed || g.channel != PaymentChannel::kCash) {
    out->set_channel(static_cast<v1::PaymentChannel>(g.channel));
  }
  if (!g.payee.empty()) {
    out->mutable_payee()->set_account_name(g.payee.account_name);
    out->mutable_payee()->set_bank(g.payee.bank);
    out->mutable_payee()->set_account_number(g.payee.account_masked);
  }
  out->set_goods(g.goods);
  out->set_batch_id(g.batch_id);
  out->set_payment_batch_id(g.payment_batch_id);
  out->set_approved_at(g.approved_at);
  out->set_payment_reference(g.payment_reference);
  out->set_disbursed_at(g.disbursed_at);
  out->set_disbursed_by(g.disbursed_by);
  out->set_reason(g.reason);
  out->set_version(g.version);
}

}  // namespace carehub::funds
