#pragma once
// Server reflection through the gateway: `grpcurl -H 'x-api-key: …' gateway:7000 list` and
// Postman see every CareHub service the gateway routes, and can describe them (the gateway links
// every schema, and gRPC's reflection service answers from the linked schemas). gRPC's
// reflection lists only the services registered on the server, while the gateway serves routed
// ones through one generic proxy; so each routed service is registered with a single method
// no client has reason to call, and every real method still falls through to the proxy.
#include <grpcpp/grpcpp.h>
#include <grpcpp/impl/service_type.h>

#include <memory>
#include <string>
#include <vector>

#include "services/gateway/routes.h"

namespace carehub::gateway {

// Full names of the services in the linked schemas that a route serves.
std::vector<std::string> RoutedServices(const Router& router);

// One listing stand-in per routed service; register them on the gateway's server.
std::vector<std::unique_ptr<grpc::Service>> ListingServices(const Router& router);

}  // namespace carehub::gateway
