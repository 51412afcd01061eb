// The registry's RPCs that serve every person, and the service's own.
#include "services/registry/api/registry_api.h"

#include "common/audit_api.h"
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
  return ServeRpc(ctx, v1::RegistryService::service_full_name(), method, runtime_.env, handler);
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
    resp->set_risk_level(static_cast<v1::RiskLevel>(child->risk_level));
  });
}

grpc::Status RegistryApi::ListPersonChanges(grpc::ServerContext* ctx, const v1::ListPersonChangesRequest* req,
                                            v1::ListPersonChangesResponse* resp) {
  return Run(ctx, "ListPersonChanges", [&](const Caller& c) {
    RequireChangeFeed(c);
    if (req->after_seq() < 0) ThrowInvalid("after_seq", "must not be negative");
    if (req->page_size() < 0 || req->page_size() > 1000) ThrowInvalid("page_size", "must be 0 to 1000");
    std::vector<PersonChange> changes;
    runtime_.Db().Read([&](db::Tx& tx) {
      changes = store::ChangesAfter(tx, req->after_seq(), c.reach, req->page_size() ? req->page_size() : 100);
    });
    resp->set_last_seq(changes.empty() ? req->after_seq() : changes.back().seq);
    for (const auto& ch : changes) {
      auto* out = resp->add_changes();
      out->set_seq(ch.seq);
      out->set_person_id(ch.person_id);
      out->set_person_type(ch.person_type);
      out->set_division_code(ch.division_code);
      out->set_field(ch.field);
      out->set_status(static_cast<v1::ChildStatus>(ch.status));
      out->set_value(ch.value);
      out->set_changed_at(ch.changed_at);
    }
  });
}

grpc::Status RegistryApi::ListAuditEvents(grpc::ServerContext* ctx, const common::v1::ListAuditEventsRequest* req,
                                          common::v1::ListAuditEventsResponse* resp) {
  return Run(ctx, "ListAuditEvents", [&](const Caller& c) {
    RequireAuditRead(c);
    AnswerAuditEvents(runtime_.Db(), c, *req, resp);
  });
}

grpc::Status RegistryApi::GetServiceInfo(grpc::ServerContext* ctx, const common::v1::GetServiceInfoRequest*,
                                         common::v1::ServiceInfo* resp) {
  return ServiceInfoRpc(ctx, runtime_, v1::RegistryService::service_full_name(), resp);
}

}  // namespace carehub::registry
