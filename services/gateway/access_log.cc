#include "services/gateway/access_log.h"

#include "common/log.h"
#include "common/rpc.h"
#include "services/gateway/routes.h"

namespace carehub::gateway {

std::string MetricsLabel(const std::string& method) { return LinkedMethod(method) ? method : "unknown"; }

void WriteAccess(Metrics* metrics, const AccessRecord& r) {
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - r.start).count();
  const char* code = StatusCodeName(r.status.error_code());
  if (metrics) metrics->ObserveRpc(MetricsLabel(r.method), code, seconds);
  // The log keeps what was asked for, cut short: a made-up name is evidence, not a label.
  nlohmann::json fields = {{"method", r.method.substr(0, 200)},
                           {"protocol", r.protocol},
                           {"status", code},
                           {"latency_ms", seconds * 1000.0},
                           {"request_id", r.identity.request_id},
                           {"principal", r.subject},
                           {"bytes_in", r.bytes_in},
                           {"bytes_out", r.bytes_out}};
  if (r.http_status) fields["http_status"] = r.http_status;
  if (!r.identity.trace.parent_span_id.empty()) fields["parent_span_id"] = r.identity.trace.parent_span_id;
  TraceScope in_span(r.identity.trace);
  log::Info("rpc", fields);
}

}  // namespace carehub::gateway
