// What an attendance earns, and the ledger's states, as plain rules.
#include "services/volunteers/domain/hours.h"

#include <gtest/gtest.h>

namespace carehub::volunteers {
namespace {

constexpr int64_t kStart = 1'000'000, kEnd = kStart + 7200;  // a two-hour activity
const Span kActivity{kStart, kEnd};

TEST(CreditAttendance, EarlyArrivalCountsFromTheStartAndLateDepartureToTheEnd) {
  auto c = CreditAttendance(kActivity, {kStart - 3600, kEnd + 3600}, {});
  EXPECT_EQ(c.minutes, 120);
  EXPECT_EQ(c.span.from, kStart);
  EXPECT_EQ(c.span.to, kEnd);
}

TEST(CreditAttendance, PartialAttendanceIsRoundedDownToWholeMinutes) {
  EXPECT_EQ(CreditAttendance(kActivity, {kStart + 59, kStart + 59 + 60 * 30 + 59}, {}).minutes, 30);
  EXPECT_EQ(CreditAttendance(kActivity, {kStart, kStart + 59}, {}).minutes, 0);
}

TEST(CreditAttendance, AttendanceOutsideTheActivityOrBackwardsEarnsNothing) {
  EXPECT_EQ(CreditAttendance(kActivity, {kEnd, kEnd + 3600}, {}).minutes, 0);
  EXPECT_EQ(CreditAttendance(kActivity, {kStart - 7200, kStart}, {}).minutes, 0);
  EXPECT_EQ(CreditAttendance(kActivity, {kStart + 600, kStart + 300}, {}).minutes, 0);
}

TEST(CreditAttendance, TimeAlreadyCreditedElsewhereIsNotCountedTwice) {
  // Credited 00:30–01:00 and 01:30–03:00 on other activities: only 00:00–00:30 and 01:00–01:30 remain.
  std::vector<Span> other = {{kStart + 5400, kEnd + 3600}, {kStart + 1800, kStart + 3600}};
  auto c = CreditAttendance(kActivity, {kStart, kEnd}, other);
  EXPECT_EQ(c.minutes, 60);
  EXPECT_EQ(CreditAttendance(kActivity, {kStart, kEnd}, {{kStart - 10, kEnd + 10}}).minutes, 0);
}

TEST(HoursStates, ClaimsAreConfirmedOrDisputedAndDisputesResolved) {
  HoursEntry e;
  EXPECT_EQ(NextHoursState(e, HoursState::kConfirmed), HoursState::kConfirmed);
  EXPECT_EQ(NextHoursState(e, HoursState::kDisputed), HoursState::kDisputed);
  EXPECT_THROW(NextHoursState(e, HoursState::kResolved), DomainError);
  e.state = HoursState::kConfirmed;
  EXPECT_EQ(NextHoursState(e, HoursState::kDisputed), HoursState::kDisputed);
  EXPECT_THROW(NextHoursState(e, HoursState::kConfirmed), DomainError);
  e.state = HoursState::kDisputed;
  EXPECT_EQ(NextHoursState(e, HoursState::kResolved), HoursState::kResolved);
  e.kind = HoursKind::kAdjustment;
  e.state = HoursState::kConfirmed;
  EXPECT_THROW(NextHoursState(e, HoursState::kDisputed), DomainError);
}

TEST(HoursStates, AdjustmentsAreNonZeroAndNoLargerThanTheActivity) {
  EXPECT_THROW(CheckAdjustment("minutes", 0, 7200), DomainError);
  EXPECT_THROW(CheckAdjustment("minutes", 121, 7200), DomainError);
  EXPECT_THROW(CheckAdjustment("minutes", -121, 7200), DomainError);
  EXPECT_NO_THROW(CheckAdjustment("minutes", -120, 7200));
}

}  // namespace
}  // namespace carehub::volunteers
