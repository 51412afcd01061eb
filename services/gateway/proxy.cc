#include "services/gateway/proxy.h"

#include "services/gateway/access_log.h"
#include "services/gateway/wire_check.h"

#include <grpcpp/alarm.h>
#include <grpcpp/generic/generic_stub.h>

#include <google/protobuf/descriptor.h>


#include "common/ids.h"
#include "common/log.h"
#include "common/rpc.h"
#include "common/server.h"
#include "common/service_client.h"

namespace carehub::gateway {
namespace {

std::string Metadata(const grpc::ServerContextBase& ctx, const char* key) {
  auto it = ctx.client_metadata().find(key);
  return it == ctx.client_metadata().end() ? std::string() : std::string(it->second.data(), it->second.size());
}

// The subject of the client certificate the handshake verified ("" without one). gRPC reports
// a certificate only when it verified against --client-ca-file.
std::string CertificateSubject(const grpc::ServerContextBase& ctx) {
  auto auth = ctx.auth_context();
  if (!auth) return "";
  auto subject = auth->FindPropertyValues(GRPC_X509_SUBJECT_PROPERTY_NAME);
  return subject.empty() ? "" : std::string(subject.front().data(), subject.front().size());
}

// What both call shapes share: the caller's identity announced, the admission, the backend's
// context, the access-log figures and the Finish that writes the log line.
class Forwarded : public CallHandler {
 protected:
  Forwarded(Proxy& proxy, const std::string& method) : proxy_(proxy), method_(method) {}

  // Names the call to the caller before anything else is answered (request id and trace id),
  // then admits it and readies client_ctx_. Returns the backend's channel, or nullptr after
  // finishing the call with the refusal (and retry information in the trailers).
  std::shared_ptr<grpc::Channel> Admit() {
    auto& ctx = call().ctx();
    identity_ = IdentifyCall(Metadata(ctx, kRequestIdHeader), Metadata(ctx, kTraceparentHeader));
    ctx.AddInitialMetadata(kRequestIdHeader, identity_.request_id);
    ctx.AddInitialMetadata(kTraceIdHeader, identity_.trace.trace_id);
    size_t header_bytes = 0;
    for (const auto& [key, value] : ctx.client_metadata()) header_bytes += key.size() + value.size();
    if (header_bytes > static_cast<size_t>(kMaxCallMetadataBytes)) {
      Finish(grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                          "metadata: over " + std::to_string(kMaxCallMetadataBytes / 1024) + " KiB of headers"));
      return nullptr;
    }
    Credentials presented{Metadata(ctx, "x-api-key"), Metadata(ctx, "authorization")};
    if (presented.api_key.empty() && presented.authorization.empty()) {
      presented.certificate_subject = CertificateSubject(ctx);
    }
    Admission admission = proxy_.gate().Admit(presented, method_);
    subject_ = admission.principal.subject;
    if (!admission.status.ok()) {
      if (admission.retry_after) {
        ctx.AddTrailingMetadata("retry-after-ms", std::to_string(admission.retry_after->count()));
      }
      Finish(admission.status);
      return nullptr;
    }
    proxy_.PrepareBackendCall(client_ctx_, std::move(admission.principal), identity_, ctx.deadline());
    return admission.channel;
  }

  void Finish(const grpc::Status& s) {
    LogAccess(s);
    call().Finish(s);
  }

  // The call's line in the access log (and its metrics), written as its answer goes.
  void LogAccess(const grpc::Status& s) {
    WriteAccess(proxy_.metrics(), {method_, "grpc", s, start_, identity_, subject_, bytes_in_, bytes_out_});
  }

  Proxy& proxy_;
  const std::string method_;  // the backend call keeps a pointer to it: it must outlive the call
  const std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  CallIdentity identity_;
  std::string subject_;
  grpc::ClientContext client_ctx_;
  size_t bytes_in_ = 0;   // message bytes from the caller
  size_t bytes_out_ = 0;  // message bytes to the caller
};

// A unary call: admitted on its headers alone, then its one message is read and forwarded as one
// backend unary call, whose answer is written with the status in one operation.
class UnaryForward final : public Forwarded {
 public:
  UnaryForward(Proxy& proxy, const std::string& method) : Forwarded(proxy, method) {}

  void Start() override {
    channel_ = Admit();
    if (channel_) call().stream().Read(&request_, call().Tag(Op::kRead));
  }

  void Step(Op op, bool ok) override {
    switch (op) {
      case Op::kRead:
        if (!ok) {  // the caller went away, or half-closed without a message
          Finish(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "request: no message was sent"));
          return;
        }
        bytes_in_ = request_.Length();
        backend_ = grpc::GenericStub(channel_).PrepareUnaryCall(&client_ctx_, method_, request_, call().cq());
        backend_->StartCall();
        backend_->Finish(&response_, &status_, call().Tag(Op::kBackendFinish));
        return;
      case Op::kBackendFinish:
        if (status_.error_code() == grpc::StatusCode::INTERNAL && status_.error_message().empty()) {
          status_ = WhyUnparsable(status_);
        }
        if (!status_.ok()) {
          Finish(status_);
          return;
        }
        bytes_out_ = response_.Length();
        LogAccess(status_);
        call().FinishWith(response_);
        return;
      default:
        return;
    }
  }

  void Cancelled() override { client_ctx_.TryCancel(); }  // also when the backend call has not started

 private:
  // The backend could not parse the request: INVALID_ARGUMENT naming the field when a string in
  // it is not UTF-8, else the backend's own status.
  grpc::Status WhyUnparsable(const grpc::Status& backend) {
    const auto* md = LinkedMethod(method_);
    if (!md) return backend;
    auto field = FirstNonUtf8Field(*md->input_type(), BytesOf(request_));
    return field ? grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, *field + ": is not valid UTF-8") : backend;
  }

  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<grpc::GenericClientAsyncResponseReader> backend_;
  grpc::ByteBuffer request_, response_;
  grpc::Status status_;
};

// A streaming call (or one no schema declares), forwarded message by message both ways. Each
// direction has one operation in flight at a time: a message is read on one side, then written
// on the other, before the next read, so a buffer is never used by two operations at once.
//
// A caller's stream that ends is half-closed toward the backend only when the caller ended it:
// one that was cancelled or ran out of time is cancelled toward the backend, never half-closed,
// for a half-close tells the backend the stream ended whole (an import would store what it got).
// gRPC reports the cancellation (kDone) on this queue in the same poll as the failed read it
// caused, but IsCancelled() is valid only once kDone is popped: so the verdict waits a timer of
// a millisecond, behind whatever that poll completed (a half-close costs the backend 1 ms).
class StreamForward final : public Forwarded {
 public:
  StreamForward(Proxy& proxy, const std::string& method) : Forwarded(proxy, method) {}

  void Start() override {
    auto channel = Admit();
    if (!channel) return;
    backend_ = grpc::GenericStub(channel).PrepareCall(&client_ctx_, method_, call().cq());
    backend_->StartCall(call().Tag(Op::kBackendStart));
    backend_->Read(&from_backend_, call().Tag(Op::kBackendRead));
    forwarding_to_backend_ = true;
  }

  void Step(Op op, bool ok) override {
    switch (op) {
      case Op::kBackendStart:  // the backend call's first operation shares its write slot: read only now
        if (ok) {
          call().stream().Read(&from_caller_, call().Tag(Op::kRead));
        } else {
          forwarding_to_backend_ = false;  // the backend's status follows
        }
        return;
      case Op::kRead:  // caller → gateway: forward the message, or judge the stream's end
        if (!forwarding_to_backend_) return;
        if (ok) {
          bytes_in_ += from_caller_.Length();
          backend_->Write(from_caller_, call().Tag(Op::kBackendWrite));
        } else {
          end_check_.Set(call().cq(), std::chrono::system_clock::now() + std::chrono::milliseconds(1),
                         call().Tag(Op::kWake));
        }
        return;
      case Op::kWake:
        if (!forwarding_to_backend_) return;
        forwarding_to_backend_ = false;
        if (call().cancelled() || std::chrono::system_clock::now() >= call().ctx().deadline()) {
          client_ctx_.TryCancel();
        } else {
          backend_->WritesDone(call().Tag(Op::kBackendWritesDone));
        }
        return;
      case Op::kBackendWrite:  // gateway → backend done: read the caller's next message
        if (!forwarding_to_backend_) return;
        if (ok) {
          call().stream().Read(&from_caller_, call().Tag(Op::kRead));
        } else {
          forwarding_to_backend_ = false;  // the backend's stream has ended; its status follows
        }
        return;
      case Op::kBackendRead:  // backend → gateway: forward the message, or fetch the backend's status
        if (ok) {
          bytes_out_ += from_backend_.Length();
          call().stream().Write(from_backend_, call().Tag(Op::kWrite));
        } else {
          backend_->Finish(&status_, call().Tag(Op::kBackendFinish));
        }
        return;
      case Op::kWrite:  // gateway → caller done: ask the backend for the next message
        if (!ok) client_ctx_.TryCancel();  // the caller is gone; the read below ends at once
        backend_->Read(&from_backend_, call().Tag(Op::kBackendRead));
        return;
      case Op::kBackendFinish:
        forwarding_to_backend_ = false;
        Finish(status_);
        return;
      default:  // kBackendWritesDone, kFinish: nothing follows from them
        return;
    }
  }

  void Cancelled() override { client_ctx_.TryCancel(); }

 private:
  std::unique_ptr<grpc::GenericClientAsyncReaderWriter> backend_;
  grpc::ByteBuffer from_caller_, from_backend_;
  grpc::Status status_;
  grpc::Alarm end_check_;
  bool forwarding_to_backend_ = false;  // the caller → backend direction is still open
};

}  // namespace

CallIdentity IdentifyCall(const std::string& sent_request_id, std::string_view sent_traceparent) {
  bool sane = !sent_request_id.empty() && sent_request_id.size() <= 64;
  for (char c : sent_request_id) {
    sane = sane && (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' || c == ':');
  }
  return {sane ? sent_request_id : NewId("rq"), TraceContext::ContinueOrStart(sent_traceparent)};
}

}  // namespace carehub::gateway

namespace carehub {
const void* const* LinkSchemas_carehub_proto();  // generated: see cmake/CareHubProto.cmake
}

namespace carehub::gateway {

Proxy::Proxy(std::shared_ptr<const Policy> policy, Router router, std::string internal_key, Metrics* metrics,
             ProxyOptions options)
    : router_(std::move(router)),
      internal_key_(std::move(internal_key)),
      metrics_(metrics),
      options_(options),
      gate_(std::move(policy), router_, options.rate_limits) {
  (void)LinkSchemas_carehub_proto();  // method shapes are read from the generated schemas
}

void Proxy::PrepareBackendCall(grpc::ClientContext& ctx, Principal principal, const CallIdentity& identity,
                               std::chrono::system_clock::time_point caller_deadline) const {
  principal.trace_id = identity.request_id;
  AttachPrincipal(ctx, principal, internal_key_);
  ctx.AddMetadata(kTraceparentHeader, identity.trace.Traceparent());
  // The caller's deadline travels on; none gets the default, and a longer one than the cap is
  // cut so no call can pin a backend for ever.
  auto now = std::chrono::system_clock::now();
  if (caller_deadline == std::chrono::system_clock::time_point::max()) {
    caller_deadline = now + options_.default_deadline;
  }
  ctx.set_deadline(std::min(caller_deadline, now + options_.max_deadline));
}

std::unique_ptr<CallHandler> Proxy::Forward(const std::string& method) {
  const auto* md = LinkedMethod(method);
  if (md && !md->client_streaming() && !md->server_streaming()) return std::make_unique<UnaryForward>(*this, method);
  return std::make_unique<StreamForward>(*this, method);
}

}  // namespace carehub::gateway
