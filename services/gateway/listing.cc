#include "services/gateway/listing.h"

#include <google/protobuf/descriptor.h>
#include <grpcpp/impl/codegen/server_callback_handlers.h>
#include <grpcpp/impl/rpc_method.h>

namespace carehub {
const char* const* SchemaFiles_carehub_proto();  // generated: see cmake/CareHubProto.cmake
}

namespace carehub::gateway {
namespace {

class Routed final : public grpc::Service {
 public:
  Routed(Proxy& proxy, const google::protobuf::ServiceDescriptor& service) {
    // gRPC keeps pointers to the names: they live in `names_`, which never reallocates.
    names_.reserve(static_cast<size_t>(service.method_count()));
    int index = 0;
    for (int i = 0; i < service.method_count(); ++i) {
      const auto* m = service.method(i);
      if (m->client_streaming() || m->server_streaming()) continue;  // the generic proxy streams it
      names_.push_back("/" + service.full_name() + "/" + m->name());
      const std::string& name = names_.back();
      AddMethod(new grpc::internal::RpcServiceMethod(name.c_str(), grpc::internal::RpcMethod::NORMAL_RPC, nullptr));
      MarkMethodRawCallback(index++, new grpc::internal::CallbackUnaryHandler<grpc::ByteBuffer, grpc::ByteBuffer>(
                                         [&proxy, &name](grpc::CallbackServerContext* ctx,
                                                         const grpc::ByteBuffer* request, grpc::ByteBuffer* response) {
                                           return proxy.ForwardUnary(ctx, name, request, response);
                                         }));
    }
  }

 private:
  std::vector<std::string> names_;
};

}  // namespace

std::vector<std::string> RoutedServices(const Router& router) {
  std::vector<std::string> out;
  const auto* pool = google::protobuf::DescriptorPool::generated_pool();
  for (const char* const* name = SchemaFiles_carehub_proto(); *name; ++name) {
    const auto* file = pool->FindFileByName(*name);
    for (int i = 0; file && i < file->service_count(); ++i) {
      const auto* service = file->service(i);
      if (service->method_count() > 0 &&
          router.ChannelFor("/" + service->full_name() + "/" + service->method(0)->name())) {
        out.push_back(service->full_name());
      }
    }
  }
  return out;
}

std::vector<std::unique_ptr<grpc::Service>> RoutedServiceHandlers(Proxy& proxy,
                                                                  const std::vector<std::string>& services) {
  std::vector<std::unique_ptr<grpc::Service>> out;
  const auto* pool = google::protobuf::DescriptorPool::generated_pool();
  for (const auto& name : services) {
    if (const auto* service = pool->FindServiceByName(name)) out.push_back(std::make_unique<Routed>(proxy, *service));
  }
  return out;
}

std::vector<grpc::Service*> Registered(const std::vector<std::unique_ptr<grpc::Service>>& services) {
  std::vector<grpc::Service*> out;
  for (const auto& s : services) out.push_back(s.get());
  return out;
}

}  // namespace carehub::gateway
