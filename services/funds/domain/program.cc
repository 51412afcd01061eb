#include "services/funds/domain/program.h"

#include <algorithm>

#include "common/money.h"
#include "common/reach.h"
#include "common/resident_id.h"
#include "common/text.h"

namespace carehub::funds {
namespace {

// Program codes are what staff type and file by: letters, digits, '-' and '_', 2 to 40 long.
bool IsProgramCode(std::string_view code) {
  if (code.size() < 2 || code.size() > 40) return false;
  return std::all_of(code.begin(), code.end(), [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '_'; });
}

// A benefit class is a short token shared across programs: lower-case letters and '_'.
bool IsBenefitClass(std::string_view c) {
  if (c.empty() || c.size() > 32) return false;
  return std::all_of(c.begin(), c.end(), [](unsigned char ch) { return (ch >= 'a' && ch <= 'z') || ch == '_'; });
}

std::chrono::year_month_day Date(const std::string& field, const std::string& value) {
  auto d = ParseDate(value);
  if (!d) ThrowInvalid(field, "must be a real date as YYYY-MM-DD");
  return *d;
}

void CheckEligibility(const Eligibility& e, const std::string& p) {
  for (const auto& c : e.any_of_categories) {
    if (!IsBenefitClass(c)) ThrowInvalid(p + "any_of_categories", "holds a value that is not a registry category");
  }
  for (auto [age, field] : {std::pair{e.min_age, "min_age"}, {e.max_age, "max_age"}}) {
    if (age && (*age < 0 || *age > 150)) ThrowInvalid(p + field, "must be 0 to 150");
  }
  if (e.min_age && e.max_age && *e.max_age < *e.min_age) ThrowInvalid(p + "max_age", "must not be below min_age");
}

std::vector<ApprovalBand> CheckBands(std::vector<ApprovalBand> bands, const std::string& field) {
  if (bands.empty()) return {{0, 1}};  // one approval for any amount unless the program says otherwise
  for (const auto& b : bands) {
    if (b.approvals < 1 || b.approvals > kMaxApprovals) ThrowInvalid(field, "approvals must be 1 to 5");
    if (b.up_to_fen < 0 || b.up_to_fen > kMaxFen)
      ThrowInvalid(field, "up_to_fen must be 0 (any amount) or a positive amount");
  }
  // Bounded bands in ascending order, the open-ended one (0) last.
  std::stable_sort(bands.begin(), bands.end(), [](const ApprovalBand& a, const ApprovalBand& b) {
    if ((a.up_to_fen == 0) != (b.up_to_fen == 0)) return b.up_to_fen == 0;
    return a.up_to_fen < b.up_to_fen;
  });
  for (size_t i = 1; i < bands.size(); ++i) {
    if (bands[i].up_to_fen != 0 && bands[i].up_to_fen == bands[i - 1].up_to_fen)
      ThrowInvalid(field, "names one bound twice");
    if (bands[i].approvals < bands[i - 1].approvals)
      ThrowInvalid(field, "a larger amount may not need fewer approvals");
  }
  if (bands.back().up_to_fen != 0) ThrowInvalid(field, "the last band must cover any amount (up_to_fen 0)");
  if (bands.size() > 1 && bands[bands.size() - 2].up_to_fen == 0)
    ThrowInvalid(field, "has more than one open-ended band");
  return bands;
}

}  // namespace

ProgramTerms ValidateProgram(const ProgramApplication& a, const std::string& p) {
  ProgramTerms t;
  if (!IsProgramCode(a.code)) ThrowInvalid(p + "code", "must be 2 to 40 letters, digits, '-' or '_'");
  t.code = a.code;
  if (auto why = text::CheckName(a.name, 100)) ThrowInvalid(p + "name", *why);
  t.name = a.name;
  if (a.funding_source < 1 || a.funding_source > 5)
    ThrowInvalid(p + "funding_source", "is required (FUNDING_SOURCE_…)");
  t.funding_source = static_cast<FundingSource>(a.funding_source);
  if (!IsDivisionCode(a.division_code)) ThrowInvalid(p + "division_code", "must be a 12-digit division code");
  t.division_code = a.division_code;
  if (a.beneficiary_kind != 1 && a.beneficiary_kind != 2) {
    ThrowInvalid(p + "beneficiary_kind", "must be BENEFICIARY_KIND_CHILD or BENEFICIARY_KIND_WOMAN");
  }
  t.beneficiary_kind = static_cast<BeneficiaryKind>(a.beneficiary_kind);
  if (!IsBenefitClass(a.benefit_class))
    ThrowInvalid(p + "benefit_class", "must be a short token such as cancer_relief");
  t.benefit_class = a.benefit_class;
  t.opens_on = Date(p + "opens_on", a.opens_on);
  t.closes_on = Date(p + "closes_on", a.closes_on);
  if (std::chrono::sys_days{t.closes_on} < std::chrono::sys_days{t.opens_on}) {
    ThrowInvalid(p + "closes_on", "is before opens_on");
  }
  if (a.amount_rule != 1 && a.amount_rule != 2) ThrowInvalid(p + "amount_rule", "must be AMOUNT_RULE_FIXED or _CAPPED");
  t.amount_rule = static_cast<AmountRule>(a.amount_rule);
  t.amount_fen = CheckAmountFen(a.amount_fen, p + "amount_fen");
  CheckEligibility(a.eligibility, p + "eligibility.");
  t.eligibility = a.eligibility;
  if (a.limit.max_grants < 0 || a.limit.max_grants > 1000)
    ThrowInvalid(p + "limit.max_grants", "must be 0 (no limit) to 1000");
  t.limit = a.limit;
  t.approval_bands = CheckBands(a.approval_bands, p + "approval_bands");
  return t;
}

const char* StateName(ProgramState s) {
  switch (s) {
    case ProgramState::kDraft:
      return "draft";
    case ProgramState::kOpen:
      return "open";
    case ProgramState::kClosed:
      return "closed";
  }
  return "unknown";
}

const char* FundingSourceName(FundingSource s) {
  static const char* kNames[] = {"", "central", "provincial", "municipal", "district", "donation"};
  int i = static_cast<int>(s);
  return i >= 1 && i <= 5 ? kNames[i] : "";
}

ProgramState NextState(ProgramState current, ProgramState wanted) {
  bool allowed = (current == ProgramState::kDraft && wanted == ProgramState::kOpen) ||
                 (current == ProgramState::kOpen && wanted == ProgramState::kClosed);
  if (!allowed) {
    Throw(ErrorCode::kFailedPrecondition, "id",
          std::string("the program is ") + StateName(current) + "; it cannot become " + StateName(wanted));
  }
  return wanted;
}

BenefitClassCap ValidateCap(const BenefitClassCap& cap) {
  if (!IsBenefitClass(cap.benefit_class))
    ThrowInvalid("cap.benefit_class", "must be a short token such as holiday_condolence");
  if (cap.max_grants_per_year < 0 || cap.max_grants_per_year > 1000) {
    ThrowInvalid("cap.max_grants_per_year", "must be 0 (no bound) to 1000");
  }
  if (cap.max_fen_per_year < 0 || cap.max_fen_per_year > kMaxFen) {
    ThrowInvalid("cap.max_fen_per_year", "must be 0 (no bound) or a positive amount");
  }
  return cap;
}

int ApprovalsNeeded(const std::vector<ApprovalBand>& bands, int64_t amount_fen) {
  for (const auto& b : bands) {
    if (b.up_to_fen == 0 || amount_fen <= b.up_to_fen) return b.approvals;
  }
  return kMaxApprovals;  // unreachable for validated bands: the last one covers any amount
}

}  // namespace carehub::funds
