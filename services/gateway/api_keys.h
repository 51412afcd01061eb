#pragma once
// API keys as the gateway keeps them: only the SHA-256 of each key is stored (keys are 256-bit
// random strings, so a fast hash is enough: there is no password to brute-force), each mapped
// to the principal it authenticates.
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "common/principal.h"

namespace carehub::gateway {

class ApiKeyStore {
 public:
  // Reads {"api_keys":[{"name":…,"sha256":…,"subject":…,"roles":[…],"division_prefix":…,
  // "expires_at":"2027-01-01T00:00:00Z"}]}; expires_at is optional. An entry may name a client
  // certificate instead of a key: "certificate_subject": "CN=…,O=…" (RFC 2253, as `openssl x509
  // -noout -subject -nameopt RFC2253` prints it) for machine clients over mutual TLS. A subject
  // may hold several keys or certificates (one entry each), so they can be rotated without
  // downtime. Throws std::runtime_error naming the file and the entry at fault.
  static ApiKeyStore Load(const std::string& path);
  static ApiKeyStore FromJson(std::string_view json, const std::string& source);

  // The principal for a presented key; nullopt for an unknown or expired one (`*why` says which).
  std::optional<Principal> Authenticate(std::string_view api_key,
                                        std::chrono::system_clock::time_point now = std::chrono::system_clock::now(),
                                        std::string* why = nullptr) const;
  // The principal for a verified client certificate's subject; nullopt when none is registered
  // for it or its entry expired.
  std::optional<Principal> AuthenticateCertificate(std::string_view certificate_subject,
                                                   std::chrono::system_clock::time_point now, std::string* why) const;
  size_t size() const { return by_hash_.size() + by_certificate_.size(); }

 private:
  struct Entry {
    Principal principal;
    std::optional<std::chrono::system_clock::time_point> expires_at;
  };
  std::map<std::string, Entry> by_hash_;         // hex SHA-256 → entry
  std::map<std::string, Entry> by_certificate_;  // certificate subject → entry

  static std::optional<Principal> Valid(const Entry& e, std::chrono::system_clock::time_point now, const char* expired,
                                        std::string* why);
};

// "YYYY-MM-DDTHH:MM:SSZ" (UTC) as a time point; nullopt when malformed.
std::optional<std::chrono::system_clock::time_point> ParseUtcTimestamp(std::string_view text);

// A new random API key ("chk_" + 43 base64url characters) and its hex SHA-256.
struct NewApiKey {
  std::string key;
  std::string sha256;
};
NewApiKey GenerateApiKey();
std::string HashApiKey(std::string_view key);

bool IsKnownRole(std::string_view role);

}  // namespace carehub::gateway
