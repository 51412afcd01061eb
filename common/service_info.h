#pragma once
#include <string_view>

#include "carehub/common/v1/service_info.pb.h"
#include "common/backend.h"
#include "common/caller.h"

namespace carehub {

// GetServiceInfo is the same on every backend: who the service is and who is calling.
void FillServiceInfo(const BackendRuntime& runtime, const Caller& caller, common::v1::ServiceInfo* out);

// The whole GetServiceInfo RPC of the service named `service_full_name` ("carehub.funds.v1.FundsService").
grpc::Status ServiceInfoRpc(grpc::ServerContext* ctx, const BackendRuntime& runtime, std::string_view service_full_name,
                            common::v1::ServiceInfo* out);

}  // namespace carehub
