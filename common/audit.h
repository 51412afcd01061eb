#pragma once
// A service's audit trail (DESIGN.md: who, when, request id, what, before and after). Events
// are written in the same transaction as the change they record, so a change without its
// event (or the reverse) cannot be committed. Each service keeps `audit_events` in its schema.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "common/caller.h"
#include "common/crypto.h"
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

// A record's audit view as compact JSON; invalid UTF-8 is replaced, never thrown on.
std::string AuditJson(const nlohmann::json& j);
// One event of `caller` changing `record` from `before` (null: it did not exist) to `after`.
void AuditChangeOf(db::Tx& tx, const Caller& caller, std::string action, const AuditSubject& record,
                   const nlohmann::json& before, const nlohmann::json& after);

struct AuditQuery {
  std::string reach_prefix{};  // only events on records inside this division prefix
  std::string record_id{};     // exact filters; empty: any
  std::string actor{};
  std::string action{};
  std::string after_id{};  // keyset position
  int limit = 50;
};
std::vector<AuditEvent> ListAudit(db::Database& db, const AuditQuery& q);

// Opens sealed identifiers for a caller allowed to see them, after `looks` (an event per record
// read unmasked) are committed: no look goes unaudited. std::runtime_error when a value does not
// open with this key (a wrong key is an operator's fault, never shown to the caller).
std::vector<std::string> OpenAudited(db::Database& db, const crypto::PiiCipher& cipher, std::vector<AuditEvent> looks,
                                     const std::vector<std::string>& sealed);

}  // namespace carehub
