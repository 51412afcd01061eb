#include "common/clients/beneficiary_directory.h"

#include <algorithm>

#include "carehub/registry/v1/registry_service.grpc.pb.h"
#include "common/errors.h"

namespace carehub {

bool BeneficiaryFacts::HasCategory(std::string_view category) const {
  return std::find(categories.begin(), categories.end(), category) != categories.end();
}

namespace {

class GrpcBeneficiaryDirectory final : public BeneficiaryDirectory {
 public:
  explicit GrpcBeneficiaryDirectory(ServiceClient client)
      : client_(std::move(client)), stub_(registry::v1::RegistryService::NewStub(client_.channel())) {}

  BeneficiaryFacts Get(const Caller& caller, const std::string& id, const std::string& field) const override {
    registry::v1::GetBeneficiaryRequest req;
    req.set_id(id);
    registry::v1::Beneficiary resp;
    grpc::Status s =
        client_.Call(caller, [&](grpc::ClientContext& ctx) { return stub_->GetBeneficiary(&ctx, req, &resp); });
    switch (s.error_code()) {
      case grpc::StatusCode::OK:
        break;
      case grpc::StatusCode::NOT_FOUND:
        Throw(ErrorCode::kNotFound, field, "no such beneficiary in the registry");
      case grpc::StatusCode::INVALID_ARGUMENT:
        ThrowInvalid(field, "is not a beneficiary id (ch_… or wm_…)");
      case grpc::StatusCode::PERMISSION_DENIED:
        Throw(ErrorCode::kPermissionDenied, field, "the registry refuses the caller this beneficiary");
      default:
        // Unreachable, overloaded or out of time: nothing was decided, the caller may retry.
        Throw(ErrorCode::kUnavailable, field, "the registry cannot answer now; retry later");
    }
    BeneficiaryFacts f;
    f.id = resp.id();
    f.kind = resp.kind() == registry::v1::BENEFICIARY_KIND_WOMAN ? BeneficiaryKind::kWoman : BeneficiaryKind::kChild;
    f.active = resp.active();
    f.categories.assign(resp.categories().begin(), resp.categories().end());
    f.division_code = resp.division_code();
    f.birth_date = resp.birth_date();
    f.female = resp.sex() == registry::v1::SEX_FEMALE;
    f.risk_level = resp.risk_level();
    return f;
  }

 private:
  ServiceClient client_;
  std::unique_ptr<registry::v1::RegistryService::Stub> stub_;
};

}  // namespace

std::unique_ptr<BeneficiaryDirectory> RegistryBeneficiaries(ServiceClient client) {
  return std::make_unique<GrpcBeneficiaryDirectory>(std::move(client));
}

}  // namespace carehub
