#pragma once
#include "carehub/volunteers/v1/volunteers_service.grpc.pb.h"
#include "common/server.h"

namespace carehub::volunteers {

class VolunteersServiceImpl final : public v1::VolunteersService::Service {
 public:
  explicit VolunteersServiceImpl(BackendRuntime runtime) : runtime_(runtime) {}

  grpc::Status GetServiceInfo(grpc::ServerContext* ctx, const common::v1::GetServiceInfoRequest* req,
                              common::v1::ServiceInfo* resp) override;

 private:
  BackendRuntime runtime_;
};

}  // namespace carehub::volunteers
