#pragma once
// What the gateway answers itself, without a key: its health (grpc.health.v1, each route's status
// under its prefix, from BackendHealthWatcher) and server reflection (grpc.reflection v1alpha and
// v1) of every service it routes, from the schemas it links. Both on the completion queues
// (gateway_server.h says why).
#include <memory>
#include <string>
#include <vector>

#include "carehub/gateway/v1/server_reflection.pb.h"
#include "common/health.h"
#include "services/gateway/cq_call.h"

namespace carehub::gateway {

inline constexpr const char* kHealthCheckMethod = "/grpc.health.v1.Health/Check";
inline constexpr const char* kHealthWatchMethod = "/grpc.health.v1.Health/Watch";
inline constexpr const char* kReflectionMethod = "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo";
inline constexpr const char* kReflectionV1Method = "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo";

std::unique_ptr<CallHandler> HealthCheckCall(const HealthBoard& health);
// Sends the status now and after every change, until the caller cancels or the server stops.
std::unique_ptr<CallHandler> HealthWatchCall(HealthBoard& health);
// `services` (full names) must outlive the call.
std::unique_ptr<CallHandler> ReflectionCall(const std::vector<std::string>& services);

// One reflection answer: services listed are `services` plus health and reflection themselves;
// files come from protobuf's generated pool, each with the files it imports.
v1::ServerReflectionResponse AnswerReflection(const std::vector<std::string>& services,
                                              const v1::ServerReflectionRequest& request);

}  // namespace carehub::gateway
