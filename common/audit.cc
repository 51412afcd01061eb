#include "common/audit.h"

#include "common/db/bulk.h"
#include "common/ids.h"
#include "common/log.h"
#include "common/reach.h"

namespace carehub {

AuditEvent AuditBy(const Caller& caller, std::string action, const AuditSubject& record, std::string before_json,
                   std::string after_json) {
  return {"",          "",        caller.subject,       caller.trace_id,        std::move(action),
          record.type, record.id, record.division_code, std::move(before_json), std::move(after_json)};
}

void RecordAudit(db::Tx& tx, std::vector<AuditEvent> events) {
  if (events.empty()) return;
  std::vector<db::Value> params;
  params.reserve(events.size() * 10);
  std::string now = log::NowRfc3339();
  for (auto& e : events) {
    e.id = NewId("au");
    e.occurred_at = now;
    for (auto* v : {&e.id, &e.occurred_at, &e.actor, &e.request_id, &e.action, &e.record_type, &e.record_id,
                    &e.division_code, &e.before_json, &e.after_json}) {
      params.emplace_back(*v);
    }
  }
  db::InsertRows(tx,
                 "INSERT INTO audit_events (id, occurred_at, actor, request_id, action, record_type, record_id, "
                 "division_code, before_json, after_json) VALUES ",
                 10, params);
}

std::string AuditJson(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void AuditChangeOf(db::Tx& tx, const Caller& caller, std::string action, const AuditSubject& record,
                   const nlohmann::json& before, const nlohmann::json& after) {
  RecordAudit(
      tx, {AuditBy(caller, std::move(action), record, before.is_null() ? "" : AuditJson(before), AuditJson(after))});
}

std::vector<AuditEvent> ListAudit(db::Database& db, const AuditQuery& q) {
  std::string sql =
      "SELECT id, occurred_at, actor, request_id, action, record_type, record_id, division_code, before_json, "
      "after_json FROM audit_events WHERE id > ? AND division_code >= ? AND division_code < ?";
  auto range = RangeOf(q.reach_prefix);
  std::vector<db::Value> params = {q.after_id, range.begin, range.end};
  if (!q.record_id.empty()) {
    sql += " AND record_id = ?";
    params.emplace_back(q.record_id);
  }
  if (!q.actor.empty()) {
    sql += " AND actor = ?";
    params.emplace_back(q.actor);
  }
  if (!q.action.empty()) {
    sql += " AND action = ?";
    params.emplace_back(q.action);
  }
  sql += " ORDER BY id LIMIT ?";
  params.emplace_back(int64_t{q.limit});
  std::vector<AuditEvent> out;
  db.Read([&](db::Tx& tx) {
    out.clear();
    for (const auto& r : tx.Query(sql, params)) {
      AuditEvent e;
      std::string* fields[] = {&e.id,          &e.occurred_at, &e.actor,         &e.request_id,  &e.action,
                               &e.record_type, &e.record_id,   &e.division_code, &e.before_json, &e.after_json};
      for (size_t i = 0; i < 10; ++i) *fields[i] = db::AsText(r[i]);
      out.push_back(std::move(e));
    }
  });
  return out;
}

std::vector<std::string> OpenAudited(db::Database& db, const crypto::PiiCipher& cipher, std::vector<AuditEvent> looks,
                                     const std::vector<std::string>& sealed) {
  if (!looks.empty()) db.Transact([&](db::Tx& tx) { RecordAudit(tx, looks); });
  std::vector<std::string> out;
  out.reserve(sealed.size());
  for (const auto& s : sealed) {
    auto value = cipher.Decrypt(s);
    if (!value) throw std::runtime_error("a stored identifier does not open with this PII key");
    out.push_back(std::move(*value));
  }
  return out;
}

}  // namespace carehub
