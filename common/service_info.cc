#include "common/service_info.h"

namespace carehub {

void FillServiceInfo(const BackendRuntime& runtime, const Principal& caller, common::v1::ServiceInfo* out) {
  out->set_service(runtime.env.service);
  out->set_version(CAREHUB_VERSION);
  out->set_schema_version(runtime.schema_version);
  out->set_database_backend(db::BackendName(runtime.db.backend()));
  auto* c = out->mutable_caller();
  c->set_subject(caller.subject);
  for (const auto& r : caller.roles) c->add_roles(r);
  c->set_division_prefix(caller.division_prefix);
  c->set_request_id(caller.request_id);
}

}  // namespace carehub
