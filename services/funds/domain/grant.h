#pragma once
// A grant application (救助申请) and its life: submitted → approvals → approved (the amount held)
// → disbursed, or rejected, cancelled, reversed. Who may decide, who may receive, how much.
// Plain C++: no gRPC, no SQL.
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "common/caller.h"
#include "common/clients/beneficiary_directory.h"
#include "services/funds/domain/program.h"

namespace carehub::funds {

// kSent: in a payment file the bank has; its result makes it disbursed, or approved again.
enum class GrantState {
  kSubmitted = 1,
  kPartlyApproved,
  kApproved,
  kDisbursed,
  kRejected,
  kCancelled,
  kReversed,
  kSent
};
enum class PaymentChannel { kCash = 1, kBankTransfer, kGoods };
enum class Decision { kApprove, kReject, kDisburse, kCancel, kReverse };

// The registry's facts a decision was made on, as of `taken_at`.
struct BeneficiarySnapshot {
  BeneficiaryKind kind = BeneficiaryKind::kChild;
  bool active = false;
  std::vector<std::string> categories;
  std::string division_code;
  std::string birth_date;
  int age = 0;  // on the application date
  bool cancer_patient = false;
  std::string taken_at;
};

struct Approval {
  std::string approver, approved_at, note;
};

// Who a bank transfer pays, as given at submission: the account number sealed with the PII key
// and kept masked beside it.
struct Payee {
  std::string account_name, bank, account_cipher, account_masked;
  bool empty() const { return account_cipher.empty(); }
};

struct Grant {
  std::string id;
  std::string program_id;
  std::string beneficiary_id;
  int64_t amount_fen = 0;
  std::string note;
  GrantState state = GrantState::kSubmitted;
  std::string division_code;  // the beneficiary's: whose reach sees the grant
  std::chrono::year_month_day applied_on{};
  std::string submitted_by, submitted_at;
  int approvals_required = 1;
  std::vector<Approval> approvals;
  BeneficiarySnapshot snapshot;
  PaymentChannel channel = PaymentChannel::kCash;
  std::string payment_reference, disbursed_at, disbursed_by;
  std::string reason;
  int64_t version = 1;
  Payee payee;
  std::string goods;  // goods of this description; amount_fen is their value
  std::string batch_id;
  std::string payment_batch_id;
  std::string approved_at;  // the final approval (RFC 3339)
  std::string closed_at;    // rejected, cancelled or reversed (RFC 3339)
};

BeneficiarySnapshot SnapshotOf(const BeneficiaryFacts& f, std::chrono::year_month_day applied_on,
                               const std::string& taken_at);

// Why a person gets no grant (a batch counts them by reason).
enum class SkipReason {
  kNone = 0,
  kInactive,
  kCategory,
  kAge,
  kScreening,
  kProgramLimit,    // the program's grants per person are used up
  kClassCap,        // the benefit class's cap across programs is reached
  kAlreadyGranted,  // the program has a live grant for the person already
  kOutsideDivision,
  kKind,
  kCount
};
const char* SkipReasonName(SkipReason r);  // "inactive", …

struct Ineligibility {
  SkipReason reason = SkipReason::kNone;
  const char* why = "";  // for the caller: the rule the person fails
};
// Who may receive from `program` by the registry's facts: kind, active, inside the program's
// division, categories, age on the application date, cancer patient.
Ineligibility WhyIneligible(const Program& program, const BeneficiarySnapshot& s);
// The same as FAILED_PRECONDITION on beneficiary_id naming the rule the person fails.
void CheckEligible(const Program& program, const BeneficiarySnapshot& s);
// The program takes applications on `day`: open, and between its dates (FAILED_PRECONDITION).
void CheckTakesApplications(const Program& program, std::chrono::year_month_day day);
// What a grant pays: a fixed program its amount (a request may name it, or 0); a capped one the
// amount asked, 1 fen up to the cap. INVALID_ARGUMENT on amount_fen otherwise.
int64_t GrantAmount(const Program& program, int64_t requested_fen);

// The state a decision leads to; FAILED_PRECONDITION naming the current state when the
// decision does not apply to it. An approval leads to approved when `final_approval`.
GrantState After(GrantState current, Decision d, bool final_approval);
// Four eyes: the applicant never approves, nobody approves twice, and the final approval comes
// from a principal whose reach covers the program's owning division.
void CheckApprover(const Grant& g, const Caller& approver, const Program& program);
bool IsFinalApproval(const Grant& g);  // this approval would complete the count
// A rejection, cancellation or reversal says why (INVALID_ARGUMENT on note otherwise).
std::string RequireReason(const std::string& note);

const char* GrantStateName(GrantState s);

}  // namespace carehub::funds
