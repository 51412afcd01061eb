#include "common/trace.h"

#include "common/crypto.h"

namespace carehub {
namespace {

thread_local const TraceContext* current = nullptr;

bool LowerHex(std::string_view s) {
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

bool AllZero(std::string_view s) { return s.find_first_not_of('0') == std::string_view::npos; }

// A random id of `bytes` bytes, never all zero (the W3C rule for a valid id).
std::string RandomId(size_t bytes) {
  for (;;) {
    std::string id = crypto::HexEncode(crypto::RandomBytes(bytes));
    if (!AllZero(id)) return id;
  }
}

}  // namespace

std::optional<TraceContext> ParseTraceparent(std::string_view h) {
  // version "-" trace-id "-" parent-id "-" flags: 2 + 1 + 32 + 1 + 16 + 1 + 2 = 55 characters.
  if (h.size() < 55 || h[2] != '-' || h[35] != '-' || h[52] != '-') return std::nullopt;
  std::string_view version = h.substr(0, 2), trace = h.substr(3, 32), parent = h.substr(36, 16),
                   flags = h.substr(53, 2);
  if (!LowerHex(version) || version == "ff" || !LowerHex(trace) || !LowerHex(parent) || !LowerHex(flags)) {
    return std::nullopt;
  }
  if (AllZero(trace) || AllZero(parent)) return std::nullopt;
  // Version 00 is exactly 55 characters; a later one may go on after a dash.
  if (version == "00" ? h.size() != 55 : (h.size() > 55 && h[55] != '-')) return std::nullopt;
  TraceContext t;
  t.trace_id = trace;
  t.parent_span_id = parent;
  t.sampled = (std::stoi(std::string(flags), nullptr, 16) & 1) != 0;
  return t;
}

TraceContext TraceContext::ContinueOrStart(std::string_view header) {
  TraceContext t = ParseTraceparent(header).value_or(TraceContext{});
  if (!t.valid()) t.trace_id = RandomId(16);
  t.span_id = RandomId(8);
  return t;
}

std::string TraceContext::Traceparent() const {
  return "00-" + trace_id + "-" + span_id + (sampled ? "-01" : "-00");
}

TraceScope::TraceScope(const TraceContext& trace) : previous_(current) { current = &trace; }
TraceScope::~TraceScope() { current = previous_; }

const TraceContext* CurrentTrace() { return current; }

}  // namespace carehub
