#pragma once
// Instants (an activity's start, a check-in) as whole seconds since the Unix epoch. The wire
// carries RFC 3339 with an offset; answers are written in China time (UTC+8, no daylight
// saving), where the federations work.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace carehub {

// "YYYY-MM-DDTHH:MM:SS" with optional fraction (dropped) and "Z" or "±HH:MM"; nullopt for
// anything else, an impossible date or time included. An offset is required: a time without
// one would silently mean the server's zone.
std::optional<int64_t> ParseInstant(std::string_view text);
// "2026-12-05T09:00:00+08:00"
std::string FormatInstantChina(int64_t epoch_seconds);
// The civil date in China at that instant.
std::chrono::year_month_day ChinaDateOf(int64_t epoch_seconds);
// Midnight starting a China civil date, as an instant.
int64_t ChinaMidnight(std::chrono::year_month_day day);
int64_t NowSeconds();
// The RFC 3339 (UTC) prefix at which the China day `date` + `plus_days` starts, "2026-11-22T16":
// what stored instants compare against for a period of China dates. INVALID_ARGUMENT on `field`
// when `date` is not a real YYYY-MM-DD.
std::string ChinaDayStartUtc(const std::string& field, const std::string& date, int plus_days);

}  // namespace carehub
