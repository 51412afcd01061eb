#pragma once
// Keyset paging shared by every List call: page-size rules and opaque page tokens that remember
// the last key seen and which filters they belong to (reusing one with other filters is an error).
#include <cstdint>
#include <string>
#include <string_view>

namespace carehub {

inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 500;

// 0 → 50, above 500 → 500, negative → DomainError INVALID_ARGUMENT on "page_size".
int ResolvePageSize(int32_t requested);

// `filters` is any stable text describing the request's filters (and the caller's reach).
std::string EncodePageToken(std::string_view filters, std::string_view last_key);
// The last key from a token, or "" for an empty token. A malformed token, or one made for
// other filters, is DomainError INVALID_ARGUMENT on "page_token".
std::string DecodePageToken(std::string_view token, std::string_view filters);

}  // namespace carehub
