// carehub-volunteers: volunteers, teams, activities, sign-ups and hours on the skeleton
// (common/backend.h), with the PII key the registry seals with and the no-show rule.
#include "common/backend.h"
#include "common/pii_key.h"
#include "services/volunteers/api/volunteers_api.h"
#include "services/volunteers/migrations.h"

int main(int argc, char** argv) {
  using namespace carehub;
  PiiKeyOptions pii;
  int no_show_limit = 3;
  BackendSpec spec{"carehub-volunteers",
                   "127.0.0.1:7103",
                   "sqlite://data/volunteers.db",
                   VolunteersMigrations,
                   {{"registry", "127.0.0.1:7101"}}};
  spec.add_flags = [&](CLI::App& app) {
    AddPiiKeyFlags(app, pii);
    app.add_option("--no-show-limit", no_show_limit, "no-shows that block sign-ups until cleared (0: never)")
        ->envname("CAREHUB_NO_SHOW_LIMIT")
        ->check(CLI::Range(0, 100));
  };
  spec.make_service = [&](BackendRuntime& rt) {
    return std::make_unique<volunteers::VolunteersApi>(rt,
                                                       volunteers::VolunteersOptions{LoadPiiKey(pii), no_show_limit});
  };
  return RunBackend(argc, argv, spec);
}
