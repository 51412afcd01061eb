// Grants over a real gRPC channel on both backends: every transition, four eyes and tiers,
// eligibility refusals that hold nothing, the registry unreachable, and money under concurrent
// approvals and replayed disbursements: never overspent, never paid twice.
#include <random>
#include <thread>

#include "common/ids.h"
#include "common/resident_id.h"
#include "tests/funds/api/funds_fixture.h"

namespace carehub::funds {
namespace {

class GrantsApiTest : public FundsApiTest {
 protected:
  void SetUp() override {
    FundsApiTest::SetUp();
    if (!t_) return;
    auto p = ProgramProto("JJ-CANCER-2026");
    p.mutable_eligibility()->add_any_of_categories("minimum_living_allowance");
    p.mutable_eligibility()->set_min_age(35);
    p.mutable_eligibility()->set_max_age(64);
    p.mutable_eligibility()->set_requires_cancer_patient(true);
    p.mutable_limit()->set_max_grants(1);
    p.mutable_limit()->set_per_calendar_year(true);
    auto* big = p.add_approval_bands();  // up to 2,000 yuan one approval, above that two
    big->set_up_to_fen(0);
    big->set_approvals(2);
    auto* small = p.add_approval_bands();
    small->set_up_to_fen(200'000);
    small->set_approvals(1);
    program_ = Open(p);
  }
  std::string Open(const v1::Program& p) { return OpenProgram(p); }
  // A registered low-income woman of 45 with a confirmed screening, in a Jiangjin village.
  std::string Woman(std::function<void(BeneficiaryFacts&)> change = nullptr) {
    BeneficiaryFacts f;
    f.id = NewId("wm");
    f.kind = carehub::BeneficiaryKind::kWoman;
    f.active = true;
    f.categories = {"minimum_living_allowance", "cancer_patient"};
    f.division_code = "500116001001";
    f.birth_date = std::to_string(std::stoi(FormatDate(TodayInChina()).substr(0, 4)) - 45) + "-01-01";
    f.female = true;
    if (change) change(f);
    registry_.Put(f);
    return f.id;
  }
  grpc::Status Submit(const std::string& beneficiary, v1::Grant* out, const std::string& program = "",
                      int64_t amount = 0) {
    v1::SubmitGrantRequest req;
    req.set_request_id(Rid());
    req.set_program_id(program.empty() ? program_ : program);
    req.set_beneficiary_id(beneficiary);
    req.set_amount_fen(amount);
    return stub_->SubmitGrant(As(officer_).get(), req, out);
  }
  grpc::Status Decide(const char* what, const std::string& id, const Principal& who, v1::Grant* out,
                      const std::string& note = "", v1::FundsService::Stub* stub = nullptr) {
    v1::DecideGrantRequest req;
    req.set_request_id(Rid());
    req.set_id(id);
    req.set_note(note);
    auto ctx = As(who);
    auto* s = stub ? stub : stub_.get();
    std::string w = what;
    if (w == "approve") return s->ApproveGrant(ctx.get(), req, out);
    if (w == "reject") return s->RejectGrant(ctx.get(), req, out);
    if (w == "cancel") return s->CancelGrant(ctx.get(), req, out);
    return s->ReverseGrant(ctx.get(), req, out);
  }
  grpc::Status Disburse(const std::string& id, v1::Grant* out, const std::string& rid = "",
                        v1::FundsService::Stub* stub = nullptr) {
    v1::DisburseGrantRequest req;
    req.set_request_id(rid.empty() ? Rid() : rid);
    req.set_id(id);
    req.set_channel(v1::PAYMENT_CHANNEL_BANK_TRANSFER);
    req.set_reference("ICBC-2026-0001");
    return (stub ? stub : stub_.get())->DisburseGrant(As(finance_).get(), req, out);
  }
  // A grant approved by both approvers (the fixed 10,000 yuan needs two).
  std::string Approved() {
    v1::Grant g;
    EXPECT_TRUE(Submit(Woman(), &g).ok());
    EXPECT_TRUE(Decide("approve", g.id(), approver_a_, &g).ok());
    EXPECT_TRUE(Decide("approve", g.id(), approver_b_, &g).ok());
    EXPECT_EQ(g.state(), v1::GRANT_STATE_APPROVED);
    return g.id();
  }

  std::string program_;
  Principal approver_a_{"approver-a", {"approver"}, "500116", "rq"};
  Principal approver_b_{"approver-b", {"approver"}, "500116", "rq"};
  Principal town_approver_{"approver-town", {"approver"}, "500116001", "rq"};
};

TEST_P(GrantsApiTest, ALifeFromApplicationToReversalKeepsTheBooks) {
  if (!t_) return;
  ASSERT_TRUE(Allocate(program_, 5'000'000).ok());
  v1::Grant g;
  ASSERT_TRUE(Submit(Woman(), &g).ok());
  EXPECT_EQ(g.state(), v1::GRANT_STATE_SUBMITTED);
  EXPECT_EQ(g.amount_fen(), 1'000'000);
  EXPECT_EQ(g.approvals_required(), 2) << "10,000 yuan is above the 2,000-yuan band";
  EXPECT_EQ(Decide("approve", g.id(), officer_, &g).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(Decide("approve", g.id(), approver_a_, &g).ok());
  EXPECT_EQ(g.state(), v1::GRANT_STATE_PARTLY_APPROVED);
  EXPECT_EQ(Budget(program_).held_fen(), 0) << "nothing held before the final approval";
  EXPECT_EQ(Decide("approve", g.id(), approver_a_, &g).error_code(), grpc::StatusCode::FAILED_PRECONDITION)
      << "one principal approves once";
  EXPECT_EQ(Decide("approve", g.id(), town_approver_, &g).error_code(), grpc::StatusCode::PERMISSION_DENIED)
      << "the final approval needs a reach covering the program's division";
  ASSERT_TRUE(Decide("approve", g.id(), approver_b_, &g).ok());
  EXPECT_EQ(g.state(), v1::GRANT_STATE_APPROVED);
  EXPECT_TRUE(g.snapshot().cancer_patient());
  EXPECT_EQ(Budget(program_).held_fen(), 1'000'000);
  EXPECT_EQ(Budget(program_).available_fen(), 4'000'000);
  ASSERT_TRUE(Disburse(g.id(), &g).ok());
  EXPECT_EQ(g.state(), v1::GRANT_STATE_DISBURSED);
  EXPECT_EQ(Budget(program_).spent_fen(), 1'000'000);
  EXPECT_EQ(Decide("reverse", g.id(), finance_, &g).error_code(), grpc::StatusCode::INVALID_ARGUMENT)
      << "a reversal says why";
  ASSERT_TRUE(Decide("reverse", g.id(), finance_, &g, "银行退票").ok());
  EXPECT_EQ(g.state(), v1::GRANT_STATE_REVERSED);
  auto b = Budget(program_);
  EXPECT_EQ(b.available_fen(), 5'000'000);
  EXPECT_EQ(b.held_fen() + b.spent_fen(), 0);
  EXPECT_EQ(Reconcile().differences_size(), 0);
}

TEST_P(GrantsApiTest, EveryForbiddenTransitionNamesTheCurrentState) {
  if (!t_) return;
  ASSERT_TRUE(Allocate(program_, 10'000'000).ok());
  // Each decision by the role that makes it, so only the state can refuse it.
  auto refused = [&](const char* what, const std::string& id, const char* state) {
    std::string w = what;
    const Principal& who = w == "approve" || w == "reject" ? approver_b_ : finance_;
    v1::Grant g;
    auto s = w == "disburse" ? Disburse(id, &g) : Decide(what, id, who, &g, "原因");
    EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << what << " from " << state;
    EXPECT_NE(s.error_message().find(state), std::string::npos) << s.error_message();
  };
  v1::Grant submitted;
  ASSERT_TRUE(Submit(Woman(), &submitted).ok());
  refused("disburse", submitted.id(), "submitted");
  refused("reverse", submitted.id(), "submitted");
  std::string approved = Approved();
  refused("approve", approved, "approved");
  refused("reject", approved, "approved");
  refused("reverse", approved, "approved");
  v1::Grant g;
  ASSERT_TRUE(Disburse(approved, &g).ok());
  for (const char* what : {"approve", "reject", "cancel", "disburse"}) refused(what, approved, "disbursed");
  ASSERT_TRUE(Decide("reject", submitted.id(), approver_a_, &g, "材料不全").ok());
  for (const char* what : {"approve", "reject", "cancel", "disburse", "reverse"})
    refused(what, submitted.id(), "rejected");
  std::string cancelled = Approved();
  ASSERT_TRUE(Decide("cancel", cancelled, finance_, &g, "重复申请").ok());
  for (const char* what : {"approve", "reject", "cancel", "disburse", "reverse"}) refused(what, cancelled, "cancelled");
  EXPECT_EQ(Reconcile().differences_size(), 0);
}

TEST_P(GrantsApiTest, TheIneligibleAreRefusedAndNothingIsHeld) {
  if (!t_) return;
  ASSERT_TRUE(Allocate(program_, 10'000'000).ok());
  auto child_program = ProgramProto("JJ-CHILD");
  child_program.set_beneficiary_kind(v1::BENEFICIARY_KIND_CHILD);
  std::string kids = Open(child_program);
  auto refused = [&](const std::string& who, const std::string& program = "") {
    v1::Grant g;
    auto s = Submit(who, &g, program);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << s.error_message();
    return s.error_message();
  };
  EXPECT_NE(refused(Woman(), kids).find("children"), std::string::npos);
  EXPECT_NE(refused(Woman([](auto& f) {
              f.categories = {"single_mother", "cancer_patient"};
            })).find("categories"),
            std::string::npos);
  EXPECT_NE(refused(Woman([](auto& f) { f.birth_date = "2000-01-01"; })).find("age"), std::string::npos);
  EXPECT_NE(refused(Woman([](auto& f) { f.categories = {"minimum_living_allowance"}; })).find("cancer"),
            std::string::npos);
  EXPECT_NE(refused(Woman([](auto& f) { f.active = false; })).find("left the register"), std::string::npos);
  // Inside the officer's reach but outside the program's: a program of one town.
  auto town = ProgramProto("JJ-TOWN-2");
  town.set_division_code("500116002000");
  town.set_beneficiary_kind(v1::BENEFICIARY_KIND_WOMAN);
  EXPECT_NE(refused(Woman(), Open(town)).find("outside the program's division"), std::string::npos);
  // The per-program limit: one a year.
  std::string once = Woman();
  v1::Grant g;
  ASSERT_TRUE(Submit(once, &g).ok());
  ASSERT_TRUE(Decide("approve", g.id(), approver_a_, &g).ok());
  ASSERT_TRUE(Decide("approve", g.id(), approver_b_, &g).ok());
  EXPECT_NE(refused(once).find("limit"), std::string::npos);
  // Across programs: one holiday condolence per woman per year, whichever program pays.
  v1::SetBenefitClassCapRequest cap;
  cap.set_request_id(Rid());
  cap.mutable_cap()->set_benefit_class("holiday_condolence");
  cap.mutable_cap()->set_max_grants_per_year(1);
  v1::BenefitClassCap set;
  ASSERT_TRUE(stub_->SetBenefitClassCap(As(finance_).get(), cap, &set).ok());
  std::vector<std::string> condolences;
  for (const char* code : {"JJ-WARM-A", "JJ-WARM-B"}) {
    auto p = ProgramProto(code);
    p.set_benefit_class("holiday_condolence");
    p.set_amount_fen(10'000);
    condolences.push_back(Open(p));
    ASSERT_TRUE(Allocate(condolences.back(), 100'000).ok());
  }
  std::string woman = Woman();
  ASSERT_TRUE(Submit(woman, &g, condolences[0]).ok());
  ASSERT_TRUE(Decide("approve", g.id(), approver_a_, &g).ok());
  EXPECT_EQ(g.state(), v1::GRANT_STATE_APPROVED);
  EXPECT_NE(refused(woman, condolences[1]).find("class:holiday_condolence"), std::string::npos);
  auto b = Budget(condolences[1]);
  EXPECT_EQ(b.held_fen(), 0);
  EXPECT_EQ(Reconcile().differences_size(), 0);
}

TEST_P(GrantsApiTest, AnUnreachableRegistryStoresNothing) {
  if (!t_) return;
  std::string woman = Woman();
  int64_t grants = Count("grants");
  registry_.SetReachable(false);
  v1::Grant g;
  EXPECT_EQ(Submit(woman, &g).error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(Count("grants"), grants);
  registry_.SetReachable(true);
  EXPECT_EQ(Submit("wm_01ARZ3NDEKTSV4RRFFQ69G5FAV", &g).error_code(), grpc::StatusCode::NOT_FOUND);
  // A replay of an answered submission needs no registry: it gets the first answer.
  v1::SubmitGrantRequest req;
  req.set_request_id(Rid());
  req.set_program_id(program_);
  req.set_beneficiary_id(woman);
  v1::Grant first, replay;
  ASSERT_TRUE(stub_->SubmitGrant(As(officer_).get(), req, &first).ok());
  registry_.SetReachable(false);
  ASSERT_TRUE(stub_->SubmitGrant(As(officer_).get(), req, &replay).ok());
  EXPECT_EQ(replay.id(), first.id());
  registry_.SetReachable(true);
  EXPECT_EQ(Submit("nonsense", &g).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Submit(woman, &g, "", 5).error_code(), grpc::StatusCode::INVALID_ARGUMENT)
      << "a fixed program pays its amount";
}

TEST_P(GrantsApiTest, ConcurrentFinalApprovalsNeverOverspend) {
  if (!t_) return;
  // A one-approval program of 100 yuan grants with a budget for exactly 50 of them.
  auto p = ProgramProto("JJ-RUSH");
  p.set_amount_fen(10'000);
  p.set_benefit_class("holiday_condolence");
  std::string rush = Open(p);
  ASSERT_TRUE(Allocate(rush, 50 * 10'000).ok());
  constexpr int kGrants = 200;
  std::vector<std::string> ids;
  for (int i = 0; i < kGrants; ++i) {
    v1::Grant g;
    ASSERT_TRUE(Submit(Woman(), &g, rush).ok());
    ids.push_back(g.id());
  }
  std::atomic<int> approved{0}, refused{0}, other{0};
  std::vector<std::thread> threads;
  for (int c = 0; c < 8; ++c) {
    threads.emplace_back([&, c] {
      auto stub = v1::FundsService::NewStub(harness_->NewChannel());
      for (int i = c; i < kGrants; i += 8) {
        v1::Grant g;
        auto s = Decide("approve", ids[i], approver_a_, &g, "", stub.get());
        if (s.ok())
          ++approved;
        else if (s.error_code() == grpc::StatusCode::FAILED_PRECONDITION)
          ++refused;
        else
          ++other, ADD_FAILURE() << s.error_message();
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(approved, 50);
  EXPECT_EQ(refused, kGrants - 50);
  EXPECT_EQ(other, 0);
  auto b = Budget(rush);
  EXPECT_EQ(b.available_fen(), 0);
  EXPECT_EQ(b.held_fen(), 50 * 10'000);
  EXPECT_EQ(Reconcile(rush).differences_size(), 0);
}

TEST_P(GrantsApiTest, ReplayedDisbursementsPayOnce) {
  if (!t_) return;
  ASSERT_TRUE(Allocate(program_, 5'000'000).ok());
  std::string id = Approved();
  std::string rid = Rid();
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int c = 0; c < 10; ++c) {
    threads.emplace_back([&] {
      auto stub = v1::FundsService::NewStub(harness_->NewChannel());
      for (int k = 0; k < 10; ++k) {
        v1::Grant g;
        if (Disburse(id, &g, rid, stub.get()).ok()) ++ok;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(ok, 100) << "every replay gets the first answer";
  v1::Grant again;
  EXPECT_EQ(Disburse(id, &again).error_code(), grpc::StatusCode::FAILED_PRECONDITION) << "a new request pays nothing";
  auto b = Budget(program_);
  EXPECT_EQ(b.spent_fen(), 1'000'000);
  EXPECT_EQ(b.available_fen(), 4'000'000);
  EXPECT_EQ(Reconcile().differences_size(), 0);
}

TEST_P(GrantsApiTest, AmountsOfACappedProgramStayWithinTheCap) {
  if (!t_) return;
  auto p = ProgramProto("JJ-CAPPED");
  p.set_amount_rule(v1::AMOUNT_RULE_CAPPED);
  p.set_amount_fen(300'000);
  std::string capped = Open(p);
  std::string woman = Woman();
  int64_t grants = Count("grants");
  v1::Grant g;
  for (int64_t bad : {int64_t{0}, int64_t{-1}, int64_t{300'001}, INT64_MAX}) {
    auto s = Submit(woman, &g, capped, bad);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << bad;
    EXPECT_EQ(s.error_message().rfind("amount_fen", 0), 0u) << s.error_message();
  }
  EXPECT_EQ(Count("grants"), grants);
  ASSERT_TRUE(Submit(woman, &g, capped, 250'000).ok());
  EXPECT_EQ(g.amount_fen(), 250'000);
  EXPECT_EQ(g.approvals_required(), 1) << "no bands: one approval";
}

// Every movement and every transition from 8 clients at once, seeded; then the books balance.
TEST_P(GrantsApiTest, ASeededMixOfEveryMovementAndTransitionBalances) {
  if (!t_) return;
  unsigned seed = std::random_device{}();
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::printf("funds grants mix seed %u\n", seed);
  auto p = ProgramProto("JJ-MIX-GRANTS");
  p.set_amount_rule(v1::AMOUNT_RULE_CAPPED);
  p.set_amount_fen(50'000);
  std::vector<std::string> programs = {Open(p), NewProgram("JJ-MIX-SPARE")};
  ASSERT_TRUE(Allocate(programs[0], 200'000).ok());
  std::atomic<int64_t> allocated{200'000};
  std::vector<std::thread> threads;
  for (int c = 0; c < 8; ++c) {
    threads.emplace_back([&, c] {
      std::mt19937 rng(seed + c);
      auto stub = v1::FundsService::NewStub(harness_->NewChannel());
      std::vector<std::string> mine;
      for (int k = 0; k < 20; ++k) {
        v1::Grant g;
        switch (rng() % 7) {
          case 0: {
            int64_t fen = 1 + rng() % 100'000;
            if (Allocate(programs[0], fen, stub.get()).ok()) allocated += fen;
            break;
          }
          case 1:
            (void)Transfer(programs[rng() % 2], programs[0], 1 + rng() % 30'000, stub.get());
            break;
          case 2:
            if (Submit(Woman(), &g, programs[0], 1 + rng() % 50'000).ok()) mine.push_back(g.id());
            break;
          default: {
            if (mine.empty()) break;
            const std::string& id = mine[rng() % mine.size()];
            const char* what[] = {"approve", "reject", "cancel", "reverse"};
            int pick = rng() % 5;
            if (pick == 4)
              (void)Disburse(id, &g, "", stub.get());
            else
              (void)Decide(what[pick], id, pick < 2 ? approver_a_ : finance_, &g, "随机", stub.get());
          }
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  auto report = Reconcile();
  EXPECT_EQ(report.differences_size(), 0);
  EXPECT_EQ(report.total_allocated_fen(), allocated.load());
  EXPECT_EQ(report.total_in_programs_fen(), allocated.load()) << "Σ of all accounts = Σ of allocations";
  for (const auto& id : programs) {
    auto b = Budget(id);
    EXPECT_GE(b.available_fen(), 0);
    EXPECT_GE(b.held_fen(), 0);
    EXPECT_GE(b.spent_fen(), 0);
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, GrantsApiTest, ::testing::Values("sqlite", "mysql"), testing::BackendParamName);

}  // namespace
}  // namespace carehub::funds
