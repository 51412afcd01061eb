#pragma once
// The registry service in-process over a given test database (see ServiceHarness).
#include <memory>
#include <string>

#include "common/crypto.h"
#include "services/registry/api/registry_api.h"
#include "services/registry/migrations.h"
#include "tests/support/service_harness.h"

namespace carehub::testing {

class RegistryHarness {
 public:
  explicit RegistryHarness(db::Database& db)
      : harness_(
            {.name = "carehub-registry",
             .db = &db,
             .migrations = RegistryMigrations,
             .relayed_methods = {{"carehub-funds", {"/carehub.registry.v1.RegistryService/GetBeneficiary"}}}},
            [](BackendRuntime& rt) { return std::make_unique<registry::RegistryApi>(rt, crypto::RandomBytes(32)); }),
        stub_(registry::v1::RegistryService::NewStub(harness_.channel())) {}

  registry::v1::RegistryService::Stub& stub() { return *stub_; }
  const std::string& key() const { return harness_.key(); }
  const ServiceHarness& service() const { return harness_; }
  // A new stub on a channel of its own, as a separate client would have.
  std::unique_ptr<registry::v1::RegistryService::Stub> NewClient() const {
    return registry::v1::RegistryService::NewStub(harness_.NewChannel());
  }
  std::unique_ptr<grpc::ClientContext> As(const Principal& p, const std::string& key = "") const {
    return harness_.As(p, key);
  }

 private:
  ServiceHarness harness_;
  std::unique_ptr<registry::v1::RegistryService::Stub> stub_;
};

}  // namespace carehub::testing
