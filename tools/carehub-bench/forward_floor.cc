#include "tools/carehub-bench/forward_floor.h"

#include <grpcpp/generic/async_generic_service.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <memory>
#include <stdexcept>
#include <thread>
#include <vector>

#include "common/principal.h"

namespace carehub::bench {
namespace {

// One forwarded call, driven by the tags of its own queue: requested, request read, backend
// answered, answer written. The queue's one thread runs every step, so no lock is needed.
class ForwardCall {
 public:
  ForwardCall(grpc::AsyncGenericService* service, grpc::ServerCompletionQueue* cq,
              const std::shared_ptr<grpc::Channel>& backend)
      : service_(service), cq_(cq), backend_(backend), stub_(backend), stream_(&ctx_) {
    service_->RequestCall(&ctx_, &stream_, cq_, cq_, this);
  }

  void Proceed(bool ok) {
    switch (step_) {
      case Step::kRequested:
        if (!ok) {  // the server is shutting down
          delete this;
          return;
        }
        new ForwardCall(service_, cq_, backend_);  // the next call is awaited at once
        step_ = Step::kReading;
        stream_.Read(&request_, this);
        return;
      case Step::kReading:
        if (!ok) {
          step_ = Step::kFinishing;
          stream_.Finish(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "no request message"), this);
          return;
        }
        for (const char* key : {kPrincipalHeader, kPrincipalSignatureHeader, kRequestIdHeader}) {
          auto it = ctx_.client_metadata().find(key);
          if (it != ctx_.client_metadata().end()) {
            backend_ctx_.AddMetadata(key, std::string(it->second.data(), it->second.size()));
          }
        }
        backend_ctx_.set_deadline(ctx_.deadline());
        call_ = stub_.PrepareUnaryCall(&backend_ctx_, ctx_.method(), request_, cq_);
        call_->StartCall();
        step_ = Step::kCalling;
        call_->Finish(&response_, &status_, this);
        return;
      case Step::kCalling:
        step_ = Step::kFinishing;
        if (status_.ok()) {
          stream_.WriteAndFinish(response_, grpc::WriteOptions(), grpc::Status::OK, this);
        } else {
          stream_.Finish(status_, this);
        }
        return;
      case Step::kFinishing:
        delete this;
        return;
    }
  }

 private:
  enum class Step { kRequested, kReading, kCalling, kFinishing };
  grpc::AsyncGenericService* service_;
  grpc::ServerCompletionQueue* cq_;
  std::shared_ptr<grpc::Channel> backend_;
  grpc::GenericStub stub_;
  grpc::GenericServerContext ctx_;
  grpc::GenericServerAsyncReaderWriter stream_;
  grpc::ClientContext backend_ctx_;
  std::unique_ptr<grpc::GenericClientAsyncResponseReader> call_;
  grpc::ByteBuffer request_, response_;
  grpc::Status status_;
  Step step_ = Step::kRequested;
};

}  // namespace

int ServeForwardFloor(const std::string& listen, const std::string& backend, int threads) {
  auto channel = grpc::CreateChannel(backend, grpc::InsecureChannelCredentials());
  grpc::AsyncGenericService service;
  grpc::ServerBuilder builder;
  builder.AddListeningPort(listen, grpc::InsecureServerCredentials());
  builder.RegisterAsyncGenericService(&service);
  std::vector<std::unique_ptr<grpc::ServerCompletionQueue>> queues;
  for (int i = 0; i < threads; ++i) queues.push_back(builder.AddCompletionQueue());
  auto server = builder.BuildAndStart();
  if (!server) throw std::runtime_error("cannot listen on " + listen);
  std::vector<std::thread> workers;
  for (auto& cq : queues) {
    workers.emplace_back([&service, &channel, q = cq.get()] {
      for (int i = 0; i < 16; ++i) new ForwardCall(&service, q, channel);
      void* tag = nullptr;
      bool ok = false;
      while (q->Next(&tag, &ok)) static_cast<ForwardCall*>(tag)->Proceed(ok);
    });
  }
  for (auto& w : workers) w.join();
  return 0;
}

}  // namespace carehub::bench
