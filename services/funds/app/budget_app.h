#pragma once
// The budget's use cases: money into a program from its funding source, between programs, and
// what the books say (balances, the journal, a reconciliation against it).
#include <string>
#include <vector>

#include "common/caller.h"
#include "common/db/database.h"
#include "services/funds/domain/ledger.h"

namespace carehub::funds {

struct BudgetView {
  std::string program_id;
  int64_t available_fen = 0, held_fen = 0, spent_fen = 0, allocated_fen = 0;
};

struct BalanceDifference {
  std::string account;
  int64_t stored_fen = 0, from_journal_fen = 0;
};
struct Reconciliation {
  int programs = 0, accounts = 0;
  int64_t entries = 0;
  std::vector<BalanceDifference> differences;
  int64_t total_allocated_fen = 0, total_in_programs_fen = 0;

  // Σ |stored − expected| over the differences: how far the books are off, in fen.
  int64_t DifferenceFen() const;
};

// A page of the journal: of one program, or of every program in the caller's reach, between
// two China dates (YYYY-MM-DD, inclusive; "" unbounded).
struct JournalQuery {
  std::string program_id;
  std::string posted_from;
  std::string posted_to;
  std::string after_id;
  int limit = 50;
};

class BudgetApp {
 public:
  explicit BudgetApp(db::Database& db) : db_(db) {}

  // source → the program's available balance. NOT_FOUND on program_id outside reach. Audited.
  LedgerEntry Allocate(db::Tx& tx, const Caller& caller, const std::string& program_id, int64_t amount_fen,
                       const std::string& reason) const;
  // one program's available → another's (both in reach; FAILED_PRECONDITION when the giver's
  // available balance does not cover it). Audited in both programs' divisions.
  LedgerEntry Transfer(db::Tx& tx, const Caller& caller, const std::string& from_program_id,
                       const std::string& to_program_id, int64_t amount_fen, const std::string& reason) const;

  BudgetView Budget(const Caller& caller, const std::string& program_id) const;
  std::vector<LedgerEntry> Journal(const Caller& caller, const JournalQuery& q) const;
  // One program, or every program in reach ("" ): stored balances against the journal.
  Reconciliation Reconcile(const Caller& caller, const std::string& program_id) const;

 private:
  db::Database& db_;
};

}  // namespace carehub::funds
