#include "services/registry/domain/permissions.h"

#include "common/errors.h"

namespace carehub::registry {

bool CanRegisterChildren(const Caller& c) { return c.HasAny({role::kAdmin, role::kOfficer}); }

bool CanReadChildren(const Caller& c) {
  return c.HasAny({role::kAdmin, role::kOfficer, role::kAuditor, role::kApprover, role::kFinance, role::kCoordinator});
}

bool CanReadAudit(const Caller& c) { return c.HasAny({role::kAuditor, role::kAdmin}); }

bool SeesIdentifiers(const Caller& c) { return c.Has(role::kPii); }

void RequireRegister(const Caller& c) {
  if (!CanRegisterChildren(c))
    Throw(ErrorCode::kPermissionDenied, "", "the caller's roles may not register or change people");
}

void RequireRead(const Caller& c) {
  if (!CanReadChildren(c)) Throw(ErrorCode::kPermissionDenied, "", "the caller's roles may not read the registry");
}

void RequireAuditRead(const Caller& c) {
  if (!CanReadAudit(c)) Throw(ErrorCode::kPermissionDenied, "", "only auditors and admins read the audit trail");
}

void RequireChangeFeed(const Caller& c) {
  if (!c.HasAny({role::kAdmin, role::kAuditor, role::kIntegration})) {
    Throw(ErrorCode::kPermissionDenied, "", "the caller's roles may not read the change feed");
  }
}

}  // namespace carehub::registry
