#include "tools/carehub-bench/report_bench.h"

#include <grpcpp/grpcpp.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <iostream>

#include "carehub/reports/v1/reports_service.grpc.pb.h"
#include "common/ids.h"
#include "common/reach.h"
#include "tools/carehub-bench/batch_bench.h"
#include "tools/carehub-bench/timed.h"

namespace carehub::bench {

int RunReport(const ReportBenchOptions& o) {
  std::string key = LoadInternalKey(o.key);
  if (o.women > 0) {
    auto registry = registry::v1::RegistryService::NewStub(
        grpc::CreateChannel(o.registry_addr, grpc::InsecureChannelCredentials()));
    ImportWomen(*registry, key, o.women, o.run_id);
  }
  namespace rv1 = reports::v1;
  auto stub = rv1::ReportsService::NewStub(grpc::CreateChannel(o.reports_addr, grpc::InsecureChannelCredentials()));
  struct Variant {
    const char* name;
    bool breakdown, comparisons;
  };
  int failures = 0;
  for (const auto& v : {Variant{"whole form", true, true}, Variant{"without comparisons", true, false},
                        Variant{"division only", false, false}}) {
    std::vector<double> seconds;
    rv1::DivisionReport r;
    for (int i = 0; i < o.runs; ++i) {
      rv1::GetDivisionReportRequest req;
      req.set_division_code(o.division_code);
      req.mutable_period()->set_kind(rv1::PERIOD_KIND_YEAR);
      req.mutable_period()->set_year(o.year);
      req.set_skip_breakdown(!v.breakdown);
      req.set_skip_comparisons(!v.comparisons);
      auto t0 = std::chrono::steady_clock::now();
      Principal auditor{"bench-auditor", {"auditor"}, std::string(DivisionPrefix(o.division_code)), NewId("rq")};
      auto s = stub->GetDivisionReport(Signed(key, auditor, std::chrono::seconds(120)).get(), req, &r);
      seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
      if (!s.ok() || r.missing_sources_size() > 0) {
        ++failures;
        std::cerr << "report: " << (s.ok() ? r.missing_sources(0) : s.error_message()) << std::endl;
      }
    }
    std::sort(seconds.begin(), seconds.end());
    int64_t children = 0, women = 0;
    for (const auto& val : r.values()) {
      if (val.code() == "children.left_behind" || val.code() == "children.in_difficulty") children += val.value();
      if (val.code() == "women.active") women = val.value();
    }
    std::cout << nlohmann::json{{"op", std::string("GetDivisionReport ") + v.name},
                                {"division", o.division_code},
                                {"runs", o.runs},
                                {"p50_s", seconds[seconds.size() / 2]},
                                {"max_s", seconds.back()},
                                {"breakdown", r.breakdown_size()},
                                {"children", children},
                                {"women", women}}
                     .dump()
              << std::endl;
  }
  return failures == 0 ? 0 : 2;
}

}  // namespace carehub::bench
