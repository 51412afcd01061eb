#pragma once
// The budget journal's rules: which accounts exist, which movement goes where, and which
// balances may never go below zero. Like a TigerBeetle transfer, a movement debits one account
// and credits another by the same amount; unlike a ledger that checks balances afterwards, the
// debit's own update refuses to overdraw (store/ledger_rows), so concurrent approvals on any
// number of replicas cannot overspend. Plain C++: no gRPC, no SQL.
#include <cstdint>
#include <string>

#include "services/funds/domain/program.h"

namespace carehub::funds {

enum class EntryKind { kAllocate = 1, kTransfer, kHold, kRelease, kDisburse, kReverse };
enum class AccountKind { kAvailable, kHeld, kSpent };

// "source:central" …: what each funding source has given out (its balance is the negative of
// that, the only balances allowed below zero).
std::string SourceAccount(FundingSource s);
// "<program id>:available|held|spent".
std::string ProgramAccount(const std::string& program_id, AccountKind k);
bool IsSourceAccount(const std::string& account);

// One movement, ready to post.
struct Movement {
  EntryKind kind = EntryKind::kAllocate;
  std::string from_account;
  std::string to_account;
  int64_t amount_fen = 0;
  std::string program_id;        // the program the entry belongs to (a transfer's receiver)
  std::string other_program_id;  // a transfer's giver
  std::string grant_id;
  std::string reason;
  std::string division_code;        // the program's owning division
  std::string other_division_code;  // the giver's, for a transfer
};

// A posted movement: the journal's entry.
struct LedgerEntry : Movement {
  std::string id;
  std::string actor;
  std::string trace_id;
  std::string posted_at;
};

// source → program available. INVALID_ARGUMENT on amount_fen / reason; FAILED_PRECONDITION
// into a closed program.
Movement Allocation(const Program& p, int64_t amount_fen, const std::string& reason);
// program available → program available: out of any program (a closed program's leftover
// moves back out), into one that is not closed. INVALID_ARGUMENT for a transfer to itself or
// without a reason.
Movement Transfer(const Program& from, const Program& to, int64_t amount_fen, const std::string& reason);

// A grant's own movements: hold (available → held, at final approval), release (held →
// available, an approved grant cancelled), disburse (held → spent), reverse (spent → available).
Movement GrantMovement(EntryKind kind, const Program& p, const std::string& grant_id, int64_t amount_fen,
                       const std::string& reason);

const char* EntryKindName(EntryKind k);  // "allocate", …

}  // namespace carehub::funds
