#pragma once
// The boundary every backend RPC passes through: verify the signed principal, run the handler,
// turn any error into a gRPC status (field named, nothing internal leaked), log one JSON line
// and record metrics. Nothing thrown inside a handler crosses this boundary.
#include <grpcpp/grpcpp.h>

#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>

#include "common/caller.h"
#include "common/errors.h"
#include "common/principal.h"

namespace carehub {

class Metrics;

struct RpcEnv {
  std::string service;       // e.g. "carehub-registry"
  std::string internal_key;  // shared with the gateway; verifies principal signatures
  Metrics* metrics = nullptr;
  // Which of this service's methods (full names) another backend may call on someone's
  // behalf, by calling service: funds may read beneficiaries, not change them. A relayed call
  // to any other method is PERMISSION_DENIED.
  std::map<std::string, std::set<std::string>> relayed_methods{};
};

grpc::Status ToGrpcStatus(const DomainError& e);
const char* StatusCodeName(grpc::StatusCode code);

// Verifies the principal, builds the Caller (with the call's deadline) and runs `handler`.
grpc::Status RunRpc(grpc::ServerContext* ctx, std::string_view method, const RpcEnv& env,
                    const std::function<grpc::Status(const Caller&)>& handler);

// RunRpc for the method "/<service>/<method>" whose handler answers by filling its response
// (OK) or by throwing: the shape of every backend RPC.
grpc::Status ServeRpc(grpc::ServerContext* ctx, std::string_view service, std::string_view method, const RpcEnv& env,
                      const std::function<void(const Caller&)>& handler);

// Reads a principal from signed metadata; nullopt when it is missing, forged or stale.
std::optional<Principal> PrincipalFromMetadata(const grpc::ServerContext& ctx, std::string_view key);

}  // namespace carehub
