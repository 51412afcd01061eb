#include "common/principal.h"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "common/crypto.h"

namespace carehub {

bool Principal::HasRole(std::string_view role) const {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

bool Principal::HasAnyRole(std::initializer_list<std::string_view> wanted) const {
  return std::any_of(wanted.begin(), wanted.end(), [&](std::string_view r) { return HasRole(r); });
}

SignedPrincipal SignPrincipal(const Principal& p, std::string_view key, std::chrono::system_clock::time_point now) {
  nlohmann::json j = {
      {"sub", p.subject},
      {"roles", p.roles},
      {"reach", p.division_prefix},
      {"rid", p.trace_id},
      {"via", p.on_behalf_of},
      {"iat", std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count()},
  };
  SignedPrincipal s;
  s.payload = crypto::Base64UrlEncode(j.dump());
  s.signature = crypto::HexEncode(crypto::HmacSha256(key, s.payload));
  return s;
}

std::optional<Principal> VerifyPrincipal(std::string_view payload, std::string_view signature, std::string_view key,
                                         std::chrono::system_clock::time_point now, std::chrono::seconds max_age) {
  std::string expected = crypto::HexEncode(crypto::HmacSha256(key, payload));
  if (!crypto::ConstantTimeEquals(expected, signature)) return std::nullopt;
  auto json_text = crypto::Base64UrlDecode(payload);
  if (!json_text) return std::nullopt;
  nlohmann::json j = nlohmann::json::parse(*json_text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || !j.contains("sub") || !j["sub"].is_string() || !j.contains("roles") || !j["roles"].is_array() ||
      !j.contains("reach") || !j["reach"].is_string() || !j.contains("iat") || !j["iat"].is_number_integer() ||
      !j.contains("rid") || !j["rid"].is_string()) {
    return std::nullopt;
  }
  auto iat = std::chrono::system_clock::time_point(std::chrono::seconds(j["iat"].get<int64_t>()));
  if (iat > now + max_age || now - iat > max_age) return std::nullopt;
  Principal p;
  p.subject = j["sub"].get<std::string>();
  for (const auto& r : j["roles"]) {
    if (!r.is_string()) return std::nullopt;
    p.roles.push_back(r.get<std::string>());
  }
  p.division_prefix = j["reach"].get<std::string>();
  p.trace_id = j["rid"].get<std::string>();
  if (j.contains("via")) {
    if (!j["via"].is_string()) return std::nullopt;
    p.on_behalf_of = j["via"].get<std::string>();
  }
  if (p.subject.empty()) return std::nullopt;
  return p;
}

}  // namespace carehub
