#pragma once
// Everything the gateway decides a call by that an operator can change without a restart:
// API keys, the JWT key, the provider's JWKS and the role table. Loaded from files at start and on SIGHUP; a
// reload that fails keeps the policy in force.
#include <memory>
#include <optional>
#include <string>

#include "services/gateway/api_keys.h"
#include "services/gateway/jwt.h"
#include "services/gateway/roles.h"

namespace carehub::gateway {

struct PolicyFiles {
  std::string api_keys_file;
  std::string jwt_key_file;  // empty: bearer tokens are refused
  std::string jwt_issuer;
  std::string jwt_audience;
  int jwt_max_skew_seconds = 60;
  std::string jwks_file;  // an identity provider's keys for RS256 / ES256; empty: off
  ClaimNames jwt_claims;
  std::string roles_file;  // empty: the documented defaults
};

struct Policy {
  ApiKeyStore keys;
  std::optional<JwtVerifier> jwt;
  RoleTable roles;
};

// Throws std::runtime_error naming the file at fault.
std::shared_ptr<const Policy> LoadPolicy(const PolicyFiles& files);

}  // namespace carehub::gateway
