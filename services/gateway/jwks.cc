#include "services/gateway/jwks.h"

#include <cjose/cjose.h>

#include <nlohmann/json.hpp>

#include <optional>
#include <stdexcept>

#include "common/crypto.h"
#include "common/files.h"

namespace carehub::gateway {
namespace {

std::string Text(const nlohmann::json& key, const char* member) {
  return key.contains(member) && key[member].is_string() ? key[member].get<std::string>() : std::string();
}

// The algorithm a key verifies, or nullopt when it is not a signing key we accept.
std::optional<KeyAlg> SigningAlgOf(const nlohmann::json& key, const std::string& where) {
  std::string use = Text(key, "use"), alg = Text(key, "alg"), kty = Text(key, "kty");
  if (!use.empty() && use != "sig") return std::nullopt;
  if (kty == "RSA" && (alg.empty() || alg == "RS256")) {
    auto n = crypto::Base64UrlDecode(Text(key, "n"));
    if (!n) throw std::runtime_error(where + ": malformed modulus n");
    // A leading zero byte pads an unsigned modulus; 2048 bits is the floor NIST and RFC 7518 set.
    size_t bits = (n->size() - (n->empty() || (*n)[0] != '\0' ? 0 : 1)) * 8;
    if (bits < 2048) throw std::runtime_error(where + ": RSA keys under 2048 bits are refused");
    return KeyAlg::kRs256;
  }
  if (kty == "EC" && Text(key, "crv") == "P-256" && (alg.empty() || alg == "ES256")) return KeyAlg::kEs256;
  return std::nullopt;
}

}  // namespace

std::shared_ptr<const KeySet> KeySet::Load(const std::string& path) {
  return FromJson(ReadFileOrThrow(path, "JWKS file"), path);
}

std::shared_ptr<const KeySet> KeySet::FromJson(std::string_view json, const std::string& source) {
  auto doc = nlohmann::json::parse(json, nullptr, false);
  if (!doc.is_object() || !doc.contains("keys") || !doc["keys"].is_array()) {
    throw std::runtime_error(source + ": expected a JWKS document {\"keys\": [...]}");
  }
  auto set = std::make_shared<KeySet>();
  for (size_t i = 0; i < doc["keys"].size(); ++i) {
    const auto& key = doc["keys"][i];
    std::string where = source + ": keys[" + std::to_string(i) + "]";
    if (!key.is_object()) throw std::runtime_error(where + ": not an object");
    auto alg = SigningAlgOf(key, where);
    if (!alg) continue;
    std::string kid = Text(key, "kid");
    if (kid.empty()) throw std::runtime_error(where + ": a signing key needs a kid");
    if (set->keys_.contains(kid)) throw std::runtime_error(where + ": kid " + kid + " appears twice");
    std::string text = key.dump();
    cjose_err err{};
    cjose_jwk_t* jwk = cjose_jwk_import(text.data(), text.size(), &err);
    if (!jwk)
      throw std::runtime_error(where + ": unreadable key (" + std::string(err.message ? err.message : "") + ")");
    set->keys_.emplace(
        kid, Key{*alg, std::shared_ptr<void>(jwk, [](void* k) { cjose_jwk_release(static_cast<cjose_jwk_t*>(k)); })});
  }
  if (set->keys_.empty()) throw std::runtime_error(source + ": no RS256 or ES256 signing key");
  return set;
}

bool KeySet::VerifySignature(std::string_view token, KeyAlg alg, const std::string& kid, const char** why) const {
  auto it = keys_.find(kid);
  if (it == keys_.end()) {
    *why = "token signed with an unknown key (kid)";
    return false;
  }
  if (it->second.alg != alg) {
    *why = "token algorithm does not match its key";
    return false;
  }
  cjose_err err{};
  cjose_jws_t* jws = cjose_jws_import(token.data(), token.size(), &err);
  if (!jws) {
    *why = "malformed token";
    return false;
  }
  bool ok = cjose_jws_verify(jws, static_cast<const cjose_jwk_t*>(it->second.jwk.get()), &err);
  cjose_jws_release(jws);
  if (!ok) *why = "bad token signature";
  return ok;
}

}  // namespace carehub::gateway
