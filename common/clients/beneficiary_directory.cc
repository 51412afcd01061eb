#include "common/clients/beneficiary_directory.h"

#include <algorithm>
#include <exception>

#include "carehub/registry/v1/registry_service.grpc.pb.h"
#include "common/errors.h"

namespace carehub {

bool BeneficiaryFacts::HasCategory(std::string_view category) const {
  return std::find(categories.begin(), categories.end(), category) != categories.end();
}

namespace {

BeneficiaryFacts FactsOf(const registry::v1::Beneficiary& b) {
  BeneficiaryFacts f;
  f.id = b.id();
  f.kind = b.kind() == registry::v1::BENEFICIARY_KIND_WOMAN ? BeneficiaryKind::kWoman : BeneficiaryKind::kChild;
  f.active = b.active();
  f.categories.assign(b.categories().begin(), b.categories().end());
  f.division_code = b.division_code();
  f.birth_date = b.birth_date();
  f.female = b.sex() == registry::v1::SEX_FEMALE;
  f.risk_level = b.risk_level();
  return f;
}

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
    return FactsOf(resp);
  }

  void Scan(const Caller& caller, const BeneficiaryScan& scan,
            const std::function<bool(const BeneficiaryFacts&)>& visit) const override {
    registry::v1::StreamBeneficiariesRequest req;
    req.set_kind(scan.kind == BeneficiaryKind::kWoman ? registry::v1::BENEFICIARY_KIND_WOMAN
                                                      : registry::v1::BENEFICIARY_KIND_CHILD);
    req.set_division_prefix(scan.division_prefix);
    req.set_active_only(scan.active_only);
    std::string after = scan.after;
    bool stopped = false;
    grpc::Status s = client_.Call(caller, [&](grpc::ClientContext& ctx) {
      // A retry resumes after the last person handed over, so no one is handed over twice.
      req.set_after(after);
      auto reader = stub_->StreamBeneficiaries(&ctx, req);
      registry::v1::Beneficiary b;
      std::exception_ptr failed;
      while (reader->Read(&b)) {
        after = b.division_code() + "/" + b.id();
        try {
          stopped = !visit(FactsOf(b));
        } catch (...) {
          failed = std::current_exception();
        }
        if (stopped || failed) {
          ctx.TryCancel();
          break;
        }
      }
      grpc::Status finished = reader->Finish();
      if (failed) std::rethrow_exception(failed);  // the stream is closed first: no call is left open
      return finished;
    });
    if (stopped) return;
    switch (s.error_code()) {
      case grpc::StatusCode::OK:
        return;
      case grpc::StatusCode::INVALID_ARGUMENT:
        ThrowInvalid("division_prefix", "the registry refuses the scan: " + s.error_message());
      case grpc::StatusCode::PERMISSION_DENIED:
        Throw(ErrorCode::kPermissionDenied, "division_prefix", "the registry refuses the caller this division");
      default:
        Throw(ErrorCode::kUnavailable, "division_prefix", "the registry cannot answer now; retry later");
    }
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
