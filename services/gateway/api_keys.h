#pragma once
// API keys as the gateway keeps them: only the SHA-256 of each key is stored (keys are 256-bit
// random strings, so a fast hash is enough: there is no password to brute-force), each mapped
// to the principal it authenticates.
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "common/principal.h"

namespace carehub::gateway {

class ApiKeyStore {
 public:
  // Reads {"api_keys":[{"name":…,"sha256":…,"subject":…,"roles":[…],"division_prefix":…}]}.
  // Throws std::runtime_error naming the file and the entry at fault.
  static ApiKeyStore Load(const std::string& path);
  static ApiKeyStore FromJson(std::string_view json, const std::string& source);

  // The principal for a presented key, or nullopt for an unknown one.
  std::optional<Principal> Authenticate(std::string_view api_key) const;
  size_t size() const { return by_hash_.size(); }

 private:
  std::map<std::string, Principal> by_hash_;  // hex SHA-256 → principal
};

// A new random API key ("chk_" + 43 base64url characters) and its hex SHA-256.
struct NewApiKey {
  std::string key;
  std::string sha256;
};
NewApiKey GenerateApiKey();
std::string HashApiKey(std::string_view key);

bool IsKnownRole(std::string_view role);

}  // namespace carehub::gateway
