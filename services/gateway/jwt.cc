#include "services/gateway/jwt.h"

#include <nlohmann/json.hpp>

#include <stdexcept>

#include "common/crypto.h"
#include "common/text.h"
#include "services/gateway/api_keys.h"

namespace carehub::gateway {

JwtVerifier::JwtVerifier(JwtOptions options) : options_(std::move(options)) {
  if (options_.key.size() < 32) throw std::invalid_argument("JWT key must be at least 32 bytes");
}

std::string SignJwt(std::string_view json_claims, std::string_view key, std::string_view alg) {
  nlohmann::json header = {{"alg", alg}, {"typ", "JWT"}};
  std::string signing_input = crypto::Base64UrlEncode(header.dump()) + "." + crypto::Base64UrlEncode(json_claims);
  return signing_input + "." + crypto::Base64UrlEncode(crypto::HmacSha256(key, signing_input));
}

namespace {

// The claims of a well-formed HS256 token signed with `key`, or nullopt with the reason.
std::optional<nlohmann::json> SignedClaims(std::string_view token, std::string_view key, const char** why) {
  auto fail = [&](const char* reason) -> std::optional<nlohmann::json> {
    *why = reason;
    return std::nullopt;
  };
  if (token.size() > 8192) return fail("token too long");
  auto dot1 = token.find('.');
  auto dot2 = dot1 == std::string_view::npos ? dot1 : token.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || token.find('.', dot2 + 1) != std::string_view::npos) {
    return fail("malformed token");
  }
  auto header_raw = crypto::Base64UrlDecode(token.substr(0, dot1));
  auto claims_raw = crypto::Base64UrlDecode(token.substr(dot1 + 1, dot2 - dot1 - 1));
  auto sig = crypto::Base64UrlDecode(token.substr(dot2 + 1));
  if (!header_raw || !claims_raw || !sig) return fail("malformed token");
  auto header = nlohmann::json::parse(*header_raw, nullptr, false);
  if (!header.is_object() || !header.contains("alg") || header["alg"] != "HS256") {
    return fail("unsupported token algorithm (only HS256)");
  }
  if (!crypto::ConstantTimeEquals(crypto::HmacSha256(key, token.substr(0, dot2)), *sig))
    return fail("bad token signature");
  auto claims = nlohmann::json::parse(*claims_raw, nullptr, false);
  if (!claims.is_object()) return fail("malformed token claims");
  return claims;
}

// Why the claims are not for now, this issuer and this audience; nullptr when they are.
const char* WrongTimeOrPlace(const nlohmann::json& claims, const JwtOptions& o,
                             std::chrono::system_clock::time_point now) {
  auto secs = static_cast<double>(std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count());
  auto skew = static_cast<double>(o.max_skew.count());
  if (!claims.contains("exp") || !claims["exp"].is_number()) return "token has no exp";
  if (claims["exp"].get<double>() + skew <= secs) return "token expired";
  if (claims.contains("nbf")) {
    if (!claims["nbf"].is_number()) return "malformed nbf";
    if (claims["nbf"].get<double>() - skew > secs) return "token not yet valid";
  }
  if (!o.issuer.empty() && (!claims.contains("iss") || claims["iss"] != o.issuer)) return "token from another issuer";
  if (o.audience.empty()) return nullptr;
  bool ok = false;
  if (claims.contains("aud")) {
    const auto& aud = claims["aud"];
    if (aud.is_string()) ok = aud == o.audience;
    if (aud.is_array()) {
      for (const auto& a : aud) ok |= a.is_string() && a == o.audience;
    }
  }
  return ok ? nullptr : "token for another audience";
}

// The principal the claims name (subject, known roles, reach), or nullopt with the reason.
std::optional<Principal> PrincipalOf(const nlohmann::json& claims, const char** why) {
  auto fail = [&](const char* reason) -> std::optional<Principal> {
    *why = reason;
    return std::nullopt;
  };
  if (!claims.contains("sub") || !claims["sub"].is_string() || claims["sub"].get<std::string>().empty() ||
      claims["sub"].get<std::string>().size() > 200) {
    return fail("token has no subject");
  }
  Principal p;
  p.subject = claims["sub"].get<std::string>();
  if (!text::IsValidUtf8(p.subject)) return fail("token has no subject");
  if (!claims.contains("roles") || !claims["roles"].is_array() || claims["roles"].empty()) {
    return fail("token has no roles");
  }
  for (const auto& r : claims["roles"]) {
    if (!r.is_string() || !IsKnownRole(r.get<std::string>())) return fail("token names an unknown role");
    p.roles.push_back(r.get<std::string>());
  }
  // Required, even when empty: a token that forgot its reach must not reach everything.
  if (!claims.contains("division_prefix") || !claims["division_prefix"].is_string()) {
    return fail("token has no division_prefix");
  }
  p.division_prefix = claims["division_prefix"].get<std::string>();
  if (p.division_prefix.size() > 12 || (!p.division_prefix.empty() && !text::IsDigits(p.division_prefix))) {
    return fail("malformed division_prefix");
  }
  return p;
}

}  // namespace

std::optional<Principal> JwtVerifier::Verify(std::string_view token, std::chrono::system_clock::time_point now,
                                             std::string* why) const {
  const char* reason = nullptr;
  std::optional<Principal> p;
  if (auto claims = SignedClaims(token, options_.key, &reason)) {
    reason = WrongTimeOrPlace(*claims, options_, now);
    if (!reason) p = PrincipalOf(*claims, &reason);
  }
  if (!p) *why = reason;
  return p;
}

}  // namespace carehub::gateway
