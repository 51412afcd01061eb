// The hours, service-record and summary RPCs of VolunteersApi (volunteers_api.h).
#include "common/api.h"
#include "common/field_checks.h"
#include "common/ids.h"
#include "common/paging.h"
#include "services/volunteers/api/id_checks.h"
#include "services/volunteers/api/volunteer_proto.h"
#include "services/volunteers/api/volunteers_api.h"
#include "services/volunteers/domain/permissions.h"

namespace carehub::volunteers {
grpc::Status VolunteersApi::DecideHours(Ctx* ctx, const char* method, const v1::DecideHoursRequest& req,
                                        HoursState wanted, v1::HoursEntry* resp) {
  return Run(ctx, method, [&](const Caller& c) {
    // A volunteer (through the app) may dispute; only a coordinator confirms.
    if (wanted == HoursState::kDisputed) {
      RequireSignUpAgent(c);
    } else {
      RequireCoordinator(c);
    }
    auto key = IdempotencyKeyOf(c, req, method);
    CheckEntryId(req.id());
    CheckNote(req.note(), wanted == HoursState::kDisputed);
    AnswerOnce(runtime_.Db(), key, resp, [&](db::Tx& tx) {
      ToProto(hours_.Decide(tx, c, {req.id(), wanted, req.note()}), resp);
    });
  });
}

grpc::Status VolunteersApi::ConfirmHours(Ctx* ctx, const v1::DecideHoursRequest* req, v1::HoursEntry* resp) {
  return DecideHours(ctx, "ConfirmHours", *req, HoursState::kConfirmed, resp);
}

grpc::Status VolunteersApi::DisputeHours(Ctx* ctx, const v1::DecideHoursRequest* req, v1::HoursEntry* resp) {
  return DecideHours(ctx, "DisputeHours", *req, HoursState::kDisputed, resp);
}

grpc::Status VolunteersApi::ResolveHours(Ctx* ctx, const v1::ResolveHoursRequest* req, v1::HoursEntry* resp) {
  return Run(ctx, "ResolveHours", [&](const Caller& c) {
    RequireCoordinator(c);
    auto key = IdempotencyKeyOf(c, *req, "ResolveHours");
    CheckEntryId(req->id());
    CheckNote(req->note(), true);
    AnswerOnce(runtime_.Db(), key, resp, [&](db::Tx& tx) {
      ToProto(hours_.Resolve(tx, c, {req->id(), req->final_minutes(), req->note()}), resp);
    });
  });
}

grpc::Status VolunteersApi::AdjustHours(Ctx* ctx, const v1::AdjustHoursRequest* req, v1::HoursEntry* resp) {
  return Run(ctx, "AdjustHours", [&](const Caller& c) {
    RequireCoordinator(c);
    auto key = IdempotencyKeyOf(c, *req, "AdjustHours");
    CheckVolunteerId(req->volunteer_id());
    CheckActivityId(req->activity_id(), "activity_id");
    if (req->minutes() == 0) ThrowInvalid("minutes", "must not be zero");
    CheckRemark("reason", req->reason(), true);
    Adjustment adj{req->volunteer_id(), req->activity_id(), req->minutes(), req->reason()};
    AnswerOnce(runtime_.Db(), key, resp, [&](db::Tx& tx) { ToProto(hours_.Adjust(tx, c, adj), resp); });
  });
}

grpc::Status VolunteersApi::ListHours(Ctx* ctx, const v1::ListHoursRequest* req, v1::ListHoursResponse* resp) {
  return Run(ctx, "ListHours", [&](const Caller& c) {
    RequireActivityReader(c);
    CheckOptionalId(req->volunteer_id(), "vo", "volunteer_id", "a volunteer id (vo_…)");
    CheckOptionalId(req->activity_id(), "ac", "activity_id", "an activity id (ac_…)");
    if (req->volunteer_id().empty() == req->activity_id().empty()) {
      ThrowInvalid("volunteer_id", "give exactly one of volunteer_id and activity_id");
    }
    int size = ResolvePageSize(req->page_size());
    std::string filters = FilterKey({"hours", req->volunteer_id(), req->activity_id(), c.reach, c.subject});
    store::HoursPage page{"", req->volunteer_id(), req->activity_id(), DecodePageToken(req->page_token(), filters),
                          size + 1};
    auto rows = hours_.List(c, page);
    resp->set_next_page_token(NextPageToken(rows, size, filters, [](const HoursEntry& e) { return e.id; }));
    for (const auto& e : rows) ToProto(e, resp->add_entries());
  });
}

grpc::Status VolunteersApi::GetHoursTotals(Ctx* ctx, const v1::GetHoursTotalsRequest* req, v1::HoursTotals* resp) {
  return Run(ctx, "GetHoursTotals", [&](const Caller& c) {
    RequireVolunteersReader(c);
    CheckOptionalId(req->volunteer_id(), "vo", "volunteer_id", "a volunteer id (vo_…)");
    CheckOptionalId(req->team_id(), "tm", "team_id", "a team id (tm_…)");
    CheckDivisionFilter(req->division_prefix());
    int scopes = !req->volunteer_id().empty() + !req->team_id().empty() + !req->division_prefix().empty();
    if (scopes != 1) ThrowInvalid("volunteer_id", "give exactly one of volunteer_id, team_id and division_prefix");
    Period p = CheckPeriod(req->from(), req->to(), false);
    ToProto(hours_.Totals(c, {req->division_prefix(), req->volunteer_id(), req->team_id(), p.from, p.to}), resp);
  });
}

grpc::Status VolunteersApi::GetServiceRecord(Ctx* ctx, const v1::GetServiceRecordRequest* req,
                                             v1::ServiceRecord* resp) {
  return Run(ctx, "GetServiceRecord", [&](const Caller& c) {
    RequireVolunteersReader(c);
    CheckVolunteerId(req->volunteer_id());
    ServiceRecord r = hours_.Record(c, req->volunteer_id(), CheckPeriod(req->from(), req->to(), false));
    Answer(c, r.volunteer, resp->mutable_volunteer());
    for (const auto& line : r.lines) ToProto(line, resp->add_lines());
    ToProto(r.totals, resp->mutable_totals());
    resp->set_activities_attended(r.attended);
    resp->set_no_shows(r.no_shows);
  });
}

grpc::Status VolunteersApi::ExportServiceRecord(Ctx* ctx, const v1::GetServiceRecordRequest* req,
                                                v1::ServiceRecordExport* resp) {
  return Run(ctx, "ExportServiceRecord", [&](const Caller& c) {
    RequireVolunteersReader(c);
    CheckVolunteerId(req->volunteer_id());
    ServiceRecord r = hours_.Record(c, req->volunteer_id(), CheckPeriod(req->from(), req->to(), false));
    resp->set_filename("service-record-" + r.volunteer.id + ".csv");
    resp->set_csv(ServiceRecordCsv(r));
  });
}

grpc::Status VolunteersApi::SummarizeVolunteers(Ctx* ctx, const v1::SummarizeVolunteersRequest* req,
                                                v1::VolunteersSummary* resp) {
  return Run(ctx, "SummarizeVolunteers", [&](const Caller& c) {
    RequireVolunteersReader(c);
    CheckDivisionFilter(req->division_prefix());
    ToProto(hours_.Summarize(c, req->division_prefix(), CheckPeriod(req->from(), req->to(), true)), resp);
  });
}

}  // namespace carehub::volunteers
