#include "services/gateway/policy.h"

#include "common/crypto.h"

namespace carehub::gateway {

std::shared_ptr<const Policy> LoadPolicy(const PolicyFiles& f) {
  auto p =
      std::make_shared<Policy>(Policy{ApiKeyStore::Load(f.api_keys_file), std::nullopt,
                                      f.roles_file.empty() ? RoleTable::Defaults() : RoleTable::Load(f.roles_file)});
  if (!f.jwt_key_file.empty() || !f.jwks_file.empty()) {
    JwtOptions o;
    if (!f.jwt_key_file.empty()) o.key = crypto::LoadKeyFile(f.jwt_key_file);
    if (!f.jwks_file.empty()) o.jwks = KeySet::Load(f.jwks_file);
    o.issuer = f.jwt_issuer;
    o.audience = f.jwt_audience;
    o.max_skew = std::chrono::seconds(f.jwt_max_skew_seconds);
    o.claims = f.jwt_claims;
    p->jwt.emplace(std::move(o));
  }
  return p;
}

}  // namespace carehub::gateway
