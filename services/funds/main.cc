#include "common/server.h"
#include "services/funds/funds_service.h"

namespace carehub {
const std::vector<db::Migration>& FundsMigrations(db::Backend backend);
}

int main(int argc, char** argv) {
  carehub::BackendSpec spec;
  spec.name = "carehub-funds";
  spec.default_listen = "127.0.0.1:7102";
  spec.default_db_url = "sqlite://data/funds.db";
  spec.migrations = carehub::FundsMigrations;
  spec.make_service = [](carehub::BackendRuntime& rt) -> std::unique_ptr<grpc::Service> {
    return std::make_unique<carehub::funds::FundsServiceImpl>(rt);
  };
  return carehub::RunBackend(argc, argv, spec);
}
