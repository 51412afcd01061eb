#include "common/backend.h"

#include <cctype>
#include <iostream>

#include "common/log.h"
#include "common/metrics.h"
#include "common/paging.h"
#include "common/server.h"

namespace carehub {

const std::vector<db::Migration>& SharedMigrations(db::Backend backend);  // generated from common/migrations

db::Database& BackendRuntime::Db() const {
  if (!db) throw std::logic_error(env.service + " declared no database");
  return *db;
}

ServiceClient BackendRuntime::ClientFor(const std::string& peer) const {
  auto it = peers.find(peer);
  if (it == peers.end()) throw std::logic_error(env.service + " declared no peer " + peer);
  return ServiceClient(env.service, it->second, env.internal_key);
}

int64_t MigrateServiceSchema(db::Database& db, MigrationList own) {
  db::ApplyMigrations(db, SharedMigrations(db.backend()), "shared_schema_migrations");
  return db::ApplyMigrations(db, own(db.backend()));
}

namespace {

struct BackendFlags {
  ServerOptions server;
  InternalKeyOptions key;
  std::string db_url;
  int pool_size = 8;
  int figures_every_s = 300;
  std::string backend_ca_file;
  std::map<std::string, std::string> peer_addresses;
};

void AddBackendFlags(CLI::App& app, const BackendSpec& spec, BackendFlags& f) {
  f.server.listen = spec.default_listen;
  AddServerFlags(app, f.server);
  AddInternalKeyFlags(app, f.key);
  if (spec.migrations) {
    f.db_url = spec.default_db_url;
    app.add_option("--db-url", f.db_url, "sqlite:///path/file.db or mysql://user:pass@host:port/db")
        ->envname("CAREHUB_DB_URL")
        ->capture_default_str();
    app.add_option("--db-pool-size", f.pool_size, "maximum database connections")
        ->envname("CAREHUB_DB_POOL_SIZE")
        ->check(CLI::Range(1, 256))
        ->capture_default_str();
    app.add_option("--figures-interval-s", f.figures_every_s,
                   "how often domain figures for /metrics are measured, e.g. a reconciliation (0: never)")
        ->envname("CAREHUB_FIGURES_INTERVAL_S")
        ->check(CLI::Range(0, 86'400))
        ->capture_default_str();
  }
  if (spec.peers.empty()) return;
  app.add_option("--backend-ca-file", f.backend_ca_file, "CA certificates to verify peers' TLS; empty: plaintext")
      ->envname("CAREHUB_BACKEND_CA_FILE");
  for (const auto& peer : spec.peers) {
    std::string env = "CAREHUB_" + peer.name + "_ADDR";
    for (auto& c : env) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    f.peer_addresses[peer.name] = peer.default_address;
    app.add_option("--" + peer.name + "-addr", f.peer_addresses[peer.name], "address of carehub-" + peer.name)
        ->envname(env)
        ->capture_default_str();
  }
}

int Serve(const BackendSpec& spec, const BackendFlags& f) {
  BackendRuntime runtime;
  runtime.env = RpcEnv{spec.name, LoadInternalKey(f.key), nullptr, spec.relayed_methods};
  SetPageTokenKey(runtime.env.internal_key);  // every replica signs and checks page tokens alike
  Metrics metrics(spec.name);
  runtime.env.metrics = &metrics;
  runtime.figures_every = std::chrono::seconds(f.figures_every_s);
  std::unique_ptr<db::Database> db;
  if (spec.migrations) {
    db::PoolOptions pool;
    pool.max_connections = f.pool_size;
    db = db::Open(f.db_url, pool);
    runtime.schema_version = MigrateServiceSchema(*db, spec.migrations);
    runtime.db = db.get();
    metrics.WatchPool(db.get());
  }
  auto credentials = ChannelCredentialsFor(f.backend_ca_file);
  // A peer that starts after this service (or restarts) is reached again within a second: gRPC's
  // default reconnect back-off grows to two minutes, and calls fail fast meanwhile.
  grpc::ChannelArguments peer_args;
  peer_args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 100);
  peer_args.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, 100);
  peer_args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 1000);
  for (const auto& [name, address] : f.peer_addresses) {
    runtime.peers[name] = grpc::CreateCustomChannel(address, credentials, peer_args);
  }
  if (!f.server.metrics_listen.empty()) metrics.Serve(f.server.metrics_listen);
  auto service = spec.make_service(runtime);
  auto built =
      BuildServer(f.server.listen, {service.get()}, kDefaultMaxMessageBytes, ServerCredentialsFor(f.server));
  log::Info("listening", {{"address", f.server.listen},
                          {"port", built.port},
                          {"tls", !f.server.tls_cert_file.empty()},
                          {"database", db ? db::RedactUrl(f.db_url) : "none"},
                          {"schema_version", runtime.schema_version},
                          {"peers", f.peer_addresses},
                          {"metrics", f.server.metrics_listen}});
  ServeUntilSignal(*built.server, spec.name, f.server.grace_seconds);
  built.server.reset();
  service.reset();
  db.reset();  // the pool closes only after the last call has finished
  return 0;
}

}  // namespace

int RunBackend(int argc, char** argv, const BackendSpec& spec) {
  BlockShutdownSignals();
  CLI::App app{spec.name};
  BackendFlags flags;
  AddBackendFlags(app, spec, flags);
  if (spec.add_flags) spec.add_flags(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  log::Init(spec.name, flags.server.log_level);
  try {
    return Serve(spec, flags);
  } catch (const std::exception& e) {
    std::cerr << spec.name << ": " << e.what() << std::endl;
    log::Error("start-up failed", {{"error", e.what()}});
    return 1;
  }
}

}  // namespace carehub
