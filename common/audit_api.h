#pragma once
// ListAuditEvents, the same on every backend that keeps an audit trail: the filters checked,
// reach applied, keyset pages. The service checks who may read it first.
#include "carehub/common/v1/service_info.pb.h"
#include "common/caller.h"
#include "common/db/database.h"

namespace carehub {

void AnswerAuditEvents(db::Database& db, const Caller& caller, const common::v1::ListAuditEventsRequest& req,
                       common::v1::ListAuditEventsResponse* resp);

}  // namespace carehub
