#include "services/reports/domain/period.h"

#include "common/errors.h"
#include "common/resident_id.h"

namespace carehub::reports {
namespace {

using namespace std::chrono;

year_month_day LastDayOf(year y, month m) { return year_month_day{year_month_day_last{y, month_day_last{m}}}; }

DateRange Months(int y, unsigned first, unsigned count) {
  year_month_day from{year{y}, month{first}, day{1}};
  auto last_month = year_month{year{y}, month{first}} + months{static_cast<int>(count) - 1};
  return {from, LastDayOf(last_month.year(), last_month.month())};
}

year_month_day Clamp(year y, month m, day d) {
  year_month_day out{y, m, d};
  return out.ok() ? out : LastDayOf(y, m);
}

}  // namespace

std::string DateRange::From() const { return FormatDate(from); }
std::string DateRange::To() const { return FormatDate(to); }

DateRange Resolve(const PeriodSpec& p) {
  auto check_year = [&] {
    if (p.year < 2000 || p.year > 2100) ThrowInvalid("period.year", "must be a year from 2000 to 2100");
  };
  switch (p.kind) {
    case PeriodKind::kYear:
      check_year();
      return Months(p.year, 1, 12);
    case PeriodKind::kQuarter:
      check_year();
      if (p.quarter < 1 || p.quarter > 4) ThrowInvalid("period.quarter", "must be 1 to 4");
      return Months(p.year, static_cast<unsigned>(3 * p.quarter - 2), 3);
    case PeriodKind::kMonth:
      check_year();
      if (p.month < 1 || p.month > 12) ThrowInvalid("period.month", "must be 1 to 12");
      return Months(p.year, static_cast<unsigned>(p.month), 1);
    case PeriodKind::kRange: {
      auto from = ParseDate(p.from), to = ParseDate(p.to);
      if (!from) ThrowInvalid("period.from", "must be a date (YYYY-MM-DD)");
      if (!to) ThrowInvalid("period.to", "must be a date (YYYY-MM-DD)");
      if (sys_days{*to} < sys_days{*from}) ThrowInvalid("period.to", "must not be before period.from");
      if (sys_days{*to} - sys_days{*from} > days{3660})
        ThrowInvalid("period.to", "the range may span ten years at most");
      return {*from, *to};
    }
  }
  ThrowInvalid("period.kind", "must be YEAR, QUARTER, MONTH or RANGE");
}

DateRange Previous(const PeriodSpec& p, const DateRange& r) {
  switch (p.kind) {
    case PeriodKind::kYear:
      return Months(p.year - 1, 1, 12);
    case PeriodKind::kQuarter:
      return p.quarter == 1 ? Months(p.year - 1, 10, 3) : Months(p.year, static_cast<unsigned>(3 * p.quarter - 5), 3);
    case PeriodKind::kMonth:
      return p.month == 1 ? Months(p.year - 1, 12, 1) : Months(p.year, static_cast<unsigned>(p.month - 1), 1);
    case PeriodKind::kRange:
      break;
  }
  auto length = sys_days{r.to} - sys_days{r.from};
  sys_days to = sys_days{r.from} - days{1};
  return {year_month_day{to - length}, year_month_day{to}};
}

DateRange YearAgo(const DateRange& r) {
  return {Clamp(r.from.year() - years{1}, r.from.month(), r.from.day()),
          Clamp(r.to.year() - years{1}, r.to.month(), r.to.day())};
}

}  // namespace carehub::reports
