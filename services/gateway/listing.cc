#include "services/gateway/listing.h"

#include <google/protobuf/descriptor.h>

namespace carehub {
const char* const* SchemaFiles_carehub_proto();  // generated: see cmake/CareHubProto.cmake
}

namespace carehub::gateway {

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

}  // namespace carehub::gateway
