#include "services/funds/domain/ledger.h"

#include "common/field_checks.h"
#include "common/money.h"

namespace carehub::funds {
namespace {

constexpr char kSourcePrefix[] = "source:";

std::string CheckReason(const std::string& reason, bool required) {
  CheckRemark("reason", reason, required);
  return reason;
}

// Money goes only into a program that can still use it.
void RequireNotClosed(const Program& p, const std::string& field) {
  if (p.state == ProgramState::kClosed) {
    Throw(ErrorCode::kFailedPrecondition, field, "the program is closed; it takes no new money");
  }
}

}  // namespace

std::string SourceAccount(FundingSource s) { return std::string(kSourcePrefix) + FundingSourceName(s); }

std::string ProgramAccount(const std::string& program_id, AccountKind k) {
  static const char* kSuffix[] = {":available", ":held", ":spent"};
  return program_id + kSuffix[static_cast<int>(k)];
}

bool IsSourceAccount(const std::string& account) { return account.rfind(kSourcePrefix, 0) == 0; }

Movement Allocation(const Program& p, int64_t amount_fen, const std::string& reason) {
  RequireNotClosed(p, "program_id");
  Movement m;
  m.kind = EntryKind::kAllocate;
  m.amount_fen = CheckAmountFen(amount_fen, "amount_fen");
  m.reason = CheckReason(reason, false);
  m.from_account = SourceAccount(p.funding_source);
  m.to_account = ProgramAccount(p.id, AccountKind::kAvailable);
  m.program_id = p.id;
  m.division_code = p.division_code;
  return m;
}

Movement Transfer(const Program& from, const Program& to, int64_t amount_fen, const std::string& reason) {
  if (from.id == to.id) ThrowInvalid("to_program_id", "is the program the money comes from");
  RequireNotClosed(to, "to_program_id");
  Movement m;
  m.kind = EntryKind::kTransfer;
  m.amount_fen = CheckAmountFen(amount_fen, "amount_fen");
  m.reason = CheckReason(reason, true);
  m.from_account = ProgramAccount(from.id, AccountKind::kAvailable);
  m.to_account = ProgramAccount(to.id, AccountKind::kAvailable);
  m.program_id = to.id;
  m.other_program_id = from.id;
  m.division_code = to.division_code;
  m.other_division_code = from.division_code;
  return m;
}

Movement GrantMovement(EntryKind kind, const Program& p, const std::string& grant_id, int64_t amount_fen,
                       const std::string& reason) {
  auto account = [&](AccountKind k) { return ProgramAccount(p.id, k); };
  Movement m;
  m.kind = kind;
  switch (kind) {
    case EntryKind::kHold:
      m.from_account = account(AccountKind::kAvailable), m.to_account = account(AccountKind::kHeld);
      break;
    case EntryKind::kRelease:
      m.from_account = account(AccountKind::kHeld), m.to_account = account(AccountKind::kAvailable);
      break;
    case EntryKind::kDisburse:
      m.from_account = account(AccountKind::kHeld), m.to_account = account(AccountKind::kSpent);
      break;
    case EntryKind::kReverse:
      m.from_account = account(AccountKind::kSpent), m.to_account = account(AccountKind::kAvailable);
      break;
    default:
      throw std::logic_error("not a grant movement");
  }
  m.amount_fen = amount_fen;
  m.program_id = p.id;
  m.grant_id = grant_id;
  m.reason = reason;
  m.division_code = p.division_code;
  return m;
}

const char* EntryKindName(EntryKind k) {
  static const char* kNames[] = {"", "allocate", "transfer", "hold", "release", "disburse", "reverse"};
  int i = static_cast<int>(k);
  return i >= 1 && i <= 6 ? kNames[i] : "";
}

}  // namespace carehub::funds
