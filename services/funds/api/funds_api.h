#pragma once
// The gRPC face of funds: each RPC checks who calls and what was sent, runs its use case (writes
// in the idempotent transaction of their request_id) and answers in protobuf. No rule lives here.
#include "carehub/funds/v1/funds_service.grpc.pb.h"
#include "common/backend.h"
#include "services/funds/app/budget_app.h"
#include "services/funds/app/programs_app.h"

namespace carehub::funds {

class FundsApi final : public v1::FundsService::Service {
 public:
  explicit FundsApi(BackendRuntime runtime);

  grpc::Status CreateProgram(grpc::ServerContext* ctx, const v1::CreateProgramRequest* req, v1::Program* resp) override;
  grpc::Status GetProgram(grpc::ServerContext* ctx, const v1::GetProgramRequest* req, v1::Program* resp) override;
  grpc::Status ListPrograms(grpc::ServerContext* ctx, const v1::ListProgramsRequest* req,
                            v1::ListProgramsResponse* resp) override;
  grpc::Status OpenProgram(grpc::ServerContext* ctx, const v1::ChangeProgramStateRequest* req,
                           v1::Program* resp) override;
  grpc::Status CloseProgram(grpc::ServerContext* ctx, const v1::ChangeProgramStateRequest* req,
                            v1::Program* resp) override;
  grpc::Status AllocateBudget(grpc::ServerContext* ctx, const v1::AllocateBudgetRequest* req,
                              v1::LedgerEntry* resp) override;
  grpc::Status TransferBudget(grpc::ServerContext* ctx, const v1::TransferBudgetRequest* req,
                              v1::LedgerEntry* resp) override;
  grpc::Status GetBudget(grpc::ServerContext* ctx, const v1::GetBudgetRequest* req, v1::Budget* resp) override;
  grpc::Status ListLedgerEntries(grpc::ServerContext* ctx, const v1::ListLedgerEntriesRequest* req,
                                 v1::ListLedgerEntriesResponse* resp) override;
  grpc::Status Reconcile(grpc::ServerContext* ctx, const v1::ReconcileRequest* req, v1::ReconcileReport* resp) override;
  grpc::Status GetServiceInfo(grpc::ServerContext* ctx, const common::v1::GetServiceInfoRequest* req,
                              common::v1::ServiceInfo* resp) override;
  grpc::Status ListAuditEvents(grpc::ServerContext* ctx, const common::v1::ListAuditEventsRequest* req,
                               common::v1::ListAuditEventsResponse* resp) override;

 private:
  grpc::Status Run(grpc::ServerContext* ctx, const char* method, const std::function<void(const Caller&)>& handler);
  grpc::Status ChangeState(grpc::ServerContext* ctx, const char* method, const v1::ChangeProgramStateRequest& req,
                           ProgramState wanted, v1::Program* resp);

  BackendRuntime runtime_;
  ProgramsApp programs_;
  BudgetApp budget_;
};

}  // namespace carehub::funds
