#include "services/gateway/proxy.h"

#include "services/gateway/access_log.h"
#include "services/gateway/wire_check.h"

#include <grpcpp/generic/generic_stub.h>

#include <google/protobuf/descriptor.h>

#include <mutex>

#include "common/ids.h"
#include "common/log.h"
#include "common/rpc.h"
#include "common/server.h"
#include "common/service_client.h"

namespace carehub::gateway {
namespace {

std::string Metadata(const grpc::CallbackServerContext& ctx, const char* key) {
  auto it = ctx.client_metadata().find(key);
  return it == ctx.client_metadata().end() ? std::string() : std::string(it->second.data(), it->second.size());
}

// The subject of the client certificate the handshake verified ("" without one). gRPC reports
// a certificate only when it verified against --client-ca-file.
std::string CertificateSubject(const grpc::CallbackServerContext& ctx) {
  auto auth = ctx.auth_context();
  if (!auth) return "";
  auto subject = auth->FindPropertyValues(GRPC_X509_SUBJECT_PROPERTY_NAME);
  return subject.empty() ? "" : std::string(subject.front().data(), subject.front().size());
}

// Who a forwarded call is: its method, its identity in the logs and the admitted subject.
struct CallIds {
  const std::string method;  // the client call keeps a pointer to it: it must outlive the call
  CallIdentity identity;
  std::string subject;
};

// Names the call to the caller before anything else is answered: the request id and trace id.
template <class Context>
void IdentifyAndAnnounce(Context* ctx, CallIds& ids) {
  ids.identity = IdentifyCall(Metadata(*ctx, kRequestIdHeader), Metadata(*ctx, kTraceparentHeader));
  ctx->AddInitialMetadata(kRequestIdHeader, ids.identity.request_id);
  ctx->AddInitialMetadata(kTraceIdHeader, ids.identity.trace.trace_id);
}

// Admits a call and readies `client_ctx` for its backend. Returns the backend's channel, or
// nullptr with `*refusal` set (and retry information added to the trailers) when refused.
std::shared_ptr<grpc::Channel> AdmitAndPrepare(Proxy* proxy, grpc::CallbackServerContext* ctx, CallIds& ids,
                                               grpc::ClientContext& client_ctx, grpc::Status* refusal) {
  size_t header_bytes = 0;
  for (const auto& [key, value] : ctx->client_metadata()) header_bytes += key.size() + value.size();
  if (header_bytes > static_cast<size_t>(kMaxCallMetadataBytes)) {
    *refusal = grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                            "metadata: over " + std::to_string(kMaxCallMetadataBytes / 1024) + " KiB of headers");
    return nullptr;
  }
  Credentials presented{Metadata(*ctx, "x-api-key"), Metadata(*ctx, "authorization")};
  if (presented.api_key.empty() && presented.authorization.empty()) {
    presented.certificate_subject = CertificateSubject(*ctx);
  }
  Admission admission = proxy->gate().Admit(presented, ids.method);
  ids.subject = admission.principal.subject;
  if (!admission.status.ok()) {
    if (admission.retry_after) {
      ctx->AddTrailingMetadata("retry-after-ms", std::to_string(admission.retry_after->count()));
    }
    *refusal = admission.status;
    return nullptr;
  }
  proxy->PrepareBackendCall(client_ctx, std::move(admission.principal), ids.identity, ctx->deadline());
  return admission.channel;
}

// A unary call: registered as a raw callback method (listing.cc), so gRPC hands over the
// request message with the call and no read is started; forwarded as one backend unary call
// whose answer is written straight into the caller's response buffer.
class UnaryProxyCall final : public grpc::ServerUnaryReactor {
 public:
  UnaryProxyCall(Proxy* proxy, grpc::CallbackServerContext* ctx, const std::string& method,
                 const grpc::ByteBuffer* request, grpc::ByteBuffer* response)
      : proxy_(proxy),
        ids_{method, {}, ""},
        start_(std::chrono::steady_clock::now()),
        request_(request),
        response_(response) {
    IdentifyAndAnnounce(ctx, ids_);
    grpc::Status refusal;
    auto channel = AdmitAndPrepare(proxy_, ctx, ids_, client_ctx_, &refusal);
    if (!channel) {
      Done(refusal);
      return;
    }
    bytes_in_ = request_->Length();
    grpc::GenericStub stub(channel);
    stub.UnaryCall(&client_ctx_, ids_.method, grpc::StubOptions(), request_, response_, [this](grpc::Status s) {
      if (s.error_code() == grpc::StatusCode::INTERNAL && s.error_message().empty()) s = WhyUnparsable(s);
      if (s.ok()) bytes_out_ = response_->Length();
      Done(s);
    });
  }
  void OnCancel() override { client_ctx_.TryCancel(); }
  void OnDone() override { delete this; }

 private:
  // The backend could not parse the request: INVALID_ARGUMENT naming the field when a string in
  // it is not UTF-8, else the backend's own status.
  grpc::Status WhyUnparsable(const grpc::Status& backend) {
    const auto* md = LinkedMethod(ids_.method);
    if (!md) return backend;
    auto field = FirstNonUtf8Field(*md->input_type(), BytesOf(*request_));
    return field ? grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, *field + ": is not valid UTF-8") : backend;
  }

  void Done(const grpc::Status& s) {
    WriteAccess(proxy_->metrics(),
                {ids_.method, "grpc", s, start_, ids_.identity, ids_.subject, bytes_in_, bytes_out_});
    Finish(s);  // last touch of `this`: OnDone may run at once on another thread
  }

  Proxy* proxy_;
  CallIds ids_;
  const std::chrono::steady_clock::time_point start_;
  grpc::ClientContext client_ctx_;
  const grpc::ByteBuffer* request_;
  grpc::ByteBuffer* response_;
  size_t bytes_in_ = 0;
  size_t bytes_out_ = 0;
};

// One forwarded call: the server side faces the caller, the client side faces the backend.
// Each message is read on one side and then written on the other before the next read, so a
// buffer is never used by two operations at once.
//
// The backend call holds two holds, one per direction. gRPC destroys a client call as soon as
// its last operation completes, even while the other side could still forward to it; a hold
// keeps it alive until the direction it guards is finished with, and no operation is started
// on a direction after its hold is released. The object deletes itself once both sides are done.
class ProxyCall final : public grpc::ServerGenericBidiReactor {
 public:
  ProxyCall(Proxy* proxy, grpc::GenericCallbackServerContext* ctx)
      : proxy_(proxy), ctx_(ctx), ids_{ctx->method(), {}, ""}, start_(std::chrono::steady_clock::now()) {
    IdentifyAndAnnounce(ctx_, ids_);

    grpc::Status refusal;
    auto channel = AdmitAndPrepare(proxy_, ctx_, ids_, client_ctx_, &refusal);
    if (!channel) {
      FinishEarly(refusal);
      return;
    }

    std::lock_guard lock(mu_);  // reactions may start on other threads before we return
    backend_ = std::make_unique<Backend>(this);
    grpc::GenericStub stub(channel);
    stub.PrepareBidiStreamingCall(&client_ctx_, ids_.method, grpc::StubOptions(), backend_.get());
    backend_->AddMultipleHolds(2);
    writes_open_ = reads_open_ = true;
    backend_->StartRead(&from_backend_);
    backend_->StartCall();
    StartRead(&from_caller_);
  }

  // Caller → gateway: forward the message, or the caller's half-close.
  void OnReadDone(bool ok) override {
    std::lock_guard lock(mu_);
    if (!writes_open_) return;
    if (ok) {
      bytes_in_ += from_caller_.Length();
      backend_->StartWrite(&from_caller_);
    } else if (ctx_->IsCancelled() || std::chrono::system_clock::now() >= ctx_->deadline()) {
      // A caller that went away or ran out of time is cancelled toward the backend, never
      // half-closed: a half-close would tell the backend the stream ended whole.
      client_ctx_.TryCancel();
      CloseWrites();
    } else {
      backend_->StartWritesDone();
      CloseWrites();
    }
  }
  // Gateway → caller done: ask the backend for the next message.
  void OnWriteDone(bool ok) override {
    std::lock_guard lock(mu_);
    if (!reads_open_) return;
    if (ok) {
      backend_->StartRead(&from_backend_);
    } else {
      client_ctx_.TryCancel();  // the caller is gone
      CloseReads();
    }
  }
  void OnCancel() override {
    std::lock_guard lock(mu_);
    if (backend_ && !backend_done_) client_ctx_.TryCancel();
  }
  void OnDone() override {
    bool last;
    {
      std::lock_guard lock(mu_);
      server_done_ = true;
      last = !backend_ || backend_done_;
    }
    if (last) delete this;
  }

 private:
  class Backend final : public grpc::ClientBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer> {
   public:
    explicit Backend(ProxyCall* call) : call_(call) {}
    void OnReadDone(bool ok) override { call_->FromBackend(ok); }
    void OnWriteDone(bool ok) override { call_->WroteToBackend(ok); }
    void OnDone(const grpc::Status& s) override { call_->BackendDone(s); }

   private:
    ProxyCall* call_;
  };

  void FromBackend(bool ok) {
    std::lock_guard lock(mu_);
    if (!reads_open_) return;
    if (ok && !finished_) {
      bytes_out_ += from_backend_.Length();
      StartWrite(&from_backend_);
      return;
    }
    // The backend's stream has ended (its status follows in OnDone): nothing more goes either way.
    CloseReads();
    CloseWrites();
  }

  void WroteToBackend(bool ok) {
    std::lock_guard lock(mu_);
    if (!writes_open_) return;
    if (ok && !finished_) {
      StartRead(&from_caller_);
    } else {
      CloseWrites();
    }
  }

  void CloseWrites() {
    if (writes_open_) {
      writes_open_ = false;
      backend_->RemoveHold();
    }
  }
  void CloseReads() {
    if (reads_open_) {
      reads_open_ = false;
      backend_->RemoveHold();
    }
  }

  void BackendDone(const grpc::Status& s) {
    bool last;
    {
      std::lock_guard lock(mu_);
      backend_done_ = true;
      if (!finished_) {
        finished_ = true;
        Log(s);
        Finish(s);
      }
      last = server_done_;
    }
    if (last) delete this;
  }

  void FinishEarly(const grpc::Status& s) {
    std::lock_guard lock(mu_);
    finished_ = true;
    Log(s);
    Finish(s);
  }

  void Log(const grpc::Status& s) {
    WriteAccess(proxy_->metrics(),
                {ids_.method, "grpc", s, start_, ids_.identity, ids_.subject, bytes_in_, bytes_out_});
  }

  Proxy* proxy_;
  grpc::GenericCallbackServerContext* ctx_;
  CallIds ids_;
  const std::chrono::steady_clock::time_point start_;
  std::unique_ptr<Backend> backend_;
  grpc::ClientContext client_ctx_;
  grpc::ByteBuffer from_caller_;
  grpc::ByteBuffer from_backend_;
  // Recursive: gRPC may run a reaction inline on the thread that started the operation.
  std::recursive_mutex mu_;
  bool writes_open_ = false;  // caller → backend direction still forwarding (its hold held)
  bool reads_open_ = false;   // backend → caller direction still forwarding (its hold held)
  bool finished_ = false;
  size_t bytes_in_ = 0;   // message bytes from the caller
  size_t bytes_out_ = 0;  // message bytes to the caller
  bool backend_done_ = false;
  bool server_done_ = false;
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

grpc::ServerGenericBidiReactor* Proxy::CreateReactor(grpc::GenericCallbackServerContext* ctx) {
  return new ProxyCall(this, ctx);
}

grpc::ServerUnaryReactor* Proxy::ForwardUnary(grpc::CallbackServerContext* ctx, const std::string& method,
                                              const grpc::ByteBuffer* request, grpc::ByteBuffer* response) {
  return new UnaryProxyCall(this, ctx, method, request, response);
}

}  // namespace carehub::gateway
