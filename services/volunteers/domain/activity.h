#pragma once
// An activity (a visit day, a talk, a screening) and its sign-ups: the state machine, when
// sign-ups open and close, who may take a place, and attendance. Plain C++: no gRPC, no SQL;
// instants are seconds since the epoch (common/instant.h).
#include <cstdint>
#include <string>

#include "common/errors.h"
#include "services/volunteers/domain/volunteer.h"

namespace carehub::volunteers {

enum class ActivityType {
  kChildCareVisit = 1,
  kElderCare,
  kLegalAwareness,
  kDrowningPrevention,
  kHealthScreening,
  kFamilyEducation,
  kOther
};
inline constexpr int kActivityTypes = 7;
enum class ActivityState { kPlanned = 1, kOpen = 2, kCompleted = 3, kCancelled = 4 };

inline constexpr int kMaxCapacity = 10000;
inline constexpr int64_t kMaxActivitySeconds = 7 * 86400;
// A check-in may be recorded up to this long before the start (arriving early is credited
// from the start); earlier is a mistake.
inline constexpr int64_t kEarliestCheckInSeconds = 12 * 3600;
// Clock difference tolerated between a phone and the server.
inline constexpr int64_t kClockSkewSeconds = 120;

// An activity as a caller describes one, unchecked (times as RFC 3339 text).
struct ActivityPlan {
  std::string title;
  int type = 0;
  std::string division_code;
  std::string starts_at, ends_at;
  std::string location;
  int64_t capacity = 0;
  std::string team_id;
};

struct ActivityTerms {
  std::string title;
  ActivityType type = ActivityType::kOther;
  std::string division_code;
  int64_t starts_at = 0, ends_at = 0;
  std::string location;
  int capacity = 0;
  std::string team_id;
};
// INVALID_ARGUMENT on activity.<field>: title, type, division, times (end after start, at most
// 7 days), location, capacity 1..10000, team id.
ActivityTerms ValidateActivity(const ActivityPlan& p);

struct Activity : ActivityTerms {
  std::string id;
  ActivityState state = ActivityState::kPlanned;
  int signed_up = 0, waitlisted = 0;
  int64_t queue_seq = 0;  // the last queue number given to a sign-up: the waitlist's order
  std::string check_in_code;
  int64_t version = 1;
  std::string created_at, created_by;

  int64_t seconds() const { return ends_at - starts_at; }
};

const char* ActivityStateName(ActivityState s);
// planned → open (before the start) → completed (after the start); planned or open → cancelled.
// FAILED_PRECONDITION on "id" otherwise.
ActivityState NextActivityState(const Activity& a, ActivityState wanted, int64_t now);

enum class SignUpState { kSignedUp = 1, kWaitlisted = 2, kCancelled = 3, kNoShow = 4, kAttended = 5 };

struct SignUp {
  std::string id;
  std::string activity_id, volunteer_id;
  std::string division_code;  // the activity's
  SignUpState state = SignUpState::kSignedUp;
  int64_t queue_no = 0;
  int64_t checked_in_at = 0, checked_out_at = 0;  // 0: not yet
  int credited_minutes = 0;
  int64_t version = 1;
  std::string created_at, created_by;
  int waitlist_position = 0;  // derived when read: 1-based while waitlisted

  bool Holds() const { return state == SignUpState::kSignedUp || state == SignUpState::kWaitlisted; }
};

// Whether `v` may sign up for `a` at `now`: the activity open and not started, the volunteer
// active and not blocked by no-shows (`no_show_limit`). FAILED_PRECONDITION naming why.
void CheckMaySignUp(const Activity& a, const Volunteer& v, int no_show_limit, int64_t now);
// A place or waitlist entry may be given up until the start.
void CheckMayCancel(const Activity& a, const SignUp& s, int64_t now);
// Check-in at `at` (≤ now): the activity open, the volunteer signed up and not checked in,
// `at` no earlier than 12 h before the start and before the end.
void CheckMayCheckIn(const Activity& a, const SignUp& s, int64_t at, int64_t now);
// Check-out at `at` (≤ now): checked in, not out, and not before the check-in.
void CheckMayCheckOut(const Activity& a, const SignUp& s, int64_t at, int64_t now);

}  // namespace carehub::volunteers
