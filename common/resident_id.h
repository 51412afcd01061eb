#pragma once
// The resident ID number (居民身份证号码, GB 11643-1999) and the civil dates it carries.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace carehub {

enum class Sex { kMale = 1, kFemale = 2 };

struct ResidentId {
  std::string number;  // normalised: 17 digits + digit or upper-case X
  std::chrono::year_month_day birth_date;
  Sex sex;
  std::string birth_division;  // digits 1–6
};

// Parses and validates: 18 characters, digits 1–17, a real birth date not in the future and
// not before 1900, the ISO 7064 MOD 11-2 check character (a lower-case x is accepted and
// normalised). On failure returns nullopt and sets `*why` to a reason fit for the caller that
// never repeats the number itself.
std::optional<ResidentId> ParseResidentId(std::string_view text, std::chrono::year_month_day today, std::string* why);

// The check character for 17 digits.
char ResidentIdCheckChar(std::string_view first17);

// 500116********123X: the birth division and the last four, nothing in between.
std::string MaskResidentId(std::string_view normalised);
// 138****5678
std::string MaskMobile(std::string_view mobile);

// YYYY-MM-DD, a real calendar date.
std::optional<std::chrono::year_month_day> ParseDate(std::string_view text);
std::string FormatDate(std::chrono::year_month_day d);
// The civil date in China (UTC+8, no daylight saving), where the federations work.
std::chrono::year_month_day TodayInChina();
// Whole years from `birth` to `on`.
int AgeOn(std::chrono::year_month_day birth, std::chrono::year_month_day on);

}  // namespace carehub
