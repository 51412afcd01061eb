// The gateway's forwarding in every call shape, against an in-process backend that checks the
// signed principal the way real backends do.
#include "services/gateway/proxy.h"
#include "services/gateway/gateway_server.h"

#include <gtest/gtest.h>

#include <atomic>
#include <nlohmann/json.hpp>
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
  std::atomic<int> calls{0};
  std::atomic<int> collects_whole{0}, collects_cancelled{0};  // how each client stream ended here

  grpc::Status Echo(grpc::ServerContext* ctx, const t::EchoRequest* req, t::EchoResponse* resp) override {
    ++calls;
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
    ++(ctx->IsCancelled() ? collects_cancelled : collects_whole);
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
  grpc::Status Chat(grpc::ServerContext* ctx,
                    grpc::ServerReaderWriter<t::EchoResponse, t::EchoRequest>* stream) override {
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
    resp->set_request_id(p->trace_id);
    resp->set_deadline_ms_left(
        std::chrono::duration_cast<std::chrono::milliseconds>(ctx->deadline() - std::chrono::system_clock::now())
            .count());
    return true;
  }
  static grpc::Status Unauth() { return grpc::Status(grpc::StatusCode::UNAUTHENTICATED, "no principal"); }
  std::string key_;
};

// The gateway's server on a free port, as carehub-gateway runs it (two completion queues).
struct TestGateway {
  explicit TestGateway(Proxy& proxy, int max_message_bytes = kDefaultMaxMessageBytes)
      : server(proxy, health, {"carehub.testing.v1.EchoService"}, {"127.0.0.1:0", max_message_bytes, nullptr, 2}) {}
  int port() const { return server.port(); }
  HealthBoard health;
  GatewayServer server;
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
    gateway_ = std::make_unique<TestGateway>(*proxy_);
    stub_ = t::EchoService::NewStub(
        grpc::CreateChannel("127.0.0.1:" + std::to_string(gateway_->port()), grpc::InsecureChannelCredentials()));
  }
  void TearDown() override {
    gateway_.reset();
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
  std::unique_ptr<TestGateway> gateway_;
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

// A caller that cancels its stream midway is cancelled toward the backend, never half-closed:
// the backend must not take half a stream for a finished one (a half-imported file).
TEST_F(ProxyTest, ACancelledClientStreamIsCancelledNotFinished) {
  int before = backend_->collects_whole;
  for (int i = 0; i < 30; ++i) {
    t::EchoResponse resp;
    auto ctx = Ctx();
    auto writer = stub_->Collect(ctx.get(), &resp);
    t::EchoRequest req;
    req.set_text("half");
    for (int k = 0; k < 5; ++k) writer->Write(req);
    ctx->TryCancel();
    EXPECT_EQ(writer->Finish().error_code(), grpc::StatusCode::CANCELLED);
  }
  for (int waited = 0; backend_->collects_cancelled < 30 && waited < 100; ++waited) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(backend_->collects_whole - before, 0) << "a cancelled stream reached the backend as a finished one";
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

TEST_F(ProxyTest, MessagesAboveTheLimitAreRefused) {
  // A second gateway on the same backend with a 64 KiB message limit.
  ProxyOptions opts;
  opts.rate_limits = {0, 1, 0, 1};
  Proxy small_proxy(
      proxy_->policy(),
      Router(std::vector<Route>{{"carehub.testing", "127.0.0.1:" + std::to_string(backend_server_.port)}}, 64 * 1024),
      key_, nullptr, opts);
  TestGateway small(small_proxy, 64 * 1024);
  auto stub = t::EchoService::NewStub(
      grpc::CreateChannel("127.0.0.1:" + std::to_string(small.port()), grpc::InsecureChannelCredentials()));
  t::EchoRequest req;
  req.set_text(std::string(100 * 1024, 'z'));
  t::EchoResponse resp;
  int before = backend_->calls;
  EXPECT_EQ(stub->Echo(Ctx().get(), req, &resp).error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_EQ(backend_->calls, before);
  req.set_text(std::string(1024, 'z'));
  EXPECT_TRUE(stub->Echo(Ctx().get(), req, &resp).ok());
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

// Admission: what the gateway refuses before any backend sees the call.
class AdmissionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    backend_ = std::make_unique<EchoBackend>(key_);
    backend_server_ = BuildServer("127.0.0.1:0", {backend_.get()});
    admin_ = GenerateApiKey();
    officer_ = GenerateApiKey();
    ProxyOptions opts;
    opts.max_deadline = std::chrono::milliseconds(2000);
    opts.rate_limits = {/*per_principal_rps=*/5, /*per_principal_burst=*/3, 0, 1};
    proxy_ = std::make_unique<Proxy>(
        MakePolicy({{admin_, "admin"}, {officer_, "officer"}}),
        Router(std::vector<Route>{{"carehub.testing", "127.0.0.1:" + std::to_string(backend_server_.port)}}), key_,
        nullptr, opts);
    gateway_ = std::make_unique<TestGateway>(*proxy_);
    stub_ = t::EchoService::NewStub(
        grpc::CreateChannel("127.0.0.1:" + std::to_string(gateway_->port()), grpc::InsecureChannelCredentials()));
  }
  void TearDown() override {
    gateway_.reset();
    backend_server_.server->Shutdown();
  }
  std::shared_ptr<const Policy> MakePolicy(const std::vector<std::pair<NewApiKey, std::string>>& keys) {
    nlohmann::json list = nlohmann::json::array();
    int i = 0;
    for (const auto& [k, role] : keys) {
      list.push_back({{"name", "k" + std::to_string(i)},
                      {"sha256", k.sha256},
                      {"subject", role + "-" + std::to_string(i++)},
                      {"roles", {role}},
                      {"division_prefix", "500116"}});
    }
    nlohmann::json doc = {{"api_keys", list}};
    JwtOptions jwt{jwt_key_, "", "", std::chrono::seconds(60)};
    return std::make_shared<const Policy>(
        Policy{ApiKeyStore::FromJson(doc.dump(), "test"), JwtVerifier(jwt), RoleTable::Defaults()});
  }
  grpc::Status Call(const std::string& header, const std::string& value, int deadline_ms = 10000,
                    t::EchoResponse* out = nullptr, grpc::ClientContext* keep = nullptr) {
    grpc::ClientContext local;
    grpc::ClientContext& ctx = keep ? *keep : local;
    if (!header.empty()) ctx.AddMetadata(header, value);
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(deadline_ms));
    t::EchoResponse resp;
    auto s = stub_->Echo(&ctx, t::EchoRequest(), &resp);
    if (out) *out = resp;
    return s;
  }
  std::string Token(const std::string& role, int exp_in_seconds = 600) {
    auto exp = std::chrono::duration_cast<std::chrono::seconds>(
                   (std::chrono::system_clock::now() + std::chrono::seconds(exp_in_seconds)).time_since_epoch())
                   .count();
    nlohmann::json claims = {{"sub", "jwt-" + role}, {"roles", {role}}, {"division_prefix", ""}, {"exp", exp}};
    return "Bearer " + SignJwt(claims.dump(), jwt_key_);
  }

  std::string key_ = crypto::RandomBytes(32);
  std::string jwt_key_ = crypto::RandomBytes(32);
  NewApiKey admin_, officer_;
  std::unique_ptr<EchoBackend> backend_;
  BuiltServer backend_server_;
  std::unique_ptr<Proxy> proxy_;
  std::unique_ptr<TestGateway> gateway_;
  std::unique_ptr<t::EchoService::Stub> stub_;
};

TEST_F(AdmissionTest, BearerTokensWork) {
  t::EchoResponse resp;
  ASSERT_TRUE(Call("authorization", Token("admin"), 10000, &resp).ok());
  EXPECT_EQ(resp.subject(), "jwt-admin");
}

TEST_F(AdmissionTest, AuthenticationFailuresNeverReachTheBackend) {
  std::vector<std::pair<std::string, std::string>> bad = {
      {"", ""},
      {"x-api-key", "chk_made-up"},
      {"x-api-key", admin_.sha256},
      {"authorization", Token("admin", -3600)},  // expired
      {"authorization", "Bearer " + SignJwt(R"({"sub":"x"})", "wrong-key-wrong-key-wrong-key-32")},
      {"authorization", "Basic dXNlcjpwYXNz"},
      {"authorization",
       "Bearer " + SignJwt(R"({"sub":"x","roles":["admin"],"division_prefix":"","exp":9999999999})", "", "none")},
  };
  for (const auto& [h, v] : bad) {
    EXPECT_EQ(Call(h, v).error_code(), grpc::StatusCode::UNAUTHENTICATED) << h << " " << v;
  }
  EXPECT_EQ(backend_->calls, 0);
}

TEST_F(AdmissionTest, RoleTableRefusesBeforeTheBackend) {
  auto s = Call("x-api-key", officer_.key);  // officers have no business with the test service
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Call("authorization", Token("auditor")).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(backend_->calls, 0);
  EXPECT_TRUE(Call("x-api-key", admin_.key).ok());
  EXPECT_EQ(backend_->calls, 1);
}

TEST_F(AdmissionTest, RateLimitTriggersWithRetryInformationAndRecovers) {
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(Call("x-api-key", admin_.key).ok()) << i;
  grpc::ClientContext ctx;
  auto s = Call("x-api-key", admin_.key, 10000, nullptr, &ctx);
  ASSERT_EQ(s.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  auto md = ctx.GetServerTrailingMetadata();
  auto it = md.find("retry-after-ms");
  ASSERT_NE(it, md.end());
  int wait_ms = std::stoi(std::string(it->second.data(), it->second.size()));
  EXPECT_GT(wait_ms, 0);
  EXPECT_LE(wait_ms, 200);
  EXPECT_TRUE(Call("authorization", Token("admin")).ok()) << "another principal is not throttled";
  std::this_thread::sleep_for(std::chrono::milliseconds(wait_ms + 20));
  EXPECT_TRUE(Call("x-api-key", admin_.key).ok());
}

TEST_F(AdmissionTest, LongDeadlinesAreCappedOnTheWayToTheBackend) {
  t::EchoResponse resp;
  ASSERT_TRUE(Call("x-api-key", admin_.key, 60000, &resp).ok());
  EXPECT_LE(resp.deadline_ms_left(), 2200);
  EXPECT_GT(resp.deadline_ms_left(), 1000);
}

TEST_F(AdmissionTest, PolicyReloadSwapsKeysWhileCallsGoOn) {
  auto fresh = GenerateApiKey();
  std::atomic<bool> stop{false};
  std::atomic<int> failures{0};
  // Calls with a token that survives the reload keep succeeding throughout.
  std::thread steady([&] {
    while (!stop) {
      auto s = Call("authorization", Token("admin"));
      if (!s.ok() && s.error_code() != grpc::StatusCode::RESOURCE_EXHAUSTED) ++failures;
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  proxy_->SetPolicy(MakePolicy({{fresh, "admin"}}));
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  stop = true;
  steady.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(Call("x-api-key", admin_.key).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_TRUE(Call("x-api-key", fresh.key).ok());
}

// Replicas: round robin over the healthy ones; a replica that turns NOT_SERVING is skipped, so a
// graceful stop loses no call.
class ReplicaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (int i = 0; i < 2; ++i) {
      backends_.push_back(std::make_unique<EchoBackend>(key_));
      servers_.push_back(BuildServer("127.0.0.1:0", {backends_.back().get()}));
    }
    auto k = GenerateApiKey();
    api_key_ = k.key;
    auto keys = ApiKeyStore::FromJson(R"({"api_keys":[{"name":"t","sha256":")" + k.sha256 +
                                          R"(","subject":"tester","roles":["admin"],"division_prefix":""}]})",
                                      "test");
    std::string replicas =
        "127.0.0.1:" + std::to_string(servers_[0].port) + "|127.0.0.1:" + std::to_string(servers_[1].port);
    ProxyOptions opts;
    opts.rate_limits = {0, 1, 0, 1};
    proxy_ = std::make_unique<Proxy>(
        std::make_shared<const Policy>(Policy{std::move(keys), std::nullopt, RoleTable::Defaults()}),
        Router(std::vector<Route>{ParseRoute("carehub.testing=" + replicas)}), key_, nullptr, opts);
    gateway_ = std::make_unique<TestGateway>(*proxy_);
    stub_ = t::EchoService::NewStub(
        grpc::CreateChannel("127.0.0.1:" + std::to_string(gateway_->port()), grpc::InsecureChannelCredentials()));
  }
  void TearDown() override {
    gateway_.reset();
    for (auto& s : servers_) s.server->Shutdown();
  }
  grpc::Status Call() {
    grpc::ClientContext ctx;
    ctx.AddMetadata("x-api-key", api_key_);
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    t::EchoResponse resp;
    return stub_->Echo(&ctx, t::EchoRequest(), &resp);
  }
  // Calls until both replicas have answered at least once (connections come up lazily).
  void WarmUp() {
    for (int i = 0; i < 200 && (backends_[0]->calls == 0 || backends_[1]->calls == 0); ++i) {
      ASSERT_TRUE(Call().ok());
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }

  std::string key_ = crypto::RandomBytes(32);
  std::string api_key_;
  std::vector<std::unique_ptr<EchoBackend>> backends_;
  std::vector<BuiltServer> servers_;
  std::unique_ptr<Proxy> proxy_;
  std::unique_ptr<TestGateway> gateway_;
  std::unique_ptr<t::EchoService::Stub> stub_;
};

TEST_F(ReplicaTest, RoundRobinOverReplicas) {
  WarmUp();
  int a = backends_[0]->calls, b = backends_[1]->calls;
  for (int i = 0; i < 40; ++i) ASSERT_TRUE(Call().ok());
  EXPECT_EQ(backends_[0]->calls - a, 20);
  EXPECT_EQ(backends_[1]->calls - b, 20);
}

TEST_F(ReplicaTest, NotServingReplicaIsSkippedAndAGracefulStopLosesNoCall) {
  WarmUp();
  std::atomic<bool> stop{false};
  std::atomic<int> failures{0}, total{0};
  std::thread load([&] {
    while (!stop) {
      if (!Call().ok()) ++failures;
      ++total;
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  // What ServeUntilSignal does on SIGTERM: NOT_SERVING first, then shut down.
  servers_[0].server->GetHealthCheckService()->SetServingStatus(false);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  int before = backends_[0]->calls;
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_EQ(backends_[0]->calls, before) << "a NOT_SERVING replica still gets calls";
  servers_[0].server->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(2));
  const int at_stop = total;
  for (int i = 0; i < 1000 && total < at_stop + 50; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  stop = true;
  load.join();
  EXPECT_EQ(failures, 0) << "of " << total;
  EXPECT_GE(total, at_stop + 50);
}

TEST_F(ReplicaTest, ReplicaListsAreValidated) {
  EXPECT_THROW(ParseRoute("carehub.x=registry-a:7101|registry-b:7101"), std::runtime_error);
  EXPECT_THROW(ParseRoute("carehub.x=127.0.0.1:7101|"), std::runtime_error);
  EXPECT_EQ(ChannelTarget("registry:7101"), "dns:///registry:7101");
  EXPECT_EQ(ChannelTarget("10.0.0.1:7101|10.0.0.2:7101"), "ipv4:10.0.0.1:7101,10.0.0.2:7101");
}

}  // namespace
}  // namespace carehub::gateway
