#include "services/reports/domain/permissions.h"

#include "common/errors.h"

namespace carehub::reports {
namespace {
void Require(bool allowed, const char* what) {
  if (!allowed) Throw(ErrorCode::kPermissionDenied, "", std::string("the caller's roles may not ") + what);
}
}  // namespace

void RequireReportReader(const Caller& c) {
  Require(c.HasAny({role::kAdmin, role::kOfficer, role::kApprover, role::kFinance, role::kCoordinator, role::kAuditor}),
          "read reports");
}

void RequireReportFiler(const Caller& c) { Require(c.HasAny({role::kAdmin, role::kOfficer}), "file reports"); }

void RequireAuditReader(const Caller& c) { Require(c.HasAny({role::kAdmin, role::kAuditor}), "read the audit trail"); }

}  // namespace carehub::reports
