#pragma once
// grpc.health.v1 served by a synchronous service. gRPC's default health service is a callback
// service: registering it gives every server a callback completion queue whose polling threads
// wake for each call's traffic and hand it to the sync workers. That tripled the context switches
// of a unary call and added about 20 µs of CPU to each (docs/PERFORMANCE.md), so every CareHub
// server serves health with this instead. It is also the server's HealthCheckServiceInterface:
// GetHealthCheckService() returns it, with the default service's semantics.
#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>

#include <condition_variable>
#include <map>
#include <mutex>
#include <string>

#include "grpc/health/v1/health.grpc.pb.h"

namespace carehub {

class SyncHealthService final : public grpc::health::v1::Health::Service, public grpc::HealthCheckServiceInterface {
 public:
  // The server as a whole ("") starts NOT_SERVING until SetServingStatus(true).
  SyncHealthService();

  grpc::Status Check(grpc::ServerContext* ctx, const grpc::health::v1::HealthCheckRequest* req,
                     grpc::health::v1::HealthCheckResponse* resp) override;
  // Sends the status now and after every change, until the caller cancels or the server stops.
  grpc::Status Watch(grpc::ServerContext* ctx, const grpc::health::v1::HealthCheckRequest* req,
                     grpc::ServerWriter<grpc::health::v1::HealthCheckResponse>* writer) override;

  void SetServingStatus(const std::string& service_name, bool serving) override;
  void SetServingStatus(bool serving) override;  // every service named so far, and ""
  // Everything NOT_SERVING from now on; later changes are ignored (the server is draining).
  void Shutdown() override;

 private:
  using Status = grpc::health::v1::HealthCheckResponse::ServingStatus;
  Status StatusOf(const std::string& service) const;  // SERVICE_UNKNOWN when never named

  mutable std::mutex mu_;
  std::condition_variable changed_;
  std::map<std::string, bool> serving_;
  bool shut_down_ = false;
  uint64_t version_ = 0;  // bumped on every change, so a watcher knows to send again
};

}  // namespace carehub
