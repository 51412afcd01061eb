#pragma once
// Process bootstrap shared by every service: flags with environment fallbacks, a gRPC server
// with health and reflection, Prometheus metrics, and graceful shutdown on SIGTERM/SIGINT
// (health turns NOT_SERVING, calls in flight get a grace period, then the pool closes).
#include <grpcpp/grpcpp.h>
#include <grpcpp/impl/service_type.h>
#include <CLI/CLI.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/files.h"
#include "common/metrics.h"
#include "common/rpc.h"

namespace carehub {

struct ServerOptions {
  std::string listen;
  std::string tls_cert_file;  // with tls_key_file: serve TLS on `listen`
  std::string tls_key_file;
  std::string metrics_listen;  // empty: no metrics endpoint
  int grace_seconds = 10;
  std::string log_level = "info";
};

// --listen/CAREHUB_LISTEN, --metrics-listen/CAREHUB_METRICS_LISTEN,
// --grace-period/CAREHUB_GRACE_PERIOD, --log-level/CAREHUB_LOG_LEVEL,
// --tls-cert-file/CAREHUB_TLS_CERT_FILE, --tls-key-file/CAREHUB_TLS_KEY_FILE.
void AddServerFlags(CLI::App& app, ServerOptions& options);

// TLS credentials from the options' certificate and key, or plaintext when neither is set. With
// `client_ca_file`, a client certificate is asked for and, when one is presented, verified
// against those CAs (callers without one still connect: they authenticate otherwise). Throws
// std::runtime_error when only one is set or a file cannot be read.
std::shared_ptr<grpc::ServerCredentials> ServerCredentialsFor(const ServerOptions& options,
                                                              const std::string& client_ca_file = "");
// Channel credentials: TLS trusting the CA certificates in `ca_file`, or plaintext when empty.
std::shared_ptr<grpc::ChannelCredentials> ChannelCredentialsFor(const std::string& ca_file);

// The shared HMAC key for principal metadata: --internal-key-file/CAREHUB_INTERNAL_KEY_FILE,
// or the hex key itself in CAREHUB_INTERNAL_KEY (for container secrets).
struct InternalKeyOptions {
  std::string file;
};
void AddInternalKeyFlags(CLI::App& app, InternalKeyOptions& options);
std::string LoadInternalKey(const InternalKeyOptions& options);  // throws std::runtime_error

// Blocks SIGTERM, SIGINT and SIGHUP in the calling thread; call first in main() so every
// thread started later inherits the mask and only the waits below receive them.
void BlockShutdownSignals();

struct BuiltServer {
  std::unique_ptr<grpc::Server> server;
  int port = 0;
};
inline constexpr int kDefaultMaxMessageBytes = 16 * 1024 * 1024;

// Request headers of one call: up to kMaxCallMetadataBytes are accepted (the gateway refuses a
// call with more, alone); gRPC itself drops the connection past kMaxConnectionMetadataBytes.
inline constexpr int kMaxCallMetadataBytes = 64 * 1024;
inline constexpr int kMaxConnectionMetadataBytes = 256 * 1024;

// The limits every CareHub server applies: message sizes both ways and the metadata bound.
void ApplyServerLimits(grpc::ServerBuilder& builder, int max_message_bytes);

// The cores this process may run on: its CPU affinity, lowered to a cgroup's CPU quota (v2
// cpu.max or v1 cfs quota/period under `cgroup_root`, rounded up), at least 1. A container
// limited to 2 CPUs on a 64-core node sees 64 in std::thread::hardware_concurrency().
int UsableCores(const std::string& cgroup_root = "/sys/fs/cgroup");

// A backend's server: `services` with the health service and reflection on.
BuiltServer BuildServer(const std::string& listen, const std::vector<grpc::Service*>& services,
                        int max_message_bytes = kDefaultMaxMessageBytes,
                        std::shared_ptr<grpc::ServerCredentials> credentials = nullptr);

// What ServeUntilSignal stops: `health` turns NOT_SERVING (and stays so), then `shutdown` is
// given the deadline by which calls in flight must end.
struct Draining {
  grpc::HealthCheckServiceInterface* health;
  std::function<void(std::chrono::system_clock::time_point)> shutdown;
};

// Waits for SIGTERM or SIGINT, then turns health NOT_SERVING and shuts down within the grace.
// Each SIGHUP in the meantime runs `on_reload` (when given) and the wait goes on.
void ServeUntilSignal(const Draining& server, const std::string& name, int grace_seconds,
                      const std::function<void()>& on_reload = nullptr);
// The same for a gRPC server with its own health service.
void ServeUntilSignal(grpc::Server& server, const std::string& name, int grace_seconds,
                      const std::function<void()>& on_reload = nullptr);

}  // namespace carehub
