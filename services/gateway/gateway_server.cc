#include "services/gateway/gateway_server.h"

#include <grpcpp/impl/server_builder_option.h>

#include <algorithm>
#include <stdexcept>

#include "common/server.h"
#include "services/gateway/local_calls.h"

namespace carehub::gateway {
namespace {

// libgrpc++_reflection adds its (sync) reflection service to every server a process builds, from
// a static initialiser; the gateway answers reflection itself, so the plugin is taken out.
class WithoutSyncPlugins final : public grpc::ServerBuilderOption {
 public:
  void UpdateArguments(grpc::ChannelArguments*) override {}
  void UpdatePlugins(std::vector<std::unique_ptr<grpc::ServerBuilderPlugin>>* plugins) override {
    std::erase_if(*plugins, [](const auto& p) { return p->name() == "proto_server_reflection"; });
  }
};

// Enough calls awaited that a burst of new calls finds one ready.
constexpr int kAwaited = 32;

}  // namespace

GatewayServer::GatewayServer(Proxy& proxy, HealthBoard& health, std::vector<std::string> services,
                             const GatewayServerOptions& options)
    : proxy_(proxy), health_(health), services_(std::move(services)) {
  choose_ = [this](const std::string& method) { return Choose(method); };
  grpc::ServerBuilder builder;
  builder.SetOption(std::make_unique<WithoutSyncPlugins>());
  builder.AddListeningPort(options.listen,
                           options.credentials ? options.credentials : grpc::InsecureServerCredentials(), &port_);
  builder.RegisterAsyncGenericService(&generic_);
  ApplyServerLimits(builder, options.max_message_bytes);
  int threads = options.threads > 0 ? options.threads : std::min(UsableCores(), 64);
  queue_ = builder.AddCompletionQueue();
  server_ = builder.BuildAndStart();
  if (!server_ || port_ == 0) throw std::runtime_error("cannot listen on " + options.listen);
  health_.SetServingStatus(true);
  for (int i = 0; i < kAwaited; ++i) QueuedCall::Await(&generic_, queue_.get(), &choose_);
  for (int t = 0; t < threads; ++t) {
    threads_.emplace_back([cq = queue_.get()] {
      void* tag = nullptr;
      bool ok = false;
      while (cq->Next(&tag, &ok)) QueuedCall::Complete(tag, ok);
    });
  }
}

GatewayServer::~GatewayServer() { Shutdown(std::chrono::system_clock::now()); }

void GatewayServer::Shutdown(std::chrono::system_clock::time_point deadline) {
  if (shut_down_) return;
  shut_down_ = true;
  server_->Shutdown(deadline);
  // Only after the server: its last calls complete on the queue.
  queue_->Shutdown();
  for (auto& t : threads_) t.join();
}

std::unique_ptr<CallHandler> GatewayServer::Choose(const std::string& method) {
  if (method == kHealthCheckMethod) return HealthCheckCall(health_);
  if (method == kHealthWatchMethod) return HealthWatchCall(health_);
  if (method == kReflectionMethod || method == kReflectionV1Method) return ReflectionCall(services_);
  return proxy_.Forward(method);
}

}  // namespace carehub::gateway
