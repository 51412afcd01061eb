// Periods and what they are compared with.
#include <gtest/gtest.h>

#include "common/errors.h"
#include "services/reports/domain/period.h"

namespace carehub::reports {
namespace {

std::string Text(const DateRange& r) { return r.From() + ".." + r.To(); }

TEST(PeriodTest, YearsQuartersMonthsAndRangesResolveWithTheirPreviousAndYearAgo) {
  PeriodSpec year{PeriodKind::kYear, 2026};
  EXPECT_EQ(Text(Resolve(year)), "2026-01-01..2026-12-31");
  EXPECT_EQ(Text(Previous(year, Resolve(year))), "2025-01-01..2025-12-31");
  PeriodSpec q1{PeriodKind::kQuarter, 2026, 1};
  EXPECT_EQ(Text(Resolve(q1)), "2026-01-01..2026-03-31");
  EXPECT_EQ(Text(Previous(q1, Resolve(q1))), "2025-10-01..2025-12-31");
  PeriodSpec q3{PeriodKind::kQuarter, 2026, 3};
  EXPECT_EQ(Text(Previous(q3, Resolve(q3))), "2026-04-01..2026-06-30");
  PeriodSpec feb{PeriodKind::kMonth, 2024, 0, 2};
  EXPECT_EQ(Text(Resolve(feb)), "2024-02-01..2024-02-29");
  EXPECT_EQ(Text(YearAgo(Resolve(feb))), "2023-02-01..2023-02-28");
  PeriodSpec jan{PeriodKind::kMonth, 2026, 0, 1};
  EXPECT_EQ(Text(Previous(jan, Resolve(jan))), "2025-12-01..2025-12-31");
  PeriodSpec range{PeriodKind::kRange, 0, 0, 0, "2026-04-01", "2026-05-31"};
  EXPECT_EQ(Text(Previous(range, Resolve(range))), "2026-01-30..2026-03-31");
  EXPECT_EQ(Text(YearAgo(Resolve(range))), "2025-04-01..2025-05-31");
}

TEST(PeriodTest, WhatIsNoPeriodIsRefusedNamingTheField) {
  auto field = [](const PeriodSpec& p) {
    try {
      Resolve(p);
    } catch (const DomainError& e) {
      return e.field();
    }
    return std::string("none");
  };
  EXPECT_EQ(field({PeriodKind::kYear, 1899}), "period.year");
  EXPECT_EQ(field({PeriodKind::kQuarter, 2026, 5}), "period.quarter");
  EXPECT_EQ(field({PeriodKind::kMonth, 2026, 0, 13}), "period.month");
  EXPECT_EQ(field({PeriodKind::kRange, 0, 0, 0, "2026-02-30", "2026-03-01"}), "period.from");
  EXPECT_EQ(field({PeriodKind::kRange, 0, 0, 0, "2026-03-01", "2026-02-01"}), "period.to");
  EXPECT_EQ(field({PeriodKind::kRange, 0, 0, 0, "2000-01-01", "2026-01-01"}), "period.to");
}

}  // namespace
}  // namespace carehub::reports
