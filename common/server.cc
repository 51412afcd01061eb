#include "common/server.h"

#include <absl/synchronization/mutex.h>

#include <grpcpp/ext/health_check_service_server_builder_option.h>
#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <signal.h>

#include <sched.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "common/crypto.h"
#include "common/files.h"
#include "common/health.h"
#include "common/log.h"

namespace carehub {

void AddServerFlags(CLI::App& app, ServerOptions& o) {
  app.add_option("--listen", o.listen, "gRPC address to listen on (host:port)")
      ->envname("CAREHUB_LISTEN")
      ->capture_default_str();
  app.add_option("--metrics-listen", o.metrics_listen, "Prometheus metrics address (host:port); empty: off")
      ->envname("CAREHUB_METRICS_LISTEN")
      ->capture_default_str();
  app.add_option("--grace-period", o.grace_seconds, "seconds to finish calls in flight on shutdown")
      ->envname("CAREHUB_GRACE_PERIOD")
      ->check(CLI::Range(0, 600))
      ->capture_default_str();
  app.add_option("--tls-cert-file", o.tls_cert_file, "PEM certificate chain: serve TLS")
      ->envname("CAREHUB_TLS_CERT_FILE");
  app.add_option("--tls-key-file", o.tls_key_file, "PEM private key for --tls-cert-file")
      ->envname("CAREHUB_TLS_KEY_FILE");
  app.add_option("--log-level", o.log_level, "debug, info, warn or error")
      ->envname("CAREHUB_LOG_LEVEL")
      ->check(CLI::IsMember({"debug", "info", "warn", "error"}))
      ->capture_default_str();
}

std::shared_ptr<grpc::ServerCredentials> ServerCredentialsFor(const ServerOptions& o,
                                                              const std::string& client_ca_file) {
  if (o.tls_cert_file.empty() && o.tls_key_file.empty()) {
    if (!client_ca_file.empty()) throw std::runtime_error("client certificates need TLS (--tls-cert-file)");
    return grpc::InsecureServerCredentials();
  }
  if (o.tls_cert_file.empty() || o.tls_key_file.empty()) {
    throw std::runtime_error("TLS needs both --tls-cert-file and --tls-key-file");
  }
  grpc::SslServerCredentialsOptions ssl(client_ca_file.empty() ? GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE
                                                               : GRPC_SSL_REQUEST_CLIENT_CERTIFICATE_AND_VERIFY);
  if (!client_ca_file.empty()) ssl.pem_root_certs = ReadFileOrThrow(client_ca_file, "client CA file");
  ssl.pem_key_cert_pairs.push_back(
      {ReadFileOrThrow(o.tls_key_file, "TLS key"), ReadFileOrThrow(o.tls_cert_file, "TLS certificate")});
  return grpc::SslServerCredentials(ssl);
}

std::shared_ptr<grpc::ChannelCredentials> ChannelCredentialsFor(const std::string& ca_file) {
  if (ca_file.empty()) return grpc::InsecureChannelCredentials();
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = ReadFileOrThrow(ca_file, "CA certificate file");
  return grpc::SslCredentials(ssl);
}

void AddInternalKeyFlags(CLI::App& app, InternalKeyOptions& o) {
  app.add_option("--internal-key-file", o.file,
                 "file holding the deployment's internal HMAC key (64 hex characters); "
                 "or set CAREHUB_INTERNAL_KEY to the key itself")
      ->envname("CAREHUB_INTERNAL_KEY_FILE");
}

std::string LoadInternalKey(const InternalKeyOptions& o) {
  if (!o.file.empty()) return crypto::LoadKeyFile(o.file);
  if (const char* env = std::getenv("CAREHUB_INTERNAL_KEY"); env && *env) {
    return crypto::ParseHexKey(env, "CAREHUB_INTERNAL_KEY");
  }
  throw std::runtime_error(
      "no internal key: set --internal-key-file, CAREHUB_INTERNAL_KEY_FILE or CAREHUB_INTERNAL_KEY");
}

namespace {
sigset_t ShutdownSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGHUP);
  return set;
}
}  // namespace

void BlockShutdownSignals() {
  sigset_t set = ShutdownSignals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

void ApplyServerLimits(grpc::ServerBuilder& builder, int max_message_bytes) {
  // Debian's abseil checks every mutex gRPC takes for lock-order cycles (a debugging aid left on):
  // about 3% of the gateway's CPU under load, spent on nothing a release needs.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  builder.SetMaxReceiveMessageSize(max_message_bytes);
  builder.SetMaxSendMessageSize(max_message_bytes);
  // gRPC's default of 8 KiB of request headers is less than an identity provider's token with
  // many roles. Past this bound gRPC 1.51 closes the whole connection, so it sits well above
  // the per-call limit the gateway enforces itself (kMaxCallMetadataBytes: that call alone fails).
  builder.AddChannelArgument(GRPC_ARG_MAX_METADATA_SIZE, kMaxConnectionMetadataBytes);
}

namespace {
// The first line of a cgroup file, or "" when it is not there (no cgroup of that version).
std::string FirstLine(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}
int CoresOfQuota(double quota, double period) {
  if (quota <= 0 || period <= 0) return 0;
  return static_cast<int>(std::ceil(quota / period));
}
}  // namespace

int UsableCores(const std::string& cgroup_root) {
  int cores = static_cast<int>(std::thread::hardware_concurrency());
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof(set), &set) == 0) cores = CPU_COUNT(&set);
  int quota_cores = 0;
  // v2: "max 100000" (no limit) or "<quota> <period>".
  std::istringstream v2(FirstLine(cgroup_root + "/cpu.max"));
  std::string quota;
  double period = 0;
  if (v2 >> quota >> period && quota != "max") quota_cores = CoresOfQuota(std::atof(quota.c_str()), period);
  if (quota_cores == 0) {  // v1: a quota of -1 is no limit
    quota_cores = CoresOfQuota(std::atof(FirstLine(cgroup_root + "/cpu/cpu.cfs_quota_us").c_str()),
                               std::atof(FirstLine(cgroup_root + "/cpu/cpu.cfs_period_us").c_str()));
  }
  if (quota_cores > 0) cores = std::min(cores, quota_cores);
  return std::max(cores, 1);
}

BuiltServer BuildServer(const std::string& listen, const std::vector<grpc::Service*>& services,
                        int max_message_bytes, std::shared_ptr<grpc::ServerCredentials> credentials) {
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  BuiltServer out;
  auto health = std::make_unique<SyncHealthService>();
  builder.RegisterService(health.get());
  builder.SetOption(std::make_unique<grpc::HealthCheckServiceServerBuilderOption>(std::move(health)));
  builder.AddListeningPort(listen, credentials ? credentials : grpc::InsecureServerCredentials(), &out.port);
  for (auto* s : services) builder.RegisterService(s);
  ApplyServerLimits(builder, max_message_bytes);
  out.server = builder.BuildAndStart();
  if (!out.server || out.port == 0) throw std::runtime_error("cannot listen on " + listen);
  out.server->GetHealthCheckService()->SetServingStatus(true);
  return out;
}

void ServeUntilSignal(const Draining& server, const std::string& name, int grace_seconds,
                      const std::function<void()>& on_reload) {
  sigset_t set = ShutdownSignals();
  int sig = 0;
  while (sigwait(&set, &sig) == 0 && sig == SIGHUP) {
    if (on_reload)
      on_reload();
    else
      log::Info("SIGHUP ignored: nothing to reload");
  }
  log::Info("shutting down", {{"signal", sig == SIGTERM ? "SIGTERM" : "SIGINT"}, {"grace_seconds", grace_seconds}});
  // Load balancers and probes see NOT_SERVING first and stop sending new calls; Shutdown()
  // also freezes the statuses so nothing can turn them back to SERVING while we drain.
  server.health->Shutdown();
  server.shutdown(std::chrono::system_clock::now() + std::chrono::seconds(grace_seconds));
  log::Info("stopped", {{"service", name}});
}

void ServeUntilSignal(grpc::Server& server, const std::string& name, int grace_seconds,
                      const std::function<void()>& on_reload) {
  ServeUntilSignal(Draining{server.GetHealthCheckService(), [&](auto deadline) { server.Shutdown(deadline); }}, name,
                   grace_seconds, on_reload);
}

}  // namespace carehub
