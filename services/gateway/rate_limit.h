#pragma once
// Token buckets: one per principal subject and one for the whole gateway. A call takes a token
// from both; when either is empty the call is refused with the time until a token is back.
#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace carehub::gateway {

struct RateLimitOptions {
  double per_principal_rps = 200;  // sustained calls per second per subject; 0: unlimited
  double per_principal_burst = 400;
  double global_rps = 5000;  // for the whole gateway; 0: unlimited
  double global_burst = 10000;
};

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  explicit RateLimiter(RateLimitOptions options) : options_(options) {}

  // nullopt: admitted. Otherwise: how long until the caller may try again.
  std::optional<std::chrono::milliseconds> Admit(const std::string& subject, Clock::time_point now = Clock::now());

 private:
  struct Bucket {
    double tokens;
    Clock::time_point updated;
  };
  static void Refill(Bucket& b, double rate, double burst, Clock::time_point now);
  static std::chrono::milliseconds WaitFor(const Bucket& b, double rate);
  void PruneIdle(Clock::time_point now);

  RateLimitOptions options_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
  std::optional<Bucket> global_;
};

}  // namespace carehub::gateway
