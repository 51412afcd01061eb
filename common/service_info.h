#pragma once
#include "carehub/common/v1/service_info.pb.h"
#include "common/principal.h"
#include "common/server.h"

namespace carehub {

// GetServiceInfo is the same on every backend: who the service is and who is calling.
void FillServiceInfo(const BackendRuntime& runtime, const Principal& caller, common::v1::ServiceInfo* out);

}  // namespace carehub
