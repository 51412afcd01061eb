#include "common/audit_api.h"

#include "common/audit.h"
#include "common/errors.h"
#include "common/paging.h"
#include "common/text.h"

namespace carehub {

void AnswerAuditEvents(db::Database& db, const Caller& caller, const common::v1::ListAuditEventsRequest& req,
                       common::v1::ListAuditEventsResponse* resp) {
  for (const auto* f : {&req.record_id(), &req.actor(), &req.action()}) {
    if (f->size() > 200 || !text::IsValidUtf8(*f)) ThrowInvalid("", "filters must be valid text of at most 200 bytes");
  }
  AuditQuery q{caller.reach, req.record_id(), req.actor(), req.action(), "", 0};
  int page_size = ResolvePageSize(req.page_size());
  std::string filters = FilterKey({"audit", q.record_id, q.actor, q.action, caller.reach, caller.subject});
  q.after_id = DecodePageToken(req.page_token(), filters);
  q.limit = page_size + 1;
  auto events = ListAudit(db, q);
  resp->set_next_page_token(NextPageToken(events, page_size, filters, [](const AuditEvent& e) { return e.id; }));
  for (const auto& e : events) {
    auto* out = resp->add_events();
    out->set_id(e.id);
    out->set_occurred_at(e.occurred_at);
    out->set_actor(e.actor);
    out->set_request_id(e.request_id);
    out->set_action(e.action);
    out->set_record_type(e.record_type);
    out->set_record_id(e.record_id);
    out->set_division_code(e.division_code);
    out->set_before_json(e.before_json);
    out->set_after_json(e.after_json);
  }
}

}  // namespace carehub
