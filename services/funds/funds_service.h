#pragma once
#include "carehub/funds/v1/funds_service.grpc.pb.h"
#include "common/server.h"

namespace carehub::funds {

class FundsServiceImpl final : public v1::FundsService::Service {
 public:
  explicit FundsServiceImpl(BackendRuntime runtime) : runtime_(runtime) {}

  grpc::Status GetServiceInfo(grpc::ServerContext* ctx, const common::v1::GetServiceInfoRequest* req,
                              common::v1::ServiceInfo* resp) override;

 private:
  BackendRuntime runtime_;
};

}  // namespace carehub::funds
