#include "services/gateway/admission.h"

namespace carehub::gateway {

Gate::Gate(std::shared_ptr<const Policy> policy, const Router& router, RateLimitOptions limits)
    : policy_(std::move(policy)), router_(router), limiter_(limits) {}

void Gate::SetPolicy(std::shared_ptr<const Policy> policy) {
  std::lock_guard lock(policy_mu_);
  policy_ = std::move(policy);
}

std::shared_ptr<const Policy> Gate::policy() const {
  std::lock_guard lock(policy_mu_);
  return policy_;
}

std::optional<Principal> Gate::Authenticate(const Policy& policy, const Credentials& c, grpc::Status* refusal) const {
  auto refuse = [&](const std::string& why) {
    *refusal = grpc::Status(grpc::StatusCode::UNAUTHENTICATED, why);
    return std::nullopt;
  };
  std::string why;
  auto now = std::chrono::system_clock::now();
  if (!c.authorization.empty()) {
    constexpr std::string_view kBearer = "Bearer ";
    if (c.authorization.rfind(kBearer, 0) != 0) return refuse("authorization: expected \"Bearer <token>\"");
    if (!policy.jwt) return refuse("authorization: bearer tokens are not enabled");
    auto p = policy.jwt->Verify(std::string_view(c.authorization).substr(kBearer.size()), now, &why);
    return p ? p : refuse("authorization: " + why);
  }
  // Credentials sent with the call come before the connection's certificate: a machine client
  // may still call as someone else it holds a key for.
  if (c.api_key.empty() && !c.certificate_subject.empty()) {
    auto p = policy.keys.AuthenticateCertificate(c.certificate_subject, now, &why);
    return p ? p : refuse(why);
  }
  if (c.api_key.empty()) return refuse("x-api-key: an API key (or authorization: Bearer <token>) is required");
  auto p = policy.keys.Authenticate(c.api_key, now, &why);
  return p ? p : refuse("x-api-key: " + why);
}

Admission Gate::Admit(const Credentials& credentials, const std::string& method) {
  Admission a;
  auto policy = this->policy();
  auto principal = Authenticate(*policy, credentials, &a.status);
  if (!principal) return a;
  a.principal = std::move(*principal);
  if (auto wait = limiter_.Admit(a.principal.subject)) {
    a.retry_after = wait;
    a.status = grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                            "rate limit exceeded; retry after " + std::to_string(wait->count()) + " ms");
    return a;
  }
  a.channel = router_.ChannelFor(method);
  if (!a.channel) {
    a.status = grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "no CareHub service serves " + method);
    return a;
  }
  if (!policy->roles.Allows(a.principal, method)) {
    a.status = grpc::Status(grpc::StatusCode::PERMISSION_DENIED, "the caller's roles may not call " + method);
  }
  return a;
}

}  // namespace carehub::gateway
