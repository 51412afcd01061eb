#pragma once
// JWT bearer tokens (RFC 7519): HS256 with a key configured on the gateway (tokens CareHub or a
// partner system mints), and RS256 / ES256 from an identity provider, verified against its JWKS
// by `kid`. The header's `alg` picks the key kind and must match it: "none", every other value,
// and an HS256 token presented where only provider keys are configured are refused before any
// signature check, which closes the classic algorithm-confusion holes.
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/principal.h"
#include "services/gateway/jwks.h"

namespace carehub::gateway {

// Which claims name the principal; a dotted name walks into objects ("realm_access.roles" is
// Keycloak's realm roles).
struct ClaimNames {
  std::string subject = "sub";
  std::string roles = "roles";
  std::string reach = "division_prefix";
};

struct JwtOptions {
  std::string key{};                     // raw HMAC key for HS256, at least 32 bytes; empty: HS256 off
  std::string issuer{};                  // required `iss`; empty: not checked
  std::string audience{};                // required in `aud`; empty: not checked
  std::chrono::seconds max_skew{60};     // tolerance for exp and nbf
  std::shared_ptr<const KeySet> jwks{};  // provider keys for RS256 / ES256; null: off
  ClaimNames claims{};
};

// When a token may be used: `exp` and, when the token has one, `nbf` (seconds since the epoch).
struct ValidWindow {
  double exp = 0;
  std::optional<double> nbf;
};

// Tokens that verified, by their whole text, with the principal they gave. A client presents the
// same token on every call until it expires, and an RS256 check costs ~24 us of CPU and ES256
// ~66 us on the gateway's queue threads (HS256 ~4 us; carehub-token-bench): a token already
// verified is taken from here with only its time checked again. Keyed by the whole token, so
// only the same bytes match (a hash alone could be forged to collide); only verified tokens get
// in, so callers without a valid token cannot fill it; bounded by kMaxEntries.
class VerifiedTokens {
 public:
  struct Entry {
    Principal principal;
    ValidWindow window;
  };
  static constexpr size_t kMaxEntries = 4096;
  std::optional<Entry> Find(std::string_view token) const;
  void Add(std::string_view token, Entry entry, std::chrono::system_clock::time_point now);

 private:
  mutable std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
};

class JwtVerifier {
 public:
  explicit JwtVerifier(JwtOptions options);

  // The principal a token stands for: the subject, the roles (array of strings) and the reach
  // (required; digits, or "" to reach every division), from the claims `options.claims` names.
  // An HS256 token naming a role CareHub does not know is refused (a typo must not pass
  // silently); a provider's token carries the provider's other roles too, so those are skipped
  // and at least one CareHub role is required. nullopt with `*why` set when the token is
  // malformed, wrongly signed, expired, not yet valid, or for another issuer or audience.
  std::optional<Principal> Verify(std::string_view token, std::chrono::system_clock::time_point now,
                                  std::string* why) const;

 private:
  JwtOptions options_;
  // Made anew with the verifier: a reload (SIGHUP) that drops a key drops what it verified.
  std::unique_ptr<VerifiedTokens> verified_;
};

// Makes an HS256 token (for tests and for `carehubctl token`).
std::string SignJwt(std::string_view json_claims, std::string_view key, std::string_view alg = "HS256");

}  // namespace carehub::gateway
