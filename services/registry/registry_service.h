#pragma once
#include "carehub/registry/v1/registry_service.grpc.pb.h"
#include "common/crypto.h"
#include "common/server.h"
#include "services/registry/child_store.h"
#include "services/registry/woman_store.h"

namespace carehub::registry {

// A registration request as the domain rules read it (enum fields as raw wire numbers).
ChildApplication ApplicationFromProto(const v1::Child& c);

// The gRPC face of the registry: turns messages into domain calls, and nothing else.
class RegistryServiceImpl final : public v1::RegistryService::Service {
 public:
  RegistryServiceImpl(BackendRuntime runtime, std::string pii_master_key);

  grpc::Status CreateChild(grpc::ServerContext* ctx, const v1::CreateChildRequest* req, v1::Child* resp) override;
  grpc::Status GetChild(grpc::ServerContext* ctx, const v1::GetChildRequest* req, v1::Child* resp) override;
  grpc::Status ListChildren(grpc::ServerContext* ctx, const v1::ListChildrenRequest* req,
                            v1::ListChildrenResponse* resp) override;
  grpc::Status UpdateChild(grpc::ServerContext* ctx, const v1::UpdateChildRequest* req, v1::Child* resp) override;
  grpc::Status ExitChild(grpc::ServerContext* ctx, const v1::ExitChildRequest* req, v1::Child* resp) override;
  grpc::Status ReactivateChild(grpc::ServerContext* ctx, const v1::ReactivateChildRequest* req,
                               v1::Child* resp) override;
  grpc::Status ListStatusHistory(grpc::ServerContext* ctx, const v1::ListStatusHistoryRequest* req,
                                 v1::ListStatusHistoryResponse* resp) override;
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
  grpc::Status GetBeneficiary(grpc::ServerContext* ctx, const v1::GetBeneficiaryRequest* req,
                              v1::Beneficiary* resp) override;
  grpc::Status ListAuditEvents(grpc::ServerContext* ctx, const common::v1::ListAuditEventsRequest* req,
                               common::v1::ListAuditEventsResponse* resp) override;
  grpc::Status GetServiceInfo(grpc::ServerContext* ctx, const common::v1::GetServiceInfoRequest* req,
                              common::v1::ServiceInfo* resp) override;

 private:
  // ExitChild and ReactivateChild: the same checks and one locked change, differing in `decide`.
  grpc::Status ChangeStatusRpc(grpc::ServerContext* ctx, const char* method, const google::protobuf::Message& req,
                               const std::string& request_id, const std::string& id,
                               const std::function<Transition(const ChildRecord&)>& decide, v1::Child* resp);

  // ExitWoman and ReactivateWoman, likewise.
  grpc::Status ChangeWomanStatusRpc(grpc::ServerContext* ctx, const char* method, const google::protobuf::Message& req,
                                    const std::string& request_id, const std::string& id,
                                    const std::function<Transition(const WomanRecord&)>& decide, v1::Woman* resp);

  BackendRuntime runtime_;
  crypto::PiiCipher cipher_;
  ChildStore children_;
  WomanStore women_;
};

}  // namespace carehub::registry
