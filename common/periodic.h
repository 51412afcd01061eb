#pragma once
// Work a service does on its own, again and again (following a feed, filling batches): one
// thread runs `work` every `interval`, sooner when woken, until the object is destroyed. What
// `work` throws is logged and the next round runs as planned.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace carehub {

class PeriodicTask {
 public:
  PeriodicTask(std::string name, std::chrono::milliseconds interval, std::function<void()> work);
  ~PeriodicTask();  // waits for a round in progress to end
  PeriodicTask(const PeriodicTask&) = delete;
  PeriodicTask& operator=(const PeriodicTask&) = delete;

  void Wake();  // run a round now rather than at the end of the interval

 private:
  std::string name_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool woken_ = false;
  std::thread thread_;
};

}  // namespace carehub
