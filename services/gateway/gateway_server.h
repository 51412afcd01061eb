#pragma once
// The gateway's gRPC server. It has no sync and no callback service: any of either on a server
// makes gRPC poll with threads of its own and hand each call between them, which tripled the
// context switches of a forwarded call and doubled the latency the gateway adds
// (docs/PERFORMANCE.md). Everything is answered from one completion queue instead, polled by
// `threads` threads of our own: forwarding (proxy.h), and the gateway's own health and server
// reflection (local_calls.h). One queue, not one per thread: the transport's events reach
// whichever thread polls, and a thread with a queue of its own would then have to wake the
// queue's owner (measured: 0.1 ms more per call at one client than one shared queue).
#include <grpcpp/generic/async_generic_service.h>
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "common/health.h"
#include "services/gateway/cq_call.h"
#include "services/gateway/proxy.h"

namespace carehub::gateway {

struct GatewayServerOptions {
  std::string listen;
  int max_message_bytes;
  std::shared_ptr<grpc::ServerCredentials> credentials;  // null: plaintext
  int threads = 0;                                       // polling the queue; 0: one per core
};

class GatewayServer {
 public:
  // Serves on `options.listen`: health from `health`, reflection of `services` (full names),
  // every other method forwarded by `proxy`. `proxy` and `health` must outlive the server. Throws
  // std::runtime_error when it cannot listen.
  GatewayServer(Proxy& proxy, HealthBoard& health, std::vector<std::string> services,
                const GatewayServerOptions& options);
  ~GatewayServer();

  int port() const { return port_; }
  // Stops taking calls, lets those in flight finish until `deadline`, cancels the rest.
  void Shutdown(std::chrono::system_clock::time_point deadline);

 private:
  std::unique_ptr<CallHandler> Choose(const std::string& method);

  Proxy& proxy_;
  HealthBoard& health_;
  const std::vector<std::string> services_;
  HandlerChooser choose_;
  grpc::AsyncGenericService generic_;
  std::unique_ptr<grpc::ServerCompletionQueue> queue_;
  std::unique_ptr<grpc::Server> server_;
  std::vector<std::thread> threads_;
  int port_ = 0;
  bool shut_down_ = false;
};

}  // namespace carehub::gateway
