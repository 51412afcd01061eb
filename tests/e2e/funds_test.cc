// Money through the real gateway: the real registry, two funds replicas on one database (MariaDB
// in the MySQL tier, one SQLite file otherwise), real parallel clients. 200 simultaneous final
// approvals against a budget for 50 approve exactly 50; 100 replays of one disbursement pay once.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "carehub/funds/v1/funds_service.grpc.pb.h"
#include "carehub/registry/v1/registry_service.grpc.pb.h"
#include "tests/e2e/replicated_suite.h"
#include "tests/support/registry_fixtures.h"
#include "tests/support/test_db.h"

namespace carehub::testing {
namespace {

namespace fv1 = funds::v1;
namespace rv1 = registry::v1;

class FundsThroughTheGateway : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    funds_db_ = TestDatabase::Make(GetParam());
    if (!funds_db_) return;
    suite_.Start({"funds", funds_db_->url(), {"officer", "approver", "finance"}});
  }

  std::unique_ptr<fv1::FundsService::Stub> Funds() { return fv1::FundsService::NewStub(suite_.Channel()); }
  std::unique_ptr<grpc::ClientContext> As(const std::string& role) { return suite_.As(role); }
  std::string Rid() { return "rq-e2e-" + std::to_string(++rid_) + "-" + std::to_string(rand()); }

  // A program of 100-yuan condolences, one approval each, open, with money for `grants` of them.
  std::string OpenProgram(int grants) {
    fv1::CreateProgramRequest create;
    create.set_request_id(Rid());
    auto* p = create.mutable_program();
    p->set_code("JJ-WARM-2026");
    p->set_name("巾帼暖心慰问");
    p->set_funding_source(fv1::FUNDING_SOURCE_DISTRICT);
    p->set_division_code("500116000000");
    p->set_beneficiary_kind(fv1::BENEFICIARY_KIND_WOMAN);
    p->set_benefit_class("holiday_condolence");
    p->set_opens_on("2026-01-01");
    p->set_closes_on("2030-12-31");
    p->set_amount_rule(fv1::AMOUNT_RULE_FIXED);
    p->set_amount_fen(10'000);
    fv1::Program program;
    EXPECT_TRUE(Funds()->CreateProgram(As("finance").get(), create, &program).ok());
    fv1::ChangeProgramStateRequest open;
    open.set_request_id(Rid());
    open.set_id(program.id());
    EXPECT_TRUE(Funds()->OpenProgram(As("finance").get(), open, &program).ok());
    fv1::AllocateBudgetRequest money;
    money.set_request_id(Rid());
    money.set_program_id(program.id());
    money.set_amount_fen(int64_t{grants} * 10'000);
    fv1::LedgerEntry entry;
    EXPECT_TRUE(Funds()->AllocateBudget(As("finance").get(), money, &entry).ok());
    return program.id();
  }

  // Registers `n` women in the registry and applies for each, 8 clients at a time.
  std::vector<std::string> Applications(const std::string& program, int n) {
    std::vector<std::string> ids(n);
    std::vector<std::thread> threads;
    for (int c = 0; c < 8; ++c) {
      threads.emplace_back([&, c] {
        auto registry = rv1::RegistryService::NewStub(suite_.Channel());
        auto funds = Funds();
        for (int i = c; i < n; i += 8) {
          rv1::CreateWomanRequest woman;
          woman.set_request_id(Rid());
          *woman.mutable_woman() = WomanProto(5000 + i);
          rv1::Woman registered;
          ASSERT_TRUE(registry->CreateWoman(As("officer").get(), woman, &registered).ok());
          fv1::SubmitGrantRequest submit;
          submit.set_request_id(Rid());
          submit.set_program_id(program);
          submit.set_beneficiary_id(registered.id());
          fv1::Grant grant;
          auto s = funds->SubmitGrant(As("officer").get(), submit, &grant);
          ASSERT_TRUE(s.ok()) << s.error_message();
          ids[i] = grant.id();
        }
      });
    }
    for (auto& t : threads) t.join();
    return ids;
  }

  fv1::Budget Budget(const std::string& program) {
    fv1::GetBudgetRequest req;
    req.set_program_id(program);
    fv1::Budget b;
    EXPECT_TRUE(Funds()->GetBudget(As("finance").get(), req, &b).ok());
    return b;
  }

  std::unique_ptr<TestDatabase> funds_db_;
  ReplicatedSuite suite_;
  std::atomic<int> rid_{0};
};

TEST_P(FundsThroughTheGateway, TwoHundredApprovalsForFiftyAndOnePaymentForAHundredReplays) {
  if (!funds_db_ || !suite_.started()) return;
  std::string program = OpenProgram(50);
  auto grants = Applications(program, 200);
  std::atomic<int> approved{0}, refused{0}, other{0};
  std::vector<std::thread> threads;
  for (int c = 0; c < 8; ++c) {
    threads.emplace_back([&, c] {
      auto funds = Funds();
      for (size_t i = c; i < grants.size(); i += 8) {
        fv1::DecideGrantRequest req;
        req.set_request_id(Rid());
        req.set_id(grants[i]);
        fv1::Grant g;
        auto s = funds->ApproveGrant(As("approver").get(), req, &g);
        if (s.ok())
          ++approved;
        else if (s.error_code() == grpc::StatusCode::FAILED_PRECONDITION)
          ++refused;
        else
          ++other, ADD_FAILURE() << s.error_message();
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(approved, 50);
  EXPECT_EQ(refused, 150);
  EXPECT_EQ(other, 0);
  EXPECT_EQ(Budget(program).available_fen(), 0);
  EXPECT_EQ(Budget(program).held_fen(), 50 * 10'000);

  fv1::ListGrantsRequest list;
  list.set_state(fv1::GRANT_STATE_APPROVED);
  list.set_page_size(1);
  fv1::ListGrantsResponse one;
  ASSERT_TRUE(Funds()->ListGrants(As("finance").get(), list, &one).ok());
  ASSERT_EQ(one.grants_size(), 1);
  std::string rid = Rid();
  std::atomic<int> answered{0};
  threads.clear();
  for (int c = 0; c < 10; ++c) {
    threads.emplace_back([&] {
      auto funds = Funds();
      for (int k = 0; k < 10; ++k) {
        fv1::DisburseGrantRequest pay;
        pay.set_request_id(rid);
        pay.set_id(one.grants(0).id());
        pay.set_channel(fv1::PAYMENT_CHANNEL_CASH);
        pay.set_reference("现金领取登记 001");
        fv1::Grant g;
        if (funds->DisburseGrant(As("finance").get(), pay, &g).ok()) ++answered;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(answered, 100);
  EXPECT_EQ(Budget(program).spent_fen(), 10'000) << "one payment";
  fv1::ReconcileRequest req;
  fv1::ReconcileReport report;
  ASSERT_TRUE(Funds()->Reconcile(As("finance").get(), req, &report).ok());
  EXPECT_EQ(report.differences_size(), 0);
  EXPECT_EQ(report.total_in_programs_fen(), report.total_allocated_fen());
}

INSTANTIATE_TEST_SUITE_P(Backends, FundsThroughTheGateway, ::testing::Values("sqlite", "mysql"), BackendParamName);

}  // namespace
}  // namespace carehub::testing
