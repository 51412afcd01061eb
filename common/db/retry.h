#pragma once
#include <chrono>
#include <random>
#include <thread>

#include "common/db/database.h"

namespace carehub::db {

// Runs `attempt` until it succeeds or fails with something other than DbError kRetryable,
// at most `max_attempts` times, with a short randomised back-off so two deadlocked
// transactions do not collide again in lock step.
template <class F>
void WithRetry(int max_attempts, F&& attempt) {
  for (int i = 1;; ++i) {
    try {
      attempt();
      return;
    } catch (const DbError& e) {
      if (e.kind() != DbError::Kind::kRetryable || i >= max_attempts) throw;
      thread_local std::minstd_rand rng(std::random_device{}());
      int base = 2 << (i < 6 ? i : 6);  // 4, 8, 16 … 128 ms
      std::this_thread::sleep_for(std::chrono::milliseconds(base / 2 + static_cast<int>(rng() % base)));
    }
  }
}

}  // namespace carehub::db
