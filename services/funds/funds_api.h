#pragma once
// The gRPC face of carehub-funds (README.md beside this file). It serves only
// GetServiceInfo until the funds issue lands its RPCs.
#include "carehub/funds/v1/funds_service.grpc.pb.h"
#include "common/backend.h"
#include "common/service_info.h"

namespace carehub::funds {

class FundsApi final : public v1::FundsService::Service {
 public:
  explicit FundsApi(BackendRuntime runtime) : runtime_(std::move(runtime)) {}

  grpc::Status GetServiceInfo(grpc::ServerContext* ctx, const common::v1::GetServiceInfoRequest*,
                              common::v1::ServiceInfo* resp) override {
    return ServiceInfoRpc(ctx, runtime_, v1::FundsService::service_full_name(), resp);
  }

 private:
  BackendRuntime runtime_;
};

}  // namespace carehub::funds
