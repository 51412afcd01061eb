#include "services/volunteers/volunteers_service.h"

#include "common/service_info.h"

namespace carehub::volunteers {

grpc::Status VolunteersServiceImpl::GetServiceInfo(grpc::ServerContext* ctx, const common::v1::GetServiceInfoRequest*,
                                             common::v1::ServiceInfo* resp) {
  return RunRpc(ctx, "/carehub.volunteers.v1.VolunteersService/GetServiceInfo", runtime_.env, [&](const Principal& p) {
    FillServiceInfo(runtime_, p, resp);
    return grpc::Status::OK;
  });
}

}  // namespace carehub::volunteers
