// carehub-volunteers: volunteers, teams, activities, sign-ups, hours, pairings and visits on the
// skeleton (common/backend.h), with the PII key the registry seals with, the registry for
// children, and the rules operators tune (no-shows, caseloads, visiting cadence, escalation).
#include "common/backend.h"
#include "common/clients/beneficiary_directory.h"
#include "common/pii_key.h"
#include "services/volunteers/api/registry_children.h"
#include "services/volunteers/api/registry_feed.h"
#include "services/volunteers/api/volunteers_api.h"
#include "services/volunteers/migrations.h"

int main(int argc, char** argv) {
  using namespace carehub;
  PiiKeyOptions pii;
  volunteers::VolunteersOptions options;
  std::string cadence, escalation = "1,7,14", risk_sla = "1,7";
  int feed_poll_ms = 2000;
  BackendSpec spec{"carehub-volunteers",
                   "127.0.0.1:7103",
                   "sqlite://data/volunteers.db",
                   VolunteersMigrations,
                   {{"registry", "127.0.0.1:7101"}}};
  // Reports compose the one form from each service's summary, as the caller.
  spec.relayed_methods["carehub-reports"] = {"/carehub.volunteers.v1.VolunteersService/SummarizeVolunteers",
                                             "/carehub.volunteers.v1.VolunteersService/SummarizeCare"};
  spec.add_flags = [&](CLI::App& app) {
    AddPiiKeyFlags(app, pii);
    app.add_option("--no-show-limit", options.no_show_limit, "no-shows that block sign-ups until cleared (0: never)")
        ->envname("CAREHUB_NO_SHOW_LIMIT")
        ->check(CLI::Range(0, 100));
    app.add_option("--caseload-cap", options.care.caseload_cap, "children one volunteer may be paired with")
        ->envname("CAREHUB_CASELOAD_CAP")
        ->check(CLI::Range(1, 100));
    app.add_option("--cadence", cadence, "days between visits, e.g. high=7,medium=14,low=30,in-difficulty:high=5")
        ->envname("CAREHUB_CADENCE");
    app.add_option("--escalation-days", escalation, "days overdue to reach the team leader, town, district")
        ->envname("CAREHUB_ESCALATION_DAYS");
    app.add_option("--risk-sla", risk_sla, "days to acknowledge a risk report, then to resolve it")
        ->envname("CAREHUB_RISK_SLA");
    app.add_option("--feed-poll-ms", feed_poll_ms, "how often to follow the registry's change feed (0: never)")
        ->envname("CAREHUB_FEED_POLL_MS")
        ->check(CLI::Range(0, 3'600'000));
  };
  spec.make_service = [&](BackendRuntime& rt) {
    options.pii_key = LoadPiiKey(pii);
    options.care.cadence = volunteers::CadencePolicy::Parse(cadence);
    options.care.escalation = volunteers::EscalationPolicy::Parse(escalation);
    options.care.risk_sla = volunteers::RiskSla::Parse(risk_sla);
    options.feed_poll = std::chrono::milliseconds(feed_poll_ms);
    return std::make_unique<volunteers::VolunteersApi>(rt, options, RegistryBeneficiaries(rt.ClientFor("registry")),
                                                       volunteers::RegistryChanges(rt.ClientFor("registry")),
                                                       volunteers::RegistryChildRisk(rt.ClientFor("registry")));
  };
  return RunBackend(argc, argv, spec);
}
