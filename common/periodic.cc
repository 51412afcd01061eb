#include "common/periodic.h"

#include "common/log.h"
#include "common/trace.h"

namespace carehub {

PeriodicTask::PeriodicTask(std::string name, std::chrono::milliseconds interval, std::function<void()> work)
    : name_(std::move(name)) {
  thread_ = std::thread([this, interval, work = std::move(work)] {
    std::unique_lock lock(mu_);
    while (!stopping_) {
      woken_ = false;
      lock.unlock();
      // Each round a trace of its own: its log lines and the calls it makes share one id.
      const TraceContext round = TraceContext::ContinueOrStart("");
      TraceScope in_round(round);
      try {
        work();
      } catch (const std::exception& e) {
        log::Warn(name_ + ": " + std::string(e.what()));
      }
      lock.lock();
      wake_.wait_for(lock, interval, [this] { return stopping_ || woken_; });
    }
  });
}

PeriodicTask::~PeriodicTask() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void PeriodicTask::Wake() {
  {
    std::lock_guard lock(mu_);
    woken_ = true;
  }
  wake_.notify_all();
}

}  // namespace carehub
