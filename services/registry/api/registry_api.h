#pragma once
// The gRPC face of the registry: each RPC checks who calls and what was sent, turns the request
// into a domain command, runs its use case (writes in the idempotent transaction of their
// request_id) and answers in protobuf. No rule lives here.
#include "carehub/registry/v1/registry_service.grpc.pb.h"
#include "common/backend.h"
#include "common/crypto.h"
#include "services/registry/app/children_app.h"
#include "services/registry/app/women_app.h"

namespace carehub::registry {

class RegistryApi final : public v1::RegistryService::Service {
 public:
  RegistryApi(BackendRuntime runtime, const std::string& pii_master_key);

  grpc::Status CreateChild(grpc::ServerContext* ctx, const v1::CreateChildRequest* req, v1::Child* resp) override;
  grpc::Status GetChild(grpc::ServerContext* ctx, const v1::GetChildRequest* req, v1::Child* resp) override;
  grpc::Status ListChildren(grpc::ServerContext* ctx, const v1::ListChildrenRequest* req,
                            v1::ListChildrenResponse* resp) override;
  grpc::Status UpdateChild(grpc::ServerContext* ctx, const v1::UpdateChildRequest* req, v1::Child* resp) override;
  grpc::Status ExitChild(grpc::ServerContext* ctx, const v1::ExitChildRequest* req, v1::Child* resp) override;
  grpc::Status ReactivateChild(grpc::ServerContext* ctx, const v1::ReactivateChildRequest* req,
                               v1::Child* resp) override;
  grpc::Status ListChildrenDueToExit(grpc::ServerContext* ctx, const v1::ListChildrenDueToExitRequest* req,
                                     v1::ListChildrenResponse* resp) override;
  grpc::Status ImportChildren(grpc::ServerContext* ctx, grpc::ServerReader<v1::ImportChunk>* reader,
                              v1::ImportSummary* resp) override;

  grpc::Status CreateWoman(grpc::ServerContext* ctx, const v1::CreateWomanRequest* req, v1::Woman* resp) override;
  grpc::Status GetWoman(grpc::ServerContext* ctx, const v1::GetWomanRequest* req, v1::Woman* resp) override;
  grpc::Status ListWomen(grpc::ServerContext* ctx, const v1::ListWomenRequest* req,
                         v1::ListWomenResponse* resp) override;
  grpc::Status UpdateWoman(grpc::ServerContext* ctx, const v1::UpdateWomanRequest* req, v1::Woman* resp) override;
  grpc::Status ExitWoman(grpc::ServerContext* ctx, const v1::ExitWomanRequest* req, v1::Woman* resp) override;
  grpc::Status ReactivateWoman(grpc::ServerContext* ctx, const v1::ReactivateWomanRequest* req,
                               v1::Woman* resp) override;
  grpc::Status RecordScreening(grpc::ServerContext* ctx, const v1::RecordScreeningRequest* req,
                               v1::Screening* resp) override;
  grpc::Status ListScreenings(grpc::ServerContext* ctx, const v1::ListScreeningsRequest* req,
                              v1::ListScreeningsResponse* resp) override;
  grpc::Status ImportWomen(grpc::ServerContext* ctx, grpc::ServerReader<v1::ImportChunk>* reader,
                           v1::ImportSummary* resp) override;

  grpc::Status ListStatusHistory(grpc::ServerContext* ctx, const v1::ListStatusHistoryRequest* req,
                                 v1::ListStatusHistoryResponse* resp) override;
  grpc::Status ListPersonChanges(grpc::ServerContext* ctx, const v1::ListPersonChangesRequest* req,
                                 v1::ListPersonChangesResponse* resp) override;
  grpc::Status SummarizeRegistry(grpc::ServerContext* ctx, const v1::SummarizeRegistryRequest* req,
                                 v1::RegistrySummary* resp) override;
  grpc::Status StreamBeneficiaries(grpc::ServerContext* ctx, const v1::StreamBeneficiariesRequest* req,
                                   grpc::ServerWriter<v1::Beneficiary>* writer) override;
  grpc::Status GetBeneficiary(grpc::ServerContext* ctx, const v1::GetBeneficiaryRequest* req,
                              v1::Beneficiary* resp) override;
  grpc::Status ListAuditEvents(grpc::ServerContext* ctx, const common::v1::ListAuditEventsRequest* req,
                               common::v1::ListAuditEventsResponse* resp) override;
  grpc::Status GetServiceInfo(grpc::ServerContext* ctx, const common::v1::GetServiceInfoRequest* req,
                              common::v1::ServiceInfo* resp) override;

 private:
  // RunRpc under this service's method name.
  grpc::Status Run(grpc::ServerContext* ctx, const char* method, const std::function<void(const Caller&)>& handler);

  BackendRuntime runtime_;
  crypto::PiiCipher cipher_;
  ChildrenApp children_;
  WomenApp women_;
};

}  // namespace carehub::registry
