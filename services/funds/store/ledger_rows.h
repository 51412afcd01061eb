#pragma once
// Accounts and the journal. Posting a movement updates the two balances and appends the entry
// in the caller's transaction; the debit is a conditional update, so a balance that would go
// below zero refuses the whole movement (FAILED_PRECONDITION) whatever runs concurrently.
#include <map>
#include <string>
#include <vector>

#include "common/db/database.h"
#include "common/db/in_reach.h"
#include "services/funds/domain/ledger.h"

namespace carehub::funds::store {

// Posts `m` as `entry` (id, actor, trace id and time filled in here) and returns it.
LedgerEntry Post(db::Tx& tx, const Movement& m, const std::string& actor, const std::string& trace_id);

// Stored balances of the named accounts (missing ones are absent from the map).
std::map<std::string, int64_t> Balances(db::Tx& tx, const std::vector<std::string>& accounts);
// Balances of the same accounts recomputed from the journal: Σ in − Σ out.
std::map<std::string, int64_t> JournalBalances(db::Tx& tx, const std::vector<std::string>& accounts);
// Σ of a program's entries of `kind` into (sign +1) or out of (−1) its available account.
int64_t SumInto(db::Tx& tx, const std::string& program_id, EntryKind kind);
int64_t SumOutOf(db::Tx& tx, const std::string& program_id, EntryKind kind);
int64_t CountEntries(db::Tx& tx, const std::vector<std::string>& program_ids);

// A page of entries, oldest first: of one program (as receiver or giver), or of every program
// inside `reach`; `posted_from`/`posted_to` bound posted_at (RFC 3339 prefixes, "" unbounded).
struct EntryQuery {
  std::string program_id;
  std::string reach;
  std::string posted_from;
  std::string posted_before;
  std::string after_id;
  int limit = 50;
};
std::vector<LedgerEntry> ListEntries(db::Tx& tx, const EntryQuery& q);

}  // namespace carehub::funds::store
