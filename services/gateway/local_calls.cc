#include "services/gateway/local_calls.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor.pb.h>
#include <grpcpp/alarm.h>

#include <mutex>
#include <optional>
#include <set>

#include "services/gateway/wire_check.h"

namespace carehub::gateway {
namespace {

using grpc::health::v1::HealthCheckRequest;
using grpc::health::v1::HealthCheckResponse;

// Reads the one request message a health call starts with; false (and the call finished) when
// it is missing or not a HealthCheckRequest.
class HealthCall : public CallHandler {
 protected:
  void Start() override { call().stream().Read(&in_, call().Tag(Op::kRead)); }
  bool TakeRequest(bool ok) {
    if (ok && request_.ParseFromString(BytesOf(in_))) return true;
    call().Finish(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "request: not a HealthCheckRequest"));
    return false;
  }
  grpc::ByteBuffer in_;
  HealthCheckRequest request_;
};

class Check final : public HealthCall {
 public:
  explicit Check(const HealthBoard& health) : health_(health) {}
  void Step(Op op, bool ok) override {
    if (op != Op::kRead || !TakeRequest(ok)) return;
    HealthCheckResponse resp;
    auto status = CheckHealth(health_, request_.service(), &resp);
    if (!status.ok()) {
      call().Finish(status);
      return;
    }
    out_ = BufferOf(resp.SerializeAsString());
    call().FinishWith(out_);
  }

 private:
  const HealthBoard& health_;
  grpc::ByteBuffer out_;
};

// Waits on a timer between sends: a change on the board cancels it, so it fires at once; without
// one it fires after a second and the status is looked at again anyway.
class Watch final : public HealthCall {
 public:
  explicit Watch(HealthBoard& health) : health_(health) {}
  ~Watch() override {
    if (subscription_) health_.Unsubscribe(*subscription_);
  }

  void Step(Op op, bool ok) override {
    switch (op) {
      case Op::kRead:
        if (!TakeRequest(ok)) return;
        subscription_ = health_.Subscribe([this] { Poke(); });
        SendIfChanged();
        return;
      case Op::kWrite:
        if (ok && !ended_) SendIfChanged();  // a failed write: the call is gone, kDone follows
        return;
      case Op::kWake:
        {
          std::lock_guard lock(mu_);
          armed_ = false;
        }
        if (!ended_) SendIfChanged();
        return;
      default:
        return;
    }
  }

  void Cancelled() override {
    ended_ = true;
    if (subscription_) health_.Unsubscribe(*subscription_);  // no Poke runs after this
    subscription_.reset();
    std::lock_guard lock(mu_);
    if (armed_) alarm_.Cancel();
  }

 private:
  void SendIfChanged() {
    auto now = health_.Read(request_.service());
    if (now.status != sent_) {
      sent_ = now.status;
      HealthCheckResponse resp;
      resp.set_status(now.status);
      out_ = BufferOf(resp.SerializeAsString());
      call().stream().Write(out_, call().Tag(Op::kWrite));
      return;
    }
    std::lock_guard lock(mu_);
    if (poked_) {  // a change came while sending: look again at once
      poked_ = false;
      alarm_.Set(call().cq(), std::chrono::system_clock::now(), call().Tag(Op::kWake));
    } else {
      alarm_.Set(call().cq(), std::chrono::system_clock::now() + std::chrono::seconds(1), call().Tag(Op::kWake));
    }
    armed_ = true;
  }

  // On the thread that changed the board.
  void Poke() {
    std::lock_guard lock(mu_);
    if (armed_) {
      alarm_.Cancel();  // its tag comes at once
    } else {
      poked_ = true;
    }
  }

  HealthBoard& health_;
  std::optional<int> subscription_;
  std::optional<HealthBoard::Status> sent_;  // nothing yet: the first status always goes
  grpc::ByteBuffer out_;
  grpc::Alarm alarm_;
  std::mutex mu_;       // armed_ and poked_, shared with Poke
  bool armed_ = false;  // the timer is set and its tag not yet back
  bool poked_ = false;  // a change came while no timer was set
  bool ended_ = false;
};

class Reflection final : public CallHandler {
 public:
  explicit Reflection(const std::vector<std::string>& services) : services_(services) {}
  void Start() override { call().stream().Read(&in_, call().Tag(Op::kRead)); }
  void Step(Op op, bool ok) override {
    if (op == Op::kWrite) {
      if (ok) call().stream().Read(&in_, call().Tag(Op::kRead));
      return;
    }
    if (op != Op::kRead) return;
    if (!ok) {  // the caller has asked all it wanted
      call().Finish(grpc::Status::OK);
      return;
    }
    v1::ServerReflectionRequest request;
    if (!request.ParseFromString(BytesOf(in_))) {
      call().Finish(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "request: not a ServerReflectionRequest"));
      return;
    }
    out_ = BufferOf(AnswerReflection(services_, request).SerializeAsString());
    call().stream().Write(out_, call().Tag(Op::kWrite));
  }

 private:
  const std::vector<std::string>& services_;
  grpc::ByteBuffer in_, out_;
};

// Adds `file` and, before it, every file it imports that this answer does not hold yet.
void AddFile(const google::protobuf::FileDescriptor* file, std::set<std::string>& added,
             v1::FileDescriptorResponse* out) {
  if (!added.insert(file->name()).second) return;
  for (int i = 0; i < file->dependency_count(); ++i) AddFile(file->dependency(i), added, out);
  google::protobuf::FileDescriptorProto proto;
  file->CopyTo(&proto);
  out->add_file_descriptor_proto(proto.SerializeAsString());
}

void SetError(v1::ServerReflectionResponse& resp, grpc::StatusCode code, const std::string& message) {
  resp.mutable_error_response()->set_error_code(code);
  resp.mutable_error_response()->set_error_message(message);
}

}  // namespace

std::unique_ptr<CallHandler> HealthCheckCall(const HealthBoard& health) { return std::make_unique<Check>(health); }
std::unique_ptr<CallHandler> HealthWatchCall(HealthBoard& health) { return std::make_unique<Watch>(health); }
std::unique_ptr<CallHandler> ReflectionCall(const std::vector<std::string>& services) {
  return std::make_unique<Reflection>(services);
}

v1::ServerReflectionResponse AnswerReflection(const std::vector<std::string>& services,
                                              const v1::ServerReflectionRequest& request) {
  using R = v1::ServerReflectionRequest;
  const auto* pool = google::protobuf::DescriptorPool::generated_pool();
  v1::ServerReflectionResponse resp;
  resp.set_valid_host(request.host());
  *resp.mutable_original_request() = request;
  const google::protobuf::FileDescriptor* file = nullptr;
  std::string asked;
  switch (request.message_request_case()) {
    case R::kListServices: {
      auto* list = resp.mutable_list_services_response();
      for (const auto& name : services) list->add_service()->set_name(name);
      for (const char* own : {"grpc.health.v1.Health", "grpc.reflection.v1alpha.ServerReflection",
                              "grpc.reflection.v1.ServerReflection"}) {
        list->add_service()->set_name(own);
      }
      return resp;
    }
    case R::kFileByFilename:
      asked = "file " + request.file_by_filename();
      file = pool->FindFileByName(request.file_by_filename());
      break;
    case R::kFileContainingSymbol:
      asked = "symbol " + request.file_containing_symbol();
      file = pool->FindFileContainingSymbol(request.file_containing_symbol());
      break;
    case R::kFileContainingExtension: {
      const auto& ext = request.file_containing_extension();
      asked = "extension " + std::to_string(ext.extension_number()) + " of " + ext.containing_type();
      if (const auto* type = pool->FindMessageTypeByName(ext.containing_type())) {
        if (const auto* field = pool->FindExtensionByNumber(type, ext.extension_number())) file = field->file();
      }
      break;
    }
    case R::kAllExtensionNumbersOfType: {
      const auto* type = pool->FindMessageTypeByName(request.all_extension_numbers_of_type());
      if (!type) {
        SetError(resp, grpc::StatusCode::NOT_FOUND, "type " + request.all_extension_numbers_of_type() + ": not found");
        return resp;
      }
      std::vector<const google::protobuf::FieldDescriptor*> extensions;
      pool->FindAllExtensions(type, &extensions);
      auto* numbers = resp.mutable_all_extension_numbers_response();
      numbers->set_base_type_name(type->full_name());
      for (const auto* e : extensions) numbers->add_extension_number(e->number());
      return resp;
    }
    case R::MESSAGE_REQUEST_NOT_SET:
      SetError(resp, grpc::StatusCode::INVALID_ARGUMENT, "message_request: nothing was asked");
      return resp;
  }
  if (!file) {
    SetError(resp, grpc::StatusCode::NOT_FOUND, asked + ": not found");
    return resp;
  }
  std::set<std::string> added;
  AddFile(file, added, resp.mutable_file_descriptor_response());
  return resp;
}

}  // namespace carehub::gateway
