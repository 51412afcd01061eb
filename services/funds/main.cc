// carehub-funds: the skeleton does the rest (common/backend.h); the funds issue adds its RPCs.
#include "carehub/funds/v1/funds_service.grpc.pb.h"
#include "common/info_only_api.h"
#include "services/funds/migrations.h"

int main(int argc, char** argv) {
  using namespace carehub;
  BackendSpec spec{
      "carehub-funds", "127.0.0.1:7102", "sqlite://data/funds.db", FundsMigrations, {{"registry", "127.0.0.1:7101"}}};
  spec.make_service = [](BackendRuntime& rt) { return std::make_unique<InfoOnlyApi<funds::v1::FundsService>>(rt); };
  return RunBackend(argc, argv, spec);
}
