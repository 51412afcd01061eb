#pragma once
// The skeleton every backend service stands on: main() fills a BackendSpec (name, port, its
// migrations, the peers it calls) and RunBackend does the rest: flags with environment
// fallbacks, the database (when the service owns tables) with the shared and the service's
// migrations applied, clients for its peers, the gRPC server, metrics and graceful shutdown.
#include <grpcpp/grpcpp.h>
#include <CLI/CLI.hpp>

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "common/db/database.h"
#include "common/db/migrations.h"
#include "common/rpc.h"
#include "common/service_client.h"

namespace carehub {

using MigrationList = const std::vector<db::Migration>& (*)(db::Backend);

// Another backend this one calls: `name` gives the flag --<name>-addr (CAREHUB_<NAME>_ADDR).
struct Peer {
  std::string name;             // "registry"
  std::string default_address;  // "127.0.0.1:7101"
};

// Everything a backend service's code needs from the process.
struct BackendRuntime {
  db::Database* db = nullptr;  // nullptr when the service owns no tables
  RpcEnv env;
  int64_t schema_version = 0;
  std::map<std::string, std::shared_ptr<grpc::Channel>> peers{};
  // How often the service measures its domain figures for /metrics (Metrics::SetFigure); 0: never.
  std::chrono::seconds figures_every{300};

  // The database; std::logic_error for a service that declared none.
  db::Database& Db() const;
  // A client calling `peer` on a caller's behalf; std::logic_error for an undeclared peer.
  ServiceClient ClientFor(const std::string& peer) const;
};

struct BackendSpec {
  std::string name;                    // carehub-registry
  std::string default_listen;          // 127.0.0.1:7101
  std::string default_db_url;          // sqlite://data/registry.db
  MigrationList migrations = nullptr;  // nullptr: the service owns no tables and opens no database
  std::vector<Peer> peers{};
  // Which of this service's methods each other backend may call on a caller's behalf.
  std::map<std::string, std::set<std::string>> relayed_methods{};
  // Adds the service's own flags; runs before parsing.
  std::function<void(CLI::App&)> add_flags{};
  // Builds the gRPC service once the database is open and migrated; may throw to refuse start.
  std::function<std::unique_ptr<grpc::Service>(BackendRuntime&)> make_service{};
};

// The shared tables (idempotency_keys, audit_events: common/migrations, versioned in
// `shared_schema_migrations`), then the service's own (`schema_migrations`). Returns the
// service's schema version.
int64_t MigrateServiceSchema(db::Database& db, MigrationList own);

// main() of a backend. Returns the process exit code; configuration and connection problems
// print one line and return 1.
int RunBackend(int argc, char** argv, const BackendSpec& spec);

}  // namespace carehub
