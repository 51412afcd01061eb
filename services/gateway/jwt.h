#pragma once
// JWT bearer tokens (RFC 7519) signed with HS256 and a key configured on the gateway. Only
// HS256 is accepted: the header's `alg` must say so ("none" and every other value are refused
// before any signature check), which closes the classic algorithm-confusion holes.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/principal.h"

namespace carehub::gateway {

struct JwtOptions {
  std::string key;                    // raw HMAC key, at least 32 bytes
  std::string issuer;                 // required `iss`; empty: not checked
  std::string audience;               // required in `aud`; empty: not checked
  std::chrono::seconds max_skew{60};  // tolerance for exp and nbf
};

class JwtVerifier {
 public:
  explicit JwtVerifier(JwtOptions options);

  // The principal a token stands for: `sub`, `roles` (array of strings) and `division_prefix`
  // (required; digits, or "" to reach every division). nullopt with `*why` set when the token is
  // malformed, wrongly signed, expired, not yet valid, or for another issuer or audience.
  std::optional<Principal> Verify(std::string_view token, std::chrono::system_clock::time_point now,
                                  std::string* why) const;

 private:
  JwtOptions options_;
};

// Makes an HS256 token (for tests and for `carehubctl token`).
std::string SignJwt(std::string_view json_claims, std::string_view key, std::string_view alg = "HS256");

}  // namespace carehub::gateway
