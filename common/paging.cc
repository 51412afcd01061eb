#include "common/paging.h"

#include <nlohmann/json.hpp>

#include <mutex>

#include "common/crypto.h"
#include "common/errors.h"

namespace carehub {
namespace {

std::string Fingerprint(std::string_view filters) { return crypto::HexEncode(crypto::Sha256(filters)).substr(0, 16); }

std::mutex key_mu;
std::string& TokenKey() {
  static std::string key = crypto::RandomBytes(32);
  return key;
}
std::string Signature(std::string_view payload) {
  std::lock_guard lock(key_mu);
  return crypto::Base64UrlEncode(crypto::HmacSha256(TokenKey(), payload)).substr(0, 22);  // 128 bits
}

}  // namespace

void SetPageTokenKey(std::string_view key) {
  std::lock_guard lock(key_mu);
  TokenKey() = crypto::HmacSha256(key, "carehub page tokens");
}

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
  std::string payload = crypto::Base64UrlEncode(j.dump());
  return payload + "." + Signature(payload);
}

std::string DecodePageToken(std::string_view token, std::string_view filters) {
  if (token.empty()) return "";
  auto bad = [] { return DomainError(ErrorCode::kInvalidArgument, "page_token", "is not a valid page token"); };
  if (token.size() > 1024) throw bad();
  auto dot = token.rfind('.');
  if (dot == std::string_view::npos ||
      !crypto::ConstantTimeEquals(Signature(token.substr(0, dot)), token.substr(dot + 1))) {
    throw bad();  // not one this service issued, or altered since
  }
  auto raw = crypto::Base64UrlDecode(token.substr(0, dot));
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
