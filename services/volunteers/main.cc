// carehub-volunteers: the skeleton does the rest (common/backend.h).
#include "common/backend.h"
#include "services/volunteers/volunteers_api.h"
#include "services/volunteers/migrations.h"

int main(int argc, char** argv) {
  using namespace carehub;
  BackendSpec spec{.name = "carehub-volunteers",
                   .default_listen = "127.0.0.1:7103",
                   .default_db_url = "sqlite://data/volunteers.db",
                   .migrations = VolunteersMigrations,
                   .peers = {{"registry", "127.0.0.1:7101"}}};
  spec.make_service = [](BackendRuntime& rt) { return std::make_unique<volunteers::VolunteersApi>(rt); };
  return RunBackend(argc, argv, spec);
}
