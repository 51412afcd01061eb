#pragma once
// carehub-bench --op report: the one form for a division, timed against a reports service and
// the services behind it (called directly, principal signed): the whole form (breakdown and
// comparisons), without comparisons, and without the breakdown, each asked `runs` times.
#include <string>

#include "common/server.h"

namespace carehub::bench {

struct ReportBenchOptions {
  std::string reports_addr;
  std::string registry_addr;
  InternalKeyOptions key;
  int women = 0;  // imported first, when not 0
  std::string division_code = "500116000000";
  int year = 2026;
  int runs = 5;
  int run_id = 0;
};

int RunReport(const ReportBenchOptions& o);

}  // namespace carehub::bench
