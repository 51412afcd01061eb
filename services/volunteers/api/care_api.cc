// The pairing, visit, due-list and care-summary RPCs of VolunteersApi (volunteers_api.h).
#include "common/api.h"
#include "common/field_checks.h"
#include "common/ids.h"
#include "common/instant.h"
#include "common/paging.h"
#include "common/resident_id.h"
#include "services/volunteers/api/id_checks.h"
#include "services/volunteers/api/volunteer_proto.h"
#include "services/volunteers/api/volunteers_api.h"
#include "services/volunteers/domain/permissions.h"

namespace carehub::volunteers {
namespace {

// The keyset position of a list by due date, as its page token carries it: "due/id" ("" first).
struct DuePosition {
  std::string due, id;
};
DuePosition DecodeDue(const std::string& text) {
  size_t slash = text.find('/');
  if (slash == std::string::npos) return {};
  return {text.substr(0, slash), text.substr(slash + 1)};
}
std::string EncodeDue(const std::string& due, const std::string& id) { return due + "/" + id; }

}  // namespace
grpc::Status VolunteersApi::CreatePairing(Ctx* ctx, const v1::CreatePairingRequest* req, v1::Pairing* resp) {
  return Run(ctx, "CreatePairing", [&](const Caller& c) {
    RequireCoordinator(c);
    auto key = IdempotencyKeyOf(c, *req, "CreatePairing");
    CheckVolunteerId(req->volunteer_id());
    CheckChildId(req->child_id());
    if (AnswerReplay(runtime_.Db(), key, resp)) return;  // a replay needs no registry
    // The registry is asked as the caller before any row is locked; unreachable, nothing is stored.
    BeneficiaryFacts child = registry_->Get(c, req->child_id(), "child_id");
    std::string today = FormatDate(Today());
    AnswerOnce(runtime_.Db(), key, resp, [&](db::Tx& tx) {
      ToProto(care_.Pair(tx, c, {req->volunteer_id(), req->child_id()}, child, today), resp);
    });
  });
}

grpc::Status VolunteersApi::EndPairing(Ctx* ctx, const v1::EndPairingRequest* req, v1::Pairing* resp) {
  return Run(ctx, "EndPairing", [&](const Caller& c) {
    RequireCoordinator(c);
    auto key = IdempotencyKeyOf(c, *req, "EndPairing");
    CheckPairingId(req->id(), "id");
    if (req->reason() < v1::PAIRING_END_CHILD_EXITED || req->reason() > v1::PAIRING_END_OTHER) {
      ThrowInvalid("reason", "must be CHILD_EXITED, VOLUNTEER_LEFT or OTHER (a handover has its own call)");
    }
    CheckNote(req->note(), true);
    PairingEnding e{req->id(), static_cast<PairingEnd>(req->reason()), req->note()};
    std::string today = FormatDate(Today());
    AnswerOnce(runtime_.Db(), key, resp, [&](db::Tx& tx) { ToProto(care_.End(tx, c, e, today), resp); });
  });
}

grpc::Status VolunteersApi::HandOverPairing(Ctx* ctx, const v1::HandOverPairingRequest* req, v1::Pairing* resp) {
  return Run(ctx, "HandOverPairing", [&](const Caller& c) {
    RequireCoordinator(c);
    auto key = IdempotencyKeyOf(c, *req, "HandOverPairing");
    CheckPairingId(req->id(), "id");
    CheckVolunteerId(req->to_volunteer_id(), "to_volunteer_id");
    CheckNote(req->note(), true);
    Handover h{req->id(), req->to_volunteer_id(), req->note()};
    std::string today = FormatDate(Today());
    AnswerOnce(runtime_.Db(), key, resp, [&](db::Tx& tx) { ToProto(care_.HandOver(tx, c, h, today), resp); });
  });
}

grpc::Status VolunteersApi::GetPairing(Ctx* ctx, const v1::GetPairingRequest* req, v1::Pairing* resp) {
  return Run(ctx, "GetPairing", [&](const Caller& c) {
    RequireVolunteersReader(c);
    CheckPairingId(req->id(), "id");
    auto p = care_.Get(c, req->id());
    if (!p) Throw(ErrorCode::kNotFound, "id", "no such pairing");
    ToProto(*p, resp);
  });
}

grpc::Status VolunteersApi::ListPairings(Ctx* ctx, const v1::ListPairingsRequest* req, v1::ListPairingsResponse* resp) {
  return Run(ctx, "ListPairings", [&](const Caller& c) {
    RequireVolunteersReader(c);
    CheckDivisionFilter(req->division_prefix());
    if (req->state() < 0 || req->state() > 2) ThrowInvalid("state", "is not a PAIRING_STATE_ value");
    if (!req->volunteer_id().empty()) CheckVolunteerId(req->volunteer_id());
    if (!req->child_id().empty()) CheckChildId(req->child_id());
    db::Filter sql;
    sql.Equals("state", req->state());
    if (!req->volunteer_id().empty()) sql.Where(" AND volunteer_id = ?", {req->volunteer_id()});
    if (!req->child_id().empty()) sql.Where(" AND child_id = ?", {req->child_id()});
    auto page = StartPage(req->page_size(), req->page_token(),
                          FilterKey({"pairings", req->division_prefix(), c.reach, c.subject,
                                     std::to_string(req->state()), req->volunteer_id(), req->child_id()}),
                          std::move(sql));
    auto rows = care_.List(c, req->division_prefix(), page.query);
    resp->set_next_page_token(FinishPage(rows, page));
    for (const auto& p : rows) ToProto(p, resp->add_pairings());
  });
}

grpc::Status VolunteersApi::RecordVisit(Ctx* ctx, const v1::RecordVisitRequest* req, v1::Visit* resp) {
  return Run(ctx, "RecordVisit", [&](const Caller& c) {
    RequireCoordinator(c);
    auto key = IdempotencyKeyOf(c, *req, "RecordVisit");
    if (!req->has_visit()) ThrowInvalid("visit", "is required");
    CheckPairingId(req->visit().pairing_id(), "visit.pairing_id");
    VisitReport report = VisitFromProto(req->visit());
    CheckVisit(report, Today());
    AnswerOnce(runtime_.Db(), key, resp, [&](db::Tx& tx) {
      ToProto(care_.Record(tx, c, {req->visit().pairing_id(), report, FormatDate(Today())}), resp);
    });
  });
}

grpc::Status VolunteersApi::ListVisits(Ctx* ctx, const v1::ListVisitsRequest* req, v1::ListVisitsResponse* resp) {
  return Run(ctx, "ListVisits", [&](const Caller& c) {
    RequireVolunteersReader(c);
    CheckDivisionFilter(req->division_prefix());
    auto page = StartPage(req->page_size(), req->page_token(),
                          FilterKey({"visits", req->division_prefix(), c.reach, c.subject}), {});
    auto rows = care_.Visits(c, req->division_prefix(), page.query);
    resp->set_next_page_token(FinishPage(rows, page));
    for (const auto& v : rows) ToProto(v, resp->add_visits());
  });
}

grpc::Status VolunteersApi::ListOverdueVisits(Ctx* ctx, const v1::ListOverdueVisitsRequest* req,
                                              v1::DueVisitsResponse* resp) {
  return Run(ctx, "ListOverdueVisits", [&](const Caller& c) {
    RequireVolunteersReader(c);
    CheckDivisionFilter(req->division_prefix());
    int size = ResolvePageSize(req->page_size());
    std::string today = FormatDate(Today());
    std::string filters = FilterKey({"overdue", req->division_prefix(), today, c.reach, c.subject});
    DuePosition after = DecodeDue(DecodePageToken(req->page_token(), filters));
    store::OverduePage page{req->division_prefix(), today, after.due, after.id, size + 1};
    auto rows = care_.Overdue(c, page);
    resp->set_next_page_token(
        NextPageToken(rows, size, filters, [](const DueChild& d) { return EncodeDue(d.plan.next_due_on, d.plan.id); }));
    for (const auto& d : rows) ToProto(d, resp->add_visits());
  });
}

grpc::Status VolunteersApi::ListDueVisits(Ctx* ctx, const v1::ListDueVisitsRequest* req, v1::DueVisitsResponse* resp) {
  return Run(ctx, "ListDueVisits", [&](const Caller& c) {
    RequireVolunteersReader(c);
    CheckVolunteerId(req->volunteer_id());
    if (req->within_days() < 0 || req->within_days() > 90) ThrowInvalid("within_days", "must be 0 to 90");
    auto today = Today();
    auto until = std::chrono::sys_days(today) + std::chrono::days(req->within_days() ? req->within_days() : 7);
    for (const auto& d : care_.Due(c, req->volunteer_id(), FormatDate(std::chrono::year_month_day(until)), today)) {
      ToProto(d, resp->add_visits());
    }
  });
}

grpc::Status VolunteersApi::SummarizeCare(Ctx* ctx, const v1::SummarizeCareRequest* req, v1::CareSummary* resp) {
  return Run(ctx, "SummarizeCare", [&](const Caller& c) {
    RequireVolunteersReader(c);
    CheckDivisionFilter(req->division_prefix());
    Period p = CheckPeriod(req->from(), req->to(), true);
    ToProto(care_.Summarize(c, req->division_prefix(), p.from, p.to, FormatDate(Today())), resp);
  });
}

grpc::Status VolunteersApi::GetRiskReport(Ctx* ctx, const v1::GetRiskReportRequest* req, v1::RiskReport* resp) {
  return Run(ctx, "GetRiskReport", [&](const Caller& c) {
    RequireVolunteersReader(c);
    CheckRiskReportId(req->id());
    auto r = care_.GetRisk(c, req->id());
    if (!r) Throw(ErrorCode::kNotFound, "id", "no such risk report");
    ToProto(*r, Today(), resp);
  });
}

grpc::Status VolunteersApi::ListRiskReports(Ctx* ctx, const v1::ListRiskReportsRequest* req,
                                            v1::ListRiskReportsResponse* resp) {
  return Run(ctx, "ListRiskReports", [&](const Caller& c) {
    RequireVolunteersReader(c);
    CheckDivisionFilter(req->division_prefix());
    if (req->state() < 0 || req->state() > 3) ThrowInvalid("state", "is not a RISK_REPORT_STATE_ value");
    int size = ResolvePageSize(req->page_size());
    auto today = Today();
    std::string filters = FilterKey({"risk", req->division_prefix(), std::to_string(req->state()),
                                     req->overdue_only() ? FormatDate(today) : "", c.reach, c.subject});
    DuePosition after = DecodeDue(DecodePageToken(req->page_token(), filters));
    store::RiskPage page{req->division_prefix(),
                         req->state(),
                         req->overdue_only() ? FormatDate(today) : "",
                         after.due,
                         after.id,
                         size + 1};
    auto rows = care_.RiskReports(c, page);
    resp->set_next_page_token(
        NextPageToken(rows, size, filters, [](const RiskReport& r) { return EncodeDue(r.due_on, r.id); }));
    for (const auto& r : rows) ToProto(r, today, resp->add_reports());
  });
}

grpc::Status VolunteersApi::DecideRisk(Ctx* ctx, const char* method, const v1::DecideRiskReportRequest& req,
                                       RiskReportState wanted, v1::RiskReport* resp) {
  return Run(ctx, method, [&](const Caller& c) {
    RequireRiskHandler(c);
    auto key = IdempotencyKeyOf(c, req, method);
    CheckRiskReportId(req.id());
    CheckNote(req.note(), true);
    if (req.raise_risk_to() < 0 || req.raise_risk_to() > 3) ThrowInvalid("raise_risk_to", "is not a risk level");
    if (req.raise_risk_to() && wanted != RiskReportState::kAcknowledged) {
      ThrowInvalid("raise_risk_to", "is for acknowledging");
    }
    auto today = Today();
    if (req.raise_risk_to()) {
      if (AnswerReplay(runtime_.Db(), key, resp)) return;
      if (!child_risk_) Throw(ErrorCode::kUnavailable, "raise_risk_to", "this service cannot reach the registry");
      auto report = care_.GetRisk(c, req.id());
      if (!report) Throw(ErrorCode::kNotFound, "id", "no such risk report");
      NextRiskState(report->state, wanted);  // refused here before the registry is asked
      // The registry first, as the officer; unreachable or refused, nothing is acknowledged. Its
      // request id follows ours, so a retry does not raise twice.
      child_risk_->Raise(c, {report->child_id, req.raise_risk_to(), req.note(), "rr-" + req.request_id()},
                         "raise_risk_to");
    }
    RiskDecision d{req.id(), wanted, req.note(), FormatDate(today), FormatInstantChina(activities_.Now())};
    AnswerOnce(runtime_.Db(), key, resp, [&](db::Tx& tx) { ToProto(care_.DecideRisk(tx, c, d), today, resp); });
  });
}

grpc::Status VolunteersApi::AcknowledgeRiskReport(Ctx* ctx, const v1::DecideRiskReportRequest* req,
                                                  v1::RiskReport* resp) {
  return DecideRisk(ctx, "AcknowledgeRiskReport", *req, RiskReportState::kAcknowledged, resp);
}

grpc::Status VolunteersApi::ResolveRiskReport(Ctx* ctx, const v1::DecideRiskReportRequest* req, v1::RiskReport* resp) {
  return DecideRisk(ctx, "ResolveRiskReport", *req, RiskReportState::kResolved, resp);
}

}  // namespace carehub::volunteers
