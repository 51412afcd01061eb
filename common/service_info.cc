#include "common/service_info.h"

namespace carehub {

void FillServiceInfo(const BackendRuntime& runtime, const Caller& caller, common::v1::ServiceInfo* out) {
  out->set_service(runtime.env.service);
  out->set_version(CAREHUB_VERSION);
  out->set_schema_version(runtime.schema_version);
  out->set_database_backend(runtime.db ? db::BackendName(runtime.db->backend()) : "none");
  auto* c = out->mutable_caller();
  c->set_subject(caller.subject);
  for (const auto& r : caller.roles) c->add_roles(r);
  c->set_division_prefix(caller.reach);
  c->set_request_id(caller.trace_id);
}

}  // namespace carehub

namespace carehub {

grpc::Status ServiceInfoRpc(grpc::ServerContext* ctx, const BackendRuntime& runtime, std::string_view service_full_name,
                            common::v1::ServiceInfo* out) {
  std::string method = "/" + std::string(service_full_name) + "/GetServiceInfo";
  return RunRpc(ctx, method, runtime.env, [&](const Caller& caller) {
    FillServiceInfo(runtime, caller, out);
    return grpc::Status::OK;
  });
}

}  // namespace carehub
