#include "common/paging.h"

#include <nlohmann/json.hpp>

#include "common/crypto.h"
#include "common/errors.h"

namespace carehub {
namespace {
std::string Fingerprint(std::string_view filters) { return crypto::HexEncode(crypto::Sha256(filters)).substr(0, 16); }
}  // namespace

int ResolvePageSize(int32_t requested) {
  if (requested < 0) throw DomainError(ErrorCode::kInvalidArgument, "page_size", "must not be negative");
  if (requested == 0) return kDefaultPageSize;
  return requested > kMaxPageSize ? kMaxPageSize : requested;
}

std::string FilterKey(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (auto p : parts) {
    out += p;
    out += '|';
  }
  return out;
}

std::string EncodePageToken(std::string_view filters, std::string_view last_key) {
  nlohmann::json j = {{"f", Fingerprint(filters)}, {"k", last_key}};
  return crypto::Base64UrlEncode(j.dump());
}

std::string DecodePageToken(std::string_view token, std::string_view filters) {
  if (token.empty()) return "";
  auto bad = [] { return DomainError(ErrorCode::kInvalidArgument, "page_token", "is not a valid page token"); };
  if (token.size() > 1024) throw bad();
  auto raw = crypto::Base64UrlDecode(token);
  if (!raw) throw bad();
  auto j = nlohmann::json::parse(*raw, nullptr, false);
  if (!j.is_object() || !j.contains("f") || !j["f"].is_string() || !j.contains("k") || !j["k"].is_string() ||
      j["k"].get<std::string>().empty()) {
    throw bad();
  }
  if (j["f"].get<std::string>() != Fingerprint(filters)) {
    throw DomainError(ErrorCode::kInvalidArgument, "page_token", "was issued for different filters");
  }
  return j["k"].get<std::string>();
}

}  // namespace carehub
