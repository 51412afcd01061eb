#include "services/gateway/health_watch.h"

#include "common/log.h"
#include "grpc/health/v1/health.grpc.pb.h"

namespace carehub::gateway {

BackendHealthWatcher::BackendHealthWatcher(const Router& router, grpc::HealthCheckServiceInterface* health,
                                           std::chrono::milliseconds interval)
    : router_(router), health_(health), interval_(interval) {
  CheckAll();  // an answer before the first interval passes
  thread_ = std::thread([this] { Run(); });
}

BackendHealthWatcher::~BackendHealthWatcher() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void BackendHealthWatcher::Run() {
  std::unique_lock lock(mu_);
  while (!cv_.wait_for(lock, interval_, [&] { return stop_; })) {
    lock.unlock();
    CheckAll();
    lock.lock();
  }
}

void BackendHealthWatcher::CheckAll() {
  for (const auto& [prefix, channel] : router_.channels()) {
    auto stub = grpc::health::v1::Health::NewStub(channel);
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(1000));
    grpc::health::v1::HealthCheckRequest req;
    grpc::health::v1::HealthCheckResponse resp;
    bool serving =
        stub->Check(&ctx, req, &resp).ok() && resp.status() == grpc::health::v1::HealthCheckResponse::SERVING;
    health_->SetServingStatus(prefix, serving);
    auto it = last_.find(prefix);
    if (it == last_.end() || it->second != serving) {
      (serving ? log::Info : log::Warn)("backend health changed", {{"route", prefix}, {"serving", serving}});
      last_[prefix] = serving;
    }
  }
}

}  // namespace carehub::gateway
