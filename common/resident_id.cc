#include "common/resident_id.h"

#include <cstdio>

namespace carehub {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using std::chrono::year_month_day;

char ResidentIdCheckChar(std::string_view first17) {
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr char kChecks[] = "10X98765432";
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return kChecks[sum % 11];
}

std::optional<year_month_day> ParseDate(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (t[i] < '0' || t[i] > '9') return std::nullopt;
  }
  int y = std::stoi(std::string(t.substr(0, 4)));
  unsigned m = std::stoul(std::string(t.substr(5, 2)));
  unsigned d = std::stoul(std::string(t.substr(8, 2)));
  year_month_day ymd{year{y}, month{m}, day{d}};
  if (!ymd.ok()) return std::nullopt;
  return ymd;
}

std::string FormatDate(year_month_day d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                static_cast<unsigned>(d.day()));
  return buf;
}

year_month_day TodayInChina() {
  auto now = std::chrono::system_clock::now() + std::chrono::hours(8);
  return year_month_day{std::chrono::floor<std::chrono::days>(now)};
}

int AgeOn(year_month_day birth, year_month_day on) {
  int age = static_cast<int>(on.year()) - static_cast<int>(birth.year());
  if (on.month() < birth.month() || (on.month() == birth.month() && on.day() < birth.day())) --age;
  return age;
}

std::optional<ResidentId> ParseResidentId(std::string_view text, year_month_day today, std::string* why) {
  if (text.size() != 18) {
    *why = "must be 18 characters";
    return std::nullopt;
  }
  std::string n(text);
  if (n[17] == 'x') n[17] = 'X';
  for (int i = 0; i < 17; ++i) {
    if (n[i] < '0' || n[i] > '9') {
      *why = "the first 17 characters must be digits";
      return std::nullopt;
    }
  }
  if (!((n[17] >= '0' && n[17] <= '9') || n[17] == 'X')) {
    *why = "the last character must be a digit or X";
    return std::nullopt;
  }
  std::string date = n.substr(6, 4) + "-" + n.substr(10, 2) + "-" + n.substr(12, 2);
  auto birth = ParseDate(date);
  if (!birth) {
    *why = "holds an impossible birth date";
    return std::nullopt;
  }
  if (birth->year() < year{1900}) {
    *why = "holds a birth date before 1900";
    return std::nullopt;
  }
  if (std::chrono::sys_days{*birth} > std::chrono::sys_days{today}) {
    *why = "holds a birth date in the future";
    return std::nullopt;
  }
  if (ResidentIdCheckChar(n) != n[17]) {
    *why = "has a wrong check character";
    return std::nullopt;
  }
  ResidentId id;
  id.birth_date = *birth;
  id.sex = ((n[16] - '0') % 2 == 1) ? Sex::kMale : Sex::kFemale;
  id.birth_division = n.substr(0, 6);
  id.number = std::move(n);
  return id;
}

std::string MaskResidentId(std::string_view n) {
  if (n.size() != 18) return std::string(n.size(), '*');
  return std::string(n.substr(0, 6)) + "********" + std::string(n.substr(14, 4));
}

std::string MaskMobile(std::string_view m) {
  if (m.size() != 11) return std::string(m.size(), '*');
  return std::string(m.substr(0, 3)) + "****" + std::string(m.substr(7, 4));
}

}  // namespace carehub
