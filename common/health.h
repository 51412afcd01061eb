#pragma once
// grpc.health.v1 for CareHub's servers. gRPC's default health service is a callback service:
// registering it gives every server a callback completion queue whose polling threads wake for
// each call's traffic and hand it to the sync workers. That tripled the context switches of a
// unary call and added about 20 µs of CPU to each (docs/PERFORMANCE.md), so backends serve
// health with SyncHealthService, and the gateway (which has no sync service at all) answers it
// on its completion queues from the same HealthBoard.
#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <string>

#include "grpc/health/v1/health.grpc.pb.h"

namespace carehub {

// The statuses a server reports, with the default health service's semantics: the server as a
// whole ("") starts NOT_SERVING until SetServingStatus(true); a name never set is
// SERVICE_UNKNOWN; after Shutdown() everything is NOT_SERVING and changes are ignored.
class HealthBoard : public grpc::HealthCheckServiceInterface {
 public:
  using Status = grpc::health::v1::HealthCheckResponse::ServingStatus;
  struct Reading {
    Status status;
    uint64_t version;  // bumped on every change, so a watcher knows to send again
  };

  HealthBoard();

  Reading Read(const std::string& service) const;
  // Returns once the version has passed `seen`, or after `timeout`.
  void WaitForChange(uint64_t seen, std::chrono::milliseconds timeout) const;
  // `on_change` runs on the changing thread after every change, until Unsubscribe(id) returns.
  int Subscribe(std::function<void()> on_change);
  void Unsubscribe(int id);

  void SetServingStatus(const std::string& service_name, bool serving) override;
  void SetServingStatus(bool serving) override;  // every service named so far, and ""
  void Shutdown() override;

 private:
  Status StatusOf(const std::string& service) const;  // under mu_
  void Changed();

  mutable std::mutex mu_;
  mutable std::condition_variable changed_;
  std::map<std::string, bool> serving_;
  bool shut_down_ = false;
  uint64_t version_ = 0;
  // Held while subscribers run, so none runs after its Unsubscribe has returned.
  std::mutex subscribers_mu_;
  std::map<int, std::function<void()>> subscribers_;
  int next_subscriber_ = 0;
};

// grpc.health.v1 served by a synchronous service; it is also the server's
// HealthCheckServiceInterface (GetHealthCheckService() returns it).
class SyncHealthService final : public grpc::health::v1::Health::Service, public HealthBoard {
 public:
  grpc::Status Check(grpc::ServerContext* ctx, const grpc::health::v1::HealthCheckRequest* req,
                     grpc::health::v1::HealthCheckResponse* resp) override;
  // Sends the status now and after every change, until the caller cancels or the server stops.
  grpc::Status Watch(grpc::ServerContext* ctx, const grpc::health::v1::HealthCheckRequest* req,
                     grpc::ServerWriter<grpc::health::v1::HealthCheckResponse>* writer) override;
};

// Check's answer for `service`: its status, or NOT_FOUND when it was never named.
grpc::Status CheckHealth(const HealthBoard& board, const std::string& service,
                         grpc::health::v1::HealthCheckResponse* resp);

}  // namespace carehub
