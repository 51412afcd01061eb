// carehubctl genkey | keygen | health | info
#include <nlohmann/json.hpp>

#include <iostream>

#include "carehub/common/v1/service_info.pb.h"
#include "common/crypto.h"
#include "common/ids.h"
#include "common/rpc.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "services/gateway/api_keys.h"
#include "tools/carehubctl/commands.h"

namespace carehub::ctl {
namespace {

void AddKeygen(CLI::App& app) {
  struct Opts {
    std::string subject, prefix;
    std::vector<std::string> roles;
  };
  auto o = std::make_shared<Opts>();
  auto* keygen = app.add_subcommand("keygen", "make an API key; prints the key once and its api_keys entry");
  keygen->add_option("--subject", o->subject, "who the key is for")->required();
  keygen->add_option("--roles", o->roles, "roles, comma-separated")->delimiter(',')->required();
  keygen->add_option("--division-prefix", o->prefix, "reach: division-code prefix (empty: all)");
  keygen->callback([o] {
    for (const auto& r : o->roles) {
      if (!gateway::IsKnownRole(r)) throw CLI::ValidationError("--roles", "unknown role " + r);
    }
    auto k = gateway::GenerateApiKey();
    nlohmann::json entry = {{"name", o->subject + "-" + NewId("key").substr(4, 10)},
                            {"sha256", k.sha256},
                            {"subject", o->subject},
                            {"roles", o->roles},
                            {"division_prefix", o->prefix}};
    std::cerr << "API key (shown once; store it safely): " << k.key << "\n";
    std::cout << entry.dump() << "\n";
  });
}

void AddHealth(CLI::App& app, Cli& cli) {
  auto service = std::make_shared<std::string>();
  auto* health = app.add_subcommand("health", "check a server's gRPC health; exit 0 when SERVING");
  health->add_option("--service", *service, "service name; empty: the server as a whole");
  health->callback([&cli, service] {
    auto stub = grpc::health::v1::Health::NewStub(Channel(cli.conn));
    grpc::ClientContext ctx;
    Prepare(ctx, cli.conn);
    grpc::health::v1::HealthCheckRequest req;
    req.set_service(*service);
    grpc::health::v1::HealthCheckResponse resp;
    auto s = stub->Check(&ctx, req, &resp);
    if (!s.ok()) {
      std::cerr << "unhealthy: " << StatusCodeName(s.error_code()) << ": " << s.error_message() << "\n";
      cli.rc = 1;
      return;
    }
    std::cout << grpc::health::v1::HealthCheckResponse::ServingStatus_Name(resp.status()) << "\n";
    cli.rc = resp.status() == grpc::health::v1::HealthCheckResponse::SERVING ? 0 : 1;
  });
}

}  // namespace

void AddAdminCommands(CLI::App& app, Cli& cli) {
  auto* genkey = app.add_subcommand("genkey", "print a new random 32-byte key as 64 hex characters");
  genkey->callback([] { std::cout << crypto::HexEncode(crypto::RandomBytes(32)) << "\n"; });
  AddKeygen(app);
  AddHealth(app, cli);
  auto service = std::make_shared<std::string>("registry");
  auto* info = app.add_subcommand("info", "ask a service who it is and who you are to it");
  info->add_option("--service", *service, "registry, funds or volunteers")
      ->check(CLI::IsMember({"registry", "funds", "volunteers"}))
      ->capture_default_str();
  info->callback([&cli, service] {
    std::string name = std::string(1, static_cast<char>(std::toupper((*service)[0]))) + service->substr(1);
    cli.rc = CallJson(cli.conn, "carehub." + *service + ".v1." + name + "Service.GetServiceInfo", "{}");
  });
}

}  // namespace carehub::ctl
