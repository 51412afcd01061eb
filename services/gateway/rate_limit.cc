#include "services/gateway/rate_limit.h"

#include <algorithm>
#include <cmath>

namespace carehub::gateway {

void RateLimiter::Refill(Bucket& b, double rate, double burst, Clock::time_point now) {
  double elapsed = std::chrono::duration<double>(now - b.updated).count();
  if (elapsed > 0) {
    b.tokens = std::min(burst, b.tokens + elapsed * rate);
    b.updated = now;
  }
}

std::chrono::milliseconds RateLimiter::WaitFor(const Bucket& b, double rate) {
  double missing = 1.0 - b.tokens;
  return std::chrono::milliseconds(static_cast<int64_t>(std::ceil(missing / rate * 1000.0)));
}

void RateLimiter::PruneIdle(Clock::time_point now) {
  // A bucket idle long enough to be full again carries no state worth keeping.
  double refill_seconds = options_.per_principal_burst / options_.per_principal_rps;
  auto idle = std::chrono::duration<double>(refill_seconds);
  std::erase_if(buckets_, [&](const auto& kv) { return now - kv.second.updated > idle; });
}

std::optional<std::chrono::milliseconds> RateLimiter::Admit(const std::string& subject, Clock::time_point now) {
  std::lock_guard lock(mu_);
  Bucket* mine = nullptr;
  if (options_.per_principal_rps > 0) {
    if (buckets_.size() > 100000) PruneIdle(now);
    auto [it, fresh] = buckets_.try_emplace(subject, Bucket{options_.per_principal_burst, now});
    mine = &it->second;
    Refill(*mine, options_.per_principal_rps, options_.per_principal_burst, now);
    if (mine->tokens < 1.0) return WaitFor(*mine, options_.per_principal_rps);
  }
  if (options_.global_rps > 0) {
    if (!global_) global_ = Bucket{options_.global_burst, now};
    Refill(*global_, options_.global_rps, options_.global_burst, now);
    if (global_->tokens < 1.0) return WaitFor(*global_, options_.global_rps);
    global_->tokens -= 1.0;
  }
  if (mine) mine->tokens -= 1.0;
  return std::nullopt;
}

}  // namespace carehub::gateway
