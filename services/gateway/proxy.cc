#include "services/gateway/proxy.h"

#include <grpcpp/generic/generic_stub.h>

#include <mutex>

#include "common/ids.h"
#include "common/log.h"
#include "common/rpc.h"

namespace carehub::gateway {
namespace {

std::string Metadata(const grpc::GenericCallbackServerContext& ctx, const char* key) {
  auto it = ctx.client_metadata().find(key);
  return it == ctx.client_metadata().end() ? std::string() : std::string(it->second.data(), it->second.size());
}

// A caller's request id is kept when it is a sane token; otherwise the gateway makes one.
bool IsSaneRequestId(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' || c == ':')) return false;
  }
  return true;
}

// One forwarded call: the server side faces the caller, the client side faces the backend.
// Each message is read on one side and then written on the other before the next read, so a
// buffer is never used by two operations at once. The object deletes itself once both sides
// are done.
class ProxyCall final : public grpc::ServerGenericBidiReactor {
 public:
  ProxyCall(Proxy* proxy, grpc::GenericCallbackServerContext* ctx)
      : proxy_(proxy), ctx_(ctx), method_(ctx->method()), start_(std::chrono::steady_clock::now()) {
    request_id_ = Metadata(*ctx, kRequestIdHeader);
    if (!IsSaneRequestId(request_id_)) request_id_ = NewId("rq");
    ctx_->AddInitialMetadata(kRequestIdHeader, request_id_);

    auto principal = proxy_->keys().Authenticate(Metadata(*ctx, "x-api-key"));
    if (!principal) {
      FinishEarly(grpc::Status(grpc::StatusCode::UNAUTHENTICATED, "x-api-key: missing or not a valid API key"));
      return;
    }
    subject_ = principal->subject;
    auto channel = proxy_->router().ChannelFor(method_);
    if (!channel) {
      FinishEarly(grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "no CareHub service serves " + method_));
      return;
    }
    principal->request_id = request_id_;
    auto signed_principal = SignPrincipal(*principal, proxy_->internal_key(), std::chrono::system_clock::now());
    client_ctx_.AddMetadata(kPrincipalHeader, signed_principal.payload);
    client_ctx_.AddMetadata(kPrincipalSignatureHeader, signed_principal.signature);
    client_ctx_.AddMetadata(kRequestIdHeader, request_id_);
    auto deadline = ctx_->deadline();
    auto fallback = std::chrono::system_clock::now() + proxy_->options().default_deadline;
    client_ctx_.set_deadline(deadline == std::chrono::system_clock::time_point::max() ? fallback : deadline);

    std::lock_guard lock(mu_);  // reactions may start on other threads before we return
    backend_ = std::make_unique<Backend>(this);
    grpc::GenericStub stub(channel);
    stub.PrepareBidiStreamingCall(&client_ctx_, method_, grpc::StubOptions(), backend_.get());
    backend_->StartRead(&from_backend_);
    backend_->StartCall();
    StartRead(&from_caller_);
  }

  // Caller → gateway.
  void OnReadDone(bool ok) override {
    std::lock_guard lock(mu_);
    if (backend_done_) return;
    if (ok) backend_->StartWrite(&from_caller_);
    else backend_->StartWritesDone();
  }
  // Gateway → caller.
  void OnWriteDone(bool ok) override {
    std::lock_guard lock(mu_);
    if (backend_done_) return;
    if (ok) backend_->StartRead(&from_backend_);
    else client_ctx_.TryCancel();
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
    void OnReadDone(bool ok) override {
      if (ok) call_->ToCaller();  // a half-closed stream ends in OnDone with the status
    }
    void OnWriteDone(bool ok) override {
      if (ok) call_->NextFromCaller();
    }
    void OnDone(const grpc::Status& s) override { call_->BackendDone(s); }

   private:
    ProxyCall* call_;
  };

  void ToCaller() {
    std::lock_guard lock(mu_);
    if (!finished_) StartWrite(&from_backend_);
  }
  void NextFromCaller() {
    std::lock_guard lock(mu_);
    if (!finished_) StartRead(&from_caller_);
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
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const char* code = StatusCodeName(s.error_code());
    if (proxy_->metrics()) proxy_->metrics()->ObserveRpc(method_, code, seconds);
    log::Info("rpc", {{"method", method_},
                      {"status", code},
                      {"latency_ms", seconds * 1000.0},
                      {"request_id", request_id_},
                      {"principal", subject_}});
  }

  Proxy* proxy_;
  grpc::GenericCallbackServerContext* ctx_;
  const std::string method_;  // the client call keeps a pointer to it: it must outlive the call
  const std::chrono::steady_clock::time_point start_;
  std::string request_id_;
  std::string subject_;
  grpc::ClientContext client_ctx_;
  std::unique_ptr<Backend> backend_;
  grpc::ByteBuffer from_caller_;
  grpc::ByteBuffer from_backend_;
  // Recursive: gRPC may run a reaction inline on the thread that started the operation.
  std::recursive_mutex mu_;
  bool finished_ = false;
  bool backend_done_ = false;
  bool server_done_ = false;
};

}  // namespace

Proxy::Proxy(ApiKeyStore keys, Router router, std::string internal_key, Metrics* metrics, ProxyOptions options)
    : keys_(std::move(keys)),
      router_(std::move(router)),
      internal_key_(std::move(internal_key)),
      metrics_(metrics),
      options_(options) {}

grpc::ServerGenericBidiReactor* Proxy::CreateReactor(grpc::GenericCallbackServerContext* ctx) {
  return new ProxyCall(this, ctx);
}

}  // namespace carehub::gateway
