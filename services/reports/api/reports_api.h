#pragma once
// The gRPC face of reports: each RPC checks who calls and what was sent, runs its use case and
// answers in protobuf. No rule lives here.
#include "carehub/reports/v1/reports_service.grpc.pb.h"
#include "common/backend.h"
#include "services/reports/app/reports_app.h"

namespace carehub::reports {

class ReportsApi final : public v1::ReportsService::Service {
 public:
  // `sources`: where figures come from (the services over gRPC, or fakes in tests).
  ReportsApi(BackendRuntime runtime, Sources sources);

  grpc::Status ListIndicators(grpc::ServerContext* ctx, const v1::ListIndicatorsRequest* req,
                              v1::ListIndicatorsResponse* resp) override;
  grpc::Status GetDivisionReport(grpc::ServerContext* ctx, const v1::GetDivisionReportRequest* req,
                                 v1::DivisionReport* resp) override;
  grpc::Status ExportReport(grpc::ServerContext* ctx, const v1::ExportReportRequest* req,
                            grpc::ServerWriter<v1::FileChunk>* writer) override;
  grpc::Status FileReport(grpc::ServerContext* ctx, const v1::FileReportRequest* req, v1::FiledReport* resp) override;
  grpc::Status GetFiledReport(grpc::ServerContext* ctx, const v1::GetFiledReportRequest* req,
                              v1::FiledReport* resp) override;
  grpc::Status ListFiledReports(grpc::ServerContext* ctx, const v1::ListFiledReportsRequest* req,
                                v1::ListFiledReportsResponse* resp) override;
  grpc::Status DiffReport(grpc::ServerContext* ctx, const v1::DiffReportRequest* req, v1::ReportDiff* resp) override;
  grpc::Status GetServiceInfo(grpc::ServerContext* ctx, const common::v1::GetServiceInfoRequest* req,
                              common::v1::ServiceInfo* resp) override;
  grpc::Status ListAuditEvents(grpc::ServerContext* ctx, const common::v1::ListAuditEventsRequest* req,
                               common::v1::ListAuditEventsResponse* resp) override;

 private:
  grpc::Status Run(grpc::ServerContext* ctx, const char* method, const std::function<void(const Caller&)>& handler);

  BackendRuntime runtime_;
  Sources sources_;
  ReportsApp reports_;
};

}  // namespace carehub::reports
