#pragma once
// One call on the gateway's server, driven by completion-queue tags. Every operation of a call
// (its server side, the backend call it makes, its timers) completes on the queue that accepted
// it; whichever of the queue's threads pops a completion runs the call's next step, under the
// call's own lock, so a handler sees one step at a time and takes no locks of its own.
#include <grpcpp/generic/async_generic_service.h>

#include <array>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

namespace carehub::gateway {

// What a call was doing when one of its operations completed. At most one of each is in flight.
enum class Op : int {
  kAccepted,
  kDone,   // the call ended: finished, or cancelled by the caller or its deadline
  kRead,   // a message from the caller
  kWrite,  // a message to the caller
  kFinish,
  kBackendStart,
  kBackendRead,
  kBackendWrite,
  kBackendWritesDone,
  kBackendFinish,
  kWake,  // a timer of the handler's
  kCount
};

class QueuedCall;

// What the gateway does with one accepted call: forward it, or answer health or reflection.
// Every path must end in a Finish (or in the caller's cancellation), or the call is never freed.
class CallHandler {
 public:
  virtual ~CallHandler() = default;
  virtual void Start() = 0;
  virtual void Step(Op op, bool ok) = 0;
  // The caller cancelled or ran out of time; operations still in flight complete as usual.
  virtual void Cancelled() {}

 protected:
  QueuedCall& call() { return *call_; }

 private:
  friend class QueuedCall;
  QueuedCall* call_ = nullptr;
};

// Chooses the handler for a call by its full method name.
using HandlerChooser = std::function<std::unique_ptr<CallHandler>(const std::string& method)>;

class QueuedCall {
 public:
  // Awaits the next call on `cq`; once accepted it gets the handler `choose` picks.
  static void Await(grpc::AsyncGenericService* service, grpc::ServerCompletionQueue* cq,
                    const HandlerChooser* choose);
  // Runs the operation behind `tag` (popped from a queue) to its next step.
  static void Complete(void* tag, bool ok);

  grpc::GenericServerContext& ctx() { return ctx_; }
  grpc::GenericServerAsyncReaderWriter& stream() { return stream_; }
  grpc::ServerCompletionQueue* cq() const { return cq_; }
  // The tag to start `op` with; the call stays alive until it completes.
  void* Tag(Op op);
  // Ends the call with `status` (kFinish follows).
  void Finish(const grpc::Status& status) { stream_.Finish(status, Tag(Op::kFinish)); }
  // Ends the call with its one answer, `message` (kept alive by the caller until kFinish), and OK.
  void FinishWith(const grpc::ByteBuffer& message) {
    stream_.WriteAndFinish(message, grpc::WriteOptions(), grpc::Status::OK, Tag(Op::kFinish));
  }
  // True once the call ended by cancellation (known when kDone has completed).
  bool cancelled() const { return cancelled_; }

 private:
  struct OpTag {
    QueuedCall* call;
    Op op;
  };
  QueuedCall(grpc::AsyncGenericService* service, grpc::ServerCompletionQueue* cq, const HandlerChooser* choose);

  grpc::AsyncGenericService* service_;
  grpc::ServerCompletionQueue* cq_;
  const HandlerChooser* choose_;
  grpc::GenericServerContext ctx_;
  grpc::GenericServerAsyncReaderWriter stream_;
  std::array<OpTag, static_cast<size_t>(Op::kCount)> tags_;
  std::mutex mu_;  // one step of the call at a time, whichever thread popped it
  int in_flight_ = 0;
  bool cancelled_ = false;
  std::unique_ptr<CallHandler> handler_;
};

}  // namespace carehub::gateway
