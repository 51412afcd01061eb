#pragma once
// The gateway's forwarding: every method not served locally is authenticated (API key, JWT or
// client certificate), checked against the role table and the rate limits, routed by its full
// name and forwarded byte for byte (no message is parsed), streaming in both directions, with
// the principal and request id attached as signed metadata.
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <string>

#include "common/metrics.h"
#include "services/gateway/access_log.h"
#include "services/gateway/admission.h"
#include "services/gateway/cq_call.h"
#include "services/gateway/policy.h"
#include "services/gateway/routes.h"

namespace carehub::gateway {

struct ProxyOptions {
  std::chrono::milliseconds default_deadline{30000};  // when the caller sets none
  std::chrono::milliseconds max_deadline{300000};     // a longer one is cut to this
  RateLimitOptions rate_limits;
};

// A caller's request id is kept when it is a sane token (1-64 of [A-Za-z0-9-_.:]); otherwise
// the gateway makes one. Its traceparent is continued in a span of the gateway's; without a
// valid one a trace starts here.
CallIdentity IdentifyCall(const std::string& sent_request_id, std::string_view sent_traceparent);
// The answer's headers that name the call: x-request-id and x-trace-id.
inline constexpr const char* kTraceIdHeader = "x-trace-id";

class Proxy {
 public:
  Proxy(std::shared_ptr<const Policy> policy, Router router, std::string internal_key, Metrics* metrics,
        ProxyOptions options);

  // The admission both fronts ask before forwarding (admission.h).
  Gate& gate() { return gate_; }

  // Readies a backend call for an admitted principal: signed principal, request id and
  // traceparent in the metadata, and the deadline (the caller's, the default when it has none,
  // never past the cap).
  void PrepareBackendCall(grpc::ClientContext& ctx, Principal principal, const CallIdentity& identity,
                          std::chrono::system_clock::time_point caller_deadline) const;

  // Swaps in a new policy; calls in flight keep the one they were admitted under.
  void SetPolicy(std::shared_ptr<const Policy> policy) { gate_.SetPolicy(std::move(policy)); }
  std::shared_ptr<const Policy> policy() const { return gate_.policy(); }

  // The handler that forwards a call of `method`: a unary method the linked schemas declare as
  // one backend unary call (its message read only once the caller is admitted), anything else
  // as a stream in both directions.
  std::unique_ptr<CallHandler> Forward(const std::string& method);

  const Router& router() const { return router_; }
  const std::string& internal_key() const { return internal_key_; }
  Metrics* metrics() const { return metrics_; }
  const ProxyOptions& options() const { return options_; }

 private:
  Router router_;
  std::string internal_key_;
  Metrics* metrics_;
  ProxyOptions options_;
  Gate gate_;
};

}  // namespace carehub::gateway
