#include "services/volunteers/domain/permissions.h"

#include "common/errors.h"

namespace carehub::volunteers {
namespace {
void Require(bool allowed, const char* what) {
  if (!allowed) Throw(ErrorCode::kPermissionDenied, "", std::string("the caller's roles may not ") + what);
}
}  // namespace

void RequireCoordinator(const Caller& c) {
  Require(c.HasAny({role::kAdmin, role::kCoordinator}), "manage volunteers and activities");
}

void RequireSignUpAgent(const Caller& c) {
  Require(c.HasAny({role::kAdmin, role::kCoordinator, role::kIntegration}), "sign volunteers up or in");
}

void RequireVolunteersReader(const Caller& c) {
  Require(c.HasAny({role::kAdmin, role::kCoordinator, role::kOfficer, role::kAuditor}), "read volunteers");
}

void RequireActivityReader(const Caller& c) {
  Require(c.HasAny({role::kAdmin, role::kCoordinator, role::kOfficer, role::kAuditor, role::kIntegration}),
          "read activities and hours");
}

void RequireRiskHandler(const Caller& c) { Require(c.HasAny({role::kAdmin, role::kOfficer}), "handle risk reports"); }

void RequireAuditReader(const Caller& c) { Require(c.HasAny({role::kAdmin, role::kAuditor}), "read the audit trail"); }

bool MayAttestAttendance(const Caller& c) { return c.HasAny({role::kAdmin, role::kCoordinator}); }

bool MaySeeCheckInCode(const Caller& c) { return c.HasAny({role::kAdmin, role::kCoordinator}); }

}  // namespace carehub::volunteers
