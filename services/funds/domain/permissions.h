#pragma once
// Who may do what in funds (DESIGN.md, Security), in one place: finance moves money, approvers
// decide, officers submit, auditors read; admins do all. PERMISSION_DENIED otherwise.
#include "common/caller.h"

namespace carehub::funds {

void RequireProgramAdmin(const Caller& c);     // create, open, close programs: admin, finance
void RequireMoneyMover(const Caller& c);       // allocate, transfer (later: disburse, reverse): admin, finance
void RequireSubmitter(const Caller& c);        // submit grant applications: admin, officer
void RequireApprover(const Caller& c);         // approve, reject: admin, approver
void RequireFundsReader(const Caller& c);      // programs, budgets, ledger: every role but coordinator and integration
void RequireAuditReader(const Caller& c);      // auditors and admins
void RequirePayeeEditor(const Caller& c);      // payees: admin, officer, finance
void RequireBankFileHandler(const Caller& c);  // payment files out: admin or finance, with pii
void RequireDisbursementReader(const Caller& c);  // disbursements export: admin, finance, auditor

}  // namespace carehub::funds
