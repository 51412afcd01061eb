#pragma once
// Following the registry's change feed: a child leaving the registry ends its pairings, a change
// of its risk level or category re-plans its visits. At least once: each poll reads after the
// cursor kept in this service's database and commits the effects of a change together with the
// cursor, so a follower killed anywhere resumes without losing or repeating an effect; the
// effects are idempotent besides, for changes read twice.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/db/database.h"
#include "common/periodic.h"
#include "services/volunteers/app/activities_app.h"  // Clock
#include "services/volunteers/app/care_app.h"

namespace carehub::volunteers {

struct PersonChange {
  int64_t seq = 0;
  std::string person_id, person_type, division_code, field;
  int status = 1;  // 1 active, 2 exited
  int value = 0;
  std::string changed_at;  // RFC 3339
};

// This service acting as itself (following the feed, and what follows from it): an `integration`
// principal over every division, which the registry accepts relayed only from carehub-volunteers.
Caller FeedCaller();

class PersonChangeSource {
 public:
  virtual ~PersonChangeSource() = default;
  // Up to `limit` changes after `seq`, oldest first; DomainError UNAVAILABLE when unreachable.
  virtual std::vector<PersonChange> After(int64_t seq, int limit) const = 0;
};

class FeedFollower {
 public:
  FeedFollower(db::Database& db, const CareApp& care, const PersonChangeSource& source, Clock now);
  ~FeedFollower();

  // Reads and applies what is new; the number of changes applied. Throws what the source throws.
  int Poll();
  // Polls every `interval` on a thread of its own until destroyed (errors logged, then retried).
  void Start(std::chrono::milliseconds interval);
  int64_t Cursor() const;

  static constexpr const char* kName = "registry.person_changes";
  // The registry numbers changes in commit order without holes (its migration 0011); rows
  // numbered by AUTO_INCREMENT before that, or by an older replica during a rolling upgrade, may
  // have holes: one older than this rolled back, a younger one may still commit, so the cursor
  // waits before it.
  static constexpr int64_t kGapGraceSeconds = 60;

 private:
  db::Database& db_;
  const CareApp& care_;
  const PersonChangeSource& source_;
  Clock now_;
  std::unique_ptr<PeriodicTask> task_;  // last: stopped before the rest goes
};

}  // namespace carehub::volunteers
