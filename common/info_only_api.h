#pragma once
// A service that so far answers only GetServiceInfo: the skeleton a new service starts from
// (docs/ADDING_A_SERVICE.md) until its issue gives it RPCs of its own.
#include "common/backend.h"
#include "common/service_info.h"

namespace carehub {

template <typename GrpcService>
class InfoOnlyApi final : public GrpcService::Service {
 public:
  explicit InfoOnlyApi(BackendRuntime runtime) : runtime_(std::move(runtime)) {}

  grpc::Status GetServiceInfo(grpc::ServerContext* ctx, const common::v1::GetServiceInfoRequest*,
                              common::v1::ServiceInfo* resp) override {
    return ServiceInfoRpc(ctx, runtime_, GrpcService::service_full_name(), resp);
  }

 private:
  BackendRuntime runtime_;
};

}  // namespace carehub
