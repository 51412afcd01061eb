// The registry's RPCs that serve every person, and the service's own.
#include "services/registry/api/registry_api.h"

#include "common/audit_api.h"
#include "common/instant.h"
#include "common/reach.h"
#include "common/service_info.h"
#include "common/text.h"
#include "services/registry/api/api_helpers.h"
#include "services/registry/store/person_rows.h"
#include "services/registry/store/summary_rows.h"

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

namespace {

// What another service may know of a person: never an identifier (see GetBeneficiary).
void ToBeneficiary(const WomanRecord& woman, v1::Beneficiary* out) {
  out->set_kind(v1::BENEFICIARY_KIND_WOMAN);
  for (int h : HardshipList(woman.hardship_mask)) out->add_categories(HardshipName(h));
  if (woman.cancer_patient) out->add_categories("cancer_patient");
  out->set_sex(v1::SEX_FEMALE);
  out->set_active(woman.status == PersonStatus::kActive);
  out->set_id(woman.id), out->set_division_code(woman.division_code);
  out->set_birth_date(FormatDate(woman.birth_date));
}

void ToBeneficiary(const ChildRecord& child, v1::Beneficiary* out) {
  out->set_kind(v1::BENEFICIARY_KIND_CHILD);
  out->add_categories(child.category == ChildCategory::kLeftBehind ? "left_behind" : "in_difficulty");
  out->set_sex(static_cast<v1::Sex>(child.sex));
  out->set_active(child.status == PersonStatus::kActive);
  out->set_id(child.id), out->set_division_code(child.division_code);
  out->set_birth_date(FormatDate(child.birth_date));
  out->set_risk_level(static_cast<v1::RiskLevel>(child.risk_level));
}

// Pages of one table under `prefix` written to the stream as they are read; false when the
// caller went away (nothing more is read for it).
template <typename Record>
bool StreamPeople(db::Database& db, const db::RecordTable<Record>& table, const Caller& c,
                  const v1::StreamBeneficiariesRequest& req, grpc::ServerContext* ctx,
                  grpc::ServerWriter<v1::Beneficiary>* writer) {
  constexpr int kPage = 1000;
  db::KeysetCursor after;
  if (!req.after().empty()) {
    try {
      after = db::KeysetCursor::Decode(req.after());
    } catch (const DomainError&) {
      ThrowInvalid("after", "is not a position from this stream (<division_code>/<id>)");
    }
  }
  v1::Beneficiary b;
  for (;;) {
    db::PageQuery q{"", after, kPage, {}};
    if (req.active_only()) q.filter.Equals("status", int64_t{static_cast<int>(PersonStatus::kActive)});
    auto page = table.ListNarrowed(db, c.reach, req.division_prefix(), q);
    for (const auto& r : page) {
      if (ctx->IsCancelled()) return false;
      b.Clear();
      ToBeneficiary(r, &b);
      if (!writer->Write(b)) return false;
    }
    if (static_cast<int>(page.size()) < kPage) return true;
    after = {page.back().division_code, page.back().id};
  }
}

}  // namespace

grpc::Status RegistryApi::GetBeneficiary(grpc::ServerContext* ctx, const v1::GetBeneficiaryRequest* req,
                                         v1::Beneficiary* resp) {
  return Run(ctx, "GetBeneficiary", [&](const Caller& c) {
    RequireRead(c);
    if (IsValidId(req->id(), "wm")) {
      auto woman = women_.Get(c, req->id());
      if (!woman) Throw(ErrorCode::kNotFound, "id", "no such beneficiary");
      ToBeneficiary(*woman, resp);
      return;
    }
    CheckId(req->id(), "ch", "id", "a beneficiary id (ch_… or wm_…)");
    auto child = children_.Get(c, req->id());
    if (!child) Throw(ErrorCode::kNotFound, "id", "no such beneficiary");
    ToBeneficiary(*child, resp);
  });
}

grpc::Status RegistryApi::SummarizeRegistry(grpc::ServerContext* ctx, const v1::SummarizeRegistryRequest* req,
                                            v1::RegistrySummary* resp) {
  return Run(ctx, "SummarizeRegistry", [&](const Caller& c) {
    RequireRead(c);
    CheckDivisionFilter(req->division_prefix());
    CheckDateRange(req->from(), req->to(), true);
    store::SummaryQuery q{"", ChinaDayStartUtc("from", req->from(), 0), ChinaDayStartUtc("to", req->to(), 1),
                          req->from(), req->to()};
    auto prefix = NarrowReach(c.reach, req->division_prefix());
    if (!prefix) Throw(ErrorCode::kPermissionDenied, "division_prefix", "lies outside the caller's reach");
    q.prefix = *prefix;
    store::RegistryFigures f;
    runtime_.Db().Read([&](db::Tx& tx) { f = store::Summarize(tx, q, NextLevelLength(q.prefix.size())); });
    resp->set_children_left_behind(f.children_left_behind);
    resp->set_children_in_difficulty(f.children_in_difficulty);
    resp->set_children_entered(f.children_entered);
    resp->set_children_exited(f.children_exited);
    resp->set_women_active(f.women_active);
    resp->set_women_entered(f.women_entered);
    resp->set_women_exited(f.women_exited);
    resp->set_screenings(f.screenings);
    resp->set_screenings_confirmed(f.screenings_confirmed);
    resp->set_cancer_patients(f.cancer_patients);
    for (const auto& d : f.next_level) resp->add_next_level_divisions(d);
    for (const auto& [reason, count] : f.children_exited_by_reason) {
      auto* e = resp->add_children_exited_by_reason();
      e->set_reason(static_cast<v1::ExitReason>(reason));
      e->set_count(count);
    }
    for (const auto& [reason, count] : f.women_exited_by_reason) {
      auto* e = resp->add_women_exited_by_reason();
      e->set_reason(static_cast<v1::ExitReason>(reason));
      e->set_count(count);
    }
  });
}

grpc::Status RegistryApi::StreamBeneficiaries(grpc::ServerContext* ctx, const v1::StreamBeneficiariesRequest* req,
                                              grpc::ServerWriter<v1::Beneficiary>* writer) {
  return Run(ctx, "StreamBeneficiaries", [&](const Caller& c) {
    RequireRead(c);
    CheckDivisionFilter(req->division_prefix());
    if (req->kind() == v1::BENEFICIARY_KIND_WOMAN) {
      StreamPeople(runtime_.Db(), store::Women(), c, *req, ctx, writer);
    } else if (req->kind() == v1::BENEFICIARY_KIND_CHILD) {
      StreamPeople(runtime_.Db(), store::Children(), c, *req, ctx, writer);
    } else {
      ThrowInvalid("kind", "must be BENEFICIARY_KIND_CHILD or BENEFICIARY_KIND_WOMAN");
    }
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
