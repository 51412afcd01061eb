#pragma once
// A report's period: a year, a quarter, a month or a range of China dates, and the periods it is
// compared with (the one before, of the same length; the same one a year before). Plain C++.
#include <chrono>
#include <string>

namespace carehub::reports {

enum class PeriodKind { kYear = 1, kQuarter, kMonth, kRange };

struct PeriodSpec {
  PeriodKind kind = PeriodKind::kYear;
  int year = 0, quarter = 0, month = 0;
  std::string from{}, to{};  // kRange
};

struct DateRange {
  std::chrono::year_month_day from, to;  // inclusive
  std::string From() const;              // YYYY-MM-DD
  std::string To() const;
  bool operator==(const DateRange&) const = default;
};

// INVALID_ARGUMENT on period.kind / period.year / period.quarter / period.month / period.from /
// period.to for what does not make a period (a range longer than ten years, reversed, …).
DateRange Resolve(const PeriodSpec& p);
// The period just before: the previous year, quarter or month; for a range, as many days ending
// the day before it starts.
DateRange Previous(const PeriodSpec& p, const DateRange& r);
// The same dates a year earlier (29 February becomes the 28th).
DateRange YearAgo(const DateRange& r);

}  // namespace carehub::reports
