#pragma once
// Who may do what in volunteers (DESIGN.md, Security), in one place: coordinators manage
// volunteers, teams, activities, attendance and hours; officers and auditors read; a
// volunteer-facing app (`integration`) signs up, cancels, checks in with the code and disputes.
// Admins do all. PERMISSION_DENIED otherwise.
#include "common/caller.h"

namespace carehub::volunteers {

void RequireCoordinator(const Caller& c);       // admin, coordinator
void RequireSignUpAgent(const Caller& c);       // admin, coordinator, integration
void RequireVolunteersReader(const Caller& c);  // admin, coordinator, officer, auditor
void RequireActivityReader(const Caller& c);    // the readers and the volunteer app: activities, hours
void RequireRiskHandler(const Caller& c);       // acknowledge, resolve risk reports: admin, officer
void RequireAuditReader(const Caller& c);       // admin, auditor
// Whether the caller may check in without the activity's code.
bool MayAttestAttendance(const Caller& c);
// Whether answers may carry the check-in code.
bool MaySeeCheckInCode(const Caller& c);

}  // namespace carehub::volunteers
