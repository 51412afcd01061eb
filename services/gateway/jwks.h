#pragma once
// The public keys an identity provider (Keycloak, a government SSO) signs its tokens with, read
// from a JWKS file (RFC 7517, the document at the provider's jwks_uri saved to disk). Keys are
// found by `kid`; rotating is writing the new set and reloading the gateway (SIGHUP): tokens
// signed with a key still in the set keep working. Signatures are checked by cjose (Debian
// libcjose, the library mod_auth_openidc uses) rather than by hand-written RSA/ECDSA code.
#include <map>
#include <memory>
#include <string>
#include <string_view>

namespace carehub::gateway {

// A JWS algorithm a JWKS key may verify.
enum class KeyAlg { kRs256, kEs256 };

class KeySet {
 public:
  // Reads {"keys":[…]}: signing keys (RSA of 2048 bits or more for RS256, EC P-256 for ES256),
  // each with a `kid`. Keys for encryption (`use` "enc") or of other algorithms are skipped, so a
  // provider's whole document can be used as it is. Throws std::runtime_error naming the file
  // and the key at fault; a set with no usable key is an error.
  static std::shared_ptr<const KeySet> Load(const std::string& path);
  static std::shared_ptr<const KeySet> FromJson(std::string_view json, const std::string& source);

  // Whether `token` (compact JWS) is signed with `alg` by the key `kid`; false with `*why` set
  // when the key is unknown, is of another kind than `alg`, or the signature does not verify.
  bool VerifySignature(std::string_view token, KeyAlg alg, const std::string& kid, const char** why) const;

  size_t size() const { return keys_.size(); }

 private:
  struct Key {
    KeyAlg alg;
    std::shared_ptr<void> jwk;  // cjose_jwk_t, released with cjose_jwk_release
  };
  std::map<std::string, Key> keys_;  // by kid
};

}  // namespace carehub::gateway
