#pragma once
// The grants table, declared once; usage counters and benefit-class caps beside it.
#include <optional>
#include <string>
#include <vector>

#include "common/db/in_reach.h"
#include "common/db/record_table.h"
#include "services/funds/domain/grant.h"

namespace carehub::funds::store {

const db::RecordTable<Grant>& Grants();

// Approvals as their JSON column holds them (grants, batches).
std::string ApprovalsText(const std::vector<Approval>& approvals);
std::vector<Approval> ApprovalsFrom(const std::string& text);

struct GrantFilter {
  std::string program_id{};
  int state = 0;
  std::string beneficiary_id{};
};
db::Filter ToSql(const GrantFilter& f);

// Σ held and Σ spent of a program's grants (approved; disbursed), for reconciliation.
struct GrantTotals {
  int64_t held_fen = 0, spent_fen = 0;
};
GrantTotals TotalsOf(db::Tx& tx, const std::string& program_id);

// One limit on a person: at most `max_grants` grants and `max_fen` fen (0: no bound) within
// `scope` ("program:<id>", "class:<benefit class>") and `period` (a year, or "all").
struct UsageLimit {
  std::string scope;
  std::string period;
  int max_grants = 0;
  int64_t max_fen = 0;
};
// Counts one grant of `amount_fen` against the limit in one conditional update: FAILED_PRECONDITION
// on beneficiary_id when it would pass the limit, whatever else runs concurrently.
void CountUsage(db::Tx& tx, const std::string& beneficiary_id, const UsageLimit& limit, int64_t amount_fen);
// Takes a grant back off the count (cancelled after approval, reversed).
void UncountUsage(db::Tx& tx, const std::string& beneficiary_id, const UsageLimit& limit, int64_t amount_fen);
// Whether one more grant would still fit (the early, non-binding check at submission).
bool UsageFits(db::Tx& tx, const std::string& beneficiary_id, const UsageLimit& limit, int64_t amount_fen);

std::optional<BenefitClassCap> CapOf(db::Tx& tx, const std::string& benefit_class);
void SetCap(db::Tx& tx, const BenefitClassCap& cap);

}  // namespace carehub::funds::store
