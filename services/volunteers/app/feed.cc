#include "services/volunteers/app/feed.h"

#include "common/instant.h"
#include "common/log.h"
#include "common/resident_id.h"
#include "services/volunteers/store/feed_rows.h"

namespace carehub::volunteers {
Caller FeedCaller() { return Caller{"carehub-volunteers", {std::string(role::kIntegration)}, "", "feed"}; }

FeedFollower::FeedFollower(db::Database& db, const CareApp& care, const PersonChangeSource& source, Clock now)
    : db_(db), care_(care), source_(source), now_(std::move(now)) {}

FeedFollower::~FeedFollower() = default;

int64_t FeedFollower::Cursor() const {
  int64_t c = 0;
  db_.Read([&](db::Tx& tx) { c = store::ReadCursor(tx, kName, false); });
  return c;
}

int FeedFollower::Poll() {
  int64_t cursor = Cursor();
  auto changes = source_.After(cursor, 500);
  std::string today = FormatDate(ChinaDateOf(now_()));
  Caller self = FeedCaller();
  int applied = 0;
  for (const auto& change : changes) {
    if (change.seq != cursor + 1) {
      // A hole: a transaction still open in the registry, or one that rolled back long ago.
      auto at = ParseInstant(change.changed_at);
      if (!at || now_() - *at < kGapGraceSeconds) break;
    }
    // The effects and the cursor commit together: a follower killed here repeats nothing.
    db_.Transact([&](db::Tx& tx) {
      if (store::ReadCursor(tx, kName, true) >= change.seq) return;  // another replica got here first
      if (change.person_type == "child") care_.FollowChildChange(tx, self, change, today);
      store::SaveCursor(tx, kName, change.seq);
    });
    cursor = change.seq;
    ++applied;
  }
  return applied;
}

void FeedFollower::Start(std::chrono::milliseconds interval) {
  task_ = std::make_unique<PeriodicTask>("change feed", interval, [this] { Poll(); });
}

}  // namespace carehub::volunteers
