// The enterprise door end to end: a gateway on TLS that accepts an identity provider's RS256 and
// ES256 tokens (keys from a JWKS file, rotated by SIGHUP, claims mapped as Keycloak puts them)
// and machine clients by client certificate (mutual TLS), in front of a real registry; its
// HTTP/JSON front on TLS too, with a deadline header and 413 for oversized bodies (through curl).
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <thread>

#include "carehub/registry/v1/registry_service.grpc.pb.h"
#include "common/crypto.h"
#include "common/files.h"
#include "common/server.h"
#include "services/gateway/api_keys.h"
#include "tests/support/jws_signer.h"
#include "tests/support/process.h"

namespace carehub::testing {
namespace {

std::string Bin(const std::string& rel) { return std::string(CAREHUB_BIN_DIR) + "/" + rel; }
constexpr char kIssuer[] = "https://sso.example.gov.cn/realms/fulian";

// How a test POSTs to the HTTP/JSON front.
struct Via {
  bool plain = false;       // http:// on the TLS port
  std::string curl_args{};  // more of curl's options
};

class Enterprise : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = MakeTempDir("enterprise");
    std::string deploy = std::string(CAREHUB_SOURCE_DIR) + "/deploy/";
    ASSERT_EQ(std::system((deploy + "gen-certs.sh " + dir_ + "/certs 2>/dev/null").c_str()), 0);
    ASSERT_EQ(std::system((deploy + "gen-client-cert.sh " + dir_ + "/certs civil-affairs-sync 'Civil Affairs' >" +
                           dir_ + "/entry.json 2>/dev/null")
                              .c_str()),
              0);
    ASSERT_EQ(std::system((deploy + "gen-certs.sh " + dir_ + "/other 2>/dev/null && " + deploy + "gen-client-cert.sh " +
                           dir_ + "/other civil-affairs-sync 'Civil Affairs' >/dev/null 2>&1")
                              .c_str()),
              0);
    std::ofstream(dir_ + "/internal.key") << crypto::HexEncode(crypto::RandomBytes(32));
    std::ofstream(dir_ + "/pii.key") << crypto::HexEncode(crypto::RandomBytes(32));
    // The entry the script printed, as an operator pastes it, narrowed to one district.
    auto entry = nlohmann::json::parse(ReadFileOrThrow(dir_ + "/entry.json", "entry"));
    entry["division_prefix"] = "500116";
    entry["roles"] = {"officer"};
    std::ofstream(dir_ + "/keys.json") << nlohmann::json{{"api_keys", {entry}}}.dump();
    rsa_ = std::make_unique<JwsSigner>(JwsSigner::Kind::kRsa, "rsa-2026");
    ec_ = std::make_unique<JwsSigner>(JwsSigner::Kind::kEc, "ec-2026");
    WriteKeySet({rsa_.get(), ec_.get()});
    registry_port_ = FreePort();
    gateway_port_ = FreePort();
    http_port_ = FreePort();
    std::string c = dir_ + "/certs/";
    std::map<std::string, std::string> env{{"CAREHUB_INTERNAL_KEY_FILE", dir_ + "/internal.key"}};
    registry_ = std::make_unique<Process>(
        Bin("services/registry/carehub-registry"),
        std::vector<std::string>{"--listen", "127.0.0.1:" + std::to_string(registry_port_), "--db-url",
                                 "sqlite://" + dir_ + "/registry.db", "--pii-key-file", dir_ + "/pii.key"},
        env, dir_ + "/registry.log");
    gateway_ = std::make_unique<Process>(
        Bin("services/gateway/carehub-gateway"),
        std::vector<std::string>{"--listen",
                                 "127.0.0.1:" + std::to_string(gateway_port_),
                                 "--api-keys-file",
                                 dir_ + "/keys.json",
                                 "--route",
                                 "carehub.registry=127.0.0.1:" + std::to_string(registry_port_),
                                 "--tls-cert-file",
                                 c + "gateway.crt",
                                 "--tls-key-file",
                                 c + "gateway.key",
                                 "--client-ca-file",
                                 c + "ca.crt",
                                 "--jwks-file",
                                 dir_ + "/jwks.json",
                                 "--jwt-issuer",
                                 kIssuer,
                                 "--jwt-subject-claim",
                                 "preferred_username",
                                 "--jwt-roles-claim",
                                 "realm_access.roles",
                                 "--jwt-reach-claim",
                                 "carehub_division",
                                 "--http-listen",
                                 "127.0.0.1:" + std::to_string(http_port_),
                                 "--max-message-bytes",
                                 "65536"},
        env, dir_ + "/gateway.log");
  }
  static void TearDownTestSuite() {
    EXPECT_EQ(gateway_->Stop(), 0);
    EXPECT_EQ(registry_->Stop(), 0);
    gateway_.reset();
    registry_.reset();
    rsa_.reset();
    ec_.reset();
    std::filesystem::remove_all(dir_);
  }

  static void WriteKeySet(const std::vector<const JwsSigner*>& signers) {
    nlohmann::json doc = {{"keys", nlohmann::json::array()}};
    for (const auto* s : signers) doc["keys"].push_back(s->PublicJwk());
    std::ofstream(dir_ + "/jwks.json.new") << doc.dump();
    std::filesystem::rename(dir_ + "/jwks.json.new", dir_ + "/jwks.json");
  }

  static std::string Token(const JwsSigner& signer, const std::string& user) {
    auto exp = std::chrono::duration_cast<std::chrono::seconds>(
                   (std::chrono::system_clock::now() + std::chrono::minutes(5)).time_since_epoch())
                   .count();
    return signer.Sign({{"sub", "uuid-" + user},
                        {"preferred_username", user},
                        {"iss", kIssuer},
                        {"exp", exp},
                        {"realm_access", {{"roles", {"default-roles-fulian", "officer"}}}},
                        {"carehub_division", "500116"}});
  }

  // GetServiceInfo through the gateway over TLS, with the client certificate of `cert_dir` when
  // given and the bearer token when given.
  static grpc::Status Info(const std::string& token, const std::string& cert_dir, common::v1::ServiceInfo* out,
                           int wait_ms = 5000) {
    grpc::SslCredentialsOptions ssl;
    ssl.pem_root_certs = ReadFileOrThrow(dir_ + "/certs/ca.crt", "CA");
    if (!cert_dir.empty()) {
      ssl.pem_private_key = ReadFileOrThrow(cert_dir + "/client-civil-affairs-sync.key", "client key");
      ssl.pem_cert_chain = ReadFileOrThrow(cert_dir + "/client-civil-affairs-sync.crt", "client certificate");
    }
    grpc::ChannelArguments args;
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);  // a fresh handshake per caller
    auto stub = registry::v1::RegistryService::NewStub(
        grpc::CreateCustomChannel("127.0.0.1:" + std::to_string(gateway_port_), grpc::SslCredentials(ssl), args));
    grpc::ClientContext ctx;
    if (!token.empty()) ctx.AddMetadata("authorization", "Bearer " + token);
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(wait_ms));
    ctx.set_wait_for_ready(true);  // the processes may still be starting
    return stub->GetServiceInfo(&ctx, common::v1::GetServiceInfoRequest(), out);
  }

  struct Answer {
    int status = 0;
    std::string body;
  };
  // POSTs `body` to the HTTP/JSON front with curl (https unless `via.plain`), with extra headers.
  static Answer Post(const std::string& path, const std::vector<std::string>& headers, const std::string& body,
                     const Via& via = {}) {
    std::ofstream(dir_ + "/body.json") << body;
    std::string cmd = "curl -s -o " + dir_ + "/answer.json -w '%{http_code}' --max-time 10 --cacert " + dir_ +
                      "/certs/ca.crt -H 'Content-Type: application/json' --data-binary @" + dir_ + "/body.json " +
                      via.curl_args;
    for (const auto& h : headers) cmd += " -H '" + h + "'";
    cmd += std::string(" ") + (via.plain ? "http" : "https") + "://127.0.0.1:" + std::to_string(http_port_) + path;
    Answer a;
    FILE* out = popen(cmd.c_str(), "r");
    char code[8] = {};
    if (out) {
      size_t n = fread(code, 1, sizeof code - 1, out);
      code[n] = '\0';
      pclose(out);
    }
    a.status = std::atoi(code);
    a.body = std::filesystem::exists(dir_ + "/answer.json") ? ReadFileOrThrow(dir_ + "/answer.json", "answer") : "";
    std::filesystem::remove(dir_ + "/answer.json");
    return a;
  }

  static inline std::string dir_;
  static inline int registry_port_ = 0, gateway_port_ = 0, http_port_ = 0;
  static inline std::unique_ptr<Process> registry_, gateway_;
  static inline std::unique_ptr<JwsSigner> rsa_, ec_;
};

TEST_F(Enterprise, ProviderTokensOfEitherAlgorithmAuthenticateAsTheMappedUser) {
  common::v1::ServiceInfo info;
  auto s = Info(Token(*rsa_, "wang.fang"), "", &info, 15000);
  ASSERT_TRUE(s.ok()) << s.error_message() << "\n" << gateway_->Log();
  EXPECT_EQ(info.caller().subject(), "wang.fang");
  EXPECT_EQ(info.caller().division_prefix(), "500116");
  ASSERT_EQ(info.caller().roles_size(), 1);
  EXPECT_EQ(info.caller().roles(0), "officer");
  s = Info(Token(*ec_, "li.na"), "", &info);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(info.caller().subject(), "li.na");
  JwsSigner stranger(JwsSigner::Kind::kEc, "ec-2026");
  s = Info(Token(stranger, "mallory"), "", &info);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_NE(s.error_message().find("bad token signature"), std::string::npos) << s.error_message();
}

TEST_F(Enterprise, AKeyRotatedInTheFileTakesOverOnReloadAndTheRetiredOneStops) {
  common::v1::ServiceInfo info;
  ASSERT_TRUE(Info(Token(*rsa_, "wang.fang"), "", &info, 15000).ok());
  JwsSigner next(JwsSigner::Kind::kEc, "ec-2027");
  EXPECT_EQ(Info(Token(next, "wang.fang"), "", &info).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  WriteKeySet({ec_.get(), &next});  // rsa-2026 retired, ec-2027 added
  gateway_->Signal(SIGHUP);
  grpc::Status s;
  for (int i = 0; i < 50; ++i) {
    s = Info(Token(next, "wang.fang"), "", &info);
    if (s.ok()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_TRUE(s.ok()) << s.error_message() << "\n" << gateway_->Log();
  EXPECT_TRUE(Info(Token(*ec_, "li.na"), "", &info).ok()) << "a key still in the set keeps working";
  s = Info(Token(*rsa_, "wang.fang"), "", &info);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_NE(s.error_message().find("unknown key"), std::string::npos) << s.error_message();
  WriteKeySet({rsa_.get(), ec_.get()});
  gateway_->Signal(SIGHUP);
}

TEST_F(Enterprise, AClientCertificateAuthenticatesAsItsEntryAndNothingElseDoes) {
  common::v1::ServiceInfo info;
  auto s = Info("", dir_ + "/certs", &info, 15000);
  ASSERT_TRUE(s.ok()) << s.error_message() << "\n" << gateway_->Log();
  EXPECT_EQ(info.caller().subject(), "civil-affairs-sync");
  EXPECT_EQ(info.caller().division_prefix(), "500116");
  // A token sent on the same connection speaks for its own user.
  ASSERT_TRUE(Info(Token(*ec_, "li.na"), dir_ + "/certs", &info).ok());
  EXPECT_EQ(info.caller().subject(), "li.na");
  // Neither certificate nor credentials: refused; the same name signed by another CA: no connection.
  EXPECT_EQ(Info("", "", &info).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_FALSE(Info("", dir_ + "/other", &info, 1500).ok());
}

TEST_F(Enterprise, TheHttpFrontServesTlsTakesADeadlineAndRefusesLargeBodiesWith413) {
  common::v1::ServiceInfo info;
  ASSERT_TRUE(Info(Token(*ec_, "li.na"), "", &info, 15000).ok());  // up
  const std::string path = "/v1/carehub.registry.v1.RegistryService/GetServiceInfo";
  std::string bearer = "Authorization: Bearer " + Token(*ec_, "li.na");
  auto a = Post(path, {bearer}, "{}");
  ASSERT_EQ(a.status, 200) << a.body << gateway_->Log();
  EXPECT_EQ(nlohmann::json::parse(a.body)["caller"]["subject"], "li.na");
  EXPECT_NE(Post(path, {bearer}, "{}", {.plain = true}).status, 200) << "plain HTTP on the TLS port gets nothing";

  a = Post(path, {bearer, "X-Deadline-Ms: soon"}, "{}");
  EXPECT_EQ(a.status, 400);
  EXPECT_NE(a.body.find("X-Deadline-Ms"), std::string::npos) << a.body;
  a = Post(path, {bearer, "grpc-timeout: 1n"}, "{}");  // over before the call leaves
  EXPECT_EQ(a.status, 504) << a.body;
  EXPECT_EQ(Post(path, {bearer, "X-Deadline-Ms: 5000"}, "{}").status, 200);

  // A body a little over the limit is read and dropped, so the 413 reaches a caller that sends it
  // without waiting for 100-continue (closing on unread bytes would reset the connection).
  const std::string over = R"({"pad":")" + std::string(70000, 'x') + R"("})";
  for (int i = 0; i < 5; ++i) {
    a = Post(path, {bearer, "Expect:"}, over);
    EXPECT_EQ(a.status, 413) << a.body;
    EXPECT_NE(a.body.find("RESOURCE_EXHAUSTED"), std::string::npos) << a.body;
  }
  a = Post(path, {bearer, "Transfer-Encoding: chunked"}, over);
  EXPECT_EQ(a.status, 413) << "a chunked body is held to the same limit: " << a.body;
  // Far over it: answered on the headers, before a caller that waits for 100-continue sends any.
  const std::string far_over = R"({"pad":")" + std::string(2 << 20, 'x') + R"("})";
  a = Post(path, {bearer, "Expect: 100-continue"}, far_over, {.curl_args = "--expect100-timeout 30"});
  EXPECT_EQ(a.status, 413) << a.body;
  EXPECT_NE(Post(path, {bearer, "Transfer-Encoding: chunked"}, far_over).status, 200)
      << "a chunked body past the drain allowance is cut off, never run";
  EXPECT_EQ(Post(path, {}, "{}").status, 401) << "no credentials: refused before the body is read";
}

}  // namespace
}  // namespace carehub::testing
