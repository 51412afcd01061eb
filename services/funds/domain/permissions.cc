#include "services/funds/domain/permissions.h"

#include "common/errors.h"

namespace carehub::funds {
namespace {
void Require(bool allowed, const char* what) {
  if (!allowed) Throw(ErrorCode::kPermissionDenied, "", std::string("the caller's roles may not ") + what);
}
}  // namespace

void RequireProgramAdmin(const Caller& c) { Require(c.HasAny({role::kAdmin, role::kFinance}), "set up programs"); }

void RequireMoneyMover(const Caller& c) { Require(c.HasAny({role::kAdmin, role::kFinance}), "move money"); }

void RequireSubmitter(const Caller& c) {
  Require(c.HasAny({role::kAdmin, role::kOfficer}), "submit grant applications");
}

void RequireApprover(const Caller& c) { Require(c.HasAny({role::kAdmin, role::kApprover}), "decide on grants"); }

void RequireFundsReader(const Caller& c) {
  Require(c.HasAny({role::kAdmin, role::kFinance, role::kApprover, role::kOfficer, role::kAuditor}), "read funds");
}

void RequirePayeeEditor(const Caller& c) {
  Require(c.HasAny({role::kAdmin, role::kOfficer, role::kFinance}), "set payees");
}

void RequireBankFileHandler(const Caller& c) {
  // The file for the bank carries account numbers in the clear.
  Require(c.HasAny({role::kAdmin, role::kFinance}) && c.Has(role::kPii), "export payment files (finance with pii)");
}

void RequireDisbursementReader(const Caller& c) {
  Require(c.HasAny({role::kAdmin, role::kFinance, role::kAuditor}), "export disbursements");
}

void RequireAuditReader(const Caller& c) { Require(c.HasAny({role::kAdmin, role::kAuditor}), "read the audit trail"); }

}  // namespace carehub::funds
