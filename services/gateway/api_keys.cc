#include "services/gateway/api_keys.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <ctime>
#include <stdexcept>

#include "common/crypto.h"
#include "common/files.h"
#include "common/text.h"

namespace carehub::gateway {

bool IsKnownRole(std::string_view r) {
  for (const char* known :
       {"admin", "officer", "approver", "finance", "coordinator", "auditor", "integration", "pii"}) {
    if (r == known) return true;
  }
  return false;
}

std::string HashApiKey(std::string_view key) { return crypto::HexEncode(crypto::Sha256(key)); }

NewApiKey GenerateApiKey() {
  NewApiKey k;
  k.key = "chk_" + crypto::Base64UrlEncode(crypto::RandomBytes(32));
  k.sha256 = HashApiKey(k.key);
  return k;
}

ApiKeyStore ApiKeyStore::Load(const std::string& path) {
  return FromJson(ReadFileOrThrow(path, "API keys file"), path);
}

ApiKeyStore ApiKeyStore::FromJson(std::string_view text, const std::string& source) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  auto fail = [&](const std::string& why) { return std::runtime_error("API keys file " + source + ": " + why); };
  if (!j.is_object() || !j.contains("api_keys") || !j["api_keys"].is_array()) {
    throw fail("must be a JSON object with an \"api_keys\" array");
  }
  ApiKeyStore store;
  int index = 0;
  for (const auto& e : j["api_keys"]) {
    std::string where = "entry " + std::to_string(index++);
    auto str = [&](const char* k) -> std::string {
      if (!e.is_object() || !e.contains(k) || !e[k].is_string()) throw fail(where + " needs a string \"" + k + "\"");
      return e[k].get<std::string>();
    };
    bool by_certificate = e.is_object() && e.contains("certificate_subject");
    if (by_certificate == (e.is_object() && e.contains("sha256"))) {
      throw fail(where + " needs either \"sha256\" (an API key) or \"certificate_subject\" (a client certificate)");
    }
    // The entry's index: the key's hash, or the certificate's subject.
    std::string id;
    if (by_certificate) {
      id = str("certificate_subject");
      if (id.find('=') == std::string::npos || id.size() > 1000) {
        throw fail(where + ": \"certificate_subject\" must look like CN=name,O=organisation");
      }
    } else {
      id = str("sha256");
      auto raw = crypto::HexDecode(id);
      if (!raw || raw->size() != 32) throw fail(where + ": \"sha256\" must be 64 hex characters");
      for (char& c : id) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    Principal p;
    p.subject = str("subject");
    if (p.subject.empty() || p.subject.size() > 200 || !text::IsValidUtf8(p.subject)) {
      throw fail(where + ": \"subject\" must be 1 to 200 characters");
    }
    p.division_prefix = e.contains("division_prefix") ? str("division_prefix") : "";
    if (p.division_prefix.size() > 12 || (!p.division_prefix.empty() && !text::IsDigits(p.division_prefix))) {
      throw fail(where + ": \"division_prefix\" must be up to 12 digits");
    }
    if (!e.contains("roles") || !e["roles"].is_array() || e["roles"].empty()) {
      throw fail(where + " needs a non-empty \"roles\" array");
    }
    for (const auto& r : e["roles"]) {
      if (!r.is_string() || !IsKnownRole(r.get<std::string>())) throw fail(where + ": unknown role " + r.dump());
      p.roles.push_back(r.get<std::string>());
    }
    Entry entry{std::move(p), std::nullopt};
    if (e.contains("expires_at")) {
      entry.expires_at = ParseUtcTimestamp(str("expires_at"));
      if (!entry.expires_at) throw fail(where + ": \"expires_at\" must look like 2027-01-01T00:00:00Z");
    }
    auto& into = by_certificate ? store.by_certificate_ : store.by_hash_;
    if (!into.emplace(id, std::move(entry)).second) {
      throw fail(where +
                 (by_certificate ? ": the same certificate subject appears twice" : ": the same key appears twice"));
    }
  }
  return store;
}

std::optional<Principal> ApiKeyStore::Valid(const Entry& e, std::chrono::system_clock::time_point now,
                                            const char* expired, std::string* why) {
  if (e.expires_at && now >= *e.expires_at) {
    *why = expired;
    return std::nullopt;
  }
  return e.principal;
}

std::optional<Principal> ApiKeyStore::AuthenticateCertificate(std::string_view certificate_subject,
                                                              std::chrono::system_clock::time_point now,
                                                              std::string* why) const {
  auto it = by_certificate_.find(std::string(certificate_subject));
  if (it == by_certificate_.end()) {
    *why = "client certificate " + std::string(certificate_subject) + " is not registered";
    return std::nullopt;
  }
  return Valid(it->second, now, "client certificate's entry expired", why);
}

std::optional<Principal> ApiKeyStore::Authenticate(std::string_view api_key, std::chrono::system_clock::time_point now,
                                                   std::string* why) const {
  std::string ignored;
  if (!why) why = &ignored;
  if (api_key.empty() || api_key.size() > 256) {
    *why = "not a valid API key";
    return std::nullopt;
  }
  auto it = by_hash_.find(HashApiKey(api_key));
  if (it == by_hash_.end()) {
    *why = "not a valid API key";
    return std::nullopt;
  }
  return Valid(it->second, now, "API key expired", why);
}

std::optional<std::chrono::system_clock::time_point> ParseUtcTimestamp(std::string_view text) {
  if (text.size() != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
      text[19] != 'Z') {
    return std::nullopt;
  }
  std::string t(text);
  std::tm tm{};
  if (std::sscanf(t.c_str(), "%4d-%2d-%2dT%2d:%2d:%2dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
                  &tm.tm_sec) != 6) {
    return std::nullopt;
  }
  using namespace std::chrono;
  year_month_day ymd{year{tm.tm_year}, month{static_cast<unsigned>(tm.tm_mon)}, day{static_cast<unsigned>(tm.tm_mday)}};
  if (!ymd.ok() || tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 59) return std::nullopt;
  return sys_days{ymd} + hours{tm.tm_hour} + minutes{tm.tm_min} + seconds{tm.tm_sec};
}

}  // namespace carehub::gateway
