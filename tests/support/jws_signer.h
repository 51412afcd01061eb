#pragma once
// An identity provider's signing key for tests: a fresh RSA 2048 or EC P-256 key, its public
// half as a JWKS entry, and compact RS256 / ES256 tokens signed with it (through cjose, as the
// gateway verifies them).
#include <cjose/cjose.h>

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <stdexcept>
#include <string>

namespace carehub::testing {

class JwsSigner {
 public:
  enum class Kind { kRsa, kEc };
  JwsSigner(Kind kind, std::string kid) : kind_(kind), kid_(std::move(kid)) {
    cjose_err err{};
    static const uint8_t kE[] = {0x01, 0x00, 0x01};
    key_ = kind == Kind::kRsa ? cjose_jwk_create_RSA_random(2048, kE, sizeof kE, &err)
                              : cjose_jwk_create_EC_random(CJOSE_JWK_EC_P_256, &err);
    if (!key_) throw std::runtime_error("cjose: no key");
  }
  ~JwsSigner() { cjose_jwk_release(key_); }
  JwsSigner(const JwsSigner&) = delete;
  JwsSigner& operator=(const JwsSigner&) = delete;

  const char* alg() const { return kind_ == Kind::kRsa ? "RS256" : "ES256"; }

  // The public key as a JWKS entry, with its kid, use and alg.
  nlohmann::json PublicJwk() const {
    cjose_err err{};
    char* text = cjose_jwk_to_json(key_, false, &err);
    auto jwk = nlohmann::json::parse(text);
    std::free(text);
    jwk["kid"] = kid_;
    jwk["use"] = "sig";
    jwk["alg"] = alg();
    return jwk;
  }

  // A compact token of `claims`; `kid` and `alg` as the header should say (defaults: ours).
  std::string Sign(const nlohmann::json& claims, const std::string& kid = "", const char* alg = nullptr) const {
    cjose_err err{};
    cjose_header_t* h = cjose_header_new(&err);
    cjose_header_set(h, CJOSE_HDR_ALG, alg ? alg : this->alg(), &err);
    cjose_header_set(h, CJOSE_HDR_KID, (kid.empty() ? kid_ : kid).c_str(), &err);
    std::string payload = claims.dump();
    cjose_jws_t* jws = cjose_jws_sign(key_, h, reinterpret_cast<const uint8_t*>(payload.data()), payload.size(), &err);
    cjose_header_release(h);
    if (!jws) throw std::runtime_error(std::string("cjose: ") + (err.message ? err.message : "sign failed"));
    const char* compact = nullptr;
    cjose_jws_export(jws, &compact, &err);
    std::string out = compact;
    cjose_jws_release(jws);
    return out;
  }

 private:
  Kind kind_;
  std::string kid_;
  cjose_jwk_t* key_ = nullptr;
};

}  // namespace carehub::testing
