// The gateway's forwarding in every call shape, against an in-process backend that checks the
// signed principal the way real backends do.
#include "services/gateway/proxy.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "carehub/testing/v1/echo.grpc.pb.h"
#include "common/crypto.h"
#include "common/rpc.h"
#include "common/server.h"

namespace carehub::gateway {
namespace {

namespace t = carehub::testing::v1;

class EchoBackend final : public t::EchoService::Service {
 public:
  explicit EchoBackend(std::string key) : key_(std::move(key)) {}

  grpc::Status Echo(grpc::ServerContext* ctx, const t::EchoRequest* req, t::EchoResponse* resp) override {
    if (!Fill(ctx, resp)) return Unauth();
    if (req->fail_code() != 0) return grpc::Status(static_cast<grpc::StatusCode>(req->fail_code()), req->text());
    resp->set_text(req->text());
    return grpc::Status::OK;
  }
  grpc::Status Collect(grpc::ServerContext* ctx, grpc::ServerReader<t::EchoRequest>* reader,
                       t::EchoResponse* resp) override {
    if (!Fill(ctx, resp)) return Unauth();
    t::EchoRequest req;
    int n = 0;
    std::string all;
    while (reader->Read(&req)) {
      ++n;
      all += req.text();
    }
    resp->set_count(n);
    resp->set_text(all);
    return grpc::Status::OK;
  }
  grpc::Status Expand(grpc::ServerContext* ctx, const t::EchoRequest* req,
                      grpc::ServerWriter<t::EchoResponse>* writer) override {
    t::EchoResponse resp;
    if (!Fill(ctx, &resp)) return Unauth();
    for (int i = 0; i < req->repeat(); ++i) {
      resp.set_count(i);
      resp.set_text(req->text());
      if (!writer->Write(resp)) break;
    }
    return grpc::Status::OK;
  }
  grpc::Status Chat(grpc::ServerContext* ctx, grpc::ServerReaderWriter<t::EchoResponse, t::EchoRequest>* stream) override {
    t::EchoResponse resp;
    if (!Fill(ctx, &resp)) return Unauth();
    t::EchoRequest req;
    int n = 0;
    while (stream->Read(&req)) {
      resp.set_text(req.text());
      resp.set_count(++n);
      stream->Write(resp);
    }
    return grpc::Status::OK;
  }

 private:
  bool Fill(grpc::ServerContext* ctx, t::EchoResponse* resp) {
    auto p = PrincipalFromMetadata(*ctx, key_);
    if (!p) return false;
    resp->set_subject(p->subject);
    resp->set_request_id(p->request_id);
    resp->set_deadline_ms_left(
        std::chrono::duration_cast<std::chrono::milliseconds>(ctx->deadline() - std::chrono::system_clock::now()).count());
    return true;
  }
  static grpc::Status Unauth() { return grpc::Status(grpc::StatusCode::UNAUTHENTICATED, "no principal"); }
  std::string key_;
};

class ProxyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    backend_ = std::make_unique<EchoBackend>(key_);
    backend_server_ = BuildServer("127.0.0.1:0", {backend_.get()});
    auto k = GenerateApiKey();
    api_key_ = k.key;
    auto keys = ApiKeyStore::FromJson(R"({"api_keys":[{"name":"t","sha256":")" + k.sha256 +
                                          R"(","subject":"tester","roles":["admin"],"division_prefix":"50"}]})",
                                      "test");
    Router router(std::vector<Route>{{"carehub.testing", "127.0.0.1:" + std::to_string(backend_server_.port)}});
    ProxyOptions opts;
    opts.default_deadline = std::chrono::milliseconds(30000);
    opts.rate_limits = {0, 1, 0, 1};  // unlimited: these tests are about forwarding
    auto policy = std::make_shared<const Policy>(Policy{std::move(keys), std::nullopt, RoleTable::Defaults()});
    proxy_ = std::make_unique<Proxy>(policy, std::move(router), key_, nullptr, opts);
    gateway_ = BuildServer("127.0.0.1:0", {}, proxy_.get());
    stub_ = t::EchoService::NewStub(
        grpc::CreateChannel("127.0.0.1:" + std::to_string(gateway_.port), grpc::InsecureChannelCredentials()));
  }
  void TearDown() override {
    gateway_.server->Shutdown();
    backend_server_.server->Shutdown();
  }
  std::unique_ptr<grpc::ClientContext> Ctx(int deadline_ms = 10000) {
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->AddMetadata("x-api-key", api_key_);
    if (deadline_ms > 0) ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(deadline_ms));
    return ctx;
  }

  std::string key_ = crypto::RandomBytes(32);
  std::string api_key_;
  std::unique_ptr<EchoBackend> backend_;
  BuiltServer backend_server_;
  std::unique_ptr<Proxy> proxy_;
  BuiltServer gateway_;
  std::unique_ptr<t::EchoService::Stub> stub_;
};

TEST_F(ProxyTest, UnaryCarriesPrincipalAndRequestId) {
  auto ctx = Ctx();
  ctx->AddMetadata("x-request-id", "client-req-42");
  t::EchoRequest req;
  req.set_text("你好");
  t::EchoResponse resp;
  ASSERT_TRUE(stub_->Echo(ctx.get(), req, &resp).ok());
  EXPECT_EQ(resp.text(), "你好");
  EXPECT_EQ(resp.subject(), "tester");
  EXPECT_EQ(resp.request_id(), "client-req-42");
  auto md = ctx->GetServerInitialMetadata();
  auto it = md.find("x-request-id");
  ASSERT_NE(it, md.end());
  EXPECT_EQ(std::string(it->second.data(), it->second.size()), "client-req-42");
}

TEST_F(ProxyTest, GatewayMakesARequestIdWhenTheCallerSendsNoneOrGarbage) {
  for (const std::string& sent : std::vector<std::string>{"", "bad id with spaces", std::string(100, 'a')}) {
    auto ctx = Ctx();
    if (!sent.empty()) ctx->AddMetadata("x-request-id", sent);
    t::EchoRequest req;
    t::EchoResponse resp;
    ASSERT_TRUE(stub_->Echo(ctx.get(), req, &resp).ok());
    EXPECT_EQ(resp.request_id().rfind("rq_", 0), 0u) << resp.request_id();
  }
}

TEST_F(ProxyTest, BackendStatusPassesThroughUnchanged) {
  t::EchoRequest req;
  req.set_fail_code(static_cast<int>(grpc::StatusCode::FAILED_PRECONDITION));
  req.set_text("budget: exhausted");
  t::EchoResponse resp;
  auto s = stub_->Echo(Ctx().get(), req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(s.error_message(), "budget: exhausted");
}

TEST_F(ProxyTest, ClientStreaming) {
  t::EchoResponse resp;
  auto ctx = Ctx();
  auto writer = stub_->Collect(ctx.get(), &resp);
  t::EchoRequest req;
  req.set_text("x");
  for (int i = 0; i < 2000; ++i) ASSERT_TRUE(writer->Write(req));
  writer->WritesDone();
  ASSERT_TRUE(writer->Finish().ok());
  EXPECT_EQ(resp.count(), 2000);
  EXPECT_EQ(resp.text().size(), 2000u);
}

TEST_F(ProxyTest, ServerStreaming) {
  t::EchoRequest req;
  req.set_repeat(2000);
  req.set_text("y");
  auto ctx = Ctx();
  auto reader = stub_->Expand(ctx.get(), req);
  t::EchoResponse resp;
  int n = 0;
  while (reader->Read(&resp)) {
    EXPECT_EQ(resp.count(), n);
    ++n;
  }
  ASSERT_TRUE(reader->Finish().ok());
  EXPECT_EQ(n, 2000);
}

TEST_F(ProxyTest, BidiStreamingInLockStep) {
  auto ctx = Ctx();
  auto stream = stub_->Chat(ctx.get());
  for (int i = 1; i <= 100; ++i) {
    t::EchoRequest req;
    req.set_text("m" + std::to_string(i));
    ASSERT_TRUE(stream->Write(req));
    t::EchoResponse resp;
    ASSERT_TRUE(stream->Read(&resp));
    EXPECT_EQ(resp.text(), "m" + std::to_string(i));
    EXPECT_EQ(resp.count(), i);
  }
  stream->WritesDone();
  ASSERT_TRUE(stream->Finish().ok());
}

TEST_F(ProxyTest, DeadlinesReachTheBackend) {
  t::EchoRequest req;
  t::EchoResponse resp;
  ASSERT_TRUE(stub_->Echo(Ctx(2000).get(), req, &resp).ok());
  // grpc-timeout travels with few significant digits and is rounded up, hence the slack above.
  EXPECT_GT(resp.deadline_ms_left(), 1000);
  EXPECT_LE(resp.deadline_ms_left(), 2200);
  // No deadline from the caller: the gateway's default applies.
  ASSERT_TRUE(stub_->Echo(Ctx(0).get(), req, &resp).ok());
  EXPECT_GT(resp.deadline_ms_left(), 20000);
  EXPECT_LE(resp.deadline_ms_left(), 30200);
}

TEST_F(ProxyTest, LargeMessagesPass) {
  t::EchoRequest req;
  req.set_text(std::string(3 * 1024 * 1024, 'z'));
  t::EchoResponse resp;
  ASSERT_TRUE(stub_->Echo(Ctx().get(), req, &resp).ok());
  EXPECT_EQ(resp.text().size(), req.text().size());
}

TEST_F(ProxyTest, ManyConcurrentCallers) {
  constexpr int kThreads = 8, kCalls = 200;
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      for (int k = 0; k < kCalls; ++k) {
        t::EchoRequest req;
        req.set_text(std::to_string(i * kCalls + k));
        t::EchoResponse resp;
        if (stub_->Echo(Ctx().get(), req, &resp).ok() && resp.text() == req.text()) ++ok;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(ok, kThreads * kCalls);
}

TEST_F(ProxyTest, CallerCancellingMidStreamEndsTheCall) {
  auto ctx = Ctx();
  t::EchoRequest req;
  req.set_repeat(1000000);  // far more than will be read
  auto reader = stub_->Expand(ctx.get(), req);
  t::EchoResponse resp;
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(reader->Read(&resp));
  ctx->TryCancel();
  while (reader->Read(&resp)) {
  }
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::CANCELLED);
  // The gateway is still fine afterwards.
  t::EchoResponse again;
  EXPECT_TRUE(stub_->Echo(Ctx().get(), t::EchoRequest(), &again).ok());
}

}  // namespace
}  // namespace carehub::gateway
