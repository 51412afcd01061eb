#pragma once
// Keyset paging shared by every List call: page-size rules and opaque page tokens that remember
// the last key seen and which filters they belong to (reusing one with other filters is an error).
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace carehub {

inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 500;

// 0 → 50, above 500 → 500, negative → DomainError INVALID_ARGUMENT on "page_size".
int ResolvePageSize(int32_t requested);

// Page tokens are the server's word: signed (HMAC-SHA256) with this process's page-token key, so
// a token edited, extended or made up is refused. Replicas of a service must share the key
// (RunBackend derives it from the deployment's internal key); until one is set, a random key of
// this process is used.
void SetPageTokenKey(std::string_view key);

// `filters` is any stable text describing the request's filters (and the caller).
std::string EncodePageToken(std::string_view filters, std::string_view last_key);
// The last key from a token, or "" for an empty token. A malformed, forged or altered token, or
// one made for other filters or another caller, is DomainError INVALID_ARGUMENT on "page_token".
std::string DecodePageToken(std::string_view token, std::string_view filters);

// The text a token's fingerprint is made of: the list's name, the caller's reach and every
// filter, in a fixed order (anything that changes which rows match belongs here).
std::string FilterKey(std::initializer_list<std::string_view> parts);

// A page fetched with one row more than `page_size` (so the last page needs no extra query):
// trims the extra row and returns the next page's token, "" when there is none. `key_of(row)`
// is the keyset position the next page resumes after.
template <typename Row, typename KeyOf>
std::string NextPageToken(std::vector<Row>& rows, int page_size, std::string_view filters, KeyOf key_of) {
  if (static_cast<int>(rows.size()) <= page_size) return "";
  rows.pop_back();
  return EncodePageToken(filters, key_of(rows.back()));
}

}  // namespace carehub
