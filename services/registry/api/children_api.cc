// The registry's RPCs for children.
#include "common/api.h"
#include "common/resident_id.h"
#include "services/registry/api/api_helpers.h"
#include "services/registry/api/registry_api.h"
#include "services/registry/import/import_rows.h"

namespace carehub::registry {

using namespace api;

grpc::Status RegistryApi::CreateChild(grpc::ServerContext* ctx, const v1::CreateChildRequest* req, v1::Child* resp) {
  return Run(ctx, "CreateChild", [&](const Caller& c) {
    RegisterOnce<ChildKind>(runtime_.Db(), children_, c, *req, "CreateChild", req->has_child(), resp,
                            [&] { return ValidateChild(ApplicationFromProto(req->child()), TodayInChina()); });
  });
}

grpc::Status RegistryApi::GetChild(grpc::ServerContext* ctx, const v1::GetChildRequest* req, v1::Child* resp) {
  return Run(ctx, "GetChild", [&](const Caller& c) { ShowOne<ChildKind>(children_, c, req->id(), resp); });
}

grpc::Status RegistryApi::ListChildren(grpc::ServerContext* ctx, const v1::ListChildrenRequest* req,
                                       v1::ListChildrenResponse* resp) {
  return Run(ctx, "ListChildren", [&](const Caller& c) {
    RequireRead(c);
    CheckDivisionFilter(req->division_prefix());
    store::ChildFilter f;
    f.category = CheckEnumFilter(req->category(), 2, "category", "CHILD_CATEGORY_");
    f.status = CheckEnumFilter(req->status(), 2, "status", "CHILD_STATUS_");
    f.risk_level = CheckEnumFilter(req->risk_level(), 3, "risk_level", "RISK_LEVEL_");
    auto ages = BirthRangeForAges(req->has_min_age() ? std::optional(req->min_age()) : std::nullopt,
                                  req->has_max_age() ? std::optional(req->max_age()) : std::nullopt, TodayInChina());
    f.born_on_or_after = ages.on_or_after;
    f.born_on_or_before = ages.on_or_before;
    f.name_prefix = CheckNamePrefix(req->name_prefix());
    // Every filter (and the day, which moves age ranges) is part of the token's fingerprint.
    auto page = StartPage(req->page_size(), req->page_token(),
                          FilterKey({"children", req->division_prefix(), c.reach, c.subject, std::to_string(f.category),
                                     std::to_string(f.status), std::to_string(f.risk_level), f.born_on_or_after,
                                     f.born_on_or_before, f.name_prefix}),
                          store::ToSql(f));
    auto rows = children_.List(c, req->division_prefix(), page.query);
    resp->set_next_page_token(FinishPage(rows, page));
    ShowAll(children_, c, rows, resp->mutable_children());
  });
}

grpc::Status RegistryApi::ListChildrenDueToExit(grpc::ServerContext* ctx, const v1::ListChildrenDueToExitRequest* req,
                                                v1::ListChildrenResponse* resp) {
  return Run(ctx, "ListChildrenDueToExit", [&](const Caller& c) {
    RequireRead(c);
    CheckDivisionFilter(req->division_prefix());
    std::string born_by = FormatDate(TurnedSixteenCutoff(TodayInChina()));
    // The cutoff is part of the filters: a token from yesterday's listing is not reused today.
    auto page =
        StartPage(req->page_size(), req->page_token(),
                  FilterKey({"due", req->division_prefix(), c.reach, c.subject, born_by}), store::DueToExit(born_by));
    auto rows = children_.List(c, req->division_prefix(), page.query);
    resp->set_next_page_token(FinishPage(rows, page));
    for (const auto& r : rows) ToProto(r, resp->add_children());
  });
}

grpc::Status RegistryApi::UpdateChild(grpc::ServerContext* ctx, const v1::UpdateChildRequest* req, v1::Child* resp) {
  return Run(ctx, "UpdateChild", [&](const Caller& c) {
    const v1::Child& child = req->child();
    ChangeOnce<ChildKind>(runtime_.Db(), c, *req, "UpdateChild", child.id(), "child.id", resp, [&](db::Tx& tx) {
      if (child.version() <= 0) ThrowInvalid("child.version", "is required (the version last read)");
      return children_.Update(tx, c, {child.id(), child.version(), ChildChangesFromMask(*req), req->note()},
                              TodayInChina());
    });
  });
}

grpc::Status RegistryApi::ExitChild(grpc::ServerContext* ctx, const v1::ExitChildRequest* req, v1::Child* resp) {
  return Run(ctx, "ExitChild", [&](const Caller& c) {
    ChangeOnce<ChildKind>(runtime_.Db(), c, *req, "ExitChild", req->id(), "id", resp, [&](db::Tx& tx) {
      return children_.Exit(tx, c, {req->id(), req->reason(), req->note()}, TodayInChina());
    });
  });
}

grpc::Status RegistryApi::ReactivateChild(grpc::ServerContext* ctx, const v1::ReactivateChildRequest* req,
                                          v1::Child* resp) {
  return Run(ctx, "ReactivateChild", [&](const Caller& c) {
    ChangeOnce<ChildKind>(runtime_.Db(), c, *req, "ReactivateChild", req->id(), "id", resp, [&](db::Tx& tx) {
      return children_.Reactivate(tx, c, {req->id(), 0, req->note()}, TodayInChina());
    });
  });
}

grpc::Status RegistryApi::ImportChildren(grpc::ServerContext* ctx, grpc::ServerReader<v1::ImportChunk>* reader,
                                         v1::ImportSummary* resp) {
  return Run(ctx, "ImportChildren", [&](const Caller& c) {
    RequireRegister(c);
    auto today = TodayInChina();
    BulkImport<ValidChild> run({
        .columns = ChildImportColumns,
        .validate = [&](const ImportColumns& cols,
                        const CsvRecord& r) { return ValidateChild(ChildFromCsv(cols, r), today, ""); },
        .id_number = [](const ValidChild& v) -> const std::string& { return v.resident_id_number; },
        .division_code = [](const ValidChild& v) -> const std::string& { return v.division_code; },
        .reach_prefix = c.reach,
        .store = [&](const std::vector<ValidChild>& batch) { return children_.Import(c, batch); },
    });
    RunImportStream(ctx, reader, run, resp);
  });
}

}  // namespace carehub::registry
