#pragma once
// carehub-bench --op funds: grants submitted, approved and disbursed at full speed against a
// funds service (and the registry it asks), beside the database's own bound for the same row
// changes: bare transactions of the approval's statements, run by the same tool in the same run.
#include <string>

#include "common/server.h"

namespace carehub::bench {

struct FundsBenchOptions {
  std::string registry_addr;
  std::string funds_addr;
  std::string funds_db_url;  // for the bound; empty: skip it
  InternalKeyOptions key;
  int programs = 1;  // 1: every approval contends for one budget; 100: spread
  int grants = 2000;
  int concurrency = 8;
  int run_id = 0;
};

int RunFunds(const FundsBenchOptions& o);

// A distinct valid woman's ID number (born 1970–1989) for bench run `run` and index `n`.
std::string BenchWomanId(int n, int run);

}  // namespace carehub::bench
