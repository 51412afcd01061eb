// The health service every CareHub server answers (grpc.health.v1, served synchronously): what
// probes, load balancers and the gateway's watcher see as a server starts, changes and drains.
#include <gtest/gtest.h>

#include <thread>

#include "common/server.h"
#include "grpc/health/v1/health.grpc.pb.h"

namespace carehub {
namespace {

using grpc::health::v1::HealthCheckRequest;
using grpc::health::v1::HealthCheckResponse;

class HealthTest : public ::testing::Test {
 protected:
  void SetUp() override {
    built_ = BuildServer("127.0.0.1:0", {});
    stub_ = grpc::health::v1::Health::NewStub(
        grpc::CreateChannel("127.0.0.1:" + std::to_string(built_.port), grpc::InsecureChannelCredentials()));
  }
  grpc::Status Check(const std::string& service, HealthCheckResponse* resp) {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    HealthCheckRequest req;
    req.set_service(service);
    return stub_->Check(&ctx, req, resp);
  }
  grpc::HealthCheckServiceInterface& health() { return *built_.server->GetHealthCheckService(); }

  BuiltServer built_;
  std::unique_ptr<grpc::health::v1::Health::Stub> stub_;
};

TEST_F(HealthTest, CheckAnswersTheServerAndEachNamedServiceAndNotFoundForOthers) {
  HealthCheckResponse resp;
  ASSERT_TRUE(Check("", &resp).ok());
  EXPECT_EQ(resp.status(), HealthCheckResponse::SERVING);
  EXPECT_EQ(Check("carehub-registry", &resp).error_code(), grpc::StatusCode::NOT_FOUND);
  health().SetServingStatus("carehub-registry", false);
  ASSERT_TRUE(Check("carehub-registry", &resp).ok());
  EXPECT_EQ(resp.status(), HealthCheckResponse::NOT_SERVING);
  health().SetServingStatus(true);  // every service named so far
  ASSERT_TRUE(Check("carehub-registry", &resp).ok());
  EXPECT_EQ(resp.status(), HealthCheckResponse::SERVING);
}

TEST_F(HealthTest, AWatcherSeesEveryChangeAndADrainingServerStaysNotServing) {
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  HealthCheckRequest req;
  auto reader = stub_->Watch(&ctx, req);
  HealthCheckResponse resp;
  ASSERT_TRUE(reader->Read(&resp));
  EXPECT_EQ(resp.status(), HealthCheckResponse::SERVING);
  health().SetServingStatus(false);
  ASSERT_TRUE(reader->Read(&resp));
  EXPECT_EQ(resp.status(), HealthCheckResponse::NOT_SERVING);
  health().SetServingStatus(true);
  ASSERT_TRUE(reader->Read(&resp));
  EXPECT_EQ(resp.status(), HealthCheckResponse::SERVING);
  health().Shutdown();
  ASSERT_TRUE(reader->Read(&resp));
  EXPECT_EQ(resp.status(), HealthCheckResponse::NOT_SERVING);
  health().SetServingStatus(true);  // ignored while draining
  ASSERT_TRUE(Check("", &resp).ok());
  EXPECT_EQ(resp.status(), HealthCheckResponse::NOT_SERVING);
  ctx.TryCancel();
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::CANCELLED);
}

}  // namespace
}  // namespace carehub
