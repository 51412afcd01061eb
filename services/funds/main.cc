// carehub-funds: programs, their budget ledger, grants, batches and payment files on the skeleton
// (common/backend.h), with the PII key the registry seals with (payees' account numbers).
#include "common/backend.h"
#include "common/clients/beneficiary_directory.h"
#include "common/pii_key.h"
#include "services/funds/api/funds_api.h"
#include "services/funds/migrations.h"

int main(int argc, char** argv) {
  using namespace carehub;
  BackendSpec spec{
      "carehub-funds", "127.0.0.1:7102", "sqlite://data/funds.db", FundsMigrations, {{"registry", "127.0.0.1:7101"}}};
  // Reports compose the one form from each service's summary, as the caller.
  spec.relayed_methods["carehub-reports"] = {"/carehub.funds.v1.FundsService/SummarizeFunds"};
  PiiKeyOptions pii;
  int batch_poll_ms = 1000;
  spec.add_flags = [&](CLI::App& app) {
    AddPiiKeyFlags(app, pii);
    app.add_option("--batch-poll-ms", batch_poll_ms, "how often to look for grant batches left unfilled (0: never)")
        ->envname("CAREHUB_BATCH_POLL_MS")
        ->check(CLI::Range(0, 3'600'000));
  };
  spec.make_service = [&](BackendRuntime& rt) {
    funds::FundsOptions options{LoadPiiKey(pii), std::chrono::milliseconds(batch_poll_ms)};
    return std::make_unique<funds::FundsApi>(rt, options, RegistryBeneficiaries(rt.ClientFor("registry")));
  };
  return RunBackend(argc, argv, spec);
}
