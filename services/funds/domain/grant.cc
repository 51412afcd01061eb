#include "services/funds/domain/grant.h"

#include <algorithm>

#include "common/errors.h"
#include "common/field_checks.h"
#include "common/money.h"
#include "common/reach.h"
#include "common/resident_id.h"

namespace carehub::funds {
namespace {

[[noreturn]] void Ineligible(const std::string& why) { Throw(ErrorCode::kFailedPrecondition, "beneficiary_id", why); }

}  // namespace

BeneficiarySnapshot SnapshotOf(const BeneficiaryFacts& f, std::chrono::year_month_day applied_on,
                               const std::string& taken_at) {
  BeneficiarySnapshot s;
  s.kind = f.kind == carehub::BeneficiaryKind::kWoman ? BeneficiaryKind::kWoman : BeneficiaryKind::kChild;
  s.active = f.active;
  for (const auto& c : f.categories) {
    if (c == "cancer_patient")
      s.cancer_patient = true;
    else
      s.categories.push_back(c);
  }
  s.division_code = f.division_code;
  s.birth_date = f.birth_date;
  auto birth = ParseDate(f.birth_date);
  s.age = birth ? AgeOn(*birth, applied_on) : -1;
  s.taken_at = taken_at;
  return s;
}

Ineligibility WhyIneligible(const Program& p, const BeneficiarySnapshot& s) {
  if (s.kind != p.beneficiary_kind) {
    return {SkipReason::kKind, p.beneficiary_kind == BeneficiaryKind::kWoman
                                   ? "the program serves women, not children"
                                   : "the program serves children, not women"};
  }
  if (!s.active) return {SkipReason::kInactive, "the person has left the register"};
  if (!InReach(DivisionPrefix(p.division_code), s.division_code)) {
    return {SkipReason::kOutsideDivision, "the person lives outside the program's division"};
  }
  const auto& any = p.eligibility.any_of_categories;
  if (!any.empty() && std::none_of(any.begin(), any.end(), [&](const std::string& c) {
        return std::find(s.categories.begin(), s.categories.end(), c) != s.categories.end();
      })) {
    return {SkipReason::kCategory, "the person is in none of the program's categories"};
  }
  if (p.eligibility.min_age && s.age < *p.eligibility.min_age)
    return {SkipReason::kAge, "the person is younger than the program's minimum age"};
  if (p.eligibility.max_age && s.age > *p.eligibility.max_age)
    return {SkipReason::kAge, "the person is older than the program's maximum age"};
  if (p.eligibility.requires_cancer_patient && !s.cancer_patient) {
    return {SkipReason::kScreening, "the program needs a confirmed cancer screening"};
  }
  return {};
}

void CheckEligible(const Program& p, const BeneficiarySnapshot& s) {
  if (auto i = WhyIneligible(p, s); i.reason != SkipReason::kNone) Ineligible(i.why);
}

const char* SkipReasonName(SkipReason r) {
  static const char* kNames[] = {
      "",          "inactive",        "category",         "age", "screening", "program_limit",
      "class_cap", "already_granted", "outside_division", "kind"};
  auto i = static_cast<size_t>(r);
  return i < std::size(kNames) ? kNames[i] : "unknown";
}

void CheckTakesApplications(const Program& p, std::chrono::year_month_day day) {
  if (p.state != ProgramState::kOpen) {
    Throw(ErrorCode::kFailedPrecondition, "program_id", std::string("the program is ") + StateName(p.state));
  }
  auto d = std::chrono::sys_days{day};
  if (d < std::chrono::sys_days{p.opens_on} || d > std::chrono::sys_days{p.closes_on}) {
    Throw(ErrorCode::kFailedPrecondition, "program_id",
          "the program takes applications from " + FormatDate(p.opens_on) + " to " + FormatDate(p.closes_on));
  }
}

int64_t GrantAmount(const Program& p, int64_t requested) {
  if (p.amount_rule == AmountRule::kFixed) {
    if (requested != 0 && requested != p.amount_fen) {
      ThrowInvalid("amount_fen", "the program pays a fixed " + FormatYuan(p.amount_fen) + " yuan");
    }
    return p.amount_fen;
  }
  CheckAmountFen(requested, "amount_fen");
  if (requested > p.amount_fen)
    ThrowInvalid("amount_fen", "is above the program's cap of " + FormatYuan(p.amount_fen) + " yuan");
  return requested;
}

GrantState After(GrantState current, Decision d, bool final_approval) {
  bool pending = current == GrantState::kSubmitted || current == GrantState::kPartlyApproved;
  switch (d) {
    case Decision::kApprove:
      if (pending) return final_approval ? GrantState::kApproved : GrantState::kPartlyApproved;
      break;
    case Decision::kReject:
      if (pending) return GrantState::kRejected;
      break;
    case Decision::kDisburse:
      if (current == GrantState::kApproved) return GrantState::kDisbursed;
      break;
    case Decision::kCancel:
      if (pending || current == GrantState::kApproved) return GrantState::kCancelled;
      break;
    case Decision::kReverse:
      if (current == GrantState::kDisbursed) return GrantState::kReversed;
      break;
  }
  Throw(ErrorCode::kFailedPrecondition, "id", std::string("the grant is ") + GrantStateName(current));
}

bool IsFinalApproval(const Grant& g) { return static_cast<int>(g.approvals.size()) + 1 >= g.approvals_required; }

void CheckApprover(const Grant& g, const Caller& approver, const Program& program) {
  if (approver.subject == g.submitted_by) {
    Throw(ErrorCode::kPermissionDenied, "id", "the applicant of a grant may not approve it");
  }
  for (const auto& a : g.approvals) {
    if (a.approver == approver.subject)
      Throw(ErrorCode::kFailedPrecondition, "id", "this principal has approved the grant already");
  }
  if (IsFinalApproval(g) && !approver.Reaches(program.division_code)) {
    Throw(ErrorCode::kPermissionDenied, "id",
          "the final approval needs a principal whose reach covers the program's division");
  }
}

std::string RequireReason(const std::string& note) {
  CheckNote(note, true);
  return note;
}

const char* GrantStateName(GrantState s) {
  static const char* kNames[] = {"",         "submitted", "partly approved", "approved", "disbursed",
                                 "rejected", "cancelled", "reversed",        "sent"};
  int i = static_cast<int>(s);
  return i >= 1 && i <= 8 ? kNames[i] : "unknown";
}

}  // namespace carehub::funds
