#pragma once
// The gateway process: flags (with environment fallbacks), the gRPC and HTTP/JSON fronts, health
// of the backends, policy reload on SIGHUP, graceful stop. Returns the exit code.
namespace carehub::gateway {

int RunGateway(int argc, char** argv);

}  // namespace carehub::gateway
