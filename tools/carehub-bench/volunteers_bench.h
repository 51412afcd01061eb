#pragma once
// carehub-bench --op volunteers: sign-ups at full speed against a volunteers service, contended
// on one activity and spread over 100; then hours totals for a district holding
// --attendance-rows attendance entries (seeded straight into its database).
#include <cstdint>
#include <string>

#include "common/server.h"

namespace carehub::bench {

struct VolunteersBenchOptions {
  std::string addr;    // the volunteers service (direct)
  std::string db_url;  // its database, for seeding attendance rows; empty: skip the totals
  InternalKeyOptions key;
  int signups = 2000;
  int concurrency = 8;
  int64_t attendance_rows = 1'000'000;
  int totals_queries = 200;
  int pairings = 100'000;  // children paired, with their plans, seeded for the overdue lists
  int visits_per_child = 10;
  int run_id = 0;
};

int RunVolunteers(const VolunteersBenchOptions& o);

}  // namespace carehub::bench
