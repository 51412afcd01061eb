#include "services/registry/registry_service.h"

#include <set>

#include "common/audit.h"
#include "common/ids.h"
#include "common/paging.h"
#include "common/proto_util.h"
#include "common/reach.h"
#include "common/service_info.h"
#include "common/text.h"
#include "services/registry/service_helpers.h"

namespace carehub::registry {
namespace {

using rpc::kPrefix;

// `revealed`: the opened identifiers for callers holding `pii` (already audited), else masked.
void ToProto(const ChildRecord& r, v1::Child* c, const ChildStore::Revealed* revealed = nullptr) {
  c->set_id(r.id);
  c->set_name(r.name);
  c->set_sex(static_cast<v1::Sex>(r.sex));
  c->set_birth_date(r.birth_date);
  c->set_resident_id_number(revealed ? revealed->resident_id_number : r.id_number_masked);
  c->set_division_code(r.division_code);
  c->set_category(static_cast<v1::ChildCategory>(r.category));
  auto* g = c->mutable_guardian();
  g->set_name(r.guardian_name);
  g->set_relation(static_cast<v1::GuardianRelation>(r.guardian_relation));
  g->set_mobile(revealed ? revealed->mobile : r.guardian_mobile_masked);
  c->set_created_at(r.created_at);
  c->set_created_by(r.created_by);
  c->set_status(static_cast<v1::ChildStatus>(r.status));
  c->set_exit_reason(static_cast<v1::ExitReason>(r.exit_reason));
  c->set_version(r.version);
  g->set_able_to_care(r.guardian_able_to_care);
  c->set_address(r.address);
  c->set_school(r.school);
  for (int h : r.hardship_reasons) c->add_hardship_reasons(static_cast<v1::HardshipReason>(h));
  c->mutable_father()->set_location(static_cast<v1::ParentLocation>(r.father_location));
  c->mutable_father()->set_place(r.father_place);
  c->mutable_mother()->set_location(static_cast<v1::ParentLocation>(r.mother_location));
  c->mutable_mother()->set_place(r.mother_place);
  c->set_risk_level(static_cast<v1::RiskLevel>(r.risk_level));
  c->set_notes(r.notes);
}

std::string RenderChild(const ChildRecord& r) {
  v1::Child c;
  ToProto(r, &c);
  return c.SerializeAsString();
}

void RequireWrite(const Principal& p) {
  if (!CanRegisterChildren(p)) {
    throw DomainError(ErrorCode::kPermissionDenied, "", "the caller's roles may not change children");
  }
}

void CheckChildId(const std::string& id, const char* field = "id") {
  if (!IsValidId(id, "ch")) throw DomainError(ErrorCode::kInvalidArgument, field, "is not a child id (ch_…)");
}

}  // namespace

ChildApplication ApplicationFromProto(const v1::Child& c) {
  ChildApplication a;
  a.name = c.name();
  a.sex = c.sex();
  a.birth_date = c.birth_date();
  a.resident_id_number = c.resident_id_number();
  a.division_code = c.division_code();
  a.category = c.category();
  a.guardian_name = c.guardian().name();
  a.guardian_relation = c.guardian().relation();
  a.guardian_mobile = c.guardian().mobile();
  a.guardian_able_to_care = c.guardian().able_to_care();
  a.address = c.address();
  a.school = c.school();
  for (int h : c.hardship_reasons()) a.hardship_reasons.push_back(h);
  a.father_location = c.father().location();
  a.father_place = c.father().place();
  a.mother_location = c.mother().location();
  a.mother_place = c.mother().place();
  a.risk_level = c.risk_level();
  a.notes = c.notes();
  return a;
}

namespace {

void RequireRead(const Principal& p) {
  if (!CanReadChildren(p)) throw DomainError(ErrorCode::kPermissionDenied, "", "the caller's roles may not read children");
}

}  // namespace

RegistryServiceImpl::RegistryServiceImpl(BackendRuntime runtime, std::string pii_master_key)
    : runtime_(runtime), cipher_(pii_master_key), children_(runtime_.db, cipher_), women_(runtime_.db, cipher_) {}

grpc::Status RegistryServiceImpl::CreateChild(grpc::ServerContext* ctx, const v1::CreateChildRequest* req,
                                              v1::Child* resp) {
  return RunRpc(ctx, std::string(kPrefix) + "CreateChild", runtime_.env, [&](const Principal& p) {
    if (!CanRegisterChildren(p)) {
      throw DomainError(ErrorCode::kPermissionDenied, "", "the caller's roles may not register children");
    }
    CheckRequestId(req->request_id());
    if (!req->has_child()) throw DomainError(ErrorCode::kInvalidArgument, "child", "is required");
    ValidChild child = ValidateChild(ApplicationFromProto(req->child()), TodayInChina());
    if (!InReach(p.division_prefix, child.division_code)) {
      throw DomainError(ErrorCode::kPermissionDenied, "child.division_code", "lies outside the caller's reach");
    }
    IdempotencyKey key{p.subject, req->request_id(), "CreateChild", RequestFingerprint(*req)};
    std::string answer = children_.Create(child, p.subject, p.request_id, key, RenderChild);
    if (!resp->ParseFromString(answer)) throw std::runtime_error("stored answer does not parse");
    return grpc::Status::OK;
  });
}

grpc::Status RegistryServiceImpl::GetChild(grpc::ServerContext* ctx, const v1::GetChildRequest* req, v1::Child* resp) {
  return RunRpc(ctx, std::string(kPrefix) + "GetChild", runtime_.env, [&](const Principal& p) {
    RequireRead(p);
    CheckChildId(req->id());
    auto child = children_.Get(req->id(), p.division_prefix);
    // Outside the caller's reach a child is as absent as one never registered.
    if (!child) throw DomainError(ErrorCode::kNotFound, "id", "no such child");
    if (p.HasRole("pii")) {
      auto revealed = children_.Reveal({*child}, p.subject, p.request_id);
      ToProto(*child, resp, &revealed[0]);
    } else {
      ToProto(*child, resp);
    }
    return grpc::Status::OK;
  });
}

grpc::Status RegistryServiceImpl::ListChildren(grpc::ServerContext* ctx, const v1::ListChildrenRequest* req,
                                               v1::ListChildrenResponse* resp) {
  return RunRpc(ctx, std::string(kPrefix) + "ListChildren", runtime_.env, [&](const Principal& p) {
    RequireRead(p);
    int page_size = ResolvePageSize(req->page_size());
    const std::string& filter = req->division_prefix();
    rpc::CheckDivisionFilter(filter);
    ChildStore::Filter f;
    if (req->category() < 0 || req->category() > 2) {
      throw DomainError(ErrorCode::kInvalidArgument, "category", "is not a CHILD_CATEGORY_ value");
    }
    if (req->status() < 0 || req->status() > 2) {
      throw DomainError(ErrorCode::kInvalidArgument, "status", "is not a CHILD_STATUS_ value");
    }
    if (req->risk_level() < 0 || req->risk_level() > 3) {
      throw DomainError(ErrorCode::kInvalidArgument, "risk_level", "is not a RISK_LEVEL_ value");
    }
    f.category = req->category();
    f.status = req->status();
    f.risk_level = req->risk_level();
    auto ages = rpc::BirthRangeOf(*req);
    f.born_on_or_after = ages.on_or_after;
    f.born_on_or_before = ages.on_or_before;
    f.name_prefix = rpc::CheckNamePrefix(req->name_prefix());
    // Every filter (and the day, which moves age ranges) is part of the token's fingerprint.
    std::string filters = "children|" + filter + "|" + p.division_prefix + "|" + std::to_string(f.category) + "|" +
                          std::to_string(f.status) + "|" + std::to_string(f.risk_level) + "|" + f.born_on_or_after + "|" + f.born_on_or_before + "|" +
                          f.name_prefix;
    auto after = rpc::CursorFrom(DecodePageToken(req->page_token(), filters));
    auto prefix = NarrowReach(p.division_prefix, filter);
    if (!prefix) return grpc::Status::OK;  // the filter lies outside the reach: nothing to see
    // One extra row tells whether another page follows, so the last page has no token.
    auto rows = children_.List(*prefix, f, after, page_size + 1);
    resp->set_next_page_token(rpc::NextPage(rows, page_size, filters));
    if (p.HasRole("pii")) {
      auto revealed = children_.Reveal(rows, p.subject, p.request_id);
      for (size_t i = 0; i < rows.size(); ++i) ToProto(rows[i], resp->add_children(), &revealed[i]);
    } else {
      for (const auto& r : rows) ToProto(r, resp->add_children());
    }
    return grpc::Status::OK;
  });
}

grpc::Status RegistryServiceImpl::UpdateChild(grpc::ServerContext* ctx, const v1::UpdateChildRequest* req,
                                              v1::Child* resp) {
  return RunRpc(ctx, std::string(kPrefix) + "UpdateChild", runtime_.env, [&](const Principal& p) {
    RequireWrite(p);
    CheckRequestId(req->request_id());
    const v1::Child& c = req->child();
    CheckChildId(c.id(), "child.id");
    if (c.version() <= 0) throw DomainError(ErrorCode::kInvalidArgument, "child.version", "is required (the version last read)");
    if (req->update_mask().paths_size() == 0) {
      throw DomainError(ErrorCode::kInvalidArgument, "update_mask", "must name the fields to change");
    }
    ChildChanges changes;
    for (const auto& path : req->update_mask().paths()) {
      bool guardian = path == "guardian", father = path == "father", mother = path == "mother";
      if (path == "name") changes.name = c.name();
      if (path == "category") changes.category = c.category();
      if (path == "division_code") changes.division_code = c.division_code();
      if (path == "address") changes.address = c.address();
      if (path == "school") changes.school = c.school();
      if (path == "notes") changes.notes = c.notes();
      if (path == "risk_level") changes.risk_level = c.risk_level();
      if (path == "hardship_reasons") {
        changes.hardship_reasons = std::vector<int>(c.hardship_reasons().begin(), c.hardship_reasons().end());
      }
      if (guardian || path == "guardian.name") changes.guardian_name = c.guardian().name();
      if (guardian || path == "guardian.relation") changes.guardian_relation = c.guardian().relation();
      if (guardian || path == "guardian.mobile") changes.guardian_mobile = c.guardian().mobile();
      if (guardian || path == "guardian.able_to_care") changes.guardian_able_to_care = c.guardian().able_to_care();
      if (father || path == "father.location") changes.father_location = c.father().location();
      if (father || path == "father.place") changes.father_place = c.father().place();
      if (mother || path == "mother.location") changes.mother_location = c.mother().location();
      if (mother || path == "mother.place") changes.mother_place = c.mother().place();
      static const std::set<std::string> kKnown = {
          "name", "category", "division_code", "address", "school", "notes", "risk_level", "hardship_reasons",
          "guardian", "guardian.name", "guardian.relation", "guardian.mobile", "guardian.able_to_care", "father",
          "father.location", "father.place", "mother", "mother.location", "mother.place"};
      static const std::set<std::string> kIdentity = {"sex", "birth_date", "resident_id_number"};
      if (kIdentity.count(path)) {
        throw DomainError(ErrorCode::kInvalidArgument, "update_mask",
                          path + " identifies the child and cannot be changed; register the correct record instead");
      }
      if (!kKnown.count(path)) {
        throw DomainError(ErrorCode::kInvalidArgument, "update_mask",
                          (path.size() > 64 ? path.substr(0, 64) + "…" : path) + " is not a field that can be changed");
      }
    }
    if ((changes.category || changes.risk_level) &&
        req->note().find_first_not_of(" \t\r\n") == std::string::npos) {
      throw DomainError(ErrorCode::kInvalidArgument, "note", "is required when category or risk level changes");
    }
    if (!text::IsValidUtf8(req->note()) || text::CodePoints(req->note()) > kMaxNoteCodePoints) {
      throw DomainError(ErrorCode::kInvalidArgument, "note", "must be valid text of at most 500 characters");
    }
    IdempotencyKey key{p.subject, req->request_id(), "UpdateChild", RequestFingerprint(*req)};
    auto today = TodayInChina();
    std::string answer = children_.Update(
        c.id(), p.division_prefix, c.version(), changes, req->note(), p.subject, p.request_id, key,
        [&](const ChildRecord& stored) {
          ValidateChanges(changes,
                          {*ParseDate(stored.birth_date), stored.category, stored.hardship_reasons,
                           stored.father_location, stored.mother_location, stored.guardian_able_to_care},
                          today);
          if (changes.division_code && !InReach(p.division_prefix, *changes.division_code)) {
            throw DomainError(ErrorCode::kPermissionDenied, "child.division_code", "lies outside the caller's reach");
          }
        },
        RenderChild);
    if (!resp->ParseFromString(answer)) throw std::runtime_error("stored answer does not parse");
    return grpc::Status::OK;
  });
}

grpc::Status RegistryServiceImpl::ChangeStatusRpc(grpc::ServerContext* ctx, const char* method,
                                                  const google::protobuf::Message& req, const std::string& request_id,
                                                  const std::string& id,
                                                  const std::function<Transition(const ChildRecord&)>& decide,
                                                  v1::Child* resp) {
  return RunRpc(ctx, std::string(kPrefix) + method, runtime_.env, [&](const Principal& p) {
    RequireWrite(p);
    CheckRequestId(request_id);
    CheckChildId(id);
    IdempotencyKey key{p.subject, request_id, method, RequestFingerprint(req)};
    std::string answer = children_.ChangeStatus(id, p.division_prefix, p.subject, p.request_id, key, decide, RenderChild);
    if (!resp->ParseFromString(answer)) throw std::runtime_error("stored answer does not parse");
    return grpc::Status::OK;
  });
}

grpc::Status RegistryServiceImpl::ExitChild(grpc::ServerContext* ctx, const v1::ExitChildRequest* req,
                                            v1::Child* resp) {
  auto today = TodayInChina();
  return ChangeStatusRpc(ctx, "ExitChild", *req, req->request_id(), req->id(), [&](const ChildRecord& c) {
    auto reason = CheckExit(static_cast<ChildStatus>(c.status), static_cast<ChildCategory>(c.category),
                            *ParseDate(c.birth_date), req->reason(), req->note(), today);
    return Transition{static_cast<int>(ChildStatus::kExited), static_cast<int>(reason), req->note(), "child.exit"};
  }, resp);
}

grpc::Status RegistryServiceImpl::ReactivateChild(grpc::ServerContext* ctx, const v1::ReactivateChildRequest* req,
                                                  v1::Child* resp) {
  auto today = TodayInChina();
  return ChangeStatusRpc(ctx, "ReactivateChild", *req, req->request_id(), req->id(), [&](const ChildRecord& c) {
    CheckReactivate(static_cast<ChildStatus>(c.status), static_cast<ChildCategory>(c.category),
                    *ParseDate(c.birth_date), req->note(), today);
    return Transition{static_cast<int>(ChildStatus::kActive), 0, req->note(), "child.reactivate"};
  }, resp);
}

grpc::Status RegistryServiceImpl::ListStatusHistory(grpc::ServerContext* ctx, const v1::ListStatusHistoryRequest* req,
                                                    v1::ListStatusHistoryResponse* resp) {
  return RunRpc(ctx, std::string(kPrefix) + "ListStatusHistory", runtime_.env, [&](const Principal& p) {
    RequireRead(p);
    const std::string& id = req->person_id();
    bool woman = IsValidId(id, "wm");
    if (!woman && !IsValidId(id, "ch")) {
      throw DomainError(ErrorCode::kInvalidArgument, "person_id", "is not a child (ch_…) or woman (wm_…) id");
    }
    if (woman ? !women_.Get(id, p.division_prefix) : !children_.Get(id, p.division_prefix)) {
      throw DomainError(ErrorCode::kNotFound, "person_id", woman ? "no such woman" : "no such child");
    }
    for (const auto& h : children_.History(id)) {
      auto* c = resp->add_changes();
      c->set_id(h.id);
      c->set_person_id(h.child_id);
      c->set_from_status(static_cast<v1::ChildStatus>(h.from_status));
      c->set_to_status(static_cast<v1::ChildStatus>(h.to_status));
      c->set_reason(static_cast<v1::ExitReason>(h.reason));
      c->set_note(h.note);
      c->set_actor(h.actor);
      c->set_request_id(h.request_id);
      c->set_changed_at(h.changed_at);
      c->set_field(h.field);
      c->set_from_value(h.from_value);
      c->set_to_value(h.to_value);
    }
    return grpc::Status::OK;
  });
}

grpc::Status RegistryServiceImpl::ListChildrenDueToExit(grpc::ServerContext* ctx,
                                                        const v1::ListChildrenDueToExitRequest* req,
                                                        v1::ListChildrenResponse* resp) {
  return RunRpc(ctx, std::string(kPrefix) + "ListChildrenDueToExit", runtime_.env, [&](const Principal& p) {
    RequireRead(p);
    int page_size = ResolvePageSize(req->page_size());
    const std::string& filter = req->division_prefix();
    rpc::CheckDivisionFilter(filter);
    std::string born_by = FormatDate(TurnedSixteenCutoff(TodayInChina()));
    // The cutoff is part of the filters: a token from yesterday's listing is not reused today.
    std::string filters = "due|" + filter + "|" + p.division_prefix + "|" + born_by;
    auto after = rpc::CursorFrom(DecodePageToken(req->page_token(), filters));
    auto prefix = NarrowReach(p.division_prefix, filter);
    if (!prefix) return grpc::Status::OK;
    auto rows = children_.ListDueToExit(*prefix, born_by, after, page_size + 1);
    resp->set_next_page_token(rpc::NextPage(rows, page_size, filters));
    for (const auto& r : rows) ToProto(r, resp->add_children());
    return grpc::Status::OK;
  });
}

grpc::Status RegistryServiceImpl::ListAuditEvents(grpc::ServerContext* ctx, const common::v1::ListAuditEventsRequest* req,
                                                  common::v1::ListAuditEventsResponse* resp) {
  return RunRpc(ctx, std::string(kPrefix) + "ListAuditEvents", runtime_.env, [&](const Principal& p) {
    if (!p.HasAnyRole({"auditor", "admin"})) {
      throw DomainError(ErrorCode::kPermissionDenied, "", "only auditors and admins read the audit trail");
    }
    AuditQuery q;
    q.limit = ResolvePageSize(req->page_size());
    for (const auto* f : {&req->record_id(), &req->actor(), &req->action()}) {
      if (f->size() > 200 || !text::IsValidUtf8(*f)) {
        throw DomainError(ErrorCode::kInvalidArgument, "", "filters must be valid text of at most 200 bytes");
      }
    }
    q.record_id = req->record_id();
    q.actor = req->actor();
    q.action = req->action();
    q.reach_prefix = p.division_prefix;
    std::string filters = "audit|" + q.record_id + "|" + q.actor + "|" + q.action + "|" + p.division_prefix;
    q.after_id = DecodePageToken(req->page_token(), filters);
    int page_size = q.limit;
    q.limit = page_size + 1;
    auto events = ListAudit(runtime_.db, q);
    bool more = static_cast<int>(events.size()) > page_size;
    if (more) events.pop_back();
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
    if (more) resp->set_next_page_token(EncodePageToken(filters, events.back().id));
    return grpc::Status::OK;
  });
}

grpc::Status RegistryServiceImpl::ImportChildren(grpc::ServerContext* ctx, grpc::ServerReader<v1::ImportChunk>* reader,
                                                 v1::ImportSummary* resp) {
  return RunRpc(ctx, std::string(kPrefix) + "ImportChildren", runtime_.env, [&](const Principal& p) {
    if (!CanRegisterChildren(p)) {
      throw DomainError(ErrorCode::kPermissionDenied, "", "the caller's roles may not register children");
    }
    auto today = TodayInChina();
    BulkImport<ValidChild> run({
        .columns = ChildImportColumns,
        .validate = [&](const ImportColumns& c,
                        const CsvRecord& r) { return ValidateChild(ChildFromCsv(c, r), today, ""); },
        .id_number = [](const ValidChild& c) -> const std::string& { return c.resident_id_number; },
        .division_code = [](const ValidChild& c) -> const std::string& { return c.division_code; },
        .reach_prefix = p.division_prefix,
        .store = [&](const std::vector<ValidChild>& batch) { return children_.Import(batch, p.subject, p.request_id); },
    });
    rpc::RunImportStream(ctx, reader, run, resp);
    return grpc::Status::OK;
  });
}

grpc::Status RegistryServiceImpl::GetBeneficiary(grpc::ServerContext* ctx, const v1::GetBeneficiaryRequest* req,
                                                 v1::Beneficiary* resp) {
  return RunRpc(ctx, std::string(kPrefix) + "GetBeneficiary", runtime_.env, [&](const Principal& p) {
    RequireRead(p);
    if (IsValidId(req->id(), "wm")) {
      auto woman = women_.Get(req->id(), p.division_prefix);
      if (!woman) throw DomainError(ErrorCode::kNotFound, "id", "no such beneficiary");
      resp->set_id(woman->id);
      resp->set_kind(v1::BENEFICIARY_KIND_WOMAN);
      resp->set_active(woman->status == static_cast<int>(ChildStatus::kActive));
      for (int c : HardshipList(woman->hardship_mask)) resp->add_categories(HardshipName(c));
      if (woman->cancer_patient) resp->add_categories("cancer_patient");
      resp->set_division_code(woman->division_code);
      resp->set_birth_date(woman->birth_date);
      resp->set_sex(v1::SEX_FEMALE);
      return grpc::Status::OK;
    }
    if (!IsValidId(req->id(), "ch")) {
      throw DomainError(ErrorCode::kInvalidArgument, "id", "is not a beneficiary id (ch_… or wm_…)");
    }
    auto child = children_.Get(req->id(), p.division_prefix);
    if (!child) throw DomainError(ErrorCode::kNotFound, "id", "no such beneficiary");
    resp->set_id(child->id);
    resp->set_kind(v1::BENEFICIARY_KIND_CHILD);
    resp->set_active(child->status == static_cast<int>(ChildStatus::kActive));
    resp->add_categories(child->category == static_cast<int>(ChildCategory::kLeftBehind) ? "left_behind"
                                                                                          : "in_difficulty");
    resp->set_division_code(child->division_code);
    resp->set_birth_date(child->birth_date);
    resp->set_sex(static_cast<v1::Sex>(child->sex));
    return grpc::Status::OK;
  });
}

grpc::Status RegistryServiceImpl::GetServiceInfo(grpc::ServerContext* ctx, const common::v1::GetServiceInfoRequest*,
                                                 common::v1::ServiceInfo* resp) {
  return RunRpc(ctx, std::string(kPrefix) + "GetServiceInfo", runtime_.env, [&](const Principal& p) {
    FillServiceInfo(runtime_, p, resp);
    return grpc::Status::OK;
  });
}

}  // namespace carehub::registry
