#pragma once
// Who may do what in reports: every role that reads figures reads the form (each source checks
// its own roles again, as the caller); officers and admins file it. PERMISSION_DENIED otherwise.
#include "common/caller.h"

namespace carehub::reports {

void RequireReportReader(const Caller& c);  // admin, officer, approver, finance, coordinator, auditor
void RequireReportFiler(const Caller& c);   // admin, officer
void RequireAuditReader(const Caller& c);   // admin, auditor

}  // namespace carehub::reports
