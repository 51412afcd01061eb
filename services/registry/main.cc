// carehub-registry: the skeleton (common/backend.h) plus the PII key the registry seals with.
#include "common/backend.h"
#include "common/pii_key.h"
#include "services/registry/api/registry_api.h"
#include "services/registry/migrations.h"

int main(int argc, char** argv) {
  using namespace carehub;
  PiiKeyOptions pii;
  BackendSpec spec{"carehub-registry", "127.0.0.1:7101", "sqlite://data/registry.db", RegistryMigrations};
  // Funds and volunteers read beneficiaries on a caller's behalf; they change nothing here.
  for (const char* peer : {"carehub-funds", "carehub-volunteers"}) {
    spec.relayed_methods[peer] = {"/carehub.registry.v1.RegistryService/GetBeneficiary"};
  }
  // Funds fills a batch of grants from one stream of everyone eligible under a division.
  spec.relayed_methods["carehub-funds"].insert("/carehub.registry.v1.RegistryService/StreamBeneficiaries");
  // Volunteers follow the change feed (a child leaving ends its pairings, a risk change re-plans).
  spec.relayed_methods["carehub-volunteers"].insert("/carehub.registry.v1.RegistryService/ListPersonChanges");
  // An officer acknowledging a risk report in volunteers may raise the child's risk level here.
  spec.relayed_methods["carehub-volunteers"].insert("/carehub.registry.v1.RegistryService/GetChild");
  spec.relayed_methods["carehub-volunteers"].insert("/carehub.registry.v1.RegistryService/UpdateChild");
  // Reports compose the one form from each service's summary, as the caller.
  spec.relayed_methods["carehub-reports"] = {"/carehub.registry.v1.RegistryService/SummarizeRegistry"};
  spec.add_flags = [&](CLI::App& app) { AddPiiKeyFlags(app, pii); };
  spec.make_service = [&](BackendRuntime& rt) { return std::make_unique<registry::RegistryApi>(rt, LoadPiiKey(pii)); };
  return RunBackend(argc, argv, spec);
}
