#pragma once
// A registry service in-process on a loopback port, over a given test database, with calls
// signed as the gateway signs them.
#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "common/crypto.h"
#include "common/db/migrations.h"
#include "common/principal.h"
#include "services/registry/registry_service.h"

namespace carehub {
const std::vector<db::Migration>& RegistryMigrations(db::Backend backend);
}

namespace carehub::testing {

class RegistryHarness {
 public:
  explicit RegistryHarness(db::Database& db) {
    int64_t version = db::ApplyMigrations(db, RegistryMigrations(db.backend()));
    BackendRuntime rt{db, RpcEnv{"carehub-registry", key_, nullptr}, version};
    service_ = std::make_unique<registry::RegistryServiceImpl>(rt, crypto::RandomBytes(32));
    built_ = BuildServer("127.0.0.1:0", {service_.get()});
    channel_ = grpc::CreateChannel("127.0.0.1:" + std::to_string(built_.port), grpc::InsecureChannelCredentials());
    stub_ = registry::v1::RegistryService::NewStub(channel_);
  }
  ~RegistryHarness() { built_.server->Shutdown(); }

  registry::v1::RegistryService::Stub& stub() { return *stub_; }
  const std::string& key() const { return key_; }
  // A new stub on a channel of its own, as a separate client would have.
  std::unique_ptr<registry::v1::RegistryService::Stub> NewClient() const {
    grpc::ChannelArguments args;
    args.SetInt("carehub.client", rand());  // distinct arguments: a connection of its own
    return registry::v1::RegistryService::NewStub(grpc::CreateCustomChannel(
        "127.0.0.1:" + std::to_string(built_.port), grpc::InsecureChannelCredentials(), args));
  }

  // A client context carrying `p` signed as the gateway would sign it (with `key`, or the
  // service's own key when empty).
  std::unique_ptr<grpc::ClientContext> As(const Principal& p, const std::string& key = "") const {
    auto ctx = std::make_unique<grpc::ClientContext>();
    auto s = SignPrincipal(p, key.empty() ? key_ : key, std::chrono::system_clock::now());
    ctx->AddMetadata(kPrincipalHeader, s.payload);
    ctx->AddMetadata(kPrincipalSignatureHeader, s.signature);
    return ctx;
  }

 private:
  std::string key_ = crypto::RandomBytes(32);
  std::unique_ptr<registry::RegistryServiceImpl> service_;
  BuiltServer built_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<registry::v1::RegistryService::Stub> stub_;
};

}  // namespace carehub::testing
