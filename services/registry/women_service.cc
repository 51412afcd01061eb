// The registry's RPCs for women (低收入妇女) and their screenings; children are in
// registry_service.cc.
#include <set>

#include "common/ids.h"
#include "common/proto_util.h"
#include "common/reach.h"
#include "services/registry/registry_service.h"
#include "services/registry/service_helpers.h"

namespace carehub::registry {
namespace {

using rpc::kPrefix;

void ToProto(const WomanRecord& r, v1::Woman* w, const OpenedIdentity* revealed = nullptr) {
  w->set_id(r.id);
  w->set_name(r.name);
  w->set_birth_date(r.birth_date);
  w->set_resident_id_number(revealed ? revealed->resident_id_number : r.id_number_masked);
  w->set_division_code(r.division_code);
  w->set_mobile(revealed ? revealed->mobile : r.mobile_masked);
  for (int c : HardshipList(r.hardship_mask)) w->add_hardship_categories(static_cast<v1::WomanHardship>(c));
  w->set_household_size(r.household_size);
  w->set_monthly_income_fen(r.monthly_income_fen);
  w->set_notes(r.notes);
  w->set_cancer_patient(r.cancer_patient);
  w->set_status(static_cast<v1::ChildStatus>(r.status));
  w->set_exit_reason(static_cast<v1::ExitReason>(r.exit_reason));
  w->set_version(r.version);
  w->set_created_at(r.created_at);
  w->set_created_by(r.created_by);
}

std::string RenderWoman(const WomanRecord& r) {
  v1::Woman w;
  ToProto(r, &w);
  return w.SerializeAsString();
}

std::string RenderScreening(const ScreeningRecord& r) {
  v1::Screening s;
  s.set_id(r.id);
  s.set_woman_id(r.woman_id);
  s.set_screened_on(r.screened_on);
  s.set_type(static_cast<v1::ScreeningType>(r.type));
  s.set_result(static_cast<v1::ScreeningResult>(r.result));
  s.set_facility(r.facility);
  s.set_recorded_at(r.recorded_at);
  s.set_recorded_by(r.recorded_by);
  return s.SerializeAsString();
}

WomanApplication WomanFromProto(const v1::Woman& w) {
  WomanApplication a;
  a.name = w.name();
  a.birth_date = w.birth_date();
  a.resident_id_number = w.resident_id_number();
  a.division_code = w.division_code();
  a.mobile = w.mobile();
  for (int c : w.hardship_categories()) a.hardship_categories.push_back(c);
  a.household_size = w.household_size();
  a.monthly_income_fen = w.monthly_income_fen();
  a.notes = w.notes();
  return a;
}

void RequireWrite(const Principal& p) {
  if (!CanRegisterChildren(p)) throw DomainError(ErrorCode::kPermissionDenied, "", "the caller's roles may not change women");
}
void RequireRead(const Principal& p) {
  if (!CanReadChildren(p)) throw DomainError(ErrorCode::kPermissionDenied, "", "the caller's roles may not read women");
}
void CheckWomanId(const std::string& id, const char* field = "id") {
  if (!IsValidId(id, "wm")) throw DomainError(ErrorCode::kInvalidArgument, field, "is not a woman's id (wm_…)");
}
void ParseAnswer(const std::string& answer, google::protobuf::Message* resp) {
  if (!resp->ParseFromString(answer)) throw std::runtime_error("stored answer does not parse");
}

}  // namespace

grpc::Status RegistryServiceImpl::CreateWoman(grpc::ServerContext* ctx, const v1::CreateWomanRequest* req,
                                              v1::Woman* resp) {
  return RunRpc(ctx, std::string(kPrefix) + "CreateWoman", runtime_.env, [&](const Principal& p) {
    RequireWrite(p);
    CheckRequestId(req->request_id());
    if (!req->has_woman()) throw DomainError(ErrorCode::kInvalidArgument, "woman", "is required");
    ValidWoman woman = ValidateWoman(WomanFromProto(req->woman()), TodayInChina());
    if (!InReach(p.division_prefix, woman.division_code)) {
      throw DomainError(ErrorCode::kPermissionDenied, "woman.division_code", "lies outside the caller's reach");
    }
    IdempotencyKey key{p.subject, req->request_id(), "CreateWoman", RequestFingerprint(*req)};
    ParseAnswer(women_.Create(woman, p.subject, p.request_id, key, RenderWoman), resp);
    return grpc::Status::OK;
  });
}

grpc::Status RegistryServiceImpl::GetWoman(grpc::ServerContext* ctx, const v1::GetWomanRequest* req, v1::Woman* resp) {
  return RunRpc(ctx, std::string(kPrefix) + "GetWoman", runtime_.env, [&](const Principal& p) {
    RequireRead(p);
    CheckWomanId(req->id());
    auto woman = women_.Get(req->id(), p.division_prefix);
    if (!woman) throw DomainError(ErrorCode::kNotFound, "id", "no such woman");
    if (p.HasRole("pii")) {
      auto revealed = women_.Reveal({*woman}, p.subject, p.request_id);
      ToProto(*woman, resp, &revealed[0]);
    } else {
      ToProto(*woman, resp);
    }
    return grpc::Status::OK;
  });
}

grpc::Status RegistryServiceImpl::ListWomen(grpc::ServerContext* ctx, const v1::ListWomenRequest* req,
                                            v1::ListWomenResponse* resp) {
  return RunRpc(ctx, std::string(kPrefix) + "ListWomen", runtime_.env, [&](const Principal& p) {
    RequireRead(p);
    int page_size = ResolvePageSize(req->page_size());
    const std::string& filter = req->division_prefix();
    rpc::CheckDivisionFilter(filter);
    if (req->hardship() < 0 || req->hardship() > kWomanHardshipCount) {
      throw DomainError(ErrorCode::kInvalidArgument, "hardship", "is not a WOMAN_HARDSHIP_ value");
    }
    if (req->status() < 0 || req->status() > 2) {
      throw DomainError(ErrorCode::kInvalidArgument, "status", "is not a CHILD_STATUS_ value");
    }
    WomanStore::Filter f;
    f.hardship = req->hardship();
    f.status = req->status();
    if (req->has_cancer_patient()) f.cancer_patient = req->cancer_patient();
    auto ages = rpc::BirthRangeOf(*req);
    f.born_on_or_after = ages.on_or_after;
    f.born_on_or_before = ages.on_or_before;
    f.name_prefix = rpc::CheckNamePrefix(req->name_prefix());
    std::string filters = "women|" + filter + "|" + p.division_prefix + "|" + std::to_string(f.hardship) + "|" +
                          std::to_string(f.status) + "|" +
                          (f.cancer_patient ? std::to_string(*f.cancer_patient) : "-") + "|" + f.born_on_or_after +
                          "|" + f.born_on_or_before + "|" + f.name_prefix;
    auto after = rpc::CursorFrom(DecodePageToken(req->page_token(), filters));
    auto prefix = NarrowReach(p.division_prefix, filter);
    if (!prefix) return grpc::Status::OK;
    auto rows = women_.List(*prefix, f, after, page_size + 1);
    resp->set_next_page_token(rpc::NextPage(rows, page_size, filters));
    if (p.HasRole("pii")) {
      auto revealed = women_.Reveal(rows, p.subject, p.request_id);
      for (size_t i = 0; i < rows.size(); ++i) ToProto(rows[i], resp->add_women(), &revealed[i]);
    } else {
      for (const auto& r : rows) ToProto(r, resp->add_women());
    }
    return grpc::Status::OK;
  });
}

grpc::Status RegistryServiceImpl::UpdateWoman(grpc::ServerContext* ctx, const v1::UpdateWomanRequest* req,
                                              v1::Woman* resp) {
  return RunRpc(ctx, std::string(kPrefix) + "UpdateWoman", runtime_.env, [&](const Principal& p) {
    RequireWrite(p);
    CheckRequestId(req->request_id());
    const v1::Woman& w = req->woman();
    CheckWomanId(w.id(), "woman.id");
    if (w.version() <= 0) throw DomainError(ErrorCode::kInvalidArgument, "woman.version", "is required (the version last read)");
    if (req->update_mask().paths_size() == 0) {
      throw DomainError(ErrorCode::kInvalidArgument, "update_mask", "must name the fields to change");
    }
    WomanChanges changes;
    for (const auto& path : req->update_mask().paths()) {
      if (path == "name") changes.name = w.name();
      else if (path == "division_code") changes.division_code = w.division_code();
      else if (path == "mobile") changes.mobile = w.mobile();
      else if (path == "hardship_categories") {
        changes.hardship_categories = std::vector<int>(w.hardship_categories().begin(), w.hardship_categories().end());
      } else if (path == "household_size") changes.household_size = w.household_size();
      else if (path == "monthly_income_fen") changes.monthly_income_fen = w.monthly_income_fen();
      else if (path == "notes") changes.notes = w.notes();
      else if (path == "birth_date" || path == "resident_id_number") {
        throw DomainError(ErrorCode::kInvalidArgument, "update_mask",
                          path + " identifies her and cannot be changed; register the correct record instead");
      } else {
        throw DomainError(ErrorCode::kInvalidArgument, "update_mask",
                          (path.size() > 64 ? path.substr(0, 64) + "…" : path) + " is not a field that can be changed");
      }
    }
    ValidateWomanChanges(changes);
    CheckNote(req->note(), changes.hardship_categories.has_value());
    IdempotencyKey key{p.subject, req->request_id(), "UpdateWoman", RequestFingerprint(*req)};
    ParseAnswer(women_.Update(
                    w.id(), p.division_prefix, w.version(), changes, req->note(), p.subject, p.request_id, key,
                    [&](const WomanRecord&) {
                      if (changes.division_code && !InReach(p.division_prefix, *changes.division_code)) {
                        throw DomainError(ErrorCode::kPermissionDenied, "woman.division_code",
                                          "lies outside the caller's reach");
                      }
                    },
                    RenderWoman),
                resp);
    return grpc::Status::OK;
  });
}

grpc::Status RegistryServiceImpl::ChangeWomanStatusRpc(grpc::ServerContext* ctx, const char* method,
                                                       const google::protobuf::Message& req,
                                                       const std::string& request_id, const std::string& id,
                                                       const std::function<Transition(const WomanRecord&)>& decide,
                                                       v1::Woman* resp) {
  return RunRpc(ctx, std::string(kPrefix) + method, runtime_.env, [&](const Principal& p) {
    RequireWrite(p);
    CheckRequestId(request_id);
    CheckWomanId(id);
    IdempotencyKey key{p.subject, request_id, method, RequestFingerprint(req)};
    ParseAnswer(women_.ChangeStatus(id, p.division_prefix, p.subject, p.request_id, key, decide, RenderWoman), resp);
    return grpc::Status::OK;
  });
}

grpc::Status RegistryServiceImpl::ExitWoman(grpc::ServerContext* ctx, const v1::ExitWomanRequest* req,
                                            v1::Woman* resp) {
  return ChangeWomanStatusRpc(ctx, "ExitWoman", *req, req->request_id(), req->id(), [&](const WomanRecord& w) {
    auto reason = CheckWomanExit(static_cast<ChildStatus>(w.status), req->reason(), req->note());
    return Transition{static_cast<int>(ChildStatus::kExited), static_cast<int>(reason), req->note(), "woman.exit"};
  }, resp);
}

grpc::Status RegistryServiceImpl::ReactivateWoman(grpc::ServerContext* ctx, const v1::ReactivateWomanRequest* req,
                                                  v1::Woman* resp) {
  return ChangeWomanStatusRpc(ctx, "ReactivateWoman", *req, req->request_id(), req->id(), [&](const WomanRecord& w) {
    CheckWomanReactivate(static_cast<ChildStatus>(w.status), req->note());
    return Transition{static_cast<int>(ChildStatus::kActive), 0, req->note(), "woman.reactivate"};
  }, resp);
}

grpc::Status RegistryServiceImpl::RecordScreening(grpc::ServerContext* ctx, const v1::RecordScreeningRequest* req,
                                                  v1::Screening* resp) {
  return RunRpc(ctx, std::string(kPrefix) + "RecordScreening", runtime_.env, [&](const Principal& p) {
    RequireWrite(p);
    CheckRequestId(req->request_id());
    const auto& s = req->screening();
    CheckWomanId(s.woman_id(), "screening.woman_id");
    ScreeningApplication a{s.screened_on(), s.type(), s.result(), s.facility()};
    auto today = TodayInChina();
    IdempotencyKey key{p.subject, req->request_id(), "RecordScreening", RequestFingerprint(*req)};
    ParseAnswer(women_.RecordScreening(
                    s.woman_id(), p.division_prefix, a, p.subject, p.request_id, key,
                    [&](const WomanRecord& w) { ValidateScreening(a, *ParseDate(w.birth_date), today); },
                    RenderScreening),
                resp);
    return grpc::Status::OK;
  });
}

grpc::Status RegistryServiceImpl::ListScreenings(grpc::ServerContext* ctx, const v1::ListScreeningsRequest* req,
                                                 v1::ListScreeningsResponse* resp) {
  return RunRpc(ctx, std::string(kPrefix) + "ListScreenings", runtime_.env, [&](const Principal& p) {
    RequireRead(p);
    CheckWomanId(req->woman_id(), "woman_id");
    if (!women_.Get(req->woman_id(), p.division_prefix)) {
      throw DomainError(ErrorCode::kNotFound, "woman_id", "no such woman");
    }
    for (const auto& r : women_.Screenings(req->woman_id())) {
      (void)resp->add_screenings()->ParseFromString(RenderScreening(r));
    }
    return grpc::Status::OK;
  });
}

grpc::Status RegistryServiceImpl::ImportWomen(grpc::ServerContext* ctx, grpc::ServerReader<v1::ImportChunk>* reader,
                                              v1::ImportSummary* resp) {
  return RunRpc(ctx, std::string(kPrefix) + "ImportWomen", runtime_.env, [&](const Principal& p) {
    RequireWrite(p);
    auto today = TodayInChina();
    BulkImport<ValidWoman> run({
        .columns = WomanImportColumns,
        .validate = [&](const ImportColumns& c,
                        const CsvRecord& r) { return ValidateWoman(WomanFromCsv(c, r), today, ""); },
        .id_number = [](const ValidWoman& w) -> const std::string& { return w.resident_id_number; },
        .division_code = [](const ValidWoman& w) -> const std::string& { return w.division_code; },
        .reach_prefix = p.division_prefix,
        .store = [&](const std::vector<ValidWoman>& batch) { return women_.Import(batch, p.subject, p.request_id); },
    });
    rpc::RunImportStream(ctx, reader, run, resp);
    return grpc::Status::OK;
  });
}

}  // namespace carehub::registry
