#pragma once
// The gRPC face of funds: each RPC checks who calls and what was sent, runs its use case (writes
// in the idempotent transaction of their request_id) and answers in protobuf. No rule lives here.
#include "carehub/funds/v1/funds_service.grpc.pb.h"
#include "common/backend.h"
#include "common/clients/beneficiary_directory.h"
#include "common/periodic.h"
#include "services/funds/app/batches_app.h"
#include "services/funds/app/budget_app.h"
#include "services/funds/app/figures_app.h"
#include "services/funds/app/grants_app.h"
#include "services/funds/app/payments_app.h"
#include "services/funds/app/programs_app.h"

namespace carehub::funds {

struct FundsOptions {
  std::string pii_key;  // seals payees' account numbers (the registry's key)
  // How often unfinished batches are looked for (a new batch starts at once; 0: never, for
  // tests that fill by hand).
  std::chrono::milliseconds batch_poll{1000};
};

class FundsApi final : public v1::FundsService::Service {
 public:
  // `registry`: where beneficiaries are looked up (the registry over gRPC, or a fake in tests).
  FundsApi(BackendRuntime runtime, FundsOptions options, std::unique_ptr<BeneficiaryDirectory> registry);
  ~FundsApi() override;

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
  grpc::Status SubmitGrant(grpc::ServerContext* ctx, const v1::SubmitGrantRequest* req, v1::Grant* resp) override;
  grpc::Status ApproveGrant(grpc::ServerContext* ctx, const v1::DecideGrantRequest* req, v1::Grant* resp) override;
  grpc::Status RejectGrant(grpc::ServerContext* ctx, const v1::DecideGrantRequest* req, v1::Grant* resp) override;
  grpc::Status DisburseGrant(grpc::ServerContext* ctx, const v1::DisburseGrantRequest* req, v1::Grant* resp) override;
  grpc::Status CancelGrant(grpc::ServerContext* ctx, const v1::DecideGrantRequest* req, v1::Grant* resp) override;
  grpc::Status ReverseGrant(grpc::ServerContext* ctx, const v1::DecideGrantRequest* req, v1::Grant* resp) override;
  grpc::Status GetGrant(grpc::ServerContext* ctx, const v1::GetGrantRequest* req, v1::Grant* resp) override;
  grpc::Status ListGrants(grpc::ServerContext* ctx, const v1::ListGrantsRequest* req,
                          v1::ListGrantsResponse* resp) override;
  grpc::Status SetBenefitClassCap(grpc::ServerContext* ctx, const v1::SetBenefitClassCapRequest* req,
                                  v1::BenefitClassCap* resp) override;
  grpc::Status SetGrantPayee(grpc::ServerContext* ctx, const v1::SetGrantPayeeRequest* req, v1::Grant* resp) override;
  grpc::Status PreviewGrantBatch(grpc::ServerContext* ctx, const v1::GrantBatchRequest* req,
                                 v1::GrantBatchPreview* resp) override;
  grpc::Status CreateGrantBatch(grpc::ServerContext* ctx, const v1::GrantBatchRequest* req,
                                v1::GrantBatch* resp) override;
  grpc::Status ApproveGrantBatch(grpc::ServerContext* ctx, const v1::ApproveGrantBatchRequest* req,
                                 v1::GrantBatch* resp) override;
  grpc::Status GetGrantBatch(grpc::ServerContext* ctx, const v1::GetGrantBatchRequest* req,
                             v1::GrantBatch* resp) override;
  grpc::Status ListGrantBatches(grpc::ServerContext* ctx, const v1::ListGrantBatchesRequest* req,
                                v1::ListGrantBatchesResponse* resp) override;
  grpc::Status CreatePaymentBatch(grpc::ServerContext* ctx, const v1::CreatePaymentBatchRequest* req,
                                  v1::PaymentBatch* resp) override;
  grpc::Status ExportPaymentBatch(grpc::ServerContext* ctx, const v1::ExportPaymentBatchRequest* req,
                                  grpc::ServerWriter<v1::FileChunk>* writer) override;
  grpc::Status ImportPaymentResults(grpc::ServerContext* ctx, grpc::ServerReader<v1::FileChunk>* reader,
                                    v1::PaymentResultsSummary* resp) override;
  grpc::Status GetPaymentBatch(grpc::ServerContext* ctx, const v1::GetPaymentBatchRequest* req,
                               v1::PaymentBatch* resp) override;
  grpc::Status SummarizeFunds(grpc::ServerContext* ctx, const v1::SummarizeFundsRequest* req,
                              v1::FundsSummary* resp) override;
  grpc::Status ExportDisbursements(grpc::ServerContext* ctx, const v1::ExportDisbursementsRequest* req,
                                   grpc::ServerWriter<v1::FileChunk>* writer) override;
  grpc::Status GetServiceInfo(grpc::ServerContext* ctx, const common::v1::GetServiceInfoRequest* req,
                              common::v1::ServiceInfo* resp) override;
  grpc::Status ListAuditEvents(grpc::ServerContext* ctx, const common::v1::ListAuditEventsRequest* req,
                               common::v1::ListAuditEventsResponse* resp) override;

 private:
  grpc::Status Run(grpc::ServerContext* ctx, const char* method, const std::function<void(const Caller&)>& handler);
  grpc::Status ChangeState(grpc::ServerContext* ctx, const char* method, const v1::ChangeProgramStateRequest& req,
                           ProgramState wanted, v1::Program* resp);

  // A decision on one grant (reject, cancel, reverse): role check, id, the use case once per request_id.
  grpc::Status DecideRpc(grpc::ServerContext* ctx, const char* method, const v1::DecideGrantRequest& req,
                         void (*require)(const Caller&),
                         Grant (GrantsApp::*use_case)(db::Tx&, const Caller&, const std::string&, const std::string&)
                             const,
                         v1::Grant* resp);

  // A grant answered to `caller`: the payee's account number opened for a `pii` holder (audited).
  void Answer(const Caller& caller, const std::vector<Grant>& grants,
              google::protobuf::RepeatedPtrField<v1::Grant>* out) const;
  void Answer(const Caller& caller, const Grant& g, v1::Grant* out) const;

  BackendRuntime runtime_;
  FundsOptions options_;
  std::unique_ptr<BeneficiaryDirectory> registry_;
  crypto::PiiCipher cipher_;
  ProgramsApp programs_;
  BudgetApp budget_;
  GrantsApp grants_;
  BatchesApp batches_;
  PaymentsApp payments_;
  FiguresApp figures_;
  std::string runner_id_;
  // Reconciles every program every runtime.figures_every and publishes what it finds.
  void PublishReconciliation() const;
  std::unique_ptr<PeriodicTask> reconciler_;
  std::unique_ptr<PeriodicTask> batch_runner_;  // last: stopped before what it uses goes
};

}  // namespace carehub::funds
