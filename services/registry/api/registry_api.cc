// The registry's RPCs that serve every person, and the service's own.
#include "services/registry/api/registry_api.h"

#include "common/audit.h"
#include "common/service_info.h"
#include "common/text.h"
#include "services/registry/api/api_helpers.h"
#include "services/registry/store/person_rows.h"

namespace carehub::registry {

using namespace api;

RegistryApi::RegistryApi(BackendRuntime runtime, const std::string& pii_master_key)
    : runtime_(std::move(runtime)),
      cipher_(pii_master_key),
      children_(runtime_.Db(), cipher_),
      women_(runtime_.Db(), cipher_) {}

grpc::Status RegistryApi::Run(grpc::ServerContext* ctx, const char* method,
                              const std::function<void(const Caller&)>& handler) {
  return RunRpc(ctx, std::string("/") + v1::RegistryService::service_full_name() + "/" + method, runtime_.env,
                [&](const Caller& c) {
                  handler(c);
                  return grpc::Status::OK;
                });
}

grpc::Status RegistryApi::ListStatusHistory(grpc::ServerContext* ctx, const v1::ListStatusHistoryRequest* req,
                                            v1::ListStatusHistoryResponse* resp) {
  return Run(ctx, "ListStatusHistory", [&](const Caller& c) {
    RequireRead(c);
    const std::string& id = req->person_id();
    bool woman = IsValidId(id, "wm");
    if (!woman && !IsValidId(id, "ch")) ThrowInvalid("person_id", "is not a child (ch_…) or woman (wm_…) id");
    if (woman ? !women_.Get(c, id) : !children_.Get(c, id)) {
      Throw(ErrorCode::kNotFound, "person_id", woman ? "no such woman" : "no such child");
    }
    runtime_.Db().Read([&](db::Tx& tx) {
      resp->clear_changes();
      for (const auto& h : store::History(tx, id)) ToProto(h, resp->add_changes());
    });
  });
}

grpc::Status RegistryApi::GetBeneficiary(grpc::ServerContext* ctx, const v1::GetBeneficiaryRequest* req,
                                         v1::Beneficiary* resp) {
  return Run(ctx, "GetBeneficiary", [&](const Caller& c) {
    RequireRead(c);
    if (IsValidId(req->id(), "wm")) {
      auto woman = women_.Get(c, req->id());
      if (!woman) Throw(ErrorCode::kNotFound, "id", "no such beneficiary");
      resp->set_kind(v1::BENEFICIARY_KIND_WOMAN);
      for (int h : HardshipList(woman->hardship_mask)) resp->add_categories(HardshipName(h));
      if (woman->cancer_patient) resp->add_categories("cancer_patient");
      resp->set_sex(v1::SEX_FEMALE);
      resp->set_active(woman->status == PersonStatus::kActive);
      resp->set_id(woman->id), resp->set_division_code(woman->division_code);
      resp->set_birth_date(FormatDate(woman->birth_date));
      return;
    }
    CheckId(req->id(), "ch", "id", "a beneficiary id (ch_… or wm_…)");
    auto child = children_.Get(c, req->id());
    if (!child) Throw(ErrorCode::kNotFound, "id", "no such beneficiary");
    resp->set_kind(v1::BENEFICIARY_KIND_CHILD);
    resp->add_categories(child->category == ChildCategory::kLeftBehind ? "left_behind" : "in_difficulty");
    resp->set_sex(static_cast<v1::Sex>(child->sex));
    resp->set_active(child->status == PersonStatus::kActive);
    resp->set_id(child->id), resp->set_division_code(child->division_code);
    resp->set_birth_date(FormatDate(child->birth_date));
  });
}

grpc::Status RegistryApi::ListAuditEvents(grpc::ServerContext* ctx, const common::v1::ListAuditEventsRequest* req,
                                          common::v1::ListAuditEventsResponse* resp) {
  return Run(ctx, "ListAuditEvents", [&](const Caller& c) {
    RequireAuditRead(c);
    for (const auto* f : {&req->record_id(), &req->actor(), &req->action()}) {
      if (f->size() > 200 || !text::IsValidUtf8(*f))
        ThrowInvalid("", "filters must be valid text of at most 200 bytes");
    }
    AuditQuery q{c.reach, req->record_id(), req->actor(), req->action(), "", 0};
    int page_size = ResolvePageSize(req->page_size());
    std::string filters = FilterKey({"audit", q.record_id, q.actor, q.action, c.reach});
    q.after_id = DecodePageToken(req->page_token(), filters);
    q.limit = page_size + 1;
    auto events = ListAudit(runtime_.Db(), q);
    resp->set_next_page_token(NextPageToken(events, page_size, filters, [](const AuditEvent& e) { return e.id; }));
    for (const auto& e : events) {
      auto* out = resp->add_events();
      out->set_id(e.id);
      out->set_occurred_at(e.occurred_at);
      out->set_actor(e.actor);
      out->set_request_id(e.request_id);
      out->set_action(e.action);
      out->set_record_type(e.record_type);
      out->set_record_id(e.record_id);
      out->set_division_code(e.division_code);
      out->set_before_json(e.before_json);
      out->set_after_json(e.after_json);
    }
  });
}

grpc::Status RegistryApi::GetServiceInfo(grpc::ServerContext* ctx, const common::v1::GetServiceInfoRequest*,
                                         common::v1::ServiceInfo* resp) {
  return ServiceInfoRpc(ctx, runtime_, v1::RegistryService::service_full_name(), resp);
}

}  // namespace carehub::registry
