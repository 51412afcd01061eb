#include "services/volunteers/api/registry_children.h"

#include "carehub/registry/v1/registry_service.grpc.pb.h"
#include "common/errors.h"

namespace carehub::volunteers {
namespace {

namespace rv1 = registry::v1;

// The registry's answer as this service's: its code, named on `field`, its message kept.
[[noreturn]] void Refuse(const grpc::Status& s, const std::string& field) {
  switch (s.error_code()) {
    case grpc::StatusCode::NOT_FOUND:
      Throw(ErrorCode::kNotFound, field, "no such child in the registry");
    case grpc::StatusCode::PERMISSION_DENIED:
      Throw(ErrorCode::kPermissionDenied, field, "the registry refuses the caller this change");
    case grpc::StatusCode::ABORTED:
      Throw(ErrorCode::kAborted, field, "the child changed in the registry meanwhile; retry");
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::FAILED_PRECONDITION:
      Throw(ErrorCode::kFailedPrecondition, field, "the registry refuses the change: " + s.error_message());
    default:
      Throw(ErrorCode::kUnavailable, field, "the registry cannot answer now; retry later");
  }
}

class GrpcChildRisk final : public ChildRiskWriter {
 public:
  explicit GrpcChildRisk(ServiceClient client)
      : client_(std::move(client)), stub_(rv1::RegistryService::NewStub(client_.channel())) {}

  void Raise(const Caller& caller, const RiskRaise& r, const std::string& field) const override {
    // The version read now; a change in between is ABORTED and the caller retries.
    rv1::GetChildRequest get;
    get.set_id(r.child_id);
    rv1::Child child;
    auto s = client_.Call(caller, [&](grpc::ClientContext& ctx) { return stub_->GetChild(&ctx, get, &child); });
    if (!s.ok()) Refuse(s, field);
    if (static_cast<int>(child.risk_level()) >= r.risk_level) return;  // already as high: nothing to raise
    rv1::UpdateChildRequest up;
    up.set_request_id(r.request_id);
    up.mutable_child()->set_id(r.child_id);
    up.mutable_child()->set_version(child.version());
    up.mutable_child()->set_risk_level(static_cast<rv1::RiskLevel>(r.risk_level));
    up.mutable_update_mask()->add_paths("risk_level");
    up.set_note(r.note);
    rv1::Child updated;
    s = client_.Call(caller, [&](grpc::ClientContext& ctx) { return stub_->UpdateChild(&ctx, up, &updated); });
    if (!s.ok()) Refuse(s, field);
  }

 private:
  ServiceClient client_;
  std::unique_ptr<rv1::RegistryService::Stub> stub_;
};

}  // namespace

std::unique_ptr<ChildRiskWriter> RegistryChildRisk(ServiceClient client) {
  return std::make_unique<GrpcChildRisk>(std::move(client));
}

}  // namespace carehub::volunteers
