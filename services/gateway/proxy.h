#pragma once
// The gateway's one handler: every method not served locally is authenticated, routed by its
// full name and forwarded byte for byte (no message is parsed), streaming in both directions,
// with the principal and request id attached as signed metadata.
#include <grpcpp/generic/async_generic_service.h>

#include <chrono>
#include <memory>
#include <string>

#include "common/metrics.h"
#include "services/gateway/api_keys.h"
#include "services/gateway/routes.h"

namespace carehub::gateway {

struct ProxyOptions {
  std::chrono::milliseconds default_deadline{30000};  // when the caller sets none
};

class Proxy final : public grpc::CallbackGenericService {
 public:
  Proxy(ApiKeyStore keys, Router router, std::string internal_key, Metrics* metrics, ProxyOptions options);

  grpc::ServerGenericBidiReactor* CreateReactor(grpc::GenericCallbackServerContext* ctx) override;

  const ApiKeyStore& keys() const { return keys_; }
  const Router& router() const { return router_; }
  const std::string& internal_key() const { return internal_key_; }
  Metrics* metrics() const { return metrics_; }
  const ProxyOptions& options() const { return options_; }

 private:
  ApiKeyStore keys_;
  Router router_;
  std::string internal_key_;
  Metrics* metrics_;
  ProxyOptions options_;
};

}  // namespace carehub::gateway
