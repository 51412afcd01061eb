#pragma once
// One JSON object per line on stdout (what container log collectors expect), through spdlog.
// Callers pass structured fields; ID numbers, mobiles and tokens must never be among them.
// Inside a span (common/trace.h) each line carries its trace_id and span_id.
#include <nlohmann/json.hpp>
#include <string_view>

namespace carehub::log {

enum class Level { kDebug, kInfo, kWarn, kError };

// `level`: debug, info, warn or error. Safe to call more than once (tests).
void Init(std::string_view service, std::string_view level);
bool ParseLevel(std::string_view text, Level* out);

void Write(Level level, std::string_view message, const nlohmann::json& fields = nlohmann::json::object());
inline void Debug(std::string_view m, const nlohmann::json& f = nlohmann::json::object()) {
  Write(Level::kDebug, m, f);
}
inline void Info(std::string_view m, const nlohmann::json& f = nlohmann::json::object()) { Write(Level::kInfo, m, f); }
inline void Warn(std::string_view m, const nlohmann::json& f = nlohmann::json::object()) { Write(Level::kWarn, m, f); }
inline void Error(std::string_view m, const nlohmann::json& f = nlohmann::json::object()) {
  Write(Level::kError, m, f);
}

// RFC 3339 UTC with milliseconds, e.g. 2026-11-22T08:15:03.123Z.
std::string NowRfc3339();

}  // namespace carehub::log
