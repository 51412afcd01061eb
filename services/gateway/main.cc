#include <iostream>

#include "common/log.h"
#include "common/server.h"
#include "services/gateway/health_watch.h"
#include "services/gateway/json_gateway.h"
#include "services/gateway/proxy.h"

int main(int argc, char** argv) {
  using namespace carehub;
  BlockShutdownSignals();
  CLI::App app{"carehub-gateway: the one door to every CareHub service"};
  ServerOptions server_opts;
  server_opts.listen = "127.0.0.1:7000";
  InternalKeyOptions key_opts;
  gateway::PolicyFiles files;
  gateway::ProxyOptions proxy_opts;
  std::vector<std::string> routes{"carehub.registry=127.0.0.1:7101", "carehub.funds=127.0.0.1:7102",
                                  "carehub.volunteers=127.0.0.1:7103"};
  int default_deadline_ms = 30000, max_deadline_ms = 300000;
  int max_message_bytes = kDefaultMaxMessageBytes;
  std::string backend_ca_file;
  std::string http_listen;
  AddServerFlags(app, server_opts);
  AddInternalKeyFlags(app, key_opts);
  app.add_option("--api-keys-file", files.api_keys_file, "JSON file of hashed API keys (see carehubctl keygen)")
      ->envname("CAREHUB_API_KEYS_FILE")
      ->required();
  app.add_option("--jwt-key-file", files.jwt_key_file, "HS256 key for bearer tokens (64 hex characters); empty: off")
      ->envname("CAREHUB_JWT_KEY_FILE");
  app.add_option("--jwt-issuer", files.jwt_issuer, "required iss of bearer tokens")->envname("CAREHUB_JWT_ISSUER");
  app.add_option("--jwt-audience", files.jwt_audience, "required aud of bearer tokens")->envname("CAREHUB_JWT_AUDIENCE");
  app.add_option("--jwt-max-skew", files.jwt_max_skew_seconds, "seconds of clock skew allowed on exp/nbf")
      ->envname("CAREHUB_JWT_MAX_SKEW")
      ->check(CLI::Range(0, 600))
      ->capture_default_str();
  app.add_option("--roles-file", files.roles_file, "role table (JSON); empty: the documented defaults")
      ->envname("CAREHUB_ROLES_FILE");
  app.add_option("--route", routes, "service prefix=backend address, repeatable (env: comma-separated)")
      ->envname("CAREHUB_ROUTES")
      ->delimiter(',')
      ->capture_default_str();
  app.add_option("--backend-ca-file", backend_ca_file,
                 "PEM CA certificates to verify backends with: the gateway then calls them over TLS")
      ->envname("CAREHUB_BACKEND_CA_FILE");
  app.add_option("--http-listen", http_listen, "host:port for HTTP/JSON (POST /v1/<package.Service>/<Method>); empty: off")
      ->envname("CAREHUB_HTTP_LISTEN");
  app.add_option("--default-deadline-ms", default_deadline_ms, "deadline for calls that set none")
      ->envname("CAREHUB_DEFAULT_DEADLINE_MS")
      ->check(CLI::Range(100, 3600000))
      ->capture_default_str();
  app.add_option("--max-deadline-ms", max_deadline_ms, "longer caller deadlines are cut to this")
      ->envname("CAREHUB_MAX_DEADLINE_MS")
      ->check(CLI::Range(100, 3600000))
      ->capture_default_str();
  app.add_option("--max-message-bytes", max_message_bytes, "largest message accepted or forwarded")
      ->envname("CAREHUB_MAX_MESSAGE_BYTES")
      ->check(CLI::Range(1024, 256 * 1024 * 1024))
      ->capture_default_str();
  auto& rl = proxy_opts.rate_limits;
  app.add_option("--rate-per-principal", rl.per_principal_rps, "calls per second per subject; 0: unlimited")
      ->envname("CAREHUB_RATE_PER_PRINCIPAL")
      ->check(CLI::Range(0.0, 1e7))
      ->capture_default_str();
  app.add_option("--burst-per-principal", rl.per_principal_burst, "burst per subject")
      ->envname("CAREHUB_BURST_PER_PRINCIPAL")
      ->check(CLI::Range(1.0, 1e7))
      ->capture_default_str();
  app.add_option("--rate-global", rl.global_rps, "calls per second for the whole gateway; 0: unlimited")
      ->envname("CAREHUB_RATE_GLOBAL")
      ->check(CLI::Range(0.0, 1e8))
      ->capture_default_str();
  app.add_option("--burst-global", rl.global_burst, "burst for the whole gateway")
      ->envname("CAREHUB_BURST_GLOBAL")
      ->check(CLI::Range(1.0, 1e8))
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
    auto policy = gateway::LoadPolicy(files);
    Metrics metrics("carehub-gateway");
    if (!server_opts.metrics_listen.empty()) metrics.Serve(server_opts.metrics_listen);
    proxy_opts.default_deadline = std::chrono::milliseconds(default_deadline_ms);
    proxy_opts.max_deadline = std::chrono::milliseconds(max_deadline_ms);
    size_t key_count = policy->keys.size();
    bool jwt = policy->jwt.has_value();
    gateway::Proxy proxy(std::move(policy), gateway::Router(parsed, max_message_bytes, ChannelCredentialsFor(backend_ca_file)), LoadInternalKey(key_opts),
                         &metrics, proxy_opts);
    auto built = BuildServer(server_opts.listen, {}, &proxy, max_message_bytes, ServerCredentialsFor(server_opts));
    gateway::BackendHealthWatcher watcher(proxy.router(), built.server->GetHealthCheckService());
    std::unique_ptr<gateway::JsonGateway> json;
    if (!http_listen.empty()) json = std::make_unique<gateway::JsonGateway>(proxy, http_listen, max_message_bytes);
    nlohmann::json route_list = nlohmann::json::object();
    for (const auto& r : parsed) route_list[r.prefix] = r.address;
    log::Info("listening", {{"address", server_opts.listen},
                            {"port", built.port},
                            {"routes", route_list},
                            {"api_keys", key_count},
                            {"jwt", jwt},
                            {"tls", !server_opts.tls_cert_file.empty()},
                            {"backend_tls", !backend_ca_file.empty()},
                            {"http_json", http_listen},
                            {"metrics", server_opts.metrics_listen}});
    ServeUntilSignal(*built.server, "carehub-gateway", server_opts.grace_seconds, [&] {
      // Keys, token key and role table are re-read; calls in flight are not disturbed.
      try {
        auto fresh = gateway::LoadPolicy(files);
        size_t n = fresh->keys.size();
        proxy.SetPolicy(std::move(fresh));
        log::Info("policy reloaded", {{"api_keys", n}});
      } catch (const std::exception& e) {
        log::Error("policy reload failed; keeping the previous one", {{"error", e.what()}});
      }
    });
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "carehub-gateway: " << e.what() << std::endl;
    return 1;
  }
}
