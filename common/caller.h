#pragma once
// Who is calling a backend, built once per call from the verified principal: the business code
// (app/ and domain/) sees this, never gRPC metadata. Two ids are kept apart by name: a client's
// `request_id` makes one mutating call idempotent and lives in the request body; the gateway's
// `trace_id` (x-request-id) names the call in audit events and ledger entries. `trace` is the
// call's W3C span, which puts the trace id in every log line and travels on every onward call.
#include <chrono>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "common/principal.h"
#include "common/trace.h"

namespace carehub {

// The role vocabulary (DESIGN.md, Security). A principal holds any number of these.
namespace role {
inline constexpr std::string_view kAdmin = "admin";
inline constexpr std::string_view kOfficer = "officer";
inline constexpr std::string_view kApprover = "approver";
inline constexpr std::string_view kFinance = "finance";
inline constexpr std::string_view kCoordinator = "coordinator";
inline constexpr std::string_view kAuditor = "auditor";
inline constexpr std::string_view kIntegration = "integration";
// Not a job but a permission: sees resident ID numbers and mobiles unmasked (each read audited).
inline constexpr std::string_view kPii = "pii";
}  // namespace role

struct Caller {
  std::string subject;
  std::vector<std::string> roles;
  std::string reach{};         // division-code prefix; empty reaches every division
  std::string trace_id{};      // the gateway's id for this call
  std::string on_behalf_of{};  // the backend service relaying the call, "" when it came from the gateway
  // When the caller stops waiting; calls made on its behalf pass on what is left.
  std::chrono::system_clock::time_point deadline = std::chrono::system_clock::time_point::max();
  TraceContext trace{};        // this call's span (W3C traceparent); passed on to every call it makes

  static Caller From(const Principal& p, std::chrono::system_clock::time_point deadline);
  // The principal to re-sign when this caller's work continues in another service.
  Principal AsPrincipal() const;

  bool Has(std::string_view role) const;
  bool HasAny(std::initializer_list<std::string_view> roles) const;
  // Whether a record of `division_code` lies inside the caller's reach.
  bool Reaches(std::string_view division_code) const;
};

}  // namespace carehub
