// What the gateway records of a call: made-up method names all count under one metrics label.
#include "services/gateway/access_log.h"

#include <gtest/gtest.h>

#include <set>

namespace carehub {
const void* const* LinkSchemas_carehub_proto();  // generated: every CareHub schema
}

namespace carehub::gateway {
namespace {

TEST(AccessLog, MadeUpMethodsDoNotGrowTheMetrics) {
  (void)LinkSchemas_carehub_proto();
  Metrics metrics("carehub-gateway");
  auto start = std::chrono::steady_clock::now();
  grpc::Status refused(grpc::StatusCode::UNAUTHENTICATED, "no key");
  for (int i = 0; i < 400; ++i) {
    WriteAccess(&metrics, {"/carehub.registry.v1.RegistryService/Made" + std::to_string(i), "grpc", refused, start});
    WriteAccess(&metrics, {"/no.such.Service/M" + std::to_string(i), "http-json", refused, start});
  }
  WriteAccess(&metrics, {"/carehub.registry.v1.RegistryService/GetChild", "grpc", grpc::Status::OK, start});
  std::set<std::string> labels;
  for (const auto& family : metrics.registry().Collect()) {
    for (const auto& m : family.metric) {
      for (const auto& l : m.label) {
        if (l.name == "method") labels.insert(l.value);
      }
    }
  }
  EXPECT_EQ(labels, (std::set<std::string>{"unknown", "/carehub.registry.v1.RegistryService/GetChild"}));
}

}  // namespace
}  // namespace carehub::gateway
