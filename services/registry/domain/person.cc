#include "services/registry/domain/person.h"

#include "common/errors.h"
#include "common/resident_id.h"
#include "common/text.h"

namespace carehub::registry {

void RequireStatusChange(PersonStatus current, PersonStatus to, const char* already) {
  if (current == to) Throw(ErrorCode::kFailedPrecondition, "id", already);
}

BirthRange BirthRangeForAges(std::optional<int> min_age, std::optional<int> max_age,
                             std::chrono::year_month_day today) {
  using std::chrono::years;
  // 29 February minus whole years lands on an impossible date in common years: use the 28th.
  auto clamp = [](std::chrono::year_month_day d) {
    return d.ok() ? d : std::chrono::year_month_day{d.year(), d.month(), std::chrono::day{28}};
  };
  BirthRange r;
  if (min_age) {
    if (*min_age < 0 || *min_age > 150) ThrowInvalid("min_age", "must be 0 to 150");
    r.on_or_before = FormatDate(clamp(today - years{*min_age}));  // aged at least N
  }
  if (max_age) {
    if (*max_age < 0 || *max_age > 150) ThrowInvalid("max_age", "must be 0 to 150");
    if (min_age && *max_age < *min_age) ThrowInvalid("max_age", "must not be below min_age");
    // Aged at most N: not yet N+1, so born after today N+1 years ago.
    auto limit = std::chrono::sys_days{clamp(today - years{*max_age + 1})} + std::chrono::days{1};
    r.on_or_after = FormatDate(std::chrono::year_month_day{limit});
  }
  return r;
}

}  // namespace carehub::registry
