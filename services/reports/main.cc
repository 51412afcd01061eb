// carehub-reports: the one form for a division and a period (一表通), composed from the registry,
// funds and volunteers services' summaries as the caller, on the skeleton (common/backend.h),
// with its own small database of filed reports.
#include "common/backend.h"
#include "services/reports/api/grpc_sources.h"
#include "services/reports/api/reports_api.h"
#include "services/reports/migrations.h"

int main(int argc, char** argv) {
  using namespace carehub;
  BackendSpec spec{"carehub-reports",
                   "127.0.0.1:7104",
                   "sqlite://data/reports.db",
                   ReportsMigrations,
                   {{"registry", "127.0.0.1:7101"}, {"funds", "127.0.0.1:7102"}, {"volunteers", "127.0.0.1:7103"}}};
  spec.make_service = [](BackendRuntime& rt) {
    return std::make_unique<reports::ReportsApi>(rt, reports::GrpcSources(rt));
  };
  return RunBackend(argc, argv, spec);
}
