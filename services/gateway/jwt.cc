#include "services/gateway/jwt.h"

#include <nlohmann/json.hpp>

#include <stdexcept>

#include "common/crypto.h"
#include "common/text.h"
#include "services/gateway/api_keys.h"

namespace carehub::gateway {

JwtVerifier::JwtVerifier(JwtOptions options)
    : options_(std::move(options)), verified_(std::make_unique<VerifiedTokens>()) {
  if (!options_.key.empty() && options_.key.size() < 32)
    throw std::invalid_argument("JWT key must be at least 32 bytes");
  if (options_.key.empty() && !options_.jwks) throw std::invalid_argument("JWT needs an HS256 key or a JWKS");
}

std::string SignJwt(std::string_view json_claims, std::string_view key, std::string_view alg) {
  nlohmann::json header = {{"alg", alg}, {"typ", "JWT"}};
  std::string signing_input = crypto::Base64UrlEncode(header.dump()) + "." + crypto::Base64UrlEncode(json_claims);
  return signing_input + "." + crypto::Base64UrlEncode(crypto::HmacSha256(key, signing_input));
}

namespace {

// The claims of a well-formed token signed as its header says with a key the options hold, or
// nullopt with the reason; `*hmac` says whether the key was our HS256 key.
std::optional<nlohmann::json> SignedClaims(std::string_view token, const JwtOptions& o, bool* hmac, const char** why) {
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
  std::string alg = header.is_object() && header.contains("alg") && header["alg"].is_string()
                        ? header["alg"].get<std::string>()
                        : std::string();
  *hmac = alg == "HS256";
  if (alg == "HS256" && !o.key.empty()) {
    if (!crypto::ConstantTimeEquals(crypto::HmacSha256(o.key, token.substr(0, dot2)), *sig)) {
      return fail("bad token signature");
    }
  } else if ((alg == "RS256" || alg == "ES256") && o.jwks) {
    if (!header.contains("kid") || !header["kid"].is_string()) return fail("token names no key (kid)");
    if (!o.jwks->VerifySignature(token, alg == "RS256" ? KeyAlg::kRs256 : KeyAlg::kEs256,
                                 header["kid"].get<std::string>(), why)) {
      return std::nullopt;
    }
  } else {
    return fail(o.jwks ? (o.key.empty() ? "unsupported token algorithm (RS256 or ES256)"
                                        : "unsupported token algorithm (HS256, RS256 or ES256)")
                       : "unsupported token algorithm (only HS256)");
  }
  auto claims = nlohmann::json::parse(*claims_raw, nullptr, false);
  if (!claims.is_object()) return fail("malformed token claims");
  return claims;
}

// The claim a dotted name leads to, or nullptr.
const nlohmann::json* Claim(const nlohmann::json& claims, const std::string& name) {
  const nlohmann::json* at = &claims;
  size_t begin = 0;
  while (true) {
    auto dot = name.find('.', begin);
    auto part = name.substr(begin, dot == std::string::npos ? std::string::npos : dot - begin);
    if (!at->is_object() || !at->contains(part)) return nullptr;
    at = &(*at)[part];
    if (dot == std::string::npos) return at;
    begin = dot + 1;
  }
}

// Why a token valid in `w` cannot be used at `now`; nullptr when it can.
const char* OutsideWindow(const ValidWindow& w, std::chrono::seconds max_skew,
                          std::chrono::system_clock::time_point now) {
  auto secs = static_cast<double>(std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count());
  auto skew = static_cast<double>(max_skew.count());
  if (w.exp + skew <= secs) return "token expired";
  if (w.nbf && *w.nbf - skew > secs) return "token not yet valid";
  return nullptr;
}

// Why the claims are not for now, this issuer and this audience; nullptr when they are. `*window`
// is set from exp and nbf when the claims have them.
const char* WrongTimeOrPlace(const nlohmann::json& claims, const JwtOptions& o,
                             std::chrono::system_clock::time_point now, ValidWindow* window) {
  if (!claims.contains("exp") || !claims["exp"].is_number()) return "token has no exp";
  window->exp = claims["exp"].get<double>();
  if (claims.contains("nbf")) {
    if (!claims["nbf"].is_number()) return "malformed nbf";
    window->nbf = claims["nbf"].get<double>();
  }
  if (const char* outside = OutsideWindow(*window, o.max_skew, now)) return outside;
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
// `strict_roles`: a role CareHub does not know refuses the token rather than being skipped.
std::optional<Principal> PrincipalOf(const nlohmann::json& claims, const ClaimNames& names, bool strict_roles,
                                     const char** why) {
  auto fail = [&](const char* reason) -> std::optional<Principal> {
    *why = reason;
    return std::nullopt;
  };
  const auto* sub = Claim(claims, names.subject);
  if (!sub || !sub->is_string() || sub->get<std::string>().empty() || sub->get<std::string>().size() > 200) {
    return fail("token has no subject");
  }
  Principal p;
  p.subject = sub->get<std::string>();
  if (!text::IsValidUtf8(p.subject)) return fail("token has no subject");
  const auto* roles = Claim(claims, names.roles);
  if (!roles || !roles->is_array() || roles->empty()) return fail("token has no roles");
  for (const auto& r : *roles) {
    bool known = r.is_string() && IsKnownRole(r.get<std::string>());
    if (known) {
      p.roles.push_back(r.get<std::string>());
    } else if (strict_roles) {
      return fail("token names an unknown role");
    }
  }
  if (p.roles.empty()) return fail("token has no CareHub role");
  // Required, even when empty: a token that forgot its reach must not reach everything.
  const auto* reach = Claim(claims, names.reach);
  if (!reach || !reach->is_string()) return fail("token has no division_prefix");
  p.division_prefix = reach->get<std::string>();
  if (p.division_prefix.size() > 12 || (!p.division_prefix.empty() && !text::IsDigits(p.division_prefix))) {
    return fail("malformed division_prefix");
  }
  return p;
}

}  // namespace

std::optional<Principal> JwtVerifier::Verify(std::string_view token, std::chrono::system_clock::time_point now,
                                             std::string* why) const {
  if (auto hit = verified_->Find(token)) {
    if (const char* outside = OutsideWindow(hit->window, options_.max_skew, now)) {
      *why = outside;
      return std::nullopt;
    }
    return hit->principal;
  }
  const char* reason = nullptr;
  std::optional<Principal> p;
  bool hmac = false;
  ValidWindow window;
  if (auto claims = SignedClaims(token, options_, &hmac, &reason)) {
    reason = WrongTimeOrPlace(*claims, options_, now, &window);
    // Only tokens signed with our own HS256 key are held to CareHub's role names alone.
    if (!reason) p = PrincipalOf(*claims, options_.claims, hmac, &reason);
  }
  if (!p) {
    *why = reason;
    return p;
  }
  verified_->Add(token, {*p, window}, now);
  return p;
}

std::optional<VerifiedTokens::Entry> VerifiedTokens::Find(std::string_view token) const {
  std::lock_guard lock(mu_);
  auto it = entries_.find(std::string(token));
  if (it == entries_.end()) return std::nullopt;
  return it->second;
}

void VerifiedTokens::Add(std::string_view token, Entry entry, std::chrono::system_clock::time_point now) {
  std::lock_guard lock(mu_);
  if (entries_.size() >= kMaxEntries) {
    // Expired ones first; a set still full of live tokens starts again (they verify once more).
    std::erase_if(entries_,
                  [&](const auto& e) { return OutsideWindow(e.second.window, std::chrono::seconds(0), now); });
    if (entries_.size() >= kMaxEntries) entries_.clear();
  }
  entries_.insert_or_assign(std::string(token), std::move(entry));
}

}  // namespace carehub::gateway
