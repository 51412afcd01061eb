#pragma once
// Application-made identifiers: "<prefix>_" + a 26-character ULID (48-bit millisecond time,
// 80 random bits, Crockford base32). Sorting the strings sorts by creation time, so keyset
// pagination by id lists records in registration order; no AUTO_INCREMENT is needed, so ids
// survive sharding and merging.
#include <string>
#include <string_view>

namespace carehub {

// Monotonic within a process: two ids made in the same millisecond still sort in order.
std::string NewId(std::string_view prefix);

// True when `id` is "<prefix>_" followed by 26 Crockford base32 characters.
bool IsValidId(std::string_view id, std::string_view prefix);

}  // namespace carehub
