#include "services/volunteers/api/registry_feed.h"

#include "carehub/registry/v1/registry_service.grpc.pb.h"
#include "common/errors.h"

namespace carehub::volunteers {
namespace {

namespace rv1 = registry::v1;

class GrpcChanges final : public PersonChangeSource {
 public:
  explicit GrpcChanges(ServiceClient client)
      : client_(std::move(client)), stub_(rv1::RegistryService::NewStub(client_.channel())) {}

  std::vector<PersonChange> After(int64_t seq, int limit) const override {
    Caller self = FeedCaller();
    self.deadline = std::chrono::system_clock::now() + std::chrono::seconds(10);
    rv1::ListPersonChangesRequest req;
    req.set_after_seq(seq);
    req.set_page_size(limit);
    rv1::ListPersonChangesResponse resp;
    auto s = client_.Call(self, [&](grpc::ClientContext& ctx) { return stub_->ListPersonChanges(&ctx, req, &resp); });
    if (!s.ok()) Throw(ErrorCode::kUnavailable, "", "the registry's change feed: " + s.error_message());
    std::vector<PersonChange> out;
    for (const auto& c : resp.changes()) {
      out.push_back({c.seq(), c.person_id(), c.person_type(), c.division_code(), c.field(),
                     static_cast<int>(c.status()), c.value(), c.changed_at()});
    }
    return out;
  }

 private:
  ServiceClient client_;
  std::unique_ptr<rv1::RegistryService::Stub> stub_;
};

}  // namespace

std::unique_ptr<PersonChangeSource> RegistryChanges(ServiceClient client) {
  return std::make_unique<GrpcChanges>(std::move(client));
}

}  // namespace carehub::volunteers
