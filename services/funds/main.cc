// carehub-funds: programs and their budget ledger on the skeleton (common/backend.h).
#include "common/backend.h"
#include "common/clients/beneficiary_directory.h"
#include "services/funds/api/funds_api.h"
#include "services/funds/migrations.h"

int main(int argc, char** argv) {
  using namespace carehub;
  BackendSpec spec{
      "carehub-funds", "127.0.0.1:7102", "sqlite://data/funds.db", FundsMigrations, {{"registry", "127.0.0.1:7101"}}};
  spec.make_service = [](BackendRuntime& rt) {
    return std::make_unique<funds::FundsApi>(rt, RegistryBeneficiaries(rt.ClientFor("registry")));
  };
  return RunBackend(argc, argv, spec);
}
