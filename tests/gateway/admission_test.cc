// The gateway's admission on its own, with no backend behind it: each refusal in its order,
// the same verdicts for either front, and a policy swapped while admitting.
#include "services/gateway/admission.h"

#include <gtest/gtest.h>

#include "services/gateway/api_keys.h"

namespace carehub::gateway {
namespace {

constexpr char kCreate[] = "/carehub.registry.v1.RegistryService/CreateChild";
constexpr char kList[] = "/carehub.registry.v1.RegistryService/ListChildren";

class GateTest : public ::testing::Test {
 protected:
  std::shared_ptr<const Policy> PolicyWith(const NewApiKey& officer, const NewApiKey& auditor) {
    auto keys = ApiKeyStore::FromJson(R"({"api_keys":[{"name":"o","sha256":")" + officer.sha256 +
                                          R"(","subject":"officer-jj","roles":["officer"],"division_prefix":"500116"},)"
                                          R"({"name":"a","sha256":")" +
                                          auditor.sha256 +
                                          R"(","subject":"auditor","roles":["auditor"],"division_prefix":""}]})",
                                      "test");
    return std::make_shared<Policy>(Policy{std::move(keys), std::nullopt, RoleTable::Defaults()});
  }
  // A backend address nothing listens on: admission never calls it.
  Router router_{{ParseRoute("carehub.registry=127.0.0.1:1")}};
  NewApiKey officer_ = GenerateApiKey(), auditor_ = GenerateApiKey();
};

TEST_F(GateTest, EachRefusalInItsOrder) {
  Gate gate(PolicyWith(officer_, auditor_), router_, {0, 0, 0, 0});
  auto code = [&](const Credentials& c, const std::string& method) {
    return gate.Admit(c, method).status.error_code();
  };
  EXPECT_EQ(code({}, kCreate), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(code({"not-a-key", ""}, kCreate), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(code({"", "Basic abc"}, kCreate), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(code({"", "Bearer x.y.z"}, kCreate), grpc::StatusCode::UNAUTHENTICATED) << "bearer tokens not enabled";
  EXPECT_EQ(code({auditor_.key, ""}, "/carehub.nothing.v1.S/M"), grpc::StatusCode::UNIMPLEMENTED);
  EXPECT_EQ(code({auditor_.key, ""}, kCreate), grpc::StatusCode::PERMISSION_DENIED);
  Admission ok = gate.Admit({officer_.key, ""}, kCreate);
  ASSERT_TRUE(ok.status.ok()) << ok.status.error_message();
  EXPECT_EQ(ok.principal.subject, "officer-jj");
  EXPECT_EQ(ok.principal.division_prefix, "500116");
  EXPECT_TRUE(ok.channel);
}

TEST_F(GateTest, RateLimitsComeBeforeRoutingAndSayWhenToRetry) {
  Gate gate(PolicyWith(officer_, auditor_), router_, {/*per_principal_rps=*/1, /*burst=*/2, 0, 0});
  EXPECT_TRUE(gate.Admit({officer_.key, ""}, kList).status.ok());
  EXPECT_TRUE(gate.Admit({officer_.key, ""}, kList).status.ok());
  Admission third = gate.Admit({officer_.key, ""}, "/carehub.nothing.v1.S/M");
  EXPECT_EQ(third.status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  ASSERT_TRUE(third.retry_after);
  EXPECT_GT(third.retry_after->count(), 0);
  EXPECT_TRUE(gate.Admit({auditor_.key, ""}, kList).status.ok()) << "another principal has its own bucket";
}

TEST_F(GateTest, ASwappedPolicyDecidesTheNextCall) {
  Gate gate(PolicyWith(officer_, auditor_), router_, {0, 0, 0, 0});
  ASSERT_TRUE(gate.Admit({officer_.key, ""}, kCreate).status.ok());
  auto replacement = GenerateApiKey();
  gate.SetPolicy(PolicyWith(replacement, auditor_));  // the officer's key was rotated
  EXPECT_EQ(gate.Admit({officer_.key, ""}, kCreate).status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_TRUE(gate.Admit({replacement.key, ""}, kCreate).status.ok());
}

}  // namespace
}  // namespace carehub::gateway
