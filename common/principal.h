#pragma once
// Who is calling: established by the gateway, carried to backends in HMAC-signed metadata.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace carehub {

inline constexpr char kPrincipalHeader[] = "x-carehub-principal";
inline constexpr char kPrincipalSignatureHeader[] = "x-carehub-principal-sig";
inline constexpr char kRequestIdHeader[] = "x-request-id";

struct Principal {
  std::string subject;
  std::vector<std::string> roles;
  std::string division_prefix;  // digits; empty reaches every division
  std::string trace_id;         // the gateway's id for the call (x-request-id)
  // The backend that relays the call on this principal's behalf (funds asking the registry
  // for a beneficiary); empty when the gateway signed it. Backends limit what a relayed
  // principal may call.
  std::string on_behalf_of{};

  bool HasRole(std::string_view role) const;
  bool HasAnyRole(std::initializer_list<std::string_view> roles) const;
};

struct SignedPrincipal {
  std::string payload;    // value of kPrincipalHeader
  std::string signature;  // value of kPrincipalSignatureHeader
};

// The payload carries the time it was signed so a captured header pair stops working after
// `max_age`; backends and gateway share the key, and nothing outside the deployment has it.
SignedPrincipal SignPrincipal(const Principal& p, std::string_view key, std::chrono::system_clock::time_point now);
std::optional<Principal> VerifyPrincipal(std::string_view payload, std::string_view signature, std::string_view key,
                                         std::chrono::system_clock::time_point now,
                                         std::chrono::seconds max_age = std::chrono::seconds(300));

}  // namespace carehub
