#include <iostream>
#include <sstream>

#include "common/log.h"
#include "common/server.h"
#include "services/gateway/proxy.h"

int main(int argc, char** argv) {
  using namespace carehub;
  BlockShutdownSignals();
  CLI::App app{"carehub-gateway: the one door to every CareHub service"};
  ServerOptions server_opts;
  server_opts.listen = "127.0.0.1:7000";
  InternalKeyOptions key_opts;
  std::string keys_file;
  std::vector<std::string> routes{"carehub.registry=127.0.0.1:7101", "carehub.funds=127.0.0.1:7102",
                                  "carehub.volunteers=127.0.0.1:7103"};
  int default_deadline_ms = 30000;
  AddServerFlags(app, server_opts);
  AddInternalKeyFlags(app, key_opts);
  app.add_option("--api-keys-file", keys_file, "JSON file of hashed API keys (see carehubctl keygen)")
      ->envname("CAREHUB_API_KEYS_FILE")
      ->required();
  app.add_option("--route", routes, "service prefix=backend address, repeatable (env: comma-separated)")
      ->envname("CAREHUB_ROUTES")
      ->delimiter(',')
      ->capture_default_str();
  app.add_option("--default-deadline-ms", default_deadline_ms, "deadline for calls that set none")
      ->envname("CAREHUB_DEFAULT_DEADLINE_MS")
      ->check(CLI::Range(100, 600000))
      ->capture_default_str();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  log::Init("carehub-gateway", server_opts.log_level);
  try {
    std::vector<gateway::Route> parsed;
    for (const auto& r : routes) parsed.push_back(gateway::ParseRoute(r));
    auto keys = gateway::ApiKeyStore::Load(keys_file);
    Metrics metrics("carehub-gateway");
    if (!server_opts.metrics_listen.empty()) metrics.Serve(server_opts.metrics_listen);
    gateway::ProxyOptions proxy_opts;
    proxy_opts.default_deadline = std::chrono::milliseconds(default_deadline_ms);
    size_t key_count = keys.size();
    gateway::Proxy proxy(std::move(keys), gateway::Router(parsed), LoadInternalKey(key_opts), &metrics, proxy_opts);
    auto built = BuildServer(server_opts.listen, {}, &proxy);
    nlohmann::json route_list = nlohmann::json::object();
    for (const auto& r : parsed) route_list[r.prefix] = r.address;
    log::Info("listening", {{"address", server_opts.listen},
                            {"port", built.port},
                            {"routes", route_list},
                            {"api_keys", key_count},
                            {"metrics", server_opts.metrics_listen}});
    ServeUntilSignal(*built.server, "carehub-gateway", server_opts.grace_seconds);
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "carehub-gateway: " << e.what() << std::endl;
    return 1;
  }
}
