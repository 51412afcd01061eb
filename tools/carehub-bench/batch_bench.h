#pragma once
// carehub-bench --op batch: a holiday condolence for every woman of a district, end to end
// against a registry and a funds service called directly: the women imported, the batch
// previewed, filled, approved, payees entered, the payment file exported and the bank's results
// imported, then the figures. Each step timed; the books checked at the end.
#include <string>

#include "carehub/registry/v1/registry_service.grpc.pb.h"
#include "common/server.h"

namespace carehub::bench {

struct BatchBenchOptions {
  std::string registry_addr;
  std::string funds_addr;
  InternalKeyOptions key;
  int women = 100'000;
  int concurrency = 8;  // for the payees, one call each
  int run_id = 0;
};

int RunBatch(const BatchBenchOptions& o);

// Imports `women` women (ten villages of the town 500116001, born 1970–1989, on the minimum living
// allowance) into the registry behind `registry`, timed.
void ImportWomen(registry::v1::RegistryService::Stub& registry, const std::string& key, int women, int run_id);

}  // namespace carehub::bench
