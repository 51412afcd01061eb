#pragma once
// The gateway's verdict on one call before anything is forwarded, the same for the gRPC and the
// HTTP/JSON fronts: authenticate (API key, JWT bearer token or client certificate), rate-limit, route, authorise, in
// that order (an unknown service is UNIMPLEMENTED for any authenticated caller). Knows nothing of
// how the call arrived; the policy can be swapped while calls are admitted.
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "common/principal.h"
#include "services/gateway/policy.h"
#include "services/gateway/rate_limit.h"
#include "services/gateway/routes.h"

namespace carehub::gateway {

// What a caller presented: the x-api-key header, the authorization header and the subject of a
// client certificate the TLS handshake verified; any may be "".
struct Credentials {
  std::string api_key;
  std::string authorization;
  std::string certificate_subject{};
};

struct Admission {
  grpc::Status status;  // OK: forward
  Principal principal;
  std::shared_ptr<grpc::Channel> channel;                // the backend, when admitted
  std::optional<std::chrono::milliseconds> retry_after;  // with RESOURCE_EXHAUSTED
};

class Gate {
 public:
  Gate(std::shared_ptr<const Policy> policy, const Router& router, RateLimitOptions limits);

  Admission Admit(const Credentials& credentials, const std::string& method);

  // Swaps in a new policy; calls in flight keep the one they were admitted under.
  void SetPolicy(std::shared_ptr<const Policy> policy);
  std::shared_ptr<const Policy> policy() const;

 private:
  // The principal the credentials prove, or the refusal.
  std::optional<Principal> Authenticate(const Policy& policy, const Credentials& c, grpc::Status* refusal) const;

  mutable std::mutex policy_mu_;
  std::shared_ptr<const Policy> policy_;
  const Router& router_;
  RateLimiter limiter_;
};

}  // namespace carehub::gateway
