// The backend-to-backend client and the beneficiary directory funds and volunteers use, against
// the real registry in-process: the caller's reach applies there, the relay is named, only the
// methods the registry opens to a relay can be called, and an unreachable registry is UNAVAILABLE.
#include "common/clients/beneficiary_directory.h"

#include <gtest/gtest.h>

#include "tests/support/registry_fixtures.h"
#include "tests/support/registry_harness.h"
#include "tests/support/test_db.h"

namespace carehub {
namespace {

class BeneficiaryDirectoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    t_ = testing::TestDatabase::Make("sqlite");
    registry_ = std::make_unique<testing::RegistryHarness>(t_->db());
    registry::v1::CreateChildRequest req;
    req.set_request_id("rq-bd-child-1");
    *req.mutable_child() = testing::ChildProto(1);
    registry::v1::Child child;
    Principal officer{"officer-jj", {"officer"}, "500116", "rq"};
    ASSERT_TRUE(registry_->stub().CreateChild(registry_->As(officer).get(), req, &child).ok());
    child_id_ = child.id();
  }
  ServiceClient Client(const std::string& self, std::shared_ptr<grpc::Channel> channel = nullptr) {
    return ServiceClient(self, channel ? channel : registry_->service().channel(), registry_->key(),
                         {.max_attempts = 3, .backoff = std::chrono::milliseconds(10)});
  }
  Caller officer_{"approver-jj", {"approver"}, "500116", "trace-1"};
  std::unique_ptr<testing::TestDatabase> t_;
  std::unique_ptr<testing::RegistryHarness> registry_;
  std::string child_id_;
};

TEST_F(BeneficiaryDirectoryTest, ReadsFactsAsTheCallerWithItsReach) {
  auto directory = RegistryBeneficiaries(Client("carehub-funds"));
  BeneficiaryFacts f = directory->Get(officer_, child_id_, "beneficiary_id");
  EXPECT_EQ(f.id, child_id_);
  EXPECT_EQ(f.kind, BeneficiaryKind::kChild);
  EXPECT_TRUE(f.active);
  EXPECT_TRUE(f.HasCategory("left_behind"));
  EXPECT_EQ(f.division_code, "500116001001");

  Caller elsewhere{"approver-yb", {"approver"}, "500113", "trace-2"};
  try {
    directory->Get(elsewhere, child_id_, "beneficiary_id");
    ADD_FAILURE() << "a child outside the caller's reach was shown";
  } catch (const DomainError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kNotFound);
    EXPECT_EQ(e.field(), "beneficiary_id");
  }
}

TEST_F(BeneficiaryDirectoryTest, ARelayMayOnlyCallWhatTheRegistryOpensToIt) {
  // Volunteers are not among the relays this harness's registry accepts.
  auto directory = RegistryBeneficiaries(Client("carehub-volunteers"));
  try {
    directory->Get(officer_, child_id_, "child_id");
    ADD_FAILURE();
  } catch (const DomainError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kPermissionDenied);
  }
  // Funds reads beneficiaries but may not register one.
  auto stub = registry::v1::RegistryService::NewStub(registry_->service().channel());
  registry::v1::CreateChildRequest req;
  req.set_request_id("rq-bd-relay-1");
  *req.mutable_child() = testing::ChildProto(2);
  registry::v1::Child out;
  grpc::Status s = Client("carehub-funds")
                       .Call(Caller{"officer-jj", {"officer"}, "500116", "trace-3"},
                             [&](grpc::ClientContext& ctx) { return stub->CreateChild(&ctx, req, &out); });
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(BeneficiaryDirectoryTest, AnUnreachableRegistryIsUnavailableAfterBoundedRetries) {
  auto dead = grpc::CreateChannel("127.0.0.1:1", grpc::InsecureChannelCredentials());
  auto directory = RegistryBeneficiaries(Client("carehub-funds", dead));
  Caller hurried = officer_;
  hurried.deadline = std::chrono::system_clock::now() + std::chrono::seconds(2);
  auto start = std::chrono::steady_clock::now();
  try {
    directory->Get(hurried, child_id_, "beneficiary_id");
    ADD_FAILURE();
  } catch (const DomainError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kUnavailable);
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3)) << "the caller's deadline bounds it";
}

}  // namespace
}  // namespace carehub
