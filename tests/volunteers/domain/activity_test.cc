// The activity state machine and the sign-up and attendance rules, as plain rules.
#include "services/volunteers/domain/activity.h"

#include <gtest/gtest.h>

#include "common/instant.h"
#include "common/resident_id.h"

namespace carehub::volunteers {
namespace {

Activity OpenAt(int64_t start) {
  Activity a;
  a.state = ActivityState::kOpen;
  a.starts_at = start;
  a.ends_at = start + 7200;
  return a;
}

TEST(ActivityStates, OpenBeforeTheStartCompleteAfterItCancelUntilDone) {
  Activity a = OpenAt(1000);
  a.state = ActivityState::kPlanned;
  EXPECT_EQ(NextActivityState(a, ActivityState::kOpen, 999), ActivityState::kOpen);
  EXPECT_THROW(NextActivityState(a, ActivityState::kOpen, 1000), DomainError);
  EXPECT_THROW(NextActivityState(a, ActivityState::kCompleted, 2000), DomainError);
  a.state = ActivityState::kOpen;
  EXPECT_THROW(NextActivityState(a, ActivityState::kCompleted, 999), DomainError);
  EXPECT_EQ(NextActivityState(a, ActivityState::kCompleted, 1000), ActivityState::kCompleted);
  EXPECT_EQ(NextActivityState(a, ActivityState::kCancelled, 5000), ActivityState::kCancelled);
  a.state = ActivityState::kCompleted;
  EXPECT_THROW(NextActivityState(a, ActivityState::kCancelled, 5000), DomainError);
}

TEST(SignUpRules, OnlyActiveUnblockedVolunteersBeforeTheStart) {
  Activity a = OpenAt(1000);
  Volunteer v;
  EXPECT_NO_THROW(CheckMaySignUp(a, v, 3, 999));
  EXPECT_THROW(CheckMaySignUp(a, v, 3, 1000), DomainError);
  v.no_show_count = 3;
  EXPECT_THROW(CheckMaySignUp(a, v, 3, 999), DomainError);
  EXPECT_NO_THROW(CheckMaySignUp(a, v, 0, 999));  // 0: no limit
  v.no_show_count = 0;
  v.status = VolunteerStatus::kSuspended;
  EXPECT_THROW(CheckMaySignUp(a, v, 3, 999), DomainError);
}

TEST(AttendanceRules, CheckInWindowAndCheckOutOrder) {
  Activity a = OpenAt(100'000);
  SignUp s;
  EXPECT_NO_THROW(CheckMayCheckIn(a, s, 100'000 - kEarliestCheckInSeconds, 200'000));
  EXPECT_THROW(CheckMayCheckIn(a, s, 100'000 - kEarliestCheckInSeconds - 1, 200'000), DomainError);
  EXPECT_THROW(CheckMayCheckIn(a, s, a.ends_at, 200'000), DomainError);
  EXPECT_THROW(CheckMayCheckIn(a, s, 100'500, 100'000), DomainError);  // in the future
  s.checked_in_at = 100'600;
  EXPECT_THROW(CheckMayCheckOut(a, s, 100'599, 200'000), DomainError);
  EXPECT_NO_THROW(CheckMayCheckOut(a, s, 100'600, 200'000));
}

TEST(Instants, Rfc3339WithAnOffsetOnly) {
  auto t = ParseInstant("2026-12-05T09:00:00+08:00");
  ASSERT_TRUE(t);
  EXPECT_EQ(*t, *ParseInstant("2026-12-05T01:00:00Z"));
  EXPECT_EQ(*ParseInstant("2026-12-05T01:00:00.250Z"), *t);
  EXPECT_EQ(FormatInstantChina(*t), "2026-12-05T09:00:00+08:00");
  EXPECT_FALSE(ParseInstant("2026-12-05T09:00:00"));
  EXPECT_FALSE(ParseInstant("2026-02-30T09:00:00+08:00"));
  EXPECT_FALSE(ParseInstant("2026-12-05T24:00:00+08:00"));
  EXPECT_EQ(FormatDate(ChinaDateOf(*ParseInstant("2026-12-05T23:30:00+08:00"))), "2026-12-05");
  EXPECT_EQ(FormatDate(ChinaDateOf(*ParseInstant("2026-12-05T16:30:00Z"))), "2026-12-06");
}

}  // namespace
}  // namespace carehub::volunteers
