// What the gateway answers itself on its completion queues, without a key: health (what probes
// and the route watcher publish) and server reflection, v1alpha and v1, of the routed services.
#include "services/gateway/local_calls.h"

#include <gtest/gtest.h>

#include <google/protobuf/descriptor.pb.h>
#include <grpcpp/generic/generic_stub.h>

#include "carehub/testing/v1/echo.grpc.pb.h"
#include "common/server.h"
#include "services/gateway/gateway_server.h"
#include "services/gateway/wire_check.h"

namespace carehub::gateway {
namespace {

using grpc::health::v1::HealthCheckRequest;
using grpc::health::v1::HealthCheckResponse;

class LocalCallsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    proxy_ = std::make_unique<Proxy>(
        std::make_shared<const Policy>(
            Policy{ApiKeyStore::FromJson(R"({"api_keys":[]})", "test"), std::nullopt, RoleTable::Defaults()}),
        Router(std::vector<Route>{{"carehub.testing", "127.0.0.1:1"}}), std::string(32, 'k'), nullptr,
        ProxyOptions{});
    server_ = std::make_unique<GatewayServer>(*proxy_, health_, std::vector<std::string>{"carehub.testing.v1.EchoService"},
                                              GatewayServerOptions{"127.0.0.1:0", kDefaultMaxMessageBytes, nullptr, 2});
    channel_ = grpc::CreateChannel("127.0.0.1:" + std::to_string(server_->port()), grpc::InsecureChannelCredentials());
    health_stub_ = grpc::health::v1::Health::NewStub(channel_);
  }

  grpc::Status Check(const std::string& service, HealthCheckResponse* resp) {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    HealthCheckRequest req;
    req.set_service(service);
    return health_stub_->Check(&ctx, req, resp);
  }

  // One reflection stream on `method`: every request sent, then every answer read.
  std::vector<v1::ServerReflectionResponse> Reflect(const std::string& method,
                                                    const std::vector<v1::ServerReflectionRequest>& requests,
                                                    grpc::Status* status) {
    std::vector<std::string> payloads;
    for (const auto& r : requests) payloads.push_back(r.SerializeAsString());
    std::vector<v1::ServerReflectionResponse> answers;
    for (const auto& bytes : Exchange(method, payloads, status)) answers.emplace_back().ParseFromString(bytes);
    return answers;
  }

  // One bidirectional stream of raw messages, so a test can also send what is not a request.
  std::vector<std::string> Exchange(const std::string& method, const std::vector<std::string>& payloads,
                                    grpc::Status* status) {
    grpc::CompletionQueue cq;
    grpc::GenericStub stub(channel_);
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    auto call = stub.PrepareCall(&ctx, method, &cq);
    void* tag = nullptr;
    bool ok = false;
    auto wait = [&] {
      EXPECT_TRUE(cq.Next(&tag, &ok));
      return ok;
    };
    call->StartCall(&cq);
    wait();
    for (const auto& bytes : payloads) {
      auto out = BufferOf(bytes);
      call->Write(out, &cq);
      if (!wait()) break;
    }
    call->WritesDone(&cq);
    wait();
    std::vector<std::string> answers;
    for (;;) {
      grpc::ByteBuffer in;
      call->Read(&in, &cq);
      if (!wait()) break;
      answers.push_back(BytesOf(in));
    }
    call->Finish(status, &cq);
    wait();
    cq.Shutdown();
    while (cq.Next(&tag, &ok)) {
    }
    return answers;
  }

  HealthBoard health_;
  std::unique_ptr<Proxy> proxy_;
  std::unique_ptr<GatewayServer> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<grpc::health::v1::Health::Stub> health_stub_;
};

TEST_F(LocalCallsTest, HealthCheckAnswersWithoutAKeyAndNotFoundForAnUnknownName) {
  HealthCheckResponse resp;
  ASSERT_TRUE(Check("", &resp).ok());
  EXPECT_EQ(resp.status(), HealthCheckResponse::SERVING);
  EXPECT_EQ(Check("carehub.testing", &resp).error_code(), grpc::StatusCode::NOT_FOUND);
  health_.SetServingStatus("carehub.testing", false);  // as the route watcher does
  ASSERT_TRUE(Check("carehub.testing", &resp).ok());
  EXPECT_EQ(resp.status(), HealthCheckResponse::NOT_SERVING);
}

TEST_F(LocalCallsTest, AHealthWatcherSeesEveryChangeAndADrainingGatewayStaysNotServing) {
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  HealthCheckRequest req;
  req.set_service("carehub.testing");
  auto reader = health_stub_->Watch(&ctx, req);
  HealthCheckResponse resp;
  ASSERT_TRUE(reader->Read(&resp));
  EXPECT_EQ(resp.status(), HealthCheckResponse::SERVICE_UNKNOWN);
  for (bool serving : {true, false, true}) {
    health_.SetServingStatus("carehub.testing", serving);
    ASSERT_TRUE(reader->Read(&resp));
    EXPECT_EQ(resp.status(), serving ? HealthCheckResponse::SERVING : HealthCheckResponse::NOT_SERVING);
  }
  health_.Shutdown();
  ASSERT_TRUE(reader->Read(&resp));
  EXPECT_EQ(resp.status(), HealthCheckResponse::NOT_SERVING);
  health_.SetServingStatus("carehub.testing", true);  // ignored while draining
  ASSERT_TRUE(Check("carehub.testing", &resp).ok());
  EXPECT_EQ(resp.status(), HealthCheckResponse::NOT_SERVING);
  ctx.TryCancel();
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::CANCELLED);
}

TEST_F(LocalCallsTest, AServerWithWatchersOpenStopsWithinItsGrace) {
  std::vector<std::unique_ptr<grpc::ClientContext>> contexts;
  std::vector<std::unique_ptr<grpc::ClientReader<HealthCheckResponse>>> readers;
  for (int i = 0; i < 5; ++i) {
    contexts.push_back(std::make_unique<grpc::ClientContext>());
    readers.push_back(health_stub_->Watch(contexts.back().get(), HealthCheckRequest()));
    HealthCheckResponse resp;
    ASSERT_TRUE(readers.back()->Read(&resp));
  }
  server_->Shutdown(std::chrono::system_clock::now() + std::chrono::milliseconds(200));
  for (auto& r : readers) EXPECT_FALSE(r->Finish().ok());
}

TEST_F(LocalCallsTest, ReflectionListsTheRoutedServicesOnBothVersions) {
  for (const char* method : {kReflectionMethod, kReflectionV1Method}) {
    v1::ServerReflectionRequest list;
    list.set_list_services("");
    grpc::Status status;
    auto answers = Reflect(method, {list}, &status);
    ASSERT_TRUE(status.ok()) << method << ": " << status.error_message();
    ASSERT_EQ(answers.size(), 1u);
    std::vector<std::string> names;
    for (const auto& s : answers[0].list_services_response().service()) names.push_back(s.name());
    EXPECT_EQ(names, (std::vector<std::string>{"carehub.testing.v1.EchoService", "grpc.health.v1.Health",
                                               "grpc.reflection.v1alpha.ServerReflection",
                                               "grpc.reflection.v1.ServerReflection"}));
  }
}

TEST_F(LocalCallsTest, ReflectionDescribesASymbolWithItsImportsAndAnswersEachRequestInTurn) {
  v1::ServerReflectionRequest symbol, method, missing, file;
  symbol.set_file_containing_symbol("carehub.testing.v1.EchoService");
  method.set_file_containing_symbol("carehub.testing.v1.EchoService.Collect");
  missing.set_file_containing_symbol("carehub.testing.v1.NoSuchService");
  file.set_file_by_filename("grpc/health/v1/health.proto");
  grpc::Status status;
  auto answers = Reflect(kReflectionMethod, {symbol, method, missing, file}, &status);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(answers.size(), 4u);
  for (int i : {0, 1}) {
    const auto& files = answers[i].file_descriptor_response().file_descriptor_proto();
    ASSERT_FALSE(files.empty());
    google::protobuf::FileDescriptorProto last;
    ASSERT_TRUE(last.ParseFromString(files[files.size() - 1]));  // imports come first
    EXPECT_EQ(last.name(), "carehub/testing/v1/echo.proto");
    ASSERT_EQ(last.service_size(), 1);
    EXPECT_EQ(last.service(0).name(), "EchoService");
    EXPECT_EQ(static_cast<int>(files.size()), 1 + last.dependency_size());
  }
  EXPECT_EQ(answers[2].error_response().error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(answers[2].error_response().error_message(), "symbol carehub.testing.v1.NoSuchService: not found");
  EXPECT_EQ(answers[2].original_request().file_containing_symbol(), "carehub.testing.v1.NoSuchService");
  ASSERT_EQ(answers[3].file_descriptor_response().file_descriptor_proto_size(), 1);
}

TEST_F(LocalCallsTest, AReflectionRequestThatIsNotOneIsRefused) {
  grpc::Status status;
  EXPECT_TRUE(Exchange(kReflectionMethod, {"\xff\xff\xff"}, &status).empty());
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "request: not a ServerReflectionRequest");
}

}  // namespace
}  // namespace carehub::gateway
