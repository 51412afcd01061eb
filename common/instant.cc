#include "common/instant.h"

#include <cstdio>

#include "common/errors.h"
#include "common/resident_id.h"
#include "common/text.h"

namespace carehub {
namespace {

constexpr int64_t kChinaOffset = 8 * 3600;

int Digits(std::string_view s, size_t at, size_t n) {
  if (at + n > s.size() || !text::IsDigits(s.substr(at, n))) return -1;
  int v = 0;
  for (size_t i = at; i < at + n; ++i) v = v * 10 + (s[i] - '0');
  return v;
}

}  // namespace

std::optional<int64_t> ParseInstant(std::string_view s) {
  if (s.size() < 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':') return std::nullopt;
  auto date = ParseDate(s.substr(0, 10));
  int hh = Digits(s, 11, 2), mm = Digits(s, 14, 2), ss = Digits(s, 17, 2);
  if (!date || hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 59) return std::nullopt;
  size_t at = 19;
  if (s[at] == '.') {
    ++at;
    size_t digits = 0;
    while (at < s.size() && s[at] >= '0' && s[at] <= '9') ++at, ++digits;
    if (digits == 0 || digits > 9) return std::nullopt;
  }
  int64_t offset = 0;
  std::string_view zone = s.substr(at);
  if (zone == "Z") {
    offset = 0;
  } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
    int oh = Digits(zone, 1, 2), om = Digits(zone, 4, 2);
    if (oh < 0 || oh > 14 || om < 0 || om > 59) return std::nullopt;
    offset = (oh * 3600 + om * 60) * (zone[0] == '-' ? -1 : 1);
  } else {
    return std::nullopt;
  }
  int64_t days = std::chrono::sys_days(*date).time_since_epoch().count();
  return days * 86400 + hh * 3600 + mm * 60 + ss - offset;
}

std::string FormatInstantChina(int64_t epoch_seconds) {
  int64_t local = epoch_seconds + kChinaOffset;
  auto day = std::chrono::floor<std::chrono::days>(std::chrono::sys_seconds(std::chrono::seconds(local)));
  int64_t of_day = local - day.time_since_epoch().count() * 86400;
  char buf[32];
  std::snprintf(buf, sizeof buf, "T%02d:%02d:%02d+08:00", static_cast<int>(of_day / 3600),
                static_cast<int>(of_day / 60 % 60), static_cast<int>(of_day % 60));
  return FormatDate(std::chrono::year_month_day(day)) + buf;
}

std::chrono::year_month_day ChinaDateOf(int64_t epoch_seconds) {
  auto local = std::chrono::sys_seconds(std::chrono::seconds(epoch_seconds + kChinaOffset));
  return std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(local));
}

int64_t ChinaMidnight(std::chrono::year_month_day day) {
  return std::chrono::sys_days(day).time_since_epoch().count() * 86400 - kChinaOffset;
}

int64_t NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string ChinaDayStartUtc(const std::string& field, const std::string& date, int plus_days) {
  // China keeps UTC+8 all year: its day starts at 16:00 UTC the day before.
  auto d = ParseDate(date);
  if (!d) ThrowInvalid(field, "must be a real date as YYYY-MM-DD");
  auto day_before = std::chrono::sys_days{*d} + std::chrono::days{plus_days - 1};
  return FormatDate(std::chrono::year_month_day{day_before}) + "T16";
}

}  // namespace carehub
