#pragma once
// The form's sources over gRPC: each service's summary RPC called as the caller, through a
// ServiceClient (the caller's remaining deadline, bounded retries on UNAVAILABLE).
#include "common/backend.h"
#include "services/reports/app/sources.h"

namespace carehub::reports {

// Registry (SummarizeRegistry), funds (SummarizeFunds), volunteers (SummarizeVolunteers) and care
// (SummarizeCare, on the volunteers service), in catalogue order.
Sources GrpcSources(const BackendRuntime& rt);

}  // namespace carehub::reports
