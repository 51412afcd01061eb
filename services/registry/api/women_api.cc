// The registry's RPCs for women (低收入妇女) and their screenings.
#include "common/api.h"
#include "common/resident_id.h"
#include "services/registry/api/api_helpers.h"
#include "services/registry/api/registry_api.h"
#include "services/registry/import/import_rows.h"

namespace carehub::registry {

using namespace api;

grpc::Status RegistryApi::CreateWoman(grpc::ServerContext* ctx, const v1::CreateWomanRequest* req, v1::Woman* resp) {
  return Run(ctx, "CreateWoman", [&](const Caller& c) {
    RegisterOnce<WomanKind>(runtime_.Db(), women_, c, *req, "CreateWoman", req->has_woman(), resp,
                            [&] { return ValidateWoman(WomanFromProto(req->woman()), TodayInChina()); });
  });
}

grpc::Status RegistryApi::GetWoman(grpc::ServerContext* ctx, const v1::GetWomanRequest* req, v1::Woman* resp) {
  return Run(ctx, "GetWoman", [&](const Caller& c) { ShowOne<WomanKind>(women_, c, req->id(), resp); });
}

grpc::Status RegistryApi::ListWomen(grpc::ServerContext* ctx, const v1::ListWomenRequest* req,
                                    v1::ListWomenResponse* resp) {
  return Run(ctx, "ListWomen", [&](const Caller& c) {
    RequireRead(c);
    CheckDivisionFilter(req->division_prefix());
    store::WomanFilter f;
    f.hardship = CheckEnumFilter(req->hardship(), kWomanHardshipCount, "hardship", "WOMAN_HARDSHIP_");
    f.status = CheckEnumFilter(req->status(), 2, "status", "CHILD_STATUS_");
    if (req->has_cancer_patient()) f.cancer_patient = req->cancer_patient();
    auto ages = BirthRangeForAges(req->has_min_age() ? std::optional(req->min_age()) : std::nullopt,
                                  req->has_max_age() ? std::optional(req->max_age()) : std::nullopt, TodayInChina());
    f.born_on_or_after = ages.on_or_after;
    f.born_on_or_before = ages.on_or_before;
    f.name_prefix = CheckNamePrefix(req->name_prefix());
    auto page =
        StartPage(req->page_size(), req->page_token(),
                  FilterKey({"women", req->division_prefix(), c.reach, c.subject, std::to_string(f.hardship),
                             std::to_string(f.status), f.cancer_patient ? std::to_string(*f.cancer_patient) : "-",
                             f.born_on_or_after, f.born_on_or_before, f.name_prefix}),
                  store::ToSql(f));
    auto rows = women_.List(c, req->division_prefix(), page.query);
    resp->set_next_page_token(FinishPage(rows, page));
    ShowAll(women_, c, rows, resp->mutable_women());
  });
}

grpc::Status RegistryApi::UpdateWoman(grpc::ServerContext* ctx, const v1::UpdateWomanRequest* req, v1::Woman* resp) {
  return Run(ctx, "UpdateWoman", [&](const Caller& c) {
    const v1::Woman& woman = req->woman();
    ChangeOnce<WomanKind>(runtime_.Db(), c, *req, "UpdateWoman", woman.id(), "woman.id", resp, [&](db::Tx& tx) {
      if (woman.version() <= 0) ThrowInvalid("woman.version", "is required (the version last read)");
      return women_.Update(tx, c, {woman.id(), woman.version(), WomanChangesFromMask(*req), req->note()});
    });
  });
}

grpc::Status RegistryApi::ExitWoman(grpc::ServerContext* ctx, const v1::ExitWomanRequest* req, v1::Woman* resp) {
  return Run(ctx, "ExitWoman", [&](const Caller& c) {
    ChangeOnce<WomanKind>(runtime_.Db(), c, *req, "ExitWoman", req->id(), "id", resp, [&](db::Tx& tx) {
      return women_.Exit(tx, c, {req->id(), req->reason(), req->note()});
    });
  });
}

grpc::Status RegistryApi::ReactivateWoman(grpc::ServerContext* ctx, const v1::ReactivateWomanRequest* req,
                                          v1::Woman* resp) {
  return Run(ctx, "ReactivateWoman", [&](const Caller& c) {
    ChangeOnce<WomanKind>(runtime_.Db(), c, *req, "ReactivateWoman", req->id(), "id", resp, [&](db::Tx& tx) {
      return women_.Reactivate(tx, c, {req->id(), 0, req->note()});
    });
  });
}

grpc::Status RegistryApi::RecordScreening(grpc::ServerContext* ctx, const v1::RecordScreeningRequest* req,
                                          v1::Screening* resp) {
  return Run(ctx, "RecordScreening", [&](const Caller& c) {
    RequireRegister(c);
    auto key = IdempotencyKeyOf(c, *req, "RecordScreening");
    const auto& s = req->screening();
    CheckId(s.woman_id(), "wm", "screening.woman_id", "a woman's id (wm_…)");
    ScreeningApplication a{s.screened_on(), s.type(), s.result(), s.facility()};
    AnswerOnce(runtime_.Db(), key, resp,
               [&](db::Tx& tx) { ToProto(women_.RecordScreening(tx, c, s.woman_id(), a, TodayInChina()), resp); });
  });
}

grpc::Status RegistryApi::ListScreenings(grpc::ServerContext* ctx, const v1::ListScreeningsRequest* req,
                                         v1::ListScreeningsResponse* resp) {
  return Run(ctx, "ListScreenings", [&](const Caller& c) {
    RequireRead(c);
    CheckId(req->woman_id(), "wm", "woman_id", "a woman's id (wm_…)");
    for (const auto& s : women_.Screenings(c, req->woman_id())) ToProto(s, resp->add_screenings());
  });
}

grpc::Status RegistryApi::ImportWomen(grpc::ServerContext* ctx, grpc::ServerReader<v1::ImportChunk>* reader,
                                      v1::ImportSummary* resp) {
  return Run(ctx, "ImportWomen", [&](const Caller& c) {
    RequireRegister(c);
    auto today = TodayInChina();
    BulkImport<ValidWoman> run({
        .columns = WomanImportColumns,
        .validate = [&](const ImportColumns& cols,
                        const CsvRecord& r) { return ValidateWoman(WomanFromCsv(cols, r), today, ""); },
        .id_number = [](const ValidWoman& w) -> const std::string& { return w.resident_id_number; },
        .division_code = [](const ValidWoman& w) -> const std::string& { return w.division_code; },
        .reach_prefix = c.reach,
        .store = [&](const std::vector<ValidWoman>& batch) { return women_.Import(c, batch); },
    });
    RunImportStream(ctx, reader, run, resp);
  });
}

}  // namespace carehub::registry
