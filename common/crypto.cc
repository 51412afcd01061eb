#include "common/crypto.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "common/files.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <cctype>
#include <memory>
#include <stdexcept>

namespace carehub::crypto {

std::string RandomBytes(size_t n) {
  std::string out(n, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n)) != 1) {
    throw std::runtime_error("random generator failed");
  }
  return out;
}

std::string Sha256(std::string_view data) {
  std::string out(SHA256_DIGEST_LENGTH, '\0');
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(),
         reinterpret_cast<unsigned char*>(out.data()));
  return out;
}

std::string HmacSha256(std::string_view key, std::string_view data) {
  std::string out(32, '\0');
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
       data.size(), reinterpret_cast<unsigned char*>(out.data()), &len);
  out.resize(len);
  return out;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string HexEncode(std::string_view raw) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(raw.size() * 2);
  for (unsigned char c : raw) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

std::optional<std::string> HexDecode(std::string_view hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  out.reserve(hex.size() / 2);
  for (size_t i = 0; i < hex.size(); i += 2) {
    int hi = nibble(hex[i]), lo = nibble(hex[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out.push_back(static_cast<char>(hi * 16 + lo));
  }
  return out;
}

std::string Base64UrlEncode(std::string_view raw) {
  std::string out(4 * ((raw.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(raw.data()), static_cast<int>(raw.size()));
  out.resize(n);
  while (!out.empty() && out.back() == '=') out.pop_back();
  for (char& c : out) {
    if (c == '+')
      c = '-';
    else if (c == '/')
      c = '_';
  }
  return out;
}

std::optional<std::string> Base64UrlDecode(std::string_view text) {
  std::string b64(text);
  for (char& c : b64) {
    if (c == '-')
      c = '+';
    else if (c == '_')
      c = '/';
    else if (c == '+' || c == '/' || c == '=')
      return std::nullopt;  // not url-safe alphabet
  }
  if (b64.size() % 4 == 1) return std::nullopt;
  size_t pad = (4 - b64.size() % 4) % 4;
  b64.append(pad, '=');
  std::string out(3 * b64.size() / 4, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(b64.data()), static_cast<int>(b64.size()));
  if (n < 0) return std::nullopt;
  out.resize(static_cast<size_t>(n) - pad);  // EVP_DecodeBlock counts padding as zero bytes
  return out;
}

std::string ParseHexKey(std::string_view hex, const std::string& what) {
  while (!hex.empty() && std::isspace(static_cast<unsigned char>(hex.back()))) hex.remove_suffix(1);
  while (!hex.empty() && std::isspace(static_cast<unsigned char>(hex.front()))) hex.remove_prefix(1);
  auto raw = HexDecode(hex);
  if (!raw || raw->size() != 32) {
    throw std::runtime_error(what + " must be 64 hexadecimal characters (a 32-byte key)");
  }
  return *raw;
}

std::string LoadKeyFile(const std::string& path) {
  return ParseHexKey(ReadFileOrThrow(path, "key file"), "key file " + path);
}

std::string LoadOrCreateKeyFile(const std::string& path) {
  // O_EXCL: two processes starting together never overwrite each other's key.
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) {
    std::string hex = HexEncode(RandomBytes(32)) + "\n";
    bool written = ::write(fd, hex.data(), hex.size()) == static_cast<ssize_t>(hex.size());
    written = ::fsync(fd) == 0 && written;
    ::close(fd);
    if (!written) {
      ::unlink(path.c_str());
      throw std::runtime_error("cannot write key file " + path);
    }
  } else if (errno != EEXIST) {
    throw std::runtime_error("cannot create key file " + path + ": " + std::strerror(errno));
  }
  return LoadKeyFile(path);
}

namespace {
constexpr size_t kNonce = 12;
constexpr size_t kTag = 16;
struct CtxFree {
  void operator()(EVP_CIPHER_CTX* c) const { EVP_CIPHER_CTX_free(c); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CtxFree>;
}  // namespace

PiiCipher::PiiCipher(std::string_view master_key) {
  if (master_key.size() != 32) throw std::invalid_argument("PII master key must be 32 bytes");
  enc_key_ = HmacSha256(master_key, "carehub pii encryption v1");
  index_key_ = HmacSha256(master_key, "carehub pii blind index v1");
}

std::string PiiCipher::Encrypt(std::string_view plaintext) const {
  std::string nonce = RandomBytes(kNonce);
  std::string out = nonce;
  out.resize(kNonce + plaintext.size() + kTag);
  CipherCtx ctx(EVP_CIPHER_CTX_new());
  int len = 0, total = 0;
  auto* o = reinterpret_cast<unsigned char*>(out.data()) + kNonce;
  if (!ctx ||
      EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, reinterpret_cast<const unsigned char*>(enc_key_.data()),
                         reinterpret_cast<const unsigned char*>(nonce.data())) != 1 ||
      EVP_EncryptUpdate(ctx.get(), o, &len, reinterpret_cast<const unsigned char*>(plaintext.data()),
                        static_cast<int>(plaintext.size())) != 1) {
    throw std::runtime_error("encryption failed");
  }
  total = len;
  if (EVP_EncryptFinal_ex(ctx.get(), o + total, &len) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTag, o + plaintext.size()) != 1) {
    throw std::runtime_error("encryption failed");
  }
  return Base64UrlEncode(out);
}

std::optional<std::string> PiiCipher::Decrypt(std::string_view sealed) const {
  auto raw = Base64UrlDecode(sealed);
  if (!raw || raw->size() < kNonce + kTag) return std::nullopt;
  size_t n = raw->size() - kNonce - kTag;
  const auto* in = reinterpret_cast<const unsigned char*>(raw->data());
  std::string out(n, '\0');
  CipherCtx ctx(EVP_CIPHER_CTX_new());
  int len = 0;
  std::string tag = raw->substr(kNonce + n);
  if (!ctx ||
      EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, reinterpret_cast<const unsigned char*>(enc_key_.data()),
                         in) != 1 ||
      EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &len, in + kNonce,
                        static_cast<int>(n)) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTag, tag.data()) != 1 ||
      EVP_DecryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(out.data()) + len, &len) != 1) {
    return std::nullopt;
  }
  return out;
}

std::string PiiCipher::BlindIndex(std::string_view value) const { return HexEncode(HmacSha256(index_key_, value)); }

}  // namespace carehub::crypto
