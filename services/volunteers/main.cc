// carehub-volunteers: the skeleton does the rest (common/backend.h); the volunteers issue adds its RPCs.
#include "carehub/volunteers/v1/volunteers_service.grpc.pb.h"
#include "common/info_only_api.h"
#include "services/volunteers/migrations.h"

int main(int argc, char** argv) {
  using namespace carehub;
  BackendSpec spec{"carehub-volunteers",
                   "127.0.0.1:7103",
                   "sqlite://data/volunteers.db",
                   VolunteersMigrations,
                   {{"registry", "127.0.0.1:7101"}}};
  spec.make_service = [](BackendRuntime& rt) {
    return std::make_unique<InfoOnlyApi<volunteers::v1::VolunteersService>>(rt);
  };
  return RunBackend(argc, argv, spec);
}
