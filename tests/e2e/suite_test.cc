// End to end: the real binaries on loopback, the real gateway in front, driven as a client would.
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <future>
#include <thread>

#include <poll.h>

#include <google/protobuf/util/json_util.h>

#include <nlohmann/json.hpp>

#include "carehub/funds/v1/funds_service.grpc.pb.h"
#include "carehub/registry/v1/registry_service.grpc.pb.h"
#include "carehub/reports/v1/reports_service.grpc.pb.h"
#include "carehub/volunteers/v1/volunteers_service.grpc.pb.h"
#include "common/crypto.h"
#include "common/ids.h"
#include "common/instant.h"
#include "common/principal.h"
#include "common/resident_id.h"
#include "common/service_client.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "services/gateway/api_keys.h"
#include "services/gateway/wire_check.h"
#include "tests/support/loopback.h"
#include "tests/support/process.h"
#include "tests/support/registry_fixtures.h"

namespace carehub::testing {
namespace {

namespace reg = registry::v1;

std::string Bin(const std::string& rel) { return std::string(CAREHUB_BIN_DIR) + "/" + rel; }
std::string SourcePath(const std::string& rel) { return std::string(CAREHUB_SOURCE_DIR) + "/" + rel; }

void WriteFile(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

struct Suite {
  std::string dir;
  std::string internal_key_hex;
  std::string officer_key, other_key, coordinator_key;
  int gateway_port, registry_port, funds_port, volunteers_port, reports_port, http_port, metrics_port;
  std::unique_ptr<Process> registry, funds, volunteers, reports, gateway;
};
Suite* suite = nullptr;

class EndToEnd : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    suite = new Suite();
    auto& s = *suite;
    s.dir = MakeTempDir("e2e");
    s.internal_key_hex = crypto::HexEncode(crypto::RandomBytes(32));
    WriteFile(s.dir + "/internal.key", s.internal_key_hex + "\n");
    WriteFile(s.dir + "/pii.key", crypto::HexEncode(crypto::RandomBytes(32)) + "\n");
    auto officer = gateway::GenerateApiKey();
    auto other = gateway::GenerateApiKey();
    auto coordinator = gateway::GenerateApiKey();
    s.officer_key = officer.key;
    s.other_key = other.key;
    s.coordinator_key = coordinator.key;
    WriteFile(s.dir + "/api_keys.json",
              R"({"api_keys":[{"name":"jj","sha256":")" + officer.sha256 +
                  R"(","subject":"officer-jiangjin","roles":["officer"],"division_prefix":"500116"},)" +
                  R"({"name":"yb","sha256":")" + other.sha256 +
                  R"(","subject":"officer-yubei","roles":["officer"],"division_prefix":"500112"},)" +
                  R"({"name":"coord","sha256":")" + coordinator.sha256 +
                  R"(","subject":"coordinator-jiangjin","roles":["coordinator"],"division_prefix":"500116"}]})");
    s.gateway_port = FreePort();
    s.registry_port = FreePort();
    s.funds_port = FreePort();
    s.volunteers_port = FreePort();
    s.reports_port = FreePort();
    s.http_port = FreePort();
    s.metrics_port = FreePort();
    std::map<std::string, std::string> env = {{"CAREHUB_INTERNAL_KEY_FILE", s.dir + "/internal.key"},
                                              {"CAREHUB_GRACE_PERIOD", "5"}};
    auto backend = [&](const std::string& name, int port) {
      auto e = env;
      e["CAREHUB_LISTEN"] = "127.0.0.1:" + std::to_string(port);
      e["CAREHUB_DB_URL"] = "sqlite://" + s.dir + "/" + name + ".db";
      e["CAREHUB_PII_KEY_FILE"] = s.dir + "/pii.key";
      if (name == "volunteers") e["CAREHUB_FEED_POLL_MS"] = "200";
      if (name != "registry") e["CAREHUB_REGISTRY_ADDR"] = "127.0.0.1:" + std::to_string(s.registry_port);
      if (name == "reports") {
        e["CAREHUB_FUNDS_ADDR"] = "127.0.0.1:" + std::to_string(s.funds_port);
        e["CAREHUB_VOLUNTEERS_ADDR"] = "127.0.0.1:" + std::to_string(s.volunteers_port);
      }
      return std::make_unique<Process>(Bin("services/" + name + "/carehub-" + name), std::vector<std::string>{}, e,
                                       s.dir + "/" + name + ".log");
    };
    s.registry = backend("registry", s.registry_port);
    s.funds = backend("funds", s.funds_port);
    s.volunteers = backend("volunteers", s.volunteers_port);
    s.reports = backend("reports", s.reports_port);
    // The gateway starts once its backends serve, as an orchestrator's readiness order has it.
    for (int port : {s.registry_port, s.funds_port, s.volunteers_port, s.reports_port}) {
      ASSERT_TRUE(WaitServing("127.0.0.1:" + std::to_string(port), 20)) << "port " << port << "\n" << s.registry->Log();
    }
    auto gw_env = env;
    gw_env["CAREHUB_API_KEYS_FILE"] = s.dir + "/api_keys.json";
    gw_env["CAREHUB_ROUTES"] = "carehub.registry=127.0.0.1:" + std::to_string(s.registry_port) +
                               ",carehub.funds=127.0.0.1:" + std::to_string(s.funds_port) +
                               ",carehub.volunteers=127.0.0.1:" + std::to_string(s.volunteers_port) +
                               ",carehub.reports=127.0.0.1:" + std::to_string(s.reports_port);
    s.gateway = std::make_unique<Process>(
        Bin("services/gateway/carehub-gateway"),
        std::vector<std::string>{"--listen", "127.0.0.1:" + std::to_string(s.gateway_port), "--http-listen",
                                 "127.0.0.1:" + std::to_string(s.http_port), "--metrics-listen",
                                 "127.0.0.1:" + std::to_string(s.metrics_port)},
        gw_env, s.dir + "/gateway.log");
    ASSERT_TRUE(WaitServing("127.0.0.1:" + std::to_string(s.gateway_port), 20)) << s.gateway->Log();
  }

  static void TearDownTestSuite() {
    // SIGTERM is a graceful stop: every process exits 0.
    for (auto* p : {&suite->gateway, &suite->registry, &suite->funds, &suite->volunteers, &suite->reports}) {
      if (*p && (*p)->running()) {
        EXPECT_EQ((*p)->Stop(), 0) << (*p)->Log();
      }
    }
    std::filesystem::remove_all(suite->dir);
    delete suite;
    suite = nullptr;
  }

  // carehubctl through the gateway with `key`, answers as JSON unless `args` say otherwise: its
  // exit code and what it printed.
  static std::pair<int, std::string> Ctl(const std::string& key, std::vector<std::string> args,
                                         const std::string& log) {
    std::vector<std::string> all = {
        "--addr", "127.0.0.1:" + std::to_string(suite->gateway_port), "--api-key", key, "-o", "json"};
    all.insert(all.end(), args.begin(), args.end());
    Process p(Bin("tools/carehubctl/carehubctl"), all, {}, suite->dir + "/" + log);
    int rc = p.WaitExit(30);
    return std::make_pair(rc, p.Log());
  }
  static std::shared_ptr<grpc::Channel> Gateway() {
    return grpc::CreateChannel("127.0.0.1:" + std::to_string(suite->gateway_port), grpc::InsecureChannelCredentials());
  }
  static std::unique_ptr<grpc::ClientContext> WithKey(const std::string& key) {
    auto ctx = std::make_unique<grpc::ClientContext>();
    if (!key.empty()) ctx->AddMetadata("x-api-key", key);
    ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    return ctx;
  }
  static grpc::Status CreateChild(const std::string& key, const reg::Child& c, const std::string& rid,
                                  reg::Child* out) {
    reg::CreateChildRequest req;
    req.set_request_id(rid);
    *req.mutable_child() = c;
    return reg::RegistryService::NewStub(Gateway())->CreateChild(WithKey(key).get(), req, out);
  }
};

TEST_F(EndToEnd, RegistersAndReadsAChildThroughTheGatewayWithAKey) {
  reg::Child created, replayed, got;
  auto child = ChildProto(1);
  ASSERT_TRUE(CreateChild(suite->officer_key, child, "e2e-req-0001", &created).ok());
  EXPECT_EQ(created.name(), child.name());
  EXPECT_EQ(created.created_by(), "officer-jiangjin");
  EXPECT_NE(created.resident_id_number(), child.resident_id_number()) << "must be masked";
  // The idempotent replay returns the same child.
  ASSERT_TRUE(CreateChild(suite->officer_key, child, "e2e-req-0001", &replayed).ok());
  EXPECT_EQ(replayed.id(), created.id());
  reg::GetChildRequest get;
  get.set_id(created.id());
  ASSERT_TRUE(reg::RegistryService::NewStub(Gateway())->GetChild(WithKey(suite->officer_key).get(), get, &got).ok());
  EXPECT_EQ(got.id(), created.id());
  // Another district's officer cannot see it.
  auto other = reg::RegistryService::NewStub(Gateway())->GetChild(WithKey(suite->other_key).get(), get, &got);
  EXPECT_EQ(other.error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(EndToEnd, CarehubctlImportsACsvFileThroughTheGateway) {
  std::string csv = suite->dir + "/children.csv";
  std::string rows =
      "name,sex,birth_date,resident_id_number,division_code,category,guardian_name,guardian_relation,"
      "guardian_mobile,guardian_able_to_care,risk_level,father_location,mother_location\n";
  for (int n : {901, 902}) {
    auto c = ChildProto(n);
    rows += c.name() + ",男," + c.birth_date() + "," + c.resident_id_number() + "," + c.division_code() +
            ",留守儿童,王奶奶,奶奶,13812345678,否,中,外出务工,在家\n";
  }
  rows += "李四,男,2015-01-01," + IdNumber("20150101", 11, "500112") +
          ",500112001001,留守儿童,王奶奶,奶奶,13812345678,否,中,外出务工,在家\n";
  WriteFile(csv, rows);
  auto ctl = [&](const std::string& key, const std::string& log) {
    Process p(Bin("tools/carehubctl/carehubctl"),
              {"--addr", "127.0.0.1:" + std::to_string(suite->gateway_port), "--api-key", key, "-o", "json", "import",
               "children", csv},
              {}, suite->dir + "/" + log);
    int rc = p.WaitExit(60);
    return std::make_pair(rc, p.Log());
  };
  // The client stream passes the gateway; the row outside Jiangjin is rejected (exit 3).
  auto [rc, out] = ctl(suite->officer_key, "import1.log");
  EXPECT_EQ(rc, 3) << out;
  EXPECT_NE(out.find("\"created\": \"2\""), std::string::npos) << out;
  EXPECT_NE(out.find("\"line\": \"4\""), std::string::npos) << out;
  EXPECT_NE(out.find("division_code"), std::string::npos) << out;
  auto [rc2, out2] = ctl(suite->officer_key, "import2.log");
  EXPECT_NE(out2.find("\"already_registered\": \"2\""), std::string::npos) << out2;
  reg::ListChildrenRequest list;
  list.set_name_prefix(ChildProto(901).name());
  reg::ListChildrenResponse listed;
  ASSERT_TRUE(
      reg::RegistryService::NewStub(Gateway())->ListChildren(WithKey(suite->officer_key).get(), list, &listed).ok());
  ASSERT_EQ(listed.children_size(), 1);
  EXPECT_EQ(listed.children(0).risk_level(), reg::RISK_LEVEL_MEDIUM);
}

// `rows` children born in 500118 (no other test's), named `prefix` and a number, as an import file.
std::string ImportRows(const std::string& prefix, int rows, int seq_base) {
  std::string out =
      "name,sex,birth_date,resident_id_number,division_code,category,guardian_name,guardian_relation,"
      "guardian_mobile,guardian_able_to_care,risk_level,hardship_reasons\n";
  for (int i = 0; i < rows; ++i) {
    auto birth = std::chrono::sys_days{std::chrono::year{2011} / 1 / 1} + std::chrono::days{i % 3650};
    std::string date = FormatDate(birth);
    std::string compact = date.substr(0, 4) + date.substr(5, 2) + date.substr(8, 2);
    out += prefix + std::to_string(i) + ",男," + date + "," +
           IdNumber(compact, (seq_base + i / 3650) * 2 + 1, "500118") +
           ",500116001001,困境儿童,监护人,奶奶,13812345678,是,低,贫困\n";
  }
  return out;
}

// On a terminal an import draws its progress on one line; into a file or a pipe it prints only
// the answer.
TEST_F(EndToEnd, CarehubctlShowsProgressOnATerminalOnly) {
  std::string csv = suite->dir + "/progress.csv";
  WriteFile(csv, ImportRows("进度儿童", 20000, 0));
  std::vector<std::string> args = {"--addr",    "127.0.0.1:" + std::to_string(suite->gateway_port),
                                   "--api-key", suite->officer_key,
                                   "import",    "children",
                                   csv};
  auto [rc, screen] = RunInTerminal(Bin("tools/carehubctl/carehubctl"), args, 60);
  ASSERT_EQ(rc, 0) << screen;
  EXPECT_NE(screen.find("\r\033[Ksending " + csv + "  [####"), std::string::npos) << screen;
  EXPECT_NE(screen.find("100%"), std::string::npos) << screen;
  EXPECT_NE(screen.find("created:"), std::string::npos) << screen;
  Process piped(Bin("tools/carehubctl/carehubctl"), args, {}, suite->dir + "/progress-piped.log");
  ASSERT_EQ(piped.WaitExit(60), 0);
  std::string log = piped.Log();
  EXPECT_EQ(log.find('\r'), std::string::npos) << log;
  EXPECT_EQ(log.find("sending"), std::string::npos) << log;
  EXPECT_NE(log.find("already_registered:   20000"), std::string::npos) << log;
}

// Ctrl-C in the middle of an import cancels the call through the gateway: the server keeps the
// whole batches it had stored and nothing of the one in hand, and the same file run again
// registers exactly the rest.
TEST_F(EndToEnd, CarehubctlImportCancelledByCtrlCLeavesNoPartialBatch) {
  constexpr int kRows = 150000;
  std::string csv = suite->dir + "/cancel.csv";
  WriteFile(csv, ImportRows("取消儿童", kRows, 100));
  std::vector<std::string> args = {"--addr",    "127.0.0.1:" + std::to_string(suite->gateway_port),
                                   "--api-key", suite->officer_key,
                                   "-o",        "json",
                                   "import",    "children",
                                   csv};
  Process import(Bin("tools/carehubctl/carehubctl"), args, {}, suite->dir + "/cancel1.log");
  auto stub = reg::RegistryService::NewStub(Gateway());
  reg::ListChildrenRequest first;
  first.set_name_prefix("取消儿童");
  first.set_page_size(1);
  reg::ListChildrenResponse seen;
  for (int i = 0; i < 300 && seen.children_size() == 0; ++i) {  // wait for the first batch
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    ASSERT_TRUE(stub->ListChildren(WithKey(suite->officer_key).get(), first, &seen).ok());
  }
  ASSERT_EQ(seen.children_size(), 1) << "no batch stored within 6 s";
  import.Signal(SIGINT);
  EXPECT_EQ(import.WaitExit(30), 130) << import.Log();
  EXPECT_NE(import.Log().find("cancelled: the server stopped at the cancel"), std::string::npos) << import.Log();

  Process again(Bin("tools/carehubctl/carehubctl"), args, {}, suite->dir + "/cancel2.log");
  ASSERT_EQ(again.WaitExit(120), 0) << again.Log();
  auto log = again.Log();
  auto summary = nlohmann::json::parse(log.substr(log.find('{')));
  int64_t kept = std::stoll(summary.value("already_registered", std::string("0")));
  int64_t created = std::stoll(summary.value("created", std::string("0")));
  EXPECT_GT(kept, 0);
  EXPECT_LT(kept, kRows) << "the cancel came after the whole file was stored";
  EXPECT_EQ(kept % 2048, 0) << "a batch stored in part";
  EXPECT_EQ(kept + created, kRows);
}

// Masked values stay masked whatever the format: an officer without `pii` never sees an ID number.
TEST_F(EndToEnd, CarehubctlKeepsMaskedValuesMaskedInEveryFormat) {
  std::string csv = suite->dir + "/masked.csv";
  WriteFile(csv, ImportRows("遮蔽儿童", 3, 200));
  ASSERT_EQ(Ctl(suite->officer_key, {"import", "children", csv}, "masked0.log").first, 0);
  std::string id_number = IdNumber("20110101", 401, "500118");
  for (const char* format : {"table", "json", "yaml", "csv"}) {
    auto [rc, out] = Ctl(suite->officer_key, {"child", "list", "--name", "遮蔽儿童", "-o", format},
                         std::string("masked-") + format + ".log");
    ASSERT_EQ(rc, 0) << out;
    EXPECT_NE(out.find("遮蔽儿童0"), std::string::npos) << format << "\n" << out;
    EXPECT_NE(out.find("500118********"), std::string::npos) << format << "\n" << out;
    EXPECT_EQ(out.find(id_number), std::string::npos) << format << "\n" << out;
    EXPECT_EQ(out.find("13812345678"), std::string::npos) << format << "\n" << out;
  }
}

TEST_F(EndToEnd, CarehubctlRegistersAWomanAndRecordsAScreening) {
  auto ctl = [](std::vector<std::string> args, const std::string& log) { return Ctl(suite->officer_key, args, log); };
  std::string json;
  google::protobuf::util::JsonPrintOptions opts;
  opts.preserve_proto_field_names = true;
  reg::CreateWomanRequest req;
  *req.mutable_woman() = WomanProto(77);
  ASSERT_TRUE(google::protobuf::util::MessageToJsonString(req, &json, opts).ok());
  auto [rc, out] = ctl({"call", "CreateWoman", json}, "woman1.log");
  ASSERT_EQ(rc, 0) << out;
  auto created = nlohmann::json::parse(out.substr(out.find('{')));
  std::string id = created["id"];
  EXPECT_EQ(created["mobile"], "139****5678");
  auto [rc2, out2] = ctl({"woman", "screen", id, "--type", "breast", "--result", "confirmed", "--date", "2026-03-01",
                          "--facility", "江津区妇幼保健院"},
                         "woman2.log");
  ASSERT_EQ(rc2, 0) << out2;
  auto [rc3, out3] = ctl({"woman", "get", id}, "woman3.log");
  ASSERT_EQ(rc3, 0) << out3;
  EXPECT_EQ(nlohmann::json::parse(out3.substr(out3.find('{')))["cancer_patient"], true) << out3;
  auto [rc4, out4] = ctl({"call", "NoSuchMethod", "{}"}, "woman4.log");
  EXPECT_EQ(rc4, 1);
  // Another district's officer finds nothing, as if she were never registered.
  reg::GetWomanRequest get;
  get.set_id(id);
  reg::Woman w;
  auto other = reg::RegistryService::NewStub(Gateway())->GetWoman(WithKey(suite->other_key).get(), get, &w);
  EXPECT_EQ(other.error_code(), grpc::StatusCode::NOT_FOUND);
  reg::GetBeneficiaryRequest ben_req;
  ben_req.set_id(id);
  reg::Beneficiary ben;
  EXPECT_EQ(reg::RegistryService::NewStub(Gateway())
                ->GetBeneficiary(WithKey(suite->other_key).get(), ben_req, &ben)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
}

// The one form through the gateway: the reports service asks the registry, funds and volunteers
// as the caller, and what it shows for the district is what each of them says of it.
TEST_F(EndToEnd, TheReportComposesEveryServiceAsTheCaller) {
  namespace rpv1 = reports::v1;
  auto registry = reg::RegistryService::NewStub(Gateway());
  reg::CreateWomanRequest create;
  create.set_request_id("rq-e2e-report-woman");
  *create.mutable_woman() = WomanProto(88, "500116002001");
  reg::Woman woman;
  ASSERT_TRUE(registry->CreateWoman(WithKey(suite->officer_key).get(), create, &woman).ok());
  const int year = static_cast<int>(TodayInChina().year());
  rpv1::GetDivisionReportRequest req;
  req.set_division_code("500116000000");
  req.mutable_period()->set_kind(rpv1::PERIOD_KIND_YEAR);
  req.mutable_period()->set_year(year);
  rpv1::DivisionReport report;
  auto reports = rpv1::ReportsService::NewStub(Gateway());
  auto s = reports->GetDivisionReport(WithKey(suite->officer_key).get(), req, &report);
  ASSERT_TRUE(s.ok()) << s.error_message() << suite->reports->Log();
  EXPECT_EQ(report.missing_sources_size(), 0) << report.missing_sources(0);
  reg::SummarizeRegistryRequest sum;
  sum.set_division_prefix("500116");
  sum.set_from(report.from());
  sum.set_to(report.to());
  reg::RegistrySummary figures;
  ASSERT_TRUE(registry->SummarizeRegistry(WithKey(suite->officer_key).get(), sum, &figures).ok());
  auto value = [&](const std::string& code) {
    for (const auto& v : report.values()) {
      if (v.code() == code) return v.value();
    }
    return int64_t{-1};
  };
  EXPECT_GE(figures.women_active(), 1);
  EXPECT_EQ(value("women.active"), figures.women_active());
  EXPECT_EQ(value("children.left_behind"), figures.children_left_behind());
  EXPECT_EQ(value("women.screenings"), figures.screenings());
  bool town = false;
  for (const auto& d : report.breakdown()) town = town || d.division_prefix() == "500116002";
  EXPECT_TRUE(town);
  EXPECT_EQ(reports->GetDivisionReport(WithKey(suite->other_key).get(), req, &report).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  auto ctl = [](std::vector<std::string> args, const std::string& log) { return Ctl(suite->officer_key, args, log); };
  std::string xlsx = suite->dir + "/report.xlsx";
  auto [rc, out] =
      ctl({"report", "show", "500116000000", "--year", std::to_string(year), "--format", "xlsx", "--out", xlsx},
          "report1.log");
  ASSERT_EQ(rc, 0) << out;
  std::ifstream in(xlsx, std::ios::binary);
  std::string head(2, '\0');
  in.read(head.data(), 2);
  EXPECT_EQ(head, "PK");
  auto [rc2, out2] =
      ctl({"report", "show", "500116000000", "--year", std::to_string(year), "-o", "table"}, "report2.log");
  ASSERT_EQ(rc2, 0) << out2;
  EXPECT_NE(out2.find("在册困难妇女"), std::string::npos) << out2;
  auto [rc3, out3] =
      ctl({"report", "file", "500116000000", "--year", std::to_string(year), "--note", "年度一表通"}, "report3.log");
  ASSERT_EQ(rc3, 0) << out3;
  std::string id = nlohmann::json::parse(out3.substr(out3.find('{')))["id"];
  auto [rc4, out4] = ctl({"report", "diff", id}, "report4.log");
  ASSERT_EQ(rc4, 0) << out4;
}

// A coordinator's day with carehubctl: a volunteer, an activity with one place, two sign-ups
// (one waitlisted), a cancellation that promotes, and the service record as CSV.
TEST_F(EndToEnd, CarehubctlRunsAVolunteerActivity) {
  auto ctl = [&](std::vector<std::string> args) {
    std::vector<std::string> all = {"--addr",    "127.0.0.1:" + std::to_string(suite->gateway_port),
                                    "--api-key", suite->coordinator_key,
                                    "-o",        "json"};
    all.insert(all.end(), args.begin(), args.end());
    Process p(Bin("tools/carehubctl/carehubctl"), all, {}, suite->dir + "/ctl-volunteers.log");
    int rc = p.WaitExit(30);
    std::string out = p.Log();
    return std::make_pair(rc, out.find('{') == std::string::npos ? nlohmann::json(out)
                                                                 : nlohmann::json::parse(out.substr(out.find('{'))));
  };
  std::vector<std::string> volunteers;
  for (int n : {1, 2}) {
    auto [rc, v] = ctl({"volunteer", "create", "--name", "志愿者", "--mobile", "1391234567" + std::to_string(n),
                        "--id-number", IdNumber("19800101", n), "--division", "500116001001", "--skill", "急救"});
    ASSERT_EQ(rc, 0) << v;
    volunteers.push_back(v["id"]);
  }
  auto [rc, activity] = ctl({"activity", "create", "--title", "防溺水宣传", "--type", "drowning-prevention",
                             "--division", "500116001001", "--starts", FormatInstantChina(NowSeconds() + 86400),
                             "--ends", FormatInstantChina(NowSeconds() + 90000), "--capacity", "1"});
  ASSERT_EQ(rc, 0) << activity;
  std::string id = activity["id"];
  EXPECT_EQ(activity["check_in_code"].get<std::string>().size(), 6u);
  ASSERT_EQ(ctl({"activity", "open", id}).first, 0);
  EXPECT_EQ(ctl({"signup", "add", id, volunteers[0]}).second["state"], "SIGN_UP_STATE_SIGNED_UP");
  EXPECT_EQ(ctl({"signup", "add", id, volunteers[1]}).second["waitlist_position"], 1);
  auto [rc2, cancelled] = ctl({"signup", "cancel", id, volunteers[0]});
  ASSERT_EQ(rc2, 0) << cancelled;
  EXPECT_EQ(cancelled["promoted"]["volunteer_id"], volunteers[1]);
  std::string csv = suite->dir + "/record.csv";
  ASSERT_EQ(ctl({"volunteer", "record", volunteers[1], "--csv", csv}).first, 0);
  std::ifstream in(csv);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("防溺水宣传"), std::string::npos) << text;

  // A caring mother for a child the officer registered: the volunteers service asks the registry
  // as the coordinator, through its own client.
  reg::Child child;
  ASSERT_TRUE(CreateChild(suite->officer_key, ChildProto(4242), "e2e-req-care", &child).ok());
  auto [rc3, pairing] = ctl({"pairing", "create", volunteers[1], child.id()});
  ASSERT_EQ(rc3, 0) << pairing;
  EXPECT_EQ(pairing["state"], "PAIRING_STATE_ACTIVE");
  auto [rc4, visit] = ctl({"visit", "record", pairing["id"], "--on", FormatDate(TodayInChina()), "--contact",
                           "--finding", "safety-hazard", "--goods", "50"});
  ASSERT_EQ(rc4, 0) << visit;
  EXPECT_EQ(visit["goods_fen"], "5000");
  EXPECT_EQ(ctl({"overdue"}).first, 0);

  // The visit found the guardian unable to care: an officer acknowledges the risk report and
  // raises the child's risk in the registry (volunteers calls UpdateChild as the officer).
  auto officer_ctl = [&](std::vector<std::string> args) {
    std::vector<std::string> all = {
        "--addr", "127.0.0.1:" + std::to_string(suite->gateway_port), "--api-key", suite->officer_key, "-o", "json"};
    all.insert(all.end(), args.begin(), args.end());
    Process p(Bin("tools/carehubctl/carehubctl"), all, {}, suite->dir + "/ctl-officer.log");
    int rc = p.WaitExit(30);
    std::string out = p.Log();
    return std::make_pair(rc, out);
  };
  ASSERT_EQ(ctl({"visit", "record", pairing["id"], "--on", FormatDate(TodayInChina()), "--contact", "--finding",
                 "guardian-unable-to-care"})
                .first,
            0);
  auto [rc5, reports] = officer_ctl({"risk", "list"});
  ASSERT_EQ(rc5, 0) << reports;
  std::string report_id = nlohmann::json::parse(reports.substr(reports.find('{')))["reports"][0]["id"];
  auto [rc6, acked] = officer_ctl(
      {"call", "VolunteersService.AcknowledgeRiskReport",
       R"({"id":")" + report_id + R"(","note":"监护缺失，已上报","raise_risk_to":"CHILD_RISK_LEVEL_HIGH"})"});
  ASSERT_EQ(rc6, 0) << acked;
  reg::GetChildRequest get_child;
  get_child.set_id(child.id());
  reg::Child raised;
  ASSERT_TRUE(
      reg::RegistryService::NewStub(Gateway())->GetChild(WithKey(suite->officer_key).get(), get_child, &raised).ok());
  EXPECT_EQ(raised.risk_level(), reg::RISK_LEVEL_HIGH);

  // The child leaves the registry: the volunteers service, following its change feed, ends the
  // pairing within a poll interval (200 ms here).
  reg::ExitChildRequest exit;
  exit.set_request_id("e2e-req-care-exit");
  exit.set_id(child.id());
  exit.set_reason(reg::EXIT_REASON_MOVED_AWAY);
  exit.set_note("随父母迁居");
  reg::Child exited;
  ASSERT_TRUE(
      reg::RegistryService::NewStub(Gateway())->ExitChild(WithKey(suite->officer_key).get(), exit, &exited).ok());
  std::string state;
  for (int i = 0; i < 50 && state != "PAIRING_STATE_ENDED"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    state = ctl({"pairing", "get", pairing["id"]}).second["state"];
  }
  EXPECT_EQ(state, "PAIRING_STATE_ENDED") << suite->volunteers->Log();
}

TEST_F(EndToEnd, NoKeyOrWrongKeyIsUnauthenticated) {
  reg::ListChildrenRequest req;
  reg::ListChildrenResponse resp;
  auto stub = reg::RegistryService::NewStub(Gateway());
  EXPECT_EQ(stub->ListChildren(WithKey("").get(), req, &resp).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(stub->ListChildren(WithKey(suite->officer_key + "x").get(), req, &resp).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(EndToEnd, CallingABackendDirectlyIsUnauthenticated) {
  auto direct =
      grpc::CreateChannel("127.0.0.1:" + std::to_string(suite->registry_port), grpc::InsecureChannelCredentials());
  auto stub = reg::RegistryService::NewStub(direct);
  reg::ListChildrenRequest req;
  reg::ListChildrenResponse resp;
  // With an API key (the backend does not take keys) …
  EXPECT_EQ(stub->ListChildren(WithKey(suite->officer_key).get(), req, &resp).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  // … or with a principal signed by anyone but the deployment.
  auto ctx = WithKey("");
  auto forged =
      SignPrincipal({"intruder", {"admin"}, "", "rq"}, crypto::RandomBytes(32), std::chrono::system_clock::now());
  ctx->AddMetadata(kPrincipalHeader, forged.payload);
  ctx->AddMetadata(kPrincipalSignatureHeader, forged.signature);
  EXPECT_EQ(stub->ListChildren(ctx.get(), req, &resp).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  // Health stays open for probes.
  EXPECT_TRUE(WaitServing("127.0.0.1:" + std::to_string(suite->registry_port), 2));
}

// Contexts as an operator sets them up: address and key file once, then plain commands; the
// environment overrides the context and a flag overrides both; the key is never on a command line.
TEST_F(EndToEnd, CarehubctlContextsSupplyAddressAndKeyWithFlagOverEnvironmentOverContext) {
  std::string config = suite->dir + "/ctl-config/config.json", key_file = suite->dir + "/officer.key";
  std::ofstream(key_file) << suite->officer_key << "\n";
  auto ctl = [&](std::vector<std::string> args, std::map<std::string, std::string> env = {}) {
    env["CAREHUB_CONFIG"] = config;
    Process p(Bin("tools/carehubctl/carehubctl"), args, env, suite->dir + "/ctl-contexts.log");
    int rc = p.WaitExit(30);
    return std::make_pair(rc, p.Log());
  };
  std::string gateway = "127.0.0.1:" + std::to_string(suite->gateway_port);
  ASSERT_EQ(ctl({"config", "set-context", "jiangjin", "--server", gateway, "--key-file", key_file}).first, 0);
  ASSERT_EQ(ctl({"config", "set-context", "nowhere", "--server", "127.0.0.1:1", "--key-env", "NO_SUCH_KEY"}).first, 0);
  EXPECT_EQ(std::filesystem::status(config).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  auto [rc, out] = ctl({"config", "get-contexts"});
  EXPECT_EQ(rc, 0);
  EXPECT_NE(out.find("jiangjin"), std::string::npos);
  EXPECT_NE(out.find("file " + key_file), std::string::npos);
  EXPECT_EQ(out.find(suite->officer_key), std::string::npos) << "a key is never printed";
  // The first context saved is the current one.
  std::tie(rc, out) = ctl({"--timeout-ms", "3000", "info"});
  EXPECT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("officer-jiangjin"), std::string::npos) << out;
  std::tie(rc, out) = ctl({"--timeout-ms", "1000", "info"}, {{"CAREHUB_ADDR", "127.0.0.1:1"}});
  EXPECT_NE(rc, 0) << "the environment overrides the context";
  std::tie(rc, out) = ctl({"--addr", gateway, "--timeout-ms", "3000", "info"}, {{"CAREHUB_ADDR", "127.0.0.1:1"}});
  EXPECT_EQ(rc, 0) << "a flag overrides the environment: " << out;
  std::tie(rc, out) = ctl({"--context", "nowhere", "--timeout-ms", "1000", "info"});
  EXPECT_NE(rc, 0);
  ASSERT_EQ(ctl({"config", "use-context", "nowhere"}).first, 0);
  EXPECT_EQ(ctl({"config", "current-context"}).second.substr(0, 7), "nowhere");
  std::tie(rc, out) = ctl({"--context", "jiangjin", "--timeout-ms", "3000", "info"});
  EXPECT_EQ(rc, 0) << "--context picks one for a call: " << out;
  EXPECT_NE(ctl({"config", "use-context", "missing"}).first, 0);
  EXPECT_NE(ctl({"--context", "missing", "info"}).first, 0);
}

TEST_F(EndToEnd, CarehubctlDescribesWhatCallTakesAndCompletesItsCommands) {
  auto [rc, out] = Ctl("", {"describe", "CreateChild"}, "ctl-describe.log");
  ASSERT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("carehub.registry.v1.RegistryService.CreateChild(carehub.registry.v1.CreateChildRequest)"),
            std::string::npos);
  EXPECT_NE(out.find("\n  child  carehub.registry.v1.Child\n"), std::string::npos) << out;
  EXPECT_NE(out.find("\n      relation  GuardianRelation (GUARDIAN_RELATION_UNSPECIFIED GUARDIAN_RELATION_FATHER"),
            std::string::npos)
      << "nested fields indented, enums with their words";
  EXPECT_NE(Ctl("", {"describe", "NoSuchMethod"}, "ctl-describe.log").first, 0);

  // Bash completion from the command tree: a word, a subcommand's commands, a nested flag.
  std::string script = suite->dir + "/completion.bash";
  std::tie(rc, out) = Ctl("", {"completion", "bash"}, "ctl-completion.log");
  ASSERT_EQ(rc, 0);
  std::ofstream(script) << out;
  auto complete = [&](const std::string& words, int cword) {
    std::string cmd = "bash -c 'source " + script + "; COMP_WORDS=(" + words +
                      "); COMP_CWORD=" + std::to_string(cword) + "; _carehubctl; echo \"${COMPREPLY[*]}\"'";
    std::string answer;
    if (FILE* p = popen(cmd.c_str(), "r")) {
      char buf[4096];
      for (size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) answer.append(buf, n);
      pclose(p);
    }
    return answer;
  };
  EXPECT_EQ(complete("carehubctl chi", 1), "child\n");
  EXPECT_NE(complete("carehubctl child \"\"", 2).find("create"), std::string::npos);
  EXPECT_EQ(complete("carehubctl --addr x config set-context prod --se", 6), "--server\n");
}

TEST_F(EndToEnd, UnknownServiceIsUnimplemented) {
  grpc::GenericStub stub(Gateway());
  auto ctx = WithKey(suite->officer_key);
  grpc::Slice empty("");
  grpc::ByteBuffer request(&empty, 1), response;  // an empty message, as GetServiceInfo sends
  grpc::Status status;
  std::mutex mu;
  std::condition_variable cv;
  bool done = false;
  stub.UnaryCall(ctx.get(), "/carehub.nothing.v1.NothingService/Do", grpc::StubOptions(), &request, &response,
                 [&](grpc::Status s) {
                   std::lock_guard lock(mu);
                   status = s;
                   done = true;
                   cv.notify_one();
                 });
  std::unique_lock lock(mu);
  cv.wait(lock, [&] { return done; });
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNIMPLEMENTED);
}

// One server-reflection exchange through the gateway: `request` (a ServerReflectionRequest,
// hand-encoded: the reflection schema is not installed for C++) and the answer's raw bytes.
std::string Reflect(const std::shared_ptr<grpc::Channel>& channel, const std::string& request) {
  class Exchange final : public grpc::ClientBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer> {
   public:
    explicit Exchange(const std::string& request) : slice_(request), out_(&slice_, 1) {}
    void Start() {
      StartWrite(&out_);
      StartWritesDone();
      StartRead(&in_);
      StartCall();
    }
    void OnReadDone(bool ok) override {
      if (!ok) return;
      answer_ += gateway::BytesOf(in_);
      StartRead(&in_);
    }
    void OnDone(const grpc::Status& s) override { done_.set_value(s); }
    std::string Wait() {
      done_.get_future().wait();
      return answer_;
    }

   private:
    grpc::Slice slice_;
    grpc::ByteBuffer out_, in_;
    std::string answer_;
    std::promise<grpc::Status> done_;
  };
  grpc::GenericStub stub(channel);
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  Exchange exchange(request);
  stub.PrepareBidiStreamingCall(&ctx, "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
                                grpc::StubOptions(), &exchange);
  exchange.Start();
  return exchange.Wait();
}

TEST_F(EndToEnd, ServerReflectionListsAndDescribesEveryRoutedService) {
  std::string listed = Reflect(Gateway(), std::string("\x3a\x00", 2));  // list_services: ""
  for (const char* service : {"carehub.registry.v1.RegistryService", "carehub.funds.v1.FundsService",
                              "carehub.volunteers.v1.VolunteersService", "carehub.reports.v1.ReportsService"}) {
    EXPECT_NE(listed.find(service), std::string::npos) << service;
  }
  std::string symbol = "carehub.registry.v1.RegistryService";
  std::string described = Reflect(Gateway(), "\x22" + std::string(1, static_cast<char>(symbol.size())) + symbol);
  EXPECT_NE(described.find("carehub/registry/v1/registry_service.proto"), std::string::npos);
  EXPECT_NE(described.find("ImportChildren"), std::string::npos);
  // The listing entries are not methods: a real call still goes to the backend.
  common::v1::ServiceInfo info;
  ASSERT_TRUE(
      reg::RegistryService::NewStub(Gateway())->GetServiceInfo(WithKey(suite->officer_key).get(), {}, &info).ok());
  EXPECT_EQ(info.service(), "carehub-registry");
}

TEST_F(EndToEnd, AStringThatIsNotUtf8IsRefusedNamingItsFieldAndNothingIsStored) {
  reg::CreateChildRequest req;
  req.set_request_id("utf8-check-0001");
  *req.mutable_child() = ChildProto(61);
  req.mutable_child()->mutable_guardian()->set_name("\xc3\x28");  // a broken two-byte sequence
  std::string bytes = req.SerializePartialAsString();
  grpc::Slice slice(bytes);
  grpc::ByteBuffer request(&slice, 1), response;
  grpc::GenericStub stub(Gateway());
  auto ctx = WithKey(suite->officer_key);
  std::promise<grpc::Status> done;
  stub.UnaryCall(ctx.get(), "/carehub.registry.v1.RegistryService/CreateChild", grpc::StubOptions(), &request,
                 &response, [&](grpc::Status s) { done.set_value(std::move(s)); });
  auto s = done.get_future().get();
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << s.error_message();
  EXPECT_EQ(s.error_message(), "child.guardian.name: is not valid UTF-8");
  reg::ListChildrenRequest list;
  list.set_name_prefix(ChildProto(61).name());
  reg::ListChildrenResponse found;
  ASSERT_TRUE(
      reg::RegistryService::NewStub(Gateway())->ListChildren(WithKey(suite->officer_key).get(), list, &found).ok());
  EXPECT_EQ(found.children_size(), 0);
}

TEST_F(EndToEnd, LargeHeadersPassAndAnOversizedOneFailsOnlyItsOwnCall) {
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);  // one connection, shared by every call below
  args.SetInt(GRPC_ARG_MAX_METADATA_SIZE, 1024 * 1024);
  auto channel = grpc::CreateCustomChannel("127.0.0.1:" + std::to_string(suite->gateway_port),
                                           grpc::InsecureChannelCredentials(), args);
  auto stub = reg::RegistryService::NewStub(channel);
  common::v1::ServiceInfo info;
  auto ctx = WithKey(suite->officer_key);
  ctx->AddMetadata("x-note", std::string(20 * 1024, 'a'));  // a token with many roles is this large
  auto s = stub->GetServiceInfo(ctx.get(), {}, &info);
  ASSERT_TRUE(s.ok()) << s.error_message();
  std::atomic<int> failed{0};
  std::thread steady([&] {
    for (int i = 0; i < 200; ++i) {
      common::v1::ServiceInfo mine;
      if (!stub->GetServiceInfo(WithKey(suite->officer_key).get(), {}, &mine).ok()) ++failed;
    }
  });
  for (int i = 0; i < 5; ++i) {
    auto big = WithKey(suite->officer_key);
    big->AddMetadata("x-note", std::string(100 * 1024, 'b'));
    auto refused = stub->GetServiceInfo(big.get(), {}, &info);
    EXPECT_EQ(refused.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << refused.error_message();
    EXPECT_NE(refused.error_message().find("metadata"), std::string::npos);
  }
  steady.join();
  EXPECT_EQ(failed, 0) << "the other calls on the connection went on";
}

TEST_F(EndToEnd, EveryBackendAnswersThroughTheGatewayWithTheCallersPrincipal) {
  common::v1::GetServiceInfoRequest req;
  common::v1::ServiceInfo info;
  ASSERT_TRUE(
      funds::v1::FundsService::NewStub(Gateway())->GetServiceInfo(WithKey(suite->officer_key).get(), req, &info).ok());
  EXPECT_EQ(info.service(), "carehub-funds");
  EXPECT_EQ(info.schema_version(), 4);  // 0004_batches_payments
  EXPECT_EQ(info.caller().subject(), "officer-jiangjin");
  EXPECT_EQ(info.caller().division_prefix(), "500116");
  EXPECT_FALSE(info.caller().request_id().empty());
  ASSERT_TRUE(volunteers::v1::VolunteersService::NewStub(Gateway())
                  ->GetServiceInfo(WithKey(suite->officer_key).get(), req, &info)
                  .ok());
  EXPECT_EQ(info.service(), "carehub-volunteers");
}

// One raw HTTP/1.1 exchange on loopback: what a client that streams its body in chunks sends.
std::string RawHttp(int port, const std::string& request) {
  int fd = ConnectToLoopback(port);
  if (fd < 0) return "";
  (void)!write(fd, request.data(), request.size());
  std::string answer;
  char buf[4096];
  for (ssize_t n; (n = read(fd, buf, sizeof buf)) > 0;) answer.append(buf, static_cast<size_t>(n));
  close(fd);
  return answer;
}

TEST_F(EndToEnd, JsonOverHttpReadsChunkedBodiesAndNeverRunsOnABodyItDidNotRead) {
  reg::Child created;
  ASSERT_TRUE(CreateChild(suite->officer_key, ChildProto(88), "http-chunk-0001", &created).ok());
  reg::Child other;
  ASSERT_TRUE(CreateChild(suite->officer_key, ChildProto(89), "http-chunk-0002", &other).ok());
  // A filter that matches only that child, sent in two chunks.
  std::string body = R"({"namePrefix":")" + created.name() + R"(", "pageSize": 10})";
  std::string first = body.substr(0, 7), rest = body.substr(7);
  auto hex = [](size_t n) {
    char b[16];
    std::snprintf(b, sizeof b, "%zx", n);
    return std::string(b);
  };
  std::string request =
      "POST /v1/carehub.registry.v1.RegistryService/ListChildren HTTP/1.1\r\nHost: 127.0.0.1\r\n"
      "X-Api-Key: " +
      suite->officer_key +
      "\r\nContent-Type: application/json\r\n"
      "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" +
      hex(first.size()) + "\r\n" + first + "\r\n" + hex(rest.size()) + "\r\n" + rest + "\r\n0\r\n\r\n";
  std::string answer = RawHttp(suite->http_port, request);
  ASSERT_NE(answer.find(" 200 "), std::string::npos) << answer;
  auto json = nlohmann::json::parse(answer.substr(answer.find("\r\n\r\n") + 4));
  ASSERT_EQ(json["children"].size(), 1u) << "the filter in the chunked body was applied";
  EXPECT_EQ(json["children"][0]["id"], created.id());
}

TEST_F(EndToEnd, IdleHttpClientsDoNotHoldTheFront) {
  // Twenty connections send headers and one byte of a body, then wait.
  std::vector<int> idle;
  for (int i = 0; i < 20; ++i) {
    int fd = ConnectToLoopback(suite->http_port);
    ASSERT_GE(fd, 0);
    std::string start =
        "POST /v1/carehub.registry.v1.RegistryService/ListChildren HTTP/1.1\r\nHost: x\r\n"
        "Content-Length: 100\r\n\r\n{";
    (void)!write(fd, start.data(), start.size());
    idle.push_back(fd);
  }
  // An authenticated call is still answered (HttpPost gives up after its own timeout).
  auto r = HttpPost(suite->http_port, "/v1/carehub.registry.v1.RegistryService/ListChildren",
                    "X-Api-Key: " + suite->officer_key + "\r\n", "{}");
  EXPECT_EQ(r.status, 200) << r.body;
  for (int fd : idle) close(fd);
}

TEST_F(EndToEnd, OneClientHoldsAtMost32HttpConnections) {
  // Connections an earlier test closed may not be counted out yet when these arrive (the front
  // sees their close and the new connects in one turn of its loop): measure again after a pause.
  int refused = 0;
  for (int attempt = 0; attempt < 3 && refused != 8; ++attempt) {
    if (attempt > 0) std::this_thread::sleep_for(std::chrono::milliseconds(200));
    std::vector<int> held;
    for (int i = 0; i < 40; ++i) {
      int fd = ConnectToLoopback(suite->http_port);
      ASSERT_GE(fd, 0);
      held.push_back(fd);
    }
    // Those over the limit are closed by the front at once (the others wait for a request for 5 s).
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    refused = 0;
    for (int fd : held) {
      pollfd p{fd, POLLIN, 0};
      char c;
      if (poll(&p, 1, 0) == 1 && read(fd, &c, 1) == 0) ++refused;
    }
    for (int fd : held) close(fd);
  }
  EXPECT_EQ(refused, 8);
  // Once they are gone the client is served again.
  HttpResponse r;
  for (int i = 0; i < 20 && r.status != 200; ++i) {
    r = HttpPost(suite->http_port, "/v1/carehub.registry.v1.RegistryService/ListChildren",
                 "X-Api-Key: " + suite->officer_key + "\r\n", "{}");
    if (r.status != 200) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(r.status, 200) << r.body;
}

TEST_F(EndToEnd, JsonOverHttpRoundTripsChineseTextAndReportsErrorsAsJson) {
  const std::string path = "/v1/carehub.registry.v1.RegistryService/CreateChild";
  const std::string key = "X-Api-Key: " + suite->officer_key + "\r\n";
  auto child = ChildProto(77);
  std::string json;
  ASSERT_TRUE(google::protobuf::util::MessageToJsonString(child, &json).ok());
  std::string body = R"({"requestId":"http-req-0001","child":)" + json + "}";
  // Inside the caller's trace: the answer names it (the backends log it, as over gRPC).
  auto r = HttpPost(suite->http_port, path,
                    key + "traceparent: 00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\r\n", body);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.headers["x-trace-id"], "0af7651916cd43dd8448eb211c80319c");
  EXPECT_EQ(r.headers["x-request-id"].empty(), false);
  auto answer = nlohmann::json::parse(r.body);
  EXPECT_EQ(answer["name"], "测试儿童77");
  EXPECT_EQ(answer["guardian"]["name"], "监护人77");
  EXPECT_EQ(answer["createdBy"], "officer-jiangjin");
  // The same child again: the gRPC status comes back as JSON with the HTTP status to match.
  r = HttpPost(suite->http_port, path, key, R"({"requestId":"http-req-0002","child":)" + json + "}");
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(nlohmann::json::parse(r.body)["code"], "ALREADY_EXISTS");
  r = HttpPost(suite->http_port, path, key, R"({"requestId":"http-req-0003","child":{"nmae":"typo"}})");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(nlohmann::json::parse(r.body)["code"], "INVALID_ARGUMENT");
  r = HttpPost(suite->http_port, path, key, "{\"requestId\":\"http-req-0004\",\"child\":{\"name\":\"\xc3\x28\"}}");
  EXPECT_EQ(r.status, 400) << "invalid UTF-8 is refused with a clear error here";
  r = HttpPost(suite->http_port, path, "", body);
  EXPECT_EQ(r.status, 401);
  r = HttpPost(suite->http_port, "/v1/carehub.nothing.v1.S/M", key, "{}");
  EXPECT_EQ(r.status, 501);
}

TEST_F(EndToEnd, OperatorsSeeMetricsAndAccessLogLines) {
  reg::ListChildrenRequest req;
  reg::ListChildrenResponse resp;
  auto ctx = WithKey(suite->officer_key);
  ctx->AddMetadata("x-request-id", "ops-check-42");
  ASSERT_TRUE(reg::RegistryService::NewStub(Gateway())->ListChildren(ctx.get(), req, &resp).ok());
  reg::RegistryService::NewStub(Gateway())->ListChildren(WithKey("wrong").get(), req, &resp);
  auto metrics = HttpGet(suite->metrics_port, "/metrics");
  ASSERT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.body.find(R"(code="OK",method="/carehub.registry.v1.RegistryService/ListChildren")"),
            std::string::npos)
      << metrics.body.substr(0, 2000);
  EXPECT_NE(metrics.body.find(R"(code="UNAUTHENTICATED",method="/carehub.registry.v1.RegistryService/ListChildren")"),
            std::string::npos);
  EXPECT_NE(metrics.body.find("carehub_rpc_latency_seconds_bucket"), std::string::npos);
  // The access log line carries request id, principal, method, status, latency and bytes.
  std::string log = suite->gateway->Log();
  auto at = log.find("\"request_id\":\"ops-check-42\"");
  ASSERT_NE(at, std::string::npos);
  auto line = log.substr(log.rfind('\n', at) + 1, log.find('\n', at) - log.rfind('\n', at) - 1);
  auto j = nlohmann::json::parse(line);
  EXPECT_EQ(j["principal"], "officer-jiangjin");
  EXPECT_EQ(j["method"], "/carehub.registry.v1.RegistryService/ListChildren");
  EXPECT_EQ(j["status"], "OK");
  EXPECT_TRUE(j.contains("latency_ms") && j.contains("bytes_in") && j.contains("bytes_out"));
  // Tokens and keys never appear in logs.
  EXPECT_EQ(log.find(suite->officer_key), std::string::npos);
}

TEST_F(EndToEnd, RegistryRefusesToStartWithoutAPiiKeyUnlessInDevelopmentMode) {
  std::string dir = suite->dir + "/devmode";
  std::map<std::string, std::string> env = {{"CAREHUB_INTERNAL_KEY_FILE", suite->dir + "/internal.key"},
                                            {"CAREHUB_GRACE_PERIOD", "1"}};
  {
    Process p(Bin("services/registry/carehub-registry"),
              {"--listen", "127.0.0.1:0", "--db-url", "sqlite://" + suite->dir + "/nokey.db"}, env,
              suite->dir + "/nokey.log");
    EXPECT_EQ(p.WaitExit(20), 1);
    EXPECT_NE(p.Log().find("no PII key"), std::string::npos) << p.Log();
  }
  std::string key;
  for (int run = 0; run < 2; ++run) {
    int port = FreePort();
    Process p(Bin("services/registry/carehub-registry"),
              {"--dev", "--data-dir", dir, "--listen", "127.0.0.1:" + std::to_string(port), "--db-url",
               "sqlite://" + suite->dir + "/dev.db"},
              env, suite->dir + "/dev.log");
    ASSERT_TRUE(WaitServing("127.0.0.1:" + std::to_string(port), 20)) << p.Log();
    EXPECT_EQ(p.Stop(), 0);
    std::ifstream in(dir + "/pii.key");
    std::string now((std::istreambuf_iterator<char>(in)), {});
    EXPECT_EQ(now.size(), 65u);
    if (run == 1) {
      EXPECT_EQ(now, key) << "a restart must keep the key, or stored ID numbers no longer open";
    }
    key = now;
    EXPECT_EQ(std::filesystem::status(dir + "/pii.key").permissions() & std::filesystem::perms::all,
              std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  }
}

TEST_F(EndToEnd, BadDatabaseUrlsFailFastWithOneLine) {
  for (std::string url : {"postgres://nowhere/db", "mysql://u:hunter2@127.0.0.1:1/carehub"}) {
    Process p(Bin("services/funds/carehub-funds"), {"--listen", "127.0.0.1:0", "--db-url", url},
              {{"CAREHUB_INTERNAL_KEY_FILE", suite->dir + "/internal.key"},
               {"CAREHUB_PII_KEY_FILE", suite->dir + "/pii.key"}},
              suite->dir + "/bad.log");
    EXPECT_EQ(p.WaitExit(20), 1) << url;
    std::string log = p.Log();
    EXPECT_EQ(log.find("hunter2"), std::string::npos) << log;
    EXPECT_NE(log.find("carehub-funds: "), std::string::npos) << log;
  }
}

// Cases that take something away (a key, a backend) run each on a deployment of its own, so no
// case depends on running before or after them.
class EndToEndDestructive : public EndToEnd {
 protected:
  static void SetUpTestSuite() {}
  static void TearDownTestSuite() {}
  void SetUp() override { EndToEnd::SetUpTestSuite(); }
  void TearDown() override { EndToEnd::TearDownTestSuite(); }
};

TEST_F(EndToEndDestructive, GatewayReloadsKeysOnSighupWithoutDroppingCalls) {
  auto fresh = gateway::GenerateApiKey();
  // The officer keeps its key, the other district's officer loses it, a new key appears.
  std::string officer_hash = gateway::HashApiKey(suite->officer_key);
  WriteFile(suite->dir + "/api_keys.json",
            R"({"api_keys":[{"name":"jj","sha256":")" + officer_hash +
                R"(","subject":"officer-jiangjin","roles":["officer"],"division_prefix":"500116"},)" +
                R"({"name":"new","sha256":")" + fresh.sha256 +
                R"(","subject":"officer-new","roles":["auditor"],"division_prefix":""}]})");
  std::atomic<bool> stop{false};
  std::atomic<int> failures{0};
  std::thread steady([&] {
    while (!stop) {
      reg::ListChildrenRequest req;
      reg::ListChildrenResponse resp;
      if (!reg::RegistryService::NewStub(Gateway())->ListChildren(WithKey(suite->officer_key).get(), req, &resp).ok()) {
        ++failures;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));  // stay well inside the rate limit
    }
  });
  suite->gateway->Signal(SIGHUP);
  reg::ListChildrenRequest req;
  reg::ListChildrenResponse resp;
  bool switched = false;
  for (int i = 0; i < 100 && !switched; ++i) {
    switched = reg::RegistryService::NewStub(Gateway())->ListChildren(WithKey(fresh.key).get(), req, &resp).ok();
    if (!switched) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  stop = true;
  steady.join();
  EXPECT_TRUE(switched) << suite->gateway->Log();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(
      reg::RegistryService::NewStub(Gateway())->ListChildren(WithKey(suite->other_key).get(), req, &resp).error_code(),
      grpc::StatusCode::UNAUTHENTICATED);
  // A broken file is refused and the policy in force stays.
  WriteFile(suite->dir + "/api_keys.json", "{ not json");
  suite->gateway->Signal(SIGHUP);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_TRUE(reg::RegistryService::NewStub(Gateway())->ListChildren(WithKey(fresh.key).get(), req, &resp).ok());
  EXPECT_NE(suite->gateway->Log().find("policy reload failed"), std::string::npos);
}

// Last: it stops a backend.
TEST_F(EndToEndDestructive, BackendDownIsUnavailableWhileOthersKeepServing) {
  std::string gw = "127.0.0.1:" + std::to_string(suite->gateway_port);
  // The gateway's aggregated health reports each backend.
  EXPECT_TRUE(WaitServing(gw, 5, "carehub.volunteers"));
  EXPECT_EQ(HealthOf(gw, "carehub.registry"), "SERVING");
  // Load on the registry while the volunteers backend is killed outright (no graceful stop).
  std::atomic<bool> stop{false};
  std::atomic<int> failures{0}, calls{0};
  std::thread load([&] {
    auto stub = reg::RegistryService::NewStub(Gateway());
    while (!stop) {
      reg::ListChildrenRequest list;
      reg::ListChildrenResponse page;
      if (!stub->ListChildren(WithKey(suite->officer_key).get(), list, &page).ok()) ++failures;
      ++calls;
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  suite->volunteers->Signal(SIGKILL);
  ASSERT_EQ(suite->volunteers->WaitExit(10), 128 + SIGKILL);
  const int at_kill = calls;
  common::v1::GetServiceInfoRequest req;
  common::v1::ServiceInfo info;
  auto start = std::chrono::steady_clock::now();
  auto s = volunteers::v1::VolunteersService::NewStub(Gateway())->GetServiceInfo(WithKey(suite->officer_key).get(), req,
                                                                                 &info);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5)) << "should fail fast, not hang";
  // Keep the load on until 50 more registry calls have gone through (bounded in time).
  for (int i = 0; i < 1000 && calls < at_kill + 50; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  stop = true;
  load.join();
  EXPECT_EQ(failures, 0) << "of " << calls << " registry calls while volunteers died";
  EXPECT_GE(calls, at_kill + 50);
  EXPECT_TRUE(WaitServing(gw, 2));
  std::string status;
  for (int i = 0; i < 50 && (status = HealthOf(gw, "carehub.volunteers")) == "SERVING"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(status, "NOT_SERVING");
  EXPECT_EQ(HealthOf(gw, "carehub.registry"), "SERVING");
  EXPECT_EQ(HealthOf(gw, ""), "SERVING") << "the gateway itself stays up for the other backends";
}

// The restore drill (docs/OPERATIONS.md): a backup taken with scripts/backup.sh while officers keep
// registering children, restored with scripts/restore.sh into a fresh place and served again,
// holds every child acknowledged before the backup began with its audit trail, and its funds
// ledger reconciles to the figures the live service reports.
TEST_F(EndToEnd, ABackupTakenUnderLoadRestoresEverythingAcknowledgedBeforeIt) {
  std::atomic<bool> stop{false};
  std::mutex mu;
  std::vector<std::string> acknowledged;
  std::thread load([&] {
    auto stub = reg::RegistryService::NewStub(Gateway());
    for (int n = 400000; !stop; ++n) {
      reg::CreateChildRequest req;
      req.set_request_id(NewId("rq"));
      *req.mutable_child() = ChildProto(n);
      reg::Child created;
      if (stub->CreateChild(WithKey(suite->officer_key).get(), req, &created).ok()) {
        std::lock_guard lock(mu);
        acknowledged.push_back(created.id());
      }
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  std::vector<std::string> before;
  {
    std::lock_guard lock(mu);
    before = acknowledged;
  }
  const std::string backup_dir = suite->dir + "/backup", restored = suite->dir + "/restored";
  Process backup(SourcePath("scripts/backup.sh"),
                 {backup_dir, "sqlite://" + suite->dir + "/registry.db", "sqlite://" + suite->dir + "/funds.db"}, {},
                 suite->dir + "/backup.log");
  int backup_rc = backup.WaitExit(120);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // writes go on after it, too
  stop = true;
  load.join();
  ASSERT_EQ(backup_rc, 0) << backup.Log();
  ASSERT_GT(before.size(), 10u) << "the load made too few registrations to mean anything";
  EXPECT_GT(acknowledged.size(), before.size());

  Process restore(SourcePath("scripts/restore.sh"),
                  {backup_dir, "sqlite://" + restored + "/registry.db", "sqlite://" + restored + "/funds.db"}, {},
                  suite->dir + "/restore.log");
  ASSERT_EQ(restore.WaitExit(60), 0) << restore.Log();
  // Refuses to restore over what is there.
  Process again(SourcePath("scripts/restore.sh"), {backup_dir, "sqlite://" + restored + "/registry.db"}, {},
                suite->dir + "/restore-again.log");
  EXPECT_NE(again.WaitExit(60), 0);

  int registry_port = FreePort(), funds_port = FreePort();
  auto serve = [&](const std::string& name, int port) {
    std::map<std::string, std::string> env = {{"CAREHUB_INTERNAL_KEY_FILE", suite->dir + "/internal.key"},
                                              {"CAREHUB_PII_KEY_FILE", suite->dir + "/pii.key"},
                                              {"CAREHUB_LISTEN", "127.0.0.1:" + std::to_string(port)},
                                              {"CAREHUB_DB_URL", "sqlite://" + restored + "/" + name + ".db"},
                                              {"CAREHUB_REGISTRY_ADDR", "127.0.0.1:" + std::to_string(registry_port)}};
    return std::make_unique<Process>(Bin("services/" + name + "/carehub-" + name), std::vector<std::string>{}, env,
                                     restored + "/" + name + ".log");
  };
  auto registry = serve("registry", registry_port);
  auto funds = serve("funds", funds_port);
  ASSERT_TRUE(WaitServing("127.0.0.1:" + std::to_string(registry_port), 20)) << registry->Log();
  ASSERT_TRUE(WaitServing("127.0.0.1:" + std::to_string(funds_port), 20)) << funds->Log();

  std::string key = *crypto::HexDecode(suite->internal_key_hex);
  auto as_auditor = [&] {
    auto ctx = WithKey("");
    AttachPrincipal(*ctx, Principal{"drill", {"officer", "auditor"}, "500116", NewId("rq")}, key);
    return ctx;
  };
  auto restored_registry = reg::RegistryService::NewStub(
      grpc::CreateChannel("127.0.0.1:" + std::to_string(registry_port), grpc::InsecureChannelCredentials()));
  int missing = 0, unaudited = 0;
  for (const auto& id : before) {
    reg::GetChildRequest get;
    get.set_id(id);
    reg::Child child;
    if (!restored_registry->GetChild(as_auditor().get(), get, &child).ok()) ++missing;
    common::v1::ListAuditEventsRequest audit;
    audit.set_record_id(id);
    audit.set_action("child.create");
    common::v1::ListAuditEventsResponse events;
    if (!restored_registry->ListAuditEvents(as_auditor().get(), audit, &events).ok() || events.events_size() != 1) {
      ++unaudited;
    }
  }
  EXPECT_EQ(missing, 0) << "of " << before.size() << " acknowledged before the backup";
  EXPECT_EQ(unaudited, 0);

  auto reconcile = [&](int port) {
    auto stub = funds::v1::FundsService::NewStub(
        grpc::CreateChannel("127.0.0.1:" + std::to_string(port), grpc::InsecureChannelCredentials()));
    funds::v1::ReconcileReport report;
    auto ctx = WithKey("");
    AttachPrincipal(*ctx, Principal{"drill", {"auditor"}, "", NewId("rq")}, key);
    EXPECT_TRUE(stub->Reconcile(ctx.get(), funds::v1::ReconcileRequest{}, &report).ok());
    return report;
  };
  auto live = reconcile(suite->funds_port), back = reconcile(funds_port);
  EXPECT_EQ(back.differences_size(), 0);
  EXPECT_EQ(back.entries(), live.entries());
  EXPECT_EQ(back.total_allocated_fen(), live.total_allocated_fen());
  EXPECT_EQ(back.total_in_programs_fen(), live.total_in_programs_fen());
  EXPECT_EQ(registry->Stop(), 0);
  EXPECT_EQ(funds->Stop(), 0);
}

}  // namespace
}  // namespace carehub::testing
