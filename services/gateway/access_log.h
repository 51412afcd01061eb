#pragma once
// One access-log line and the RPC metrics for every call the gateway finished, whichever front
// it came through.
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <string>

#include "common/metrics.h"
#include "common/trace.h"

namespace carehub::gateway {

// Who a call is in the log of every service it reaches: its request id (x-request-id) and the
// gateway's span of its W3C trace.
struct CallIdentity {
  std::string request_id;
  TraceContext trace;
};

struct AccessRecord {
  std::string method;
  std::string protocol;  // "grpc" or "http-json"
  grpc::Status status;
  std::chrono::steady_clock::time_point start;
  CallIdentity identity{};
  std::string subject{};
  size_t bytes_in = 0;
  size_t bytes_out = 0;
  int http_status = 0;  // the HTTP front's answer; 0 for gRPC
};

void WriteAccess(Metrics* metrics, const AccessRecord& r);

// The method as a metrics label: its name when a linked schema declares it, "unknown" otherwise,
// so callers making up method names cannot grow the metrics without bound.
std::string MetricsLabel(const std::string& method);

}  // namespace carehub::gateway
