#include "common/service_client.h"

#include <thread>

#include "common/log.h"

namespace carehub {

void AttachPrincipal(grpc::ClientContext& ctx, const Principal& principal, std::string_view internal_key) {
  auto s = SignPrincipal(principal, internal_key, std::chrono::system_clock::now());
  ctx.AddMetadata(kPrincipalHeader, s.payload);
  ctx.AddMetadata(kPrincipalSignatureHeader, s.signature);
  ctx.AddMetadata(kRequestIdHeader, principal.trace_id);
}

ServiceClient::ServiceClient(std::string self, std::shared_ptr<grpc::Channel> channel, std::string internal_key,
                             RetryPolicy retry)
    : self_(std::move(self)), channel_(std::move(channel)), internal_key_(std::move(internal_key)), retry_(retry) {}

grpc::Status ServiceClient::Call(const Caller& caller,
                                 const std::function<grpc::Status(grpc::ClientContext&)>& attempt) const {
  using clock = std::chrono::system_clock;
  const auto deadline =
      caller.deadline == clock::time_point::max() ? clock::now() + retry_.default_deadline : caller.deadline;
  Principal principal = caller.AsPrincipal();
  principal.on_behalf_of = self_;
  // The callee's span is a child of the caller's (or of the job's running on this thread).
  const TraceContext* trace = caller.trace.valid() ? &caller.trace : CurrentTrace();
  auto backoff = retry_.backoff;
  grpc::Status status;
  for (int n = 1;; ++n) {
    grpc::ClientContext ctx;
    AttachPrincipal(ctx, principal, internal_key_);
    if (trace && trace->valid()) ctx.AddMetadata(kTraceparentHeader, trace->Traceparent());
    ctx.set_deadline(deadline);
    status = attempt(ctx);
    if (status.error_code() != grpc::StatusCode::UNAVAILABLE || n >= retry_.max_attempts) break;
    // No retry that could not finish in time: the caller gets UNAVAILABLE while it can still act.
    if (clock::now() + backoff >= deadline) break;
    log::Warn("peer unavailable; retrying", {{"attempt", n}, {"request_id", caller.trace_id}});
    std::this_thread::sleep_for(backoff);
    backoff *= 2;
  }
  return status;
}

}  // namespace carehub
