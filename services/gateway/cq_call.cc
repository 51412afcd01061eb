#include "services/gateway/cq_call.h"

namespace carehub::gateway {

QueuedCall::QueuedCall(grpc::AsyncGenericService* service, grpc::ServerCompletionQueue* cq, const HandlerChooser* choose)
    : service_(service), cq_(cq), choose_(choose), stream_(&ctx_) {
  for (size_t i = 0; i < tags_.size(); ++i) tags_[i] = {this, static_cast<Op>(i)};
}

void QueuedCall::Await(grpc::AsyncGenericService* service, grpc::ServerCompletionQueue* cq, const HandlerChooser* choose) {
  auto* call = new QueuedCall(service, cq, choose);
  // Asked for before the call is requested, as gRPC requires; its tag comes only once the call
  // has been accepted, so it is counted then.
  call->ctx_.AsyncNotifyWhenDone(&call->tags_[static_cast<size_t>(Op::kDone)]);
  service->RequestCall(&call->ctx_, &call->stream_, cq, cq, call->Tag(Op::kAccepted));
}

void* QueuedCall::Tag(Op op) {
  ++in_flight_;
  return &tags_[static_cast<size_t>(op)];
}

void QueuedCall::Complete(void* tag, bool ok) {
  auto* op = static_cast<OpTag*>(tag);
  QueuedCall* call = op->call;
  std::unique_lock lock(call->mu_);
  --call->in_flight_;
  switch (op->op) {
    case Op::kAccepted:
      if (!ok) break;  // the server is shutting down: no call, and no kDone to wait for
      ++call->in_flight_;  // kDone
      Await(call->service_, call->cq_, call->choose_);  // the next call is awaited at once
      call->handler_ = (*call->choose_)(call->ctx_.method());
      call->handler_->call_ = call;
      call->handler_->Start();
      break;
    case Op::kDone:
      // IsCancelled() is only valid now that kDone has completed.
      call->cancelled_ = call->ctx_.IsCancelled();
      if (call->cancelled_) call->handler_->Cancelled();
      break;
    default:
      call->handler_->Step(op->op, ok);
  }
  bool last = call->in_flight_ == 0;
  lock.unlock();
  if (last) delete call;
}

}  // namespace carehub::gateway
