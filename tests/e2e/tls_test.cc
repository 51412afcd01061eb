// TLS end to end: callers reach the gateway over TLS, the gateway reaches the backend over TLS,
// with certificates from deploy/gen-certs.sh.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "carehub/registry/v1/registry_service.grpc.pb.h"
#include "common/crypto.h"
#include "common/server.h"
#include "services/gateway/api_keys.h"
#include "tests/support/process.h"

namespace carehub::testing {
namespace {

std::string Bin(const std::string& rel) { return std::string(CAREHUB_BIN_DIR) + "/" + rel; }

class Tls : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = MakeTempDir("tls");
    ASSERT_EQ(
        std::system((std::string(CAREHUB_SOURCE_DIR) + "/deploy/gen-certs.sh " + dir_ + "/certs 2>/dev/null").c_str()),
        0);
    ASSERT_EQ(
        std::system((std::string(CAREHUB_SOURCE_DIR) + "/deploy/gen-certs.sh " + dir_ + "/other 2>/dev/null").c_str()),
        0);
    std::ofstream(dir_ + "/internal.key") << crypto::HexEncode(crypto::RandomBytes(32));
    std::ofstream(dir_ + "/pii.key") << crypto::HexEncode(crypto::RandomBytes(32));
    auto k = gateway::GenerateApiKey();
    key_ = k.key;
    std::ofstream(dir_ + "/keys.json")
        << R"({"api_keys":[{"name":"a","sha256":")" + k.sha256 +
               R"(","subject":"tls-officer","roles":["officer"],"division_prefix":"500116"}]})";
    registry_port_ = FreePort();
    gateway_port_ = FreePort();
    std::string c = dir_ + "/certs/";
    registry_ = std::make_unique<Process>(
        Bin("services/registry/carehub-registry"),
        std::vector<std::string>{"--listen", "127.0.0.1:" + std::to_string(registry_port_), "--db-url",
                                 "sqlite://" + dir_ + "/registry.db", "--pii-key-file", dir_ + "/pii.key",
                                 "--tls-cert-file", c + "registry.crt", "--tls-key-file", c + "registry.key"},
        std::map<std::string, std::string>{{"CAREHUB_INTERNAL_KEY_FILE", dir_ + "/internal.key"}},
        dir_ + "/registry.log");
    gateway_ = std::make_unique<Process>(
        Bin("services/gateway/carehub-gateway"),
        std::vector<std::string>{
            "--listen", "127.0.0.1:" + std::to_string(gateway_port_), "--api-keys-file", dir_ + "/keys.json", "--route",
            "carehub.registry=127.0.0.1:" + std::to_string(registry_port_), "--tls-cert-file", c + "gateway.crt",
            "--tls-key-file", c + "gateway.key", "--backend-ca-file", c + "ca.crt"},
        std::map<std::string, std::string>{{"CAREHUB_INTERNAL_KEY_FILE", dir_ + "/internal.key"}},
        dir_ + "/gateway.log");
  }
  static void TearDownTestSuite() {
    EXPECT_EQ(gateway_->Stop(), 0);
    EXPECT_EQ(registry_->Stop(), 0);
    gateway_.reset();
    registry_.reset();
    std::filesystem::remove_all(dir_);
  }

  static grpc::Status Info(const std::shared_ptr<grpc::ChannelCredentials>& creds, common::v1::ServiceInfo* out,
                           int wait_ms = 5000) {
    auto stub = registry::v1::RegistryService::NewStub(
        grpc::CreateChannel("127.0.0.1:" + std::to_string(gateway_port_), creds));
    grpc::ClientContext ctx;
    ctx.AddMetadata("x-api-key", key_);
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(wait_ms));
    ctx.set_wait_for_ready(true);  // the processes may still be starting
    return stub->GetServiceInfo(&ctx, common::v1::GetServiceInfoRequest(), out);
  }

  static inline std::string dir_, key_;
  static inline int registry_port_ = 0, gateway_port_ = 0;
  static inline std::unique_ptr<Process> registry_, gateway_;
};

TEST_F(Tls, CallsGoThroughTlsBothWays) {
  common::v1::ServiceInfo info;
  auto s = Info(ChannelCredentialsFor(dir_ + "/certs/ca.crt"), &info, 15000);
  ASSERT_TRUE(s.ok()) << s.error_message() << "\n" << gateway_->Log() << registry_->Log();
  EXPECT_EQ(info.service(), "carehub-registry");
  EXPECT_EQ(info.caller().subject(), "tls-officer");
}

TEST_F(Tls, PlaintextOrAnUntrustedCertificateGetsNothing) {
  common::v1::ServiceInfo info;
  EXPECT_FALSE(Info(grpc::InsecureChannelCredentials(), &info, 1000).ok());
  EXPECT_FALSE(Info(ChannelCredentialsFor(dir_ + "/other/ca.crt"), &info, 1000).ok());
  // The backend refuses plaintext too.
  auto direct = registry::v1::RegistryService::NewStub(
      grpc::CreateChannel("127.0.0.1:" + std::to_string(registry_port_), grpc::InsecureChannelCredentials()));
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(1000));
  EXPECT_FALSE(direct->GetServiceInfo(&ctx, common::v1::GetServiceInfoRequest(), &info).ok());
}

}  // namespace
}  // namespace carehub::testing
