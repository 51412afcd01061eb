#pragma once
// A relief program (项目): who pays for it, who runs it (its owning division), whom it serves and
// how much, and its life: draft → open → closed. Plain C++: no gRPC, no SQL.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/errors.h"

namespace carehub::funds {

enum class FundingSource { kCentral = 1, kProvincial, kMunicipal, kDistrict, kDonation };
enum class BeneficiaryKind { kChild = 1, kWoman = 2 };
enum class ProgramState { kDraft = 1, kOpen = 2, kClosed = 3 };
enum class AmountRule { kFixed = 1, kCapped = 2 };

struct Eligibility {
  std::vector<std::string> any_of_categories;  // empty: any
  std::optional<int> min_age;
  std::optional<int> max_age;
  bool requires_cancer_patient = false;
};

struct GrantLimit {
  int max_grants = 0;  // 0: no limit
  bool per_calendar_year = false;
};

struct ApprovalBand {
  int64_t up_to_fen = 0;  // 0: any amount (the last band)
  int approvals = 1;
};

inline constexpr int kMaxApprovals = 5;

// A program as a caller describes it; enums as raw wire numbers until validated.
struct ProgramApplication {
  std::string code;
  std::string name;
  int funding_source = 0;
  std::string division_code;
  int beneficiary_kind = 0;
  std::string benefit_class;
  std::string opens_on;
  std::string closes_on;
  int amount_rule = 0;
  int64_t amount_fen = 0;
  Eligibility eligibility;
  GrantLimit limit;
  std::vector<ApprovalBand> approval_bands;
};

struct ProgramTerms {
  std::string code;
  std::string name;
  FundingSource funding_source = FundingSource::kDistrict;
  std::string division_code;
  BeneficiaryKind beneficiary_kind = BeneficiaryKind::kChild;
  std::string benefit_class;
  std::chrono::year_month_day opens_on{};
  std::chrono::year_month_day closes_on{};
  AmountRule amount_rule = AmountRule::kFixed;
  int64_t amount_fen = 0;
  Eligibility eligibility;
  GrantLimit limit;
  std::vector<ApprovalBand> approval_bands;  // ordered by up_to_fen, the open-ended band last
};

struct Program : ProgramTerms {
  std::string id;
  ProgramState state = ProgramState::kDraft;
  int64_t version = 1;
  std::string created_at;
  std::string created_by;
};

// The first rule the application breaks (INVALID_ARGUMENT naming the field under `prefix`), or
// the program's terms.
ProgramTerms ValidateProgram(const ProgramApplication& a, const std::string& prefix = "program.");

// draft → open → closed; anything else is FAILED_PRECONDITION naming the current state.
ProgramState NextState(ProgramState current, ProgramState wanted);
const char* StateName(ProgramState s);
const char* FundingSourceName(FundingSource s);  // "central", …

// At most this many grants or fen per person per calendar year in a benefit class, whichever
// program pays (0: no bound).
struct BenefitClassCap {
  std::string benefit_class;
  int max_grants_per_year = 0;
  int64_t max_fen_per_year = 0;
};
BenefitClassCap ValidateCap(const BenefitClassCap& cap);  // INVALID_ARGUMENT naming cap.… fields

// How many distinct approvals a grant of `amount_fen` needs under these bands.
int ApprovalsNeeded(const std::vector<ApprovalBand>& bands, int64_t amount_fen);

}  // namespace carehub::funds
