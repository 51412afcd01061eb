#include "common/server.h"
#include "services/volunteers/volunteers_service.h"

namespace carehub {
const std::vector<db::Migration>& VolunteersMigrations(db::Backend backend);
}

int main(int argc, char** argv) {
  carehub::BackendSpec spec;
  spec.name = "carehub-volunteers";
  spec.default_listen = "127.0.0.1:7103";
  spec.default_db_url = "sqlite://data/volunteers.db";
  spec.migrations = carehub::VolunteersMigrations;
  spec.make_service = [](carehub::BackendRuntime& rt) -> std::unique_ptr<grpc::Service> {
    return std::make_unique<carehub::volunteers::VolunteersServiceImpl>(rt);
  };
  return carehub::RunBackend(argc, argv, spec);
}
