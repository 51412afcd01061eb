// carehub-funds: the skeleton does the rest (common/backend.h).
#include "common/backend.h"
#include "services/funds/funds_api.h"
#include "services/funds/migrations.h"

int main(int argc, char** argv) {
  using namespace carehub;
  BackendSpec spec{.name = "carehub-funds",
                   .default_listen = "127.0.0.1:7102",
                   .default_db_url = "sqlite://data/funds.db",
                   .migrations = FundsMigrations,
                   .peers = {{"registry", "127.0.0.1:7101"}}};
  spec.make_service = [](BackendRuntime& rt) { return std::make_unique<funds::FundsApi>(rt); };
  return RunBackend(argc, argv, spec);
}
