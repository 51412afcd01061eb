#pragma once
// The real registry, two replicas of one backend on one database (MariaDB in the MySQL tier, one
// SQLite file otherwise; the registry on a SQLite file unless told) and the real gateway in
// front, with an API key per role: what the end-to-end concurrency tests (funds, volunteers) run
// their parallel clients against.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/crypto.h"
#include "services/gateway/api_keys.h"
#include "tests/support/process.h"

namespace carehub::testing {

class ReplicatedSuite {
 public:
  struct Options {
    std::string service;  // "funds": services/funds/carehub-funds, routed as carehub.funds
    std::string db_url;
    std::vector<std::string> roles;  // one API key each, subject "<role>-jj", reach 500116; "a+b": both
    std::string registry_db_url{};  // empty: a SQLite file of its own
    std::map<std::string, std::string> replica_env{};  // more settings for the service's replicas
  };

  // Starts everything; fails the test (and leaves started() false) when a process does not serve.
  void Start(const Options& o) {
    dir_ = MakeTempDir("e2e-" + o.service);
    Write(dir_ + "/internal.key", crypto::HexEncode(crypto::RandomBytes(32)) + "\n");
    Write(dir_ + "/pii.key", crypto::HexEncode(crypto::RandomBytes(32)) + "\n");
    std::string keys;
    for (const auto& role : o.roles) {
      // "finance+pii": one key holding both roles.
      std::string name = role, roles;
      std::replace(name.begin(), name.end(), '+', '-');
      for (size_t at = 0; at <= role.size();) {
        size_t plus = std::min(role.find('+', at), role.size());
        roles += std::string(roles.empty() ? "" : ",") + "\"" + role.substr(at, plus - at) + "\"";
        at = plus + 1;
      }
      auto k = gateway::GenerateApiKey();
      keys_[role] = k.key;
      keys += std::string(keys.empty() ? "" : ",") + R"({"name":")" + name + R"(","sha256":")" + k.sha256 +
              R"(","subject":")" + name + R"(-jj","roles":[)" + roles + R"(],"division_prefix":"500116"})";
    }
    Write(dir_ + "/api_keys.json", R"({"api_keys":[)" + keys + "]}");
    std::map<std::string, std::string> env = {{"CAREHUB_INTERNAL_KEY_FILE", dir_ + "/internal.key"},
                                              {"CAREHUB_GRACE_PERIOD", "2"}};
    int registry_port = FreePort();
    auto registry_env = env;
    registry_env["CAREHUB_LISTEN"] = "127.0.0.1:" + std::to_string(registry_port);
    registry_env["CAREHUB_DB_URL"] = o.registry_db_url.empty() ? "sqlite://" + dir_ + "/registry.db" : o.registry_db_url;
    registry_env["CAREHUB_PII_KEY_FILE"] = dir_ + "/pii.key";
    if (!Run("registry", Bin("services/registry/carehub-registry"), registry_env, registry_port)) return;
    std::string replicas;
    for (int i = 0; i < 2; ++i) {
      int port = FreePort();
      auto e = env;
      e["CAREHUB_LISTEN"] = "127.0.0.1:" + std::to_string(port);
      e["CAREHUB_DB_URL"] = o.db_url;
      e["CAREHUB_REGISTRY_ADDR"] = "127.0.0.1:" + std::to_string(registry_port);
      e["CAREHUB_PII_KEY_FILE"] = dir_ + "/pii.key";
      metrics_ports_.push_back(FreePort());
      e["CAREHUB_METRICS_LISTEN"] = "127.0.0.1:" + std::to_string(metrics_ports_.back());
      for (const auto& [k, v] : o.replica_env) e[k] = v;
      std::string bin = Bin("services/" + o.service + "/carehub-" + o.service);
      replicas_.push_back({o.service + std::to_string(i), bin, e, port, processes_.size()});
      if (!Run(o.service + std::to_string(i), bin, e, port)) return;
      replicas += (i ? "|" : "") + ("127.0.0.1:" + std::to_string(port));
    }
    gateway_port_ = FreePort();
    auto gw = env;
    gw["CAREHUB_LISTEN"] = "127.0.0.1:" + std::to_string(gateway_port_);
    gw["CAREHUB_API_KEYS_FILE"] = dir_ + "/api_keys.json";
    gw["CAREHUB_ROUTES"] =
        "carehub.registry=127.0.0.1:" + std::to_string(registry_port) + ",carehub." + o.service + "=" + replicas;
    gw["CAREHUB_RATE_PER_PRINCIPAL"] = "0";  // these tests are a rush on purpose
    started_ = Run("gateway", Bin("services/gateway/carehub-gateway"), gw, gateway_port_);
  }

  ~ReplicatedSuite() {
    for (auto it = processes_.rbegin(); it != processes_.rend(); ++it) {
      if ((*it)->running()) {
        EXPECT_EQ((*it)->Stop(), 0) << (*it)->Log();
      }
    }
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  bool started() const { return started_; }
  // Replica i's /metrics port.
  int MetricsPort(size_t i) const { return metrics_ports_.at(i); }
  // What a process wrote: "registry", "<service>0", "<service>1", "gateway".
  std::string LogOf(const std::string& name) const {
    std::ifstream in(dir_ + "/" + name + ".log");
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

  // Kills every replica of the service at once (SIGKILL: a crash, no grace), runs `while_down`,
  // and starts them again on their ports; false when one does not serve again.
  bool CrashAndRestartReplicas(const std::function<void()>& while_down = {}) {
    for (const auto& r : replicas_) {
      processes_[r.process]->Signal(SIGKILL);
      processes_[r.process]->WaitExit(10);
    }
    if (while_down) while_down();
    for (const auto& r : replicas_) {
      processes_[r.process] =
          std::make_unique<Process>(r.bin, std::vector<std::string>{}, r.env, dir_ + "/" + r.name + "-again.log");
      bool serving = WaitServing("127.0.0.1:" + std::to_string(r.port), 20);
      EXPECT_TRUE(serving) << processes_[r.process]->Log();
      if (!serving) return false;
    }
    return true;
  }
  // A channel to the gateway on a connection of its own, as a separate client would have.
  std::shared_ptr<grpc::Channel> Channel() const {
    grpc::ChannelArguments args;
    args.SetInt("carehub.client", rand());
    return grpc::CreateCustomChannel("127.0.0.1:" + std::to_string(gateway_port_), grpc::InsecureChannelCredentials(),
                                     args);
  }
  // A call made with `role`'s API key and a 30 s deadline.
  std::unique_ptr<grpc::ClientContext> As(const std::string& role) const {
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->AddMetadata("x-api-key", keys_.at(role));
    ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    return ctx;
  }

 private:
  static std::string Bin(const std::string& rel) { return std::string(CAREHUB_BIN_DIR) + "/" + rel; }
  static void Write(const std::string& path, const std::string& text) { std::ofstream(path) << text; }
  bool Run(const std::string& name, const std::string& bin, const std::map<std::string, std::string>& env, int port) {
    processes_.push_back(std::make_unique<Process>(bin, std::vector<std::string>{}, env, dir_ + "/" + name + ".log"));
    bool serving = WaitServing("127.0.0.1:" + std::to_string(port), 20);
    EXPECT_TRUE(serving) << processes_.back()->Log();
    return serving;
  }

  struct Replica {
    std::string name, bin;
    std::map<std::string, std::string> env;
    int port = 0;
    size_t process = 0;  // in processes_
  };
  std::string dir_;
  std::vector<Replica> replicas_;
  std::map<std::string, std::string> keys_;
  int gateway_port_ = 0;
  std::vector<int> metrics_ports_;
  bool started_ = false;
  std::vector<std::unique_ptr<Process>> processes_;
};

}  // namespace carehub::testing
