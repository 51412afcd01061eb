#include "services/registry/app/people.h"

#include "common/reach.h"

namespace carehub::registry {

void AuditChange(db::Tx& tx, AuditEvent event, const std::string& division_after) {
  std::vector<AuditEvent> events = {event};
  if (division_after != event.division_code) {
    event.division_code = division_after;
    events.push_back(std::move(event));
  }
  RecordAudit(tx, std::move(events));
}

void RequireVersion(int64_t stored, int64_t expected, const std::string& field) {
  if (stored != expected) {
    Throw(ErrorCode::kAborted, field,
          "is stale: the record was changed since (now version " + std::to_string(stored) +
              "); read it again and reapply");
  }
}

void RequireReachOf(const Caller& caller, const std::optional<std::string>& division_code, const std::string& field) {
  if (division_code && !caller.Reaches(*division_code)) {
    Throw(ErrorCode::kPermissionDenied, field, "lies outside the caller's reach");
  }
}

Created Stamp(const char* id_prefix, const Caller& caller) {
  return {NewId(id_prefix), log::NowRfc3339(), caller.subject};
}

}  // namespace carehub::registry
