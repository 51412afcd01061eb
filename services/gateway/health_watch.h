#pragma once
// The gateway's aggregated health: every couple of seconds it asks each route's backends for
// their health and publishes the answer on its own health service under the route's prefix
// ("carehub.registry"), so `carehubctl health --service carehub.registry` against the gateway
// says whether any replica serves. The gateway's overall status ("") stays SERVING while one
// backend is down: the gateway itself is fine and keeps serving the others.
#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>

#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include "services/gateway/routes.h"

namespace carehub::gateway {

class BackendHealthWatcher {
 public:
  BackendHealthWatcher(const Router& router, grpc::HealthCheckServiceInterface* health,
                       std::chrono::milliseconds interval = std::chrono::milliseconds(2000));
  ~BackendHealthWatcher();

 private:
  void Run();
  void CheckAll();

  const Router& router_;
  grpc::HealthCheckServiceInterface* health_;
  std::chrono::milliseconds interval_;
  std::map<std::string, bool> last_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace carehub::gateway
