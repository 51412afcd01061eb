#pragma once
// Every service the gateway routes, from the linked schemas: what its server reflection lists.
#include <string>
#include <vector>

#include "services/gateway/proxy.h"

namespace carehub::gateway {

// Full names of the services in the linked schemas that a route serves.
std::vector<std::string> RoutedServices(const Router& router);

}  // namespace carehub::gateway
