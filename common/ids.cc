#include "common/ids.h"

#include <openssl/rand.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <stdexcept>

namespace carehub {
namespace {

constexpr char kCrockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

struct UlidState {
  std::mutex mu;
  uint64_t last_ms = 0;
  std::array<uint8_t, 10> random{};
};

// Increments the 80-bit random part; false on overflow (2^80 ids in one millisecond).
bool Increment(std::array<uint8_t, 10>& r) {
  for (int i = 9; i >= 0; --i) {
    if (++r[i] != 0) return true;
  }
  return false;
}

}  // namespace

std::string NewId(std::string_view prefix) {
  static UlidState state;
  uint64_t now =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
  std::array<uint8_t, 16> bytes{};
  {
    std::lock_guard lock(state.mu);
    if (now <= state.last_ms) {
      now = state.last_ms;
      if (!Increment(state.random)) throw std::runtime_error("id space exhausted for this millisecond");
    } else {
      state.last_ms = now;
      if (RAND_bytes(state.random.data(), static_cast<int>(state.random.size())) != 1) {
        throw std::runtime_error("random generator failed");
      }
    }
    for (int i = 0; i < 6; ++i) bytes[i] = static_cast<uint8_t>(now >> (8 * (5 - i)));
    for (int i = 0; i < 10; ++i) bytes[6 + i] = state.random[i];
  }
  // 128 bits as 26 base32 digits, most significant first (the first digit holds 3 bits).
  std::string out(prefix);
  out.push_back('_');
  unsigned __int128 v = 0;
  for (uint8_t b : bytes) v = (v << 8) | b;
  char digits[26];
  for (int i = 25; i >= 0; --i) {
    digits[i] = kCrockford[static_cast<unsigned>(v & 31)];
    v >>= 5;
  }
  out.append(digits, 26);
  return out;
}

bool IsValidId(std::string_view id, std::string_view prefix) {
  if (id.size() != prefix.size() + 1 + 26) return false;
  if (id.substr(0, prefix.size()) != prefix || id[prefix.size()] != '_') return false;
  for (char c : id.substr(prefix.size() + 1)) {
    bool ok = false;
    for (const char* p = kCrockford; *p; ++p) ok |= (*p == c);
    if (!ok) return false;
  }
  return id[prefix.size() + 1] <= '7';  // 128 bits leave 3 for the first digit
}

}  // namespace carehub
