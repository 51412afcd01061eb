#include "services/gateway/listing.h"

#include <google/protobuf/descriptor.h>
#include <grpcpp/impl/codegen/server_callback_handlers.h>
#include <grpcpp/impl/rpc_method.h>
#include <grpcpp/impl/service_type.h>

namespace carehub {
const char* const* SchemaFiles_carehub_proto();  // generated: see cmake/CareHubProto.cmake
}

namespace carehub::gateway {
namespace {

// Registers "/<service>/CareHubGatewayListing" under the routed service's name: answered
// UNIMPLEMENTED, it only makes gRPC's reflection list the service.
class Listing final : public grpc::Service {
 public:
  explicit Listing(const std::string& service) : method_("/" + service + "/CareHubGatewayListing") {
    AddMethod(new grpc::internal::RpcServiceMethod(method_.c_str(), grpc::internal::RpcMethod::NORMAL_RPC, nullptr));
    MarkMethodCallback(0, new grpc::internal::CallbackUnaryHandler<grpc::ByteBuffer, grpc::ByteBuffer>(
                              [](grpc::CallbackServerContext* ctx, const grpc::ByteBuffer*, grpc::ByteBuffer*) {
                                auto* reactor = ctx->DefaultReactor();
                                reactor->Finish(grpc::Status(grpc::StatusCode::UNIMPLEMENTED,
                                                             "a listing entry for server reflection, not a method"));
                                return reactor;
                              }));
  }

 private:
  std::string method_;  // gRPC keeps a pointer to the name
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

std::vector<std::unique_ptr<grpc::Service>> ListingServices(const Router& router) {
  std::vector<std::unique_ptr<grpc::Service>> out;
  for (const auto& name : RoutedServices(router)) out.push_back(std::make_unique<Listing>(name));
  return out;
}

}  // namespace carehub::gateway
