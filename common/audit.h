#pragma once
// A service's audit trail (DESIGN.md: who, when, request id, what, before and after). Events
// are written in the same transaction as the change they record, so a change without its
// event (or the reverse) cannot be committed. Each service keeps `audit_events` in its schema.
#include <string>
#include <vector>

#include "common/caller.h"
#include "common/db/database.h"

namespace carehub {

struct AuditEvent {
  std::string id;  // set by RecordAudit
  std::string occurred_at;
  std::string actor;
  std::string request_id;
  std::string action;
  std::string record_type;
  std::string record_id;
  std::string division_code;
  std::string before_json;
  std::string after_json;
};

// The record an event is about.
struct AuditSubject {
  std::string type;  // "child", "woman", "grant", …
  std::string id;
  std::string division_code;  // whose auditors see it
};
// An event by `caller` (subject and trace id); id and time are filled in by RecordAudit.
AuditEvent AuditBy(const Caller& caller, std::string action, const AuditSubject& record, std::string before_json = "",
                   std::string after_json = "");

// Writes the events inside `tx` (one multi-row INSERT), filling in id and time.
void RecordAudit(db::Tx& tx, std::vector<AuditEvent> events);

struct AuditQuery {
  std::string reach_prefix{};  // only events on records inside this division prefix
  std::string record_id{};     // exact filters; empty: any
  std::string actor{};
  std::string action{};
  std::string after_id{};  // keyset position
  int limit = 50;
};
std::vector<AuditEvent> ListAudit(db::Database& db, const AuditQuery& q);

}  // namespace carehub
