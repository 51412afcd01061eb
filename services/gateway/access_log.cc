#include "services/gateway/access_log.h"

#include "common/log.h"
#include "common/rpc.h"

namespace carehub::gateway {

void WriteAccess(Metrics* metrics, const AccessRecord& r) {
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - r.start).count();
  const char* code = StatusCodeName(r.status.error_code());
  if (metrics) metrics->ObserveRpc(r.method, code, seconds);
  nlohmann::json fields = {{"method", r.method},
                           {"protocol", r.protocol},
                           {"status", code},
                           {"latency_ms", seconds * 1000.0},
                           {"request_id", r.request_id},
                           {"principal", r.subject},
                           {"bytes_in", r.bytes_in},
                           {"bytes_out", r.bytes_out}};
  if (r.http_status) fields["http_status"] = r.http_status;
  log::Info("rpc", fields);
}

}  // namespace carehub::gateway
