#include "common/health.h"

#include <chrono>
#include <optional>

namespace carehub {

using grpc::health::v1::HealthCheckResponse;

SyncHealthService::SyncHealthService() { serving_[""] = false; }

SyncHealthService::Status SyncHealthService::StatusOf(const std::string& service) const {
  auto it = serving_.find(service);
  if (it == serving_.end()) return HealthCheckResponse::SERVICE_UNKNOWN;
  return it->second && !shut_down_ ? HealthCheckResponse::SERVING : HealthCheckResponse::NOT_SERVING;
}

grpc::Status SyncHealthService::Check(grpc::ServerContext*, const grpc::health::v1::HealthCheckRequest* req,
                                      HealthCheckResponse* resp) {
  std::lock_guard lock(mu_);
  Status status = StatusOf(req->service());
  if (status == HealthCheckResponse::SERVICE_UNKNOWN) {
    return grpc::Status(grpc::StatusCode::NOT_FOUND, "service: no such service");
  }
  resp->set_status(status);
  return grpc::Status::OK;
}

grpc::Status SyncHealthService::Watch(grpc::ServerContext* ctx, const grpc::health::v1::HealthCheckRequest* req,
                                      grpc::ServerWriter<HealthCheckResponse>* writer) {
  std::unique_lock lock(mu_);
  std::optional<Status> sent;  // nothing yet: the first status always goes
  while (!ctx->IsCancelled()) {
    uint64_t seen = version_;  // taken before the write, so a change during it is not missed
    Status now = StatusOf(req->service());
    if (now != sent) {
      sent = now;
      HealthCheckResponse resp;
      resp.set_status(now);
      lock.unlock();
      bool ok = writer->Write(resp);
      lock.lock();
      if (!ok) break;  // the watcher went away
    }
    // Cancellation has no wake-up of its own here: look again every 200 ms.
    changed_.wait_for(lock, std::chrono::milliseconds(200), [&] { return version_ != seen; });
  }
  return grpc::Status::OK;
}

void SyncHealthService::SetServingStatus(const std::string& service_name, bool serving) {
  {
    std::lock_guard lock(mu_);
    if (shut_down_) return;
    serving_[service_name] = serving;
    ++version_;
  }
  changed_.notify_all();
}

void SyncHealthService::SetServingStatus(bool serving) {
  {
    std::lock_guard lock(mu_);
    if (shut_down_) return;
    for (auto& [name, s] : serving_) s = serving;
    ++version_;
  }
  changed_.notify_all();
}

void SyncHealthService::Shutdown() {
  {
    std::lock_guard lock(mu_);
    shut_down_ = true;
    ++version_;
  }
  changed_.notify_all();
}

}  // namespace carehub
