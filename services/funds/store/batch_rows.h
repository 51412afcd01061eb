#pragma once
// Grant batches and what a batch reads and writes in bulk: the people of a chunk already granted
// in the program, their usage counters, the member keys that make a fill create no one twice,
// and the set-wise moves of a whole batch's grants at approval.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "common/db/record_table.h"
#include "services/funds/domain/batch.h"
#include "services/funds/store/grant_rows.h"

namespace carehub::funds::store {

const db::RecordTable<GrantBatch>& GrantBatches();

// Batches still filling, oldest first (what a runner resumes).
std::vector<std::string> FillingBatchIds(db::Tx& tx);
// Takes the fill of `id` for `owner` until `until` (unix seconds) when nobody else holds it now;
// false when another runner does.
bool ClaimFill(db::Tx& tx, const std::string& id, const std::string& owner, int64_t now, int64_t until);

// Of `beneficiary_ids`, those the program already has a live grant for, or a batch member key
// for in `period`.
std::set<std::string> AlreadyGranted(db::Tx& tx, const std::string& program_id, const std::string& period,
                                     const std::vector<std::string>& beneficiary_ids);
// Usage counters of `beneficiary_ids` under `limit`'s scope and period: grants and fen so far.
struct Usage {
  int64_t grants = 0, fen = 0;
};
std::map<std::string, Usage> UsageOf(db::Tx& tx, const UsageLimit& limit, const std::vector<std::string>& ids);
bool Fits(const UsageLimit& limit, const Usage& used, int64_t amount_fen);

// The member keys of grants a batch creates (duplicate key: another fill got there first, and
// the chunk is run again).
void InsertMembers(db::Tx& tx, const GrantBatch& b, const std::string& period, const std::vector<const Grant*>& grants);

// A batch's grants still waiting for a decision (submitted, partly approved).
struct PendingGrant {
  std::string id, beneficiary_id;
};
std::vector<PendingGrant> PendingOf(db::Tx& tx, const std::string& batch_id);
// Rejects the named pending grants of a batch with `reason`; how many it rejected.
int64_t RejectPending(db::Tx& tx, const std::string& batch_id, const std::vector<std::string>& grant_ids,
                      const std::string& reason, const std::string& at);
// Records one more approval on every pending grant of the batch; `final` approves them.
int64_t ApprovePending(db::Tx& tx, const GrantBatch& b, bool final, const std::string& at);
// Counts every pending grant of the batch (each of `amount_fen`) against `limit` in bulk, with the
// bound in the statements; false when any would pass it (the caller rolls back).
bool CountPendingUsage(db::Tx& tx, const std::string& batch_id, const UsageLimit& limit, int64_t amount_fen,
                       int64_t pending);

}  // namespace carehub::funds::store
