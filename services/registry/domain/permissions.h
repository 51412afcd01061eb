#pragma once
// Who may do what in the registry (DESIGN.md, Security), in one place. Each check throws
// PERMISSION_DENIED naming what the caller's roles may not do.
#include "common/caller.h"

namespace carehub::registry {

bool CanRegisterChildren(const Caller& c);  // register, change, exit, import: children and women
bool CanReadChildren(const Caller& c);      // read children and women
bool CanReadAudit(const Caller& c);
bool SeesIdentifiers(const Caller& c);  // ID numbers and mobiles unmasked (each read audited)

void RequireRegister(const Caller& c);
void RequireRead(const Caller& c);
void RequireAuditRead(const Caller& c);
// The change feed: services following it (integration), auditors, admins.
void RequireChangeFeed(const Caller& c);

}  // namespace carehub::registry
