#include "common/health.h"

#include <optional>

namespace carehub {

using grpc::health::v1::HealthCheckResponse;

HealthBoard::HealthBoard() { serving_[""] = false; }

HealthBoard::Status HealthBoard::StatusOf(const std::string& service) const {
  auto it = serving_.find(service);
  if (it == serving_.end()) return HealthCheckResponse::SERVICE_UNKNOWN;
  return it->second && !shut_down_ ? HealthCheckResponse::SERVING : HealthCheckResponse::NOT_SERVING;
}

HealthBoard::Reading HealthBoard::Read(const std::string& service) const {
  std::lock_guard lock(mu_);
  return {StatusOf(service), version_};
}

void HealthBoard::WaitForChange(uint64_t seen, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mu_);
  changed_.wait_for(lock, timeout, [&] { return version_ != seen; });
}

int HealthBoard::Subscribe(std::function<void()> on_change) {
  std::lock_guard lock(subscribers_mu_);
  subscribers_[next_subscriber_] = std::move(on_change);
  return next_subscriber_++;
}

void HealthBoard::Unsubscribe(int id) {
  std::lock_guard lock(subscribers_mu_);
  subscribers_.erase(id);
}

void HealthBoard::Changed() {
  changed_.notify_all();
  std::lock_guard lock(subscribers_mu_);
  for (auto& [id, on_change] : subscribers_) on_change();
}

void HealthBoard::SetServingStatus(const std::string& service_name, bool serving) {
  {
    std::lock_guard lock(mu_);
    if (shut_down_) return;
    serving_[service_name] = serving;
    ++version_;
  }
  Changed();
}

void HealthBoard::SetServingStatus(bool serving) {
  {
    std::lock_guard lock(mu_);
    if (shut_down_) return;
    for (auto& [name, s] : serving_) s = serving;
    ++version_;
  }
  Changed();
}

void HealthBoard::Shutdown() {
  {
    std::lock_guard lock(mu_);
    shut_down_ = true;
    ++version_;
  }
  Changed();
}

grpc::Status CheckHealth(const HealthBoard& board, const std::string& service, HealthCheckResponse* resp) {
  auto reading = board.Read(service);
  if (reading.status == HealthCheckResponse::SERVICE_UNKNOWN) {
    return grpc::Status(grpc::StatusCode::NOT_FOUND, "service: no such service");
  }
  resp->set_status(reading.status);
  return grpc::Status::OK;
}

grpc::Status SyncHealthService::Check(grpc::ServerContext*, const grpc::health::v1::HealthCheckRequest* req,
                                      HealthCheckResponse* resp) {
  return CheckHealth(*this, req->service(), resp);
}

grpc::Status SyncHealthService::Watch(grpc::ServerContext* ctx, const grpc::health::v1::HealthCheckRequest* req,
                                      grpc::ServerWriter<HealthCheckResponse>* writer) {
  std::optional<Status> sent;  // nothing yet: the first status always goes
  while (!ctx->IsCancelled()) {
    auto now = Read(req->service());  // its version is taken before the write: a change during it is not missed
    if (now.status != sent) {
      sent = now.status;
      HealthCheckResponse resp;
      resp.set_status(now.status);
      if (!writer->Write(resp)) break;  // the watcher went away
    }
    // Cancellation has no wake-up of its own here: look again every 200 ms.
    WaitForChange(now.version, std::chrono::milliseconds(200));
  }
  return grpc::Status::OK;
}

}  // namespace carehub
