#include "common/log.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <mutex>

#include "common/trace.h"

namespace carehub::log {
namespace {

struct State {
  std::mutex mu;
  std::shared_ptr<spdlog::logger> logger;
  std::string service = "carehub";
};

State& GetState() {
  static State s;
  return s;
}

spdlog::level::level_enum ToSpd(Level l) {
  switch (l) {
    case Level::kDebug:
      return spdlog::level::debug;
    case Level::kInfo:
      return spdlog::level::info;
    case Level::kWarn:
      return spdlog::level::warn;
    case Level::kError:
      return spdlog::level::err;
  }
  return spdlog::level::info;
}

const char* Severity(Level l) {
  switch (l) {
    case Level::kDebug:
      return "DEBUG";
    case Level::kInfo:
      return "INFO";
    case Level::kWarn:
      return "WARNING";
    case Level::kError:
      return "ERROR";
  }
  return "INFO";
}

std::shared_ptr<spdlog::logger> Logger() {
  auto& s = GetState();
  std::lock_guard lock(s.mu);
  if (!s.logger) {
    s.logger = std::make_shared<spdlog::logger>("carehub", std::make_shared<spdlog::sinks::stdout_sink_mt>());
    s.logger->set_pattern("%v");  // we write the whole JSON object ourselves
    s.logger->flush_on(spdlog::level::info);
  }
  return s.logger;
}

}  // namespace

bool ParseLevel(std::string_view text, Level* out) {
  if (text == "debug")
    *out = Level::kDebug;
  else if (text == "info")
    *out = Level::kInfo;
  else if (text == "warn")
    *out = Level::kWarn;
  else if (text == "error")
    *out = Level::kError;
  else
    return false;
  return true;
}

void Init(std::string_view service, std::string_view level) {
  Level l = Level::kInfo;
  ParseLevel(level, &l);
  auto logger = Logger();
  logger->set_level(ToSpd(l));
  std::lock_guard lock(GetState().mu);
  GetState().service = std::string(service);
}

std::string NowRfc3339() {
  auto now = std::chrono::system_clock::now();
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  return buf;
}

void Write(Level level, std::string_view message, const nlohmann::json& fields) {
  auto logger = Logger();
  if (!logger->should_log(ToSpd(level))) return;
  nlohmann::json line = nlohmann::json::object();
  line["timestamp"] = NowRfc3339();
  line["severity"] = Severity(level);
  {
    std::lock_guard lock(GetState().mu);
    line["service"] = GetState().service;
  }
  line["message"] = message;
  // The thread's span, so every line of a request carries its trace (common/trace.h).
  if (const TraceContext* trace = CurrentTrace(); trace && trace->valid()) {
    line["trace_id"] = trace->trace_id;
    line["span_id"] = trace->span_id;
  }
  if (fields.is_object()) {
    for (const auto& [k, v] : fields.items()) line[k] = v;
  }
  // Replace rather than throw on invalid UTF-8: a log line must never take a request down.
  logger->log(ToSpd(level), "{}", line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace carehub::log
