#pragma once
// Any backend service in-process on a loopback port, built exactly as RunBackend builds it
// (shared and own migrations, RpcEnv, peers), with calls signed as the gateway signs them.
#include <grpcpp/grpcpp.h>

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "common/backend.h"
#include "common/crypto.h"
#include "common/metrics.h"
#include "common/server.h"
#include "common/service_client.h"

namespace carehub::testing {

class ServiceHarness {
 public:
  struct Options {
    std::string name;                    // "carehub-registry"
    db::Database* db = nullptr;          // none for a service that owns no tables
    MigrationList migrations = nullptr;  // applied (after the shared ones) when db is set
    std::map<std::string, std::shared_ptr<grpc::Channel>> peers{};
    std::map<std::string, std::set<std::string>> relayed_methods{};
    Metrics* metrics = nullptr;  // with it, domain figures are measured every figures_every
    std::chrono::seconds figures_every{1};
  };
  using Make = std::function<std::unique_ptr<grpc::Service>(BackendRuntime&)>;

  ServiceHarness(Options o, const Make& make) {
    runtime_.db = o.db;
    runtime_.env = RpcEnv{o.name, key_, o.metrics, std::move(o.relayed_methods)};
    runtime_.figures_every = o.figures_every;
    runtime_.peers = std::move(o.peers);
    if (o.db && o.migrations) runtime_.schema_version = MigrateServiceSchema(*o.db, o.migrations);
    service_ = make(runtime_);
    built_ = BuildServer("127.0.0.1:0", {service_.get()});
    channel_ = grpc::CreateChannel(address(), grpc::InsecureChannelCredentials());
  }
  ~ServiceHarness() { built_.server->Shutdown(); }

  std::string address() const { return "127.0.0.1:" + std::to_string(built_.port); }
  const std::string& key() const { return key_; }
  const BackendRuntime& runtime() const { return runtime_; }
  std::shared_ptr<grpc::Channel> channel() const { return channel_; }
  // A channel of its own, as a separate client would have.
  std::shared_ptr<grpc::Channel> NewChannel() const {
    grpc::ChannelArguments args;
    args.SetInt("carehub.client", rand());  // distinct arguments: a connection of its own
    return grpc::CreateCustomChannel(address(), grpc::InsecureChannelCredentials(), args);
  }

  // A client context carrying `p` signed as the gateway would sign it (with `key`, or the
  // service's own key when empty).
  std::unique_ptr<grpc::ClientContext> As(const Principal& p, const std::string& key = "") const {
    auto ctx = std::make_unique<grpc::ClientContext>();
    AttachPrincipal(*ctx, p, key.empty() ? key_ : key);
    return ctx;
  }

 private:
  std::string key_ = crypto::RandomBytes(32);
  BackendRuntime runtime_;
  std::unique_ptr<grpc::Service> service_;
  BuiltServer built_;
  std::shared_ptr<grpc::Channel> channel_;
};

}  // namespace carehub::testing
