#include "services/reports/api/reports_api.h"

#include "common/api.h"
#include "common/audit_api.h"
#include "common/field_checks.h"
#include "common/paging.h"
#include "common/service_info.h"
#include "services/reports/app/export.h"
#include "services/reports/domain/permissions.h"

namespace carehub::reports {
namespace {

PeriodSpec PeriodOf(const v1::Period& p) {
  if (p.kind() < 1 || p.kind() > 4) ThrowInvalid("period.kind", "must be YEAR, QUARTER, MONTH or RANGE");
  return {static_cast<PeriodKind>(p.kind()), p.year(), p.quarter(), p.month(), p.from(), p.to()};
}

ReportRequest RequestOf(const v1::GetDivisionReportRequest& r) {
  return {r.division_code(), PeriodOf(r.period()), !r.skip_breakdown(), !r.skip_comparisons()};
}

void ToProto(const Figures& f, google::protobuf::RepeatedPtrField<v1::Value>* out, bool additive_only = false) {
  for (const auto& i : Catalogue()) {
    if (additive_only && !i.Additive()) continue;
    auto* v = out->Add();
    v->set_code(i.code);
    auto it = f.find(i.code);
    v->set_available(it != f.end());
    if (it != f.end()) v->set_value(it->second);
  }
}

void ToProto(const Report& r, v1::DivisionReport* out) {
  out->set_division_code(r.division_code);
  out->set_division_prefix(r.prefix);
  out->set_from(r.period.From());
  out->set_to(r.period.To());
  ToProto(r.values, out->mutable_values());
  for (const auto& d : r.breakdown) {
    auto* b = out->add_breakdown();
    b->set_division_prefix(d.prefix);
    ToProto(d.values, b->mutable_values());
  }
  if (!r.breakdown.empty()) ToProto(r.residual, out->mutable_residual(), true);
  if (r.previous_period) {
    ToProto(r.previous, out->mutable_previous());
    out->set_previous_from(r.previous_period->From());
    out->set_previous_to(r.previous_period->To());
  }
  if (r.year_ago_period) {
    ToProto(r.year_ago, out->mutable_year_ago());
    out->set_year_ago_from(r.year_ago_period->From());
    out->set_year_ago_to(r.year_ago_period->To());
  }
  for (const auto& m : r.missing_sources) out->add_missing_sources(m);
  out->set_generated_at(r.generated_at);
}

void ToProto(const FiledReport& f, v1::FiledReport* out, bool with_figures) {
  out->set_id(f.id);
  out->set_division_code(f.division_code);
  out->set_from(f.from);
  out->set_to(f.to);
  out->set_version(f.version);
  if (with_figures) ToProto(f.report, out->mutable_report());
  out->set_content_hash(f.content_hash);
  out->set_filed_by(f.filed_by);
  out->set_filed_at(f.filed_at);
  out->set_note(f.note);
}

}  // namespace

ReportsApi::ReportsApi(BackendRuntime runtime, Sources sources)
    : runtime_(std::move(runtime)), sources_(std::move(sources)), reports_(runtime_.Db(), sources_) {}

grpc::Status ReportsApi::Run(grpc::ServerContext* ctx, const char* method,
                             const std::function<void(const Caller&)>& handler) {
  return ServeRpc(ctx, v1::ReportsService::service_full_name(), method, runtime_.env, handler);
}

grpc::Status ReportsApi::ListIndicators(grpc::ServerContext* ctx, const v1::ListIndicatorsRequest*,
                                        v1::ListIndicatorsResponse* resp) {
  return Run(ctx, "ListIndicators", [&](const Caller& c) {
    RequireReportReader(c);
    for (const auto& i : Catalogue()) {
      auto* out = resp->add_indicators();
      out->set_code(i.code);
      out->set_name(i.name);
      out->set_unit(i.unit);
      out->set_source(SourceName(i.source));
      out->set_aggregation(static_cast<v1::Aggregation>(i.aggregation));
      out->set_domain(i.domain);
    }
  });
}

grpc::Status ReportsApi::GetDivisionReport(grpc::ServerContext* ctx, const v1::GetDivisionReportRequest* req,
                                           v1::DivisionReport* resp) {
  return Run(ctx, "GetDivisionReport", [&](const Caller& c) {
    RequireReportReader(c);
    ToProto(reports_.Compose(c, RequestOf(*req)), resp);
  });
}

grpc::Status ReportsApi::ExportReport(grpc::ServerContext* ctx, const v1::ExportReportRequest* req,
                                      grpc::ServerWriter<v1::FileChunk>* writer) {
  return Run(ctx, "ExportReport", [&](const Caller& c) {
    RequireReportReader(c);
    if (req->format() != v1::EXPORT_FORMAT_CSV && req->format() != v1::EXPORT_FORMAT_XLSX) {
      ThrowInvalid("format", "must be EXPORT_FORMAT_CSV or EXPORT_FORMAT_XLSX");
    }
    Report r = reports_.Compose(c, RequestOf(req->report()));
    WriteChunks(ctx, writer, req->format() == v1::EXPORT_FORMAT_CSV ? ReportCsv(r) : ReportXlsx(r));
  });
}

grpc::Status ReportsApi::FileReport(grpc::ServerContext* ctx, const v1::FileReportRequest* req, v1::FiledReport* resp) {
  return Run(ctx, "FileReport", [&](const Caller& c) {
    RequireReportFiler(c);
    auto key = IdempotencyKeyOf(c, *req, "FileReport");
    CheckNote(req->note(), false);
    ReportRequest r{req->division_code(), PeriodOf(req->period()), true, true};
    if (AnswerReplay(runtime_.Db(), key, resp)) return;
    // Composed before the transaction: the sources are asked with no row held.
    Report report = reports_.Compose(c, r);
    AnswerOnce(runtime_.Db(), key, resp,
               [&](db::Tx& tx) { ToProto(reports_.File(tx, c, report, req->note()), resp, true); });
  });
}

grpc::Status ReportsApi::GetFiledReport(grpc::ServerContext* ctx, const v1::GetFiledReportRequest* req,
                                        v1::FiledReport* resp) {
  return Run(ctx, "GetFiledReport", [&](const Caller& c) {
    RequireReportReader(c);
    CheckId(req->id(), "rp", "id", "a filed report id (rp_…)");
    auto f = reports_.GetFiled(c, req->id());
    if (!f) Throw(ErrorCode::kNotFound, "id", "no such filed report");
    ToProto(*f, resp, true);
  });
}

grpc::Status ReportsApi::ListFiledReports(grpc::ServerContext* ctx, const v1::ListFiledReportsRequest* req,
                                          v1::ListFiledReportsResponse* resp) {
  return Run(ctx, "ListFiledReports", [&](const Caller& c) {
    RequireReportReader(c);
    std::string filter;
    if (!req->division_code().empty()) filter = CheckDivisionCode(req->division_code());
    auto page = StartPage(req->page_size(), req->page_token(), FilterKey({"filed_reports", c.reach, c.subject, filter}),
                          db::Filter{});
    auto rows = reports_.ListFiled(c, filter, page.query);
    resp->set_next_page_token(FinishPage(rows, page));
    for (const auto& f : rows) ToProto(f, resp->add_reports(), false);
  });
}

grpc::Status ReportsApi::DiffReport(grpc::ServerContext* ctx, const v1::DiffReportRequest* req, v1::ReportDiff* resp) {
  return Run(ctx, "DiffReport", [&](const Caller& c) {
    RequireReportReader(c);
    CheckId(req->id(), "rp", "id", "a filed report id (rp_…)");
    auto f = reports_.GetFiled(c, req->id());
    if (!f) Throw(ErrorCode::kNotFound, "id", "no such filed report");
    PeriodSpec period{PeriodKind::kRange, 0, 0, 0, f->from, f->to};
    Report now = reports_.Compose(c, {f->division_code, period, true, false});
    resp->set_id(f->id);
    for (const auto& ch : Restatements(f->report, now)) {
      auto* out = resp->add_changes();
      out->set_division_prefix(ch.prefix);
      out->set_code(ch.code);
      out->set_filed(ch.filed);
      out->set_now(ch.now);
    }
    for (const auto& m : now.missing_sources) resp->add_missing_sources(m);
    resp->set_computed_at(now.generated_at);
  });
}

grpc::Status ReportsApi::GetServiceInfo(grpc::ServerContext* ctx, const common::v1::GetServiceInfoRequest*,
                                        common::v1::ServiceInfo* resp) {
  return ServiceInfoRpc(ctx, runtime_, v1::ReportsService::service_full_name(), resp);
}

grpc::Status ReportsApi::ListAuditEvents(grpc::ServerContext* ctx, const common::v1::ListAuditEventsRequest* req,
                                         common::v1::ListAuditEventsResponse* resp) {
  return Run(ctx, "ListAuditEvents", [&](const Caller& c) {
    RequireAuditReader(c);
    AnswerAuditEvents(runtime_.Db(), c, *req, resp);
  });
}

}  // namespace carehub::reports
