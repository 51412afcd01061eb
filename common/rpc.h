#pragma once
// The boundary every backend RPC passes through: verify the signed principal, run the handler,
// turn any error into a gRPC status (field named, nothing internal leaked), log one JSON line
// and record metrics. Nothing thrown inside a handler crosses this boundary.
#include <grpcpp/grpcpp.h>

#include <functional>
#include <string>
#include <string_view>

#include "common/errors.h"
#include "common/principal.h"

namespace carehub {

class Metrics;

struct RpcEnv {
  std::string service;       // e.g. "carehub-registry"
  std::string internal_key;  // shared with the gateway; verifies principal signatures
  Metrics* metrics = nullptr;
};

grpc::Status ToGrpcStatus(const DomainError& e);
const char* StatusCodeName(grpc::StatusCode code);

grpc::Status RunRpc(grpc::ServerContext* ctx, std::string_view method, const RpcEnv& env,
                    const std::function<grpc::Status(const Principal&)>& handler);

// Reads a principal from signed metadata; nullopt when it is missing, forged or stale.
std::optional<Principal> PrincipalFromMetadata(const grpc::ServerContext& ctx, std::string_view key);

}  // namespace carehub
