#pragma once
// Thin wrappers over OpenSSL: hashing, HMAC, random bytes, encodings and AES-256-GCM.
#include <optional>
#include <string>
#include <string_view>

namespace carehub::crypto {

std::string RandomBytes(size_t n);
std::string Sha256(std::string_view data);                            // raw 32 bytes
std::string HmacSha256(std::string_view key, std::string_view data);  // raw 32 bytes
bool ConstantTimeEquals(std::string_view a, std::string_view b);

std::string HexEncode(std::string_view raw);
std::optional<std::string> HexDecode(std::string_view hex);
std::string Base64UrlEncode(std::string_view raw);  // no padding
std::optional<std::string> Base64UrlDecode(std::string_view text);

// Reads a 32-byte key written as 64 hex characters (surrounding white space ignored).
// Throws std::runtime_error naming the file, never the key.
std::string LoadKeyFile(const std::string& path);
// Development only: the key in `path`, made first (random, 64 hex characters, mode 0600, never
// overwritten) when the file does not exist yet.
std::string LoadOrCreateKeyFile(const std::string& path);
// Parses a key given as 64 hex characters (for keys passed through the environment).
std::string ParseHexKey(std::string_view hex, const std::string& what);

// Protects personal identifiers at rest: AES-256-GCM for the value, and an HMAC blind index so
// equal values can be found (uniqueness, duplicate detection) without decrypting anything.
// Both subkeys derive from one 32-byte master key, so operators keep a single secret.
class PiiCipher {
 public:
  explicit PiiCipher(std::string_view master_key);

  // base64url(nonce[12] | ciphertext | tag[16]); a fresh random nonce each call.
  std::string Encrypt(std::string_view plaintext) const;
  // nullopt when the text was not made with this key or was altered.
  std::optional<std::string> Decrypt(std::string_view sealed) const;
  // Hex HMAC of the value; deterministic for one key.
  std::string BlindIndex(std::string_view value) const;

 private:
  std::string enc_key_;
  std::string index_key_;
};

}  // namespace carehub::crypto
