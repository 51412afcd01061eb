#include "services/gateway/serve.h"

#include <iostream>

#include "common/log.h"
#include "common/server.h"
#include "services/gateway/gateway_server.h"
#include "services/gateway/health_watch.h"
#include "services/gateway/json_gateway.h"
#include "services/gateway/listing.h"
#include "services/gateway/proxy.h"

namespace carehub::gateway {
namespace {

struct GatewayFlags {
  ServerOptions server;
  InternalKeyOptions key;
  PolicyFiles files;
  ProxyOptions proxy;
  std::vector<std::string> routes{"carehub.registry=127.0.0.1:7101", "carehub.funds=127.0.0.1:7102",
                                  "carehub.volunteers=127.0.0.1:7103", "carehub.reports=127.0.0.1:7104"};
  int default_deadline_ms = 30000, max_deadline_ms = 300000;
  int max_message_bytes = kDefaultMaxMessageBytes;
  std::string backend_ca_file;
  std::string client_ca_file;
  std::string http_listen;
  int threads = 0;
};

// Who may call: API keys, bearer tokens, the role table (all reloaded on SIGHUP).
void AddPolicyFlags(CLI::App& app, PolicyFiles& files) {
  app.add_option("--api-keys-file", files.api_keys_file, "JSON file of hashed API keys (see carehubctl keygen)")
      ->envname("CAREHUB_API_KEYS_FILE")
      ->required();
  app.add_option("--jwt-key-file", files.jwt_key_file, "HS256 key for bearer tokens (64 hex characters); empty: off")
      ->envname("CAREHUB_JWT_KEY_FILE");
  app.add_option("--jwt-issuer", files.jwt_issuer, "required iss of bearer tokens")->envname("CAREHUB_JWT_ISSUER");
  app.add_option("--jwt-audience", files.jwt_audience, "required aud of bearer tokens")
      ->envname("CAREHUB_JWT_AUDIENCE");
  app.add_option("--jwt-max-skew", files.jwt_max_skew_seconds, "seconds of clock skew allowed on exp/nbf")
      ->envname("CAREHUB_JWT_MAX_SKEW")
      ->check(CLI::Range(0, 600))
      ->capture_default_str();
  app.add_option("--jwks-file", files.jwks_file,
                 "an identity provider's JWKS (RS256/ES256 keys by kid), re-read on SIGHUP; empty: off")
      ->envname("CAREHUB_JWKS_FILE");
  app.add_option("--jwt-subject-claim", files.jwt_claims.subject, "claim naming the caller")
      ->envname("CAREHUB_JWT_SUBJECT_CLAIM")
      ->capture_default_str();
  app.add_option("--jwt-roles-claim", files.jwt_claims.roles,
                 "claim holding the roles, dotted into objects (Keycloak: realm_access.roles)")
      ->envname("CAREHUB_JWT_ROLES_CLAIM")
      ->capture_default_str();
  app.add_option("--jwt-reach-claim", files.jwt_claims.reach, "claim holding the division prefix reached")
      ->envname("CAREHUB_JWT_REACH_CLAIM")
      ->capture_default_str();
  app.add_option("--roles-file", files.roles_file, "role table (JSON); empty: the documented defaults")
      ->envname("CAREHUB_ROLES_FILE");
}

// Where calls go and how they may be shaped: routes, TLS to backends, the HTTP front.
void AddRoutingFlags(CLI::App& app, GatewayFlags& f) {
  app.add_option("--route", f.routes, "service prefix=backend address, repeatable (env: comma-separated)")
      ->envname("CAREHUB_ROUTES")
      ->delimiter(',')
      ->capture_default_str();
  app.add_option("--backend-ca-file", f.backend_ca_file,
                 "PEM CA certificates to verify backends with: the gateway then calls them over TLS")
      ->envname("CAREHUB_BACKEND_CA_FILE");
  app.add_option("--client-ca-file", f.client_ca_file,
                 "PEM CA certificates for mutual TLS: a client certificate they sign authenticates as the "
                 "keys file's entry for its subject")
      ->envname("CAREHUB_CLIENT_CA_FILE");
  app.add_option("--http-listen", f.http_listen,
                 "host:port for HTTP/JSON (POST /v1/<package.Service>/<Method>); empty: off")
      ->envname("CAREHUB_HTTP_LISTEN");
  app.add_option("--default-deadline-ms", f.default_deadline_ms, "deadline for calls that set none")
      ->envname("CAREHUB_DEFAULT_DEADLINE_MS")
      ->check(CLI::Range(100, 3600000))
      ->capture_default_str();
  app.add_option("--max-deadline-ms", f.max_deadline_ms, "longer caller deadlines are cut to this")
      ->envname("CAREHUB_MAX_DEADLINE_MS")
      ->check(CLI::Range(100, 3600000))
      ->capture_default_str();
  app.add_option("--max-message-bytes", f.max_message_bytes, "largest message accepted or forwarded")
      ->envname("CAREHUB_MAX_MESSAGE_BYTES")
      ->check(CLI::Range(1024, 256 * 1024 * 1024))
      ->capture_default_str();
  app.add_option("--threads", f.threads,
                 "threads polling the gateway's gRPC completion queue; 0: one per usable core (affinity, cgroup)")
      ->envname("CAREHUB_GATEWAY_THREADS")
      ->check(CLI::Range(0, 64))
      ->capture_default_str();
}

void AddRateFlags(CLI::App& app, RateLimitOptions& rl) {
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
}

// Keys, token key and role table are re-read; calls in flight are not disturbed.
void ReloadPolicy(Proxy& proxy, const PolicyFiles& files) {
  try {
    auto fresh = LoadPolicy(files);
    size_t n = fresh->keys.size();
    proxy.SetPolicy(std::move(fresh));
    log::Info("policy reloaded", {{"api_keys", n}});
  } catch (const std::exception& e) {
    log::Error("policy reload failed; keeping the previous one", {{"error", e.what()}});
  }
}

int Serve(GatewayFlags& f) {
  std::vector<Route> routes;
  nlohmann::json route_list = nlohmann::json::object();
  for (const auto& r : f.routes) {
    routes.push_back(ParseRoute(r));
    route_list[routes.back().prefix] = routes.back().address;
  }
  auto policy = LoadPolicy(f.files);
  nlohmann::json admits = {{"api_keys", policy->keys.size()}, {"jwt", policy->jwt.has_value()}};
  Metrics metrics("carehub-gateway");
  if (!f.server.metrics_listen.empty()) metrics.Serve(f.server.metrics_listen);
  f.proxy.default_deadline = std::chrono::milliseconds(f.default_deadline_ms);
  f.proxy.max_deadline = std::chrono::milliseconds(f.max_deadline_ms);
  Proxy proxy(std::move(policy), Router(routes, f.max_message_bytes, ChannelCredentialsFor(f.backend_ca_file)),
              LoadInternalKey(f.key), &metrics, f.proxy);
  HealthBoard health;
  GatewayServer server(proxy, health, RoutedServices(proxy.router()),
                       {f.server.listen, f.max_message_bytes, ServerCredentialsFor(f.server, f.client_ca_file),
                        f.threads});
  BackendHealthWatcher watcher(proxy.router(), &health);
  std::unique_ptr<JsonGateway> json;
  if (!f.http_listen.empty()) {
    // The HTTP front serves TLS with the gRPC port's certificate whenever that port does.
    json = std::make_unique<JsonGateway>(
        proxy, JsonGateway::Options{f.http_listen, f.max_message_bytes, f.server.tls_cert_file, f.server.tls_key_file});
  }
  log::Info("listening", {{"address", f.server.listen},
                          {"port", server.port()},
                          {"routes", route_list},
                          {"api_keys", admits["api_keys"]},
                          {"jwt", admits["jwt"]},
                          {"tls", !f.server.tls_cert_file.empty()},
                          {"backend_tls", !f.backend_ca_file.empty()},
                          {"client_certificates", !f.client_ca_file.empty()},
                          {"http_json", f.http_listen},
                          {"metrics", f.server.metrics_listen}});
  ServeUntilSignal(Draining{&health, [&](auto deadline) { server.Shutdown(deadline); }}, "carehub-gateway",
                   f.server.grace_seconds, [&] { ReloadPolicy(proxy, f.files); });
  return 0;
}

}  // namespace
}  // namespace carehub::gateway

namespace carehub::gateway {

int RunGateway(int argc, char** argv) {
  BlockShutdownSignals();
  CLI::App app{"carehub-gateway: the one door to every CareHub service"};
  GatewayFlags flags;
  flags.server.listen = "127.0.0.1:7000";
  AddServerFlags(app, flags.server);
  AddInternalKeyFlags(app, flags.key);
  AddPolicyFlags(app, flags.files);
  AddRoutingFlags(app, flags);
  AddRateFlags(app, flags.proxy.rate_limits);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  log::Init("carehub-gateway", flags.server.log_level);
  try {
    return Serve(flags);
  } catch (const std::exception& e) {
    std::cerr << "carehub-gateway: " << e.what() << std::endl;
    return 1;
  }
}

}  // namespace carehub::gateway
