#pragma once
// Every service the gateway routes, registered on its server method by method, from the linked
// schemas. Unary methods get a raw (byte buffer) callback handler: gRPC hands the request over
// with the call, one step less than reading it off a generic stream, and the proxy forwards it
// as one backend unary call. Streaming methods are left to the generic proxy. Being registered
// also makes gRPC's server reflection list and describe them (`grpcurl … list` on the one port).
#include <grpcpp/grpcpp.h>
#include <grpcpp/impl/service_type.h>

#include <memory>
#include <string>
#include <vector>

#include "services/gateway/proxy.h"

namespace carehub::gateway {

// Full names of the services in the linked schemas that a route serves.
std::vector<std::string> RoutedServices(const Router& router);

// One registered service for each of `services` (full names in the generated pool); register
// them on the gateway's server beside the proxy (its generic service). `proxy` must outlive them.
std::vector<std::unique_ptr<grpc::Service>> RoutedServiceHandlers(Proxy& proxy,
                                                                  const std::vector<std::string>& services);

// The services as BuildServer takes them.
std::vector<grpc::Service*> Registered(const std::vector<std::unique_ptr<grpc::Service>>& services);

}  // namespace carehub::gateway
