#pragma once
// The registry's UpdateChild over gRPC, for raising a child's risk level as the caller.
#include <memory>

#include "common/service_client.h"
#include "services/volunteers/app/child_risk.h"

namespace carehub::volunteers {

std::unique_ptr<ChildRiskWriter> RegistryChildRisk(ServiceClient client);

}  // namespace carehub::volunteers
