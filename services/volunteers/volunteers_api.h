#pragma once
// The gRPC face of carehub-volunteers (README.md beside this file). It serves only
// GetServiceInfo until the volunteers issue lands its RPCs.
#include "carehub/volunteers/v1/volunteers_service.grpc.pb.h"
#include "common/backend.h"
#include "common/service_info.h"

namespace carehub::volunteers {

class VolunteersApi final : public v1::VolunteersService::Service {
 public:
  explicit VolunteersApi(BackendRuntime runtime) : runtime_(std::move(runtime)) {}

  grpc::Status GetServiceInfo(grpc::ServerContext* ctx, const common::v1::GetServiceInfoRequest*,
                              common::v1::ServiceInfo* resp) override {
    return ServiceInfoRpc(ctx, runtime_, v1::VolunteersService::service_full_name(), resp);
  }

 private:
  BackendRuntime runtime_;
};

}  // namespace carehub::volunteers
