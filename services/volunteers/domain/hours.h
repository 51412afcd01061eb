#pragma once
// Certified service hours: what an attendance earns, and the append-only ledger of entries
// (claimed → confirmed, or disputed → resolved; corrections are adjustments, never edits).
// Plain C++: no gRPC, no SQL.
#include <cstdint>
#include <string>
#include <vector>

#include "common/errors.h"

namespace carehub::volunteers {

struct Span {
  int64_t from = 0, to = 0;  // seconds since the epoch, [from, to)
};

// What one attendance earns: its overlap with the activity's time (early arrival counts from the
// start, late departure to the end), less time already credited to the same volunteer on another
// activity, so no minute is counted twice. Whole minutes, rounded down; never negative, never more
// than the activity lasted. `span` is the credited envelope (empty when nothing is earned).
struct Credit {
  Span span;
  int minutes = 0;
};
Credit CreditAttendance(Span activity, Span attended, const std::vector<Span>& already_credited);

enum class HoursKind { kAttendance = 1, kAdjustment = 2 };
enum class HoursState { kClaimed = 1, kConfirmed = 2, kDisputed = 3, kResolved = 4 };

struct HoursEntry {
  std::string id;
  std::string volunteer_id, activity_id, signup_id, team_id;
  std::string division_code;  // the activity's
  HoursKind kind = HoursKind::kAttendance;
  HoursState state = HoursState::kClaimed;
  int minutes = 0;
  int64_t credited_from = 0, credited_to = 0;
  std::string service_date;  // YYYY-MM-DD in China: the activity's start
  bool check_out_missing = false;
  std::string adjusts_entry_id;
  std::string reason;
  std::string created_at, created_by, decided_at, decided_by;
  int64_t version = 1;
};

const char* HoursStateName(HoursState s);
// claimed → confirmed; claimed or confirmed → disputed; disputed → resolved. Adjustments are
// confirmed when made and never change. FAILED_PRECONDITION on "id" otherwise.
HoursState NextHoursState(const HoursEntry& e, HoursState wanted);
// An adjustment: non-zero and no larger than the activity (INVALID_ARGUMENT on `field`).
void CheckAdjustment(const std::string& field, int64_t minutes, int64_t activity_seconds);
// What a dispute resolves to: 0..the activity's length (INVALID_ARGUMENT on final_minutes).
void CheckFinalMinutes(int64_t minutes, int64_t activity_seconds);

}  // namespace carehub::volunteers
