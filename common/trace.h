#pragma once
// W3C Trace Context (https://www.w3.org/TR/trace-context/): the `traceparent` a call arrives
// with is continued (same trace id, a span of our own), or a trace is started when it has none
// or a malformed one. The current span of a thread is written into every log line it writes, so
// one request is followed across the gateway and every backend by grepping one trace id.
#include <optional>
#include <string>
#include <string_view>

namespace carehub {

inline constexpr const char* kTraceparentHeader = "traceparent";

struct TraceContext {
  std::string trace_id;        // 32 lower-case hex digits, not all zero; empty: no trace
  std::string span_id;         // 16 lower-case hex digits: this service's span
  std::string parent_span_id;  // the caller's span; empty when the trace started here
  bool sampled = false;        // the caller's sampled flag, passed on unchanged

  bool valid() const { return !trace_id.empty(); }
  // The header to send on a call made inside this span (the callee's parent is this span).
  std::string Traceparent() const;

  // A new span of the trace `header` names, or of a new trace when it names none.
  static TraceContext ContinueOrStart(std::string_view header);
};

// The trace and parent span a `traceparent` header names; nullopt when it is malformed (the
// W3C rules: version ff and all-zero ids are invalid, a later version may append fields).
std::optional<TraceContext> ParseTraceparent(std::string_view header);

// Makes `trace` the current span of this thread while it lives (restoring the one before).
class TraceScope {
 public:
  explicit TraceScope(const TraceContext& trace);
  ~TraceScope();
  TraceScope(const TraceScope&) = delete;
  TraceScope& operator=(const TraceScope&) = delete;

 private:
  const TraceContext* previous_;
};

// This thread's current span; nullptr outside any.
const TraceContext* CurrentTrace();

}  // namespace carehub
