#pragma once
// The floor of forwarding unary gRPC calls in C++ (issue 11): what a gateway built on completion
// queues could reach, measured beside the gateway and nginx by scripts/bench-gateway.sh.
#include <string>

namespace carehub::bench {

// Serves on `listen` and forwards every call, as one unary backend call, to `backend` with the
// caller's principal, request id and deadline; no authentication, no checks, no logging. Each of
// `threads` threads drives a completion queue of its own, and both sides of a call complete on
// the queue that took it, so a call never changes threads. Runs until killed.
int ServeForwardFloor(const std::string& listen, const std::string& backend, int threads);

}  // namespace carehub::bench
