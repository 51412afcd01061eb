#pragma once
// The feed_cursors table: where this service is in another service's change feed. SQL only;
// every function runs on the caller's open transaction.
#include <cstdint>
#include <string>

#include "common/db/database.h"

namespace carehub::volunteers::store {

// The position of feed `name` (0 before the first change). `lock`: held until the transaction
// ends (MySQL), so two replicas following the feed take turns.
int64_t ReadCursor(db::Tx& tx, const std::string& name, bool lock);
void SaveCursor(db::Tx& tx, const std::string& name, int64_t position);

}  // namespace carehub::volunteers::store
