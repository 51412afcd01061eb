#include "services/funds/funds_service.h"

#include "common/service_info.h"

namespace carehub::funds {

grpc::Status FundsServiceImpl::GetServiceInfo(grpc::ServerContext* ctx, const common::v1::GetServiceInfoRequest*,
                                             common::v1::ServiceInfo* resp) {
  return RunRpc(ctx, "/carehub.funds.v1.FundsService/GetServiceInfo", runtime_.env, [&](const Principal& p) {
    FillServiceInfo(runtime_, p, resp);
    return grpc::Status::OK;
  });
}

}  // namespace carehub::funds
