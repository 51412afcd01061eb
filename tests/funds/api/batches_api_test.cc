// Batches of grants over a real gRPC channel on both backends: the preview counts who qualifies
// and why the rest do not, a fill creates each person's grant once (re-runs, resumed and racing
// fills create none twice), approval is all or none on the budget, and a fill cut off midway
// resumes where it stopped.
#include <thread>

#include "common/ids.h"
#include "common/resident_id.h"
#include "services/funds/app/batches_app.h"
#include "tests/funds/api/funds_fixture.h"

namespace carehub::funds {
namespace {

// The registry breaking off a stream after `limit` people (a restart of either side midway).
class BreakingDirectory final : public BeneficiaryDirectory {
 public:
  BreakingDirectory(const BeneficiaryDirectory& target, int limit) : target_(target), limit_(limit) {}
  BeneficiaryFacts Get(const Caller& c, const std::string& id, const std::string& field) const override {
    return target_.Get(c, id, field);
  }
  void Scan(const Caller& c, const BeneficiaryScan& scan,
            const std::function<bool(const BeneficiaryFacts&)>& visit) const override {
    int handed = 0;
    target_.Scan(c, scan, [&](const BeneficiaryFacts& f) {
      if (handed++ == limit_) Throw(ErrorCode::kUnavailable, "division_prefix", "the registry went away");
      return visit(f);
    });
  }

 private:
  const BeneficiaryDirectory& target_;
  int limit_;
};

class BatchesApiTest : public FundsApiTest {
 protected:
  void SetUp() override {
    FundsApiTest::SetUp();
    if (!t_) return;
    auto p = ProgramProto("JJ-SPRING-2026");
    p.set_benefit_class("holiday_condolence");
    p.set_amount_fen(50'000);  // 500 yuan each
    p.mutable_eligibility()->add_any_of_categories("minimum_living_allowance");
    p.mutable_eligibility()->set_min_age(18);
    p.mutable_limit()->set_max_grants(1);
    p.mutable_limit()->set_per_calendar_year(true);
    program_ = OpenProgram(p);
  }
  std::string Woman(const std::string& division = "500116001001",
                    const std::function<void(BeneficiaryFacts&)>& change = {}) {
    return PutWoman(division, change);
  }
  v1::GrantBatchRequest BatchRequest(const std::string& prefix = "500116001") {
    v1::GrantBatchRequest req;
    req.set_request_id(Rid());
    req.set_program_id(program_);
    req.set_division_prefix(prefix);
    req.set_note("2026年春节慰问");
    return req;
  }
  v1::GrantBatch Create(const std::string& prefix = "500116001") {
    v1::GrantBatch b;
    auto s = stub_->CreateGrantBatch(As(officer_).get(), BatchRequest(prefix), &b);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return b;
  }
  v1::GrantBatch Get(const std::string& id) {
    v1::GetGrantBatchRequest req;
    req.set_id(id);
    v1::GrantBatch b;
    EXPECT_TRUE(stub_->GetGrantBatch(As(auditor_).get(), req, &b).ok());
    return b;
  }
  // The service fills on its own; a test waits as a user watching `batch status` would.
  v1::GrantBatch Filled(const std::string& id) {
    for (int i = 0; i < 400; ++i) {
      auto b = Get(id);
      if (b.state() != v1::GRANT_BATCH_STATE_FILLING) return b;
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    ADD_FAILURE() << "batch " << id << " never filled";
    return Get(id);
  }
  grpc::Status Approve(const std::string& id, const Principal& who, v1::GrantBatch* out) {
    v1::ApproveGrantBatchRequest req;
    req.set_request_id(Rid());
    req.set_id(id);
    return stub_->ApproveGrantBatch(As(who).get(), req, out);
  }
  int64_t GrantsOf(const std::string& batch, int state = 0) {
    int64_t n = 0;
    t_->db().Read([&](db::Tx& tx) {
      n = db::AsInt(tx.Query("SELECT COUNT(*) FROM grants WHERE batch_id = ? AND (? = 0 OR state = ?)",
                             {batch, int64_t{state}, int64_t{state}})[0][0]);
    });
    return n;
  }
  int64_t DistinctPeopleGranted() {
    int64_t n = 0;
    t_->db().Read([&](db::Tx& tx) {
      n = db::AsInt(
          tx.Query("SELECT COUNT(DISTINCT beneficiary_id) FROM grants WHERE program_id = ?", {program_})[0][0]);
    });
    return n;
  }

  std::string program_;
  Principal approver_{"approver-a", {"approver"}, "500116", "rq"};
  Principal approver_b_{"approver-b", {"approver"}, "500116", "rq"};
};

TEST_P(BatchesApiTest, ThePreviewCountsWhoQualifiesAndWhyTheOthersDoNot) {
  if (!t_) GTEST_SKIP() << "backend unavailable";
  for (int i = 0; i < 10; ++i) Woman();
  for (int i = 0; i < 2; ++i) Woman("500116001002", [](auto& f) { f.active = false; });
  for (int i = 0; i < 3; ++i) Woman("500116001003", [](auto& f) { f.categories = {"single_mother"}; });
  Woman("500116001001", [](auto& f) { f.birth_date = "2012-01-01"; });  // a girl of 14
  Woman("500116002001");                                                // another town: not asked for
  // One already applied for one by one.
  v1::SubmitGrantRequest one;
  one.set_request_id(Rid());
  one.set_program_id(program_);
  one.set_beneficiary_id(Woman());
  v1::Grant g;
  ASSERT_TRUE(stub_->SubmitGrant(As(officer_).get(), one, &g).ok());
  ASSERT_TRUE(Allocate(program_, 200'000).ok());  // 2,000 yuan for 10 × 500

  v1::GrantBatchPreview p;
  ASSERT_TRUE(stub_->PreviewGrantBatch(As(officer_).get(), BatchRequest(), &p).ok());
  EXPECT_EQ(p.scanned(), 17);
  EXPECT_EQ(p.eligible(), 10);
  EXPECT_EQ(p.total_fen(), 500'000);
  EXPECT_EQ(p.skipped().inactive(), 2);
  EXPECT_EQ(p.skipped().category(), 3);
  EXPECT_EQ(p.skipped().age(), 1);
  EXPECT_EQ(p.skipped().already_granted(), 1);
  EXPECT_FALSE(p.budget_covers());
  EXPECT_EQ(p.available_fen(), 200'000);
  EXPECT_EQ(p.shortfall_fen(), 300'000);
  EXPECT_EQ(Count("grants"), 1) << "a preview creates nothing";

  // Bad input names the field and creates nothing.
  auto bad = BatchRequest();
  bad.set_division_prefix("5001x");
  EXPECT_EQ(stub_->PreviewGrantBatch(As(officer_).get(), bad, &p).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  bad = BatchRequest();
  bad.set_amount_fen(1);
  v1::GrantBatch b;
  auto s = stub_->CreateGrantBatch(As(officer_).get(), bad, &b);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("amount_fen"), std::string::npos) << s.error_message();
  EXPECT_EQ(stub_->CreateGrantBatch(As(finance_).get(), BatchRequest(), &b).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Count("grant_batches"), 0);
}

TEST_P(BatchesApiTest, AFillGivesEachPersonOneGrantAndAReRunCreatesNone) {
  if (!t_) GTEST_SKIP() << "backend unavailable";
  for (int i = 0; i < 12; ++i) Woman();
  Woman("500116001002", [](auto& f) { f.active = false; });
  auto b = Filled(Create().id());
  EXPECT_EQ(b.state(), v1::GRANT_BATCH_STATE_FILLED);
  EXPECT_EQ(b.scanned(), 13);
  EXPECT_EQ(b.created(), 12);
  EXPECT_EQ(b.total_fen(), 600'000);
  EXPECT_EQ(b.skipped().inactive(), 1);
  EXPECT_EQ(GrantsOf(b.id()), 12);

  auto again = Filled(Create().id());
  EXPECT_EQ(again.created(), 0);
  EXPECT_EQ(again.skipped().already_granted(), 12);
  EXPECT_EQ(Count("grants"), 12);

  // A batch's grant is approved with its batch, never alone.
  v1::ListGrantsRequest lr;
  lr.set_program_id(program_);
  v1::ListGrantsResponse grants;
  ASSERT_TRUE(stub_->ListGrants(As(auditor_).get(), lr, &grants).ok());
  ASSERT_FALSE(grants.grants().empty());
  EXPECT_EQ(grants.grants(0).batch_id(), b.id());
  v1::DecideGrantRequest one;
  one.set_request_id(Rid());
  one.set_id(grants.grants(0).id());
  v1::Grant g;
  auto s = stub_->ApproveGrant(As(approver_).get(), one, &g);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(s.error_message().find(b.id()), std::string::npos) << s.error_message();
}

TEST_P(BatchesApiTest, ApprovalHoldsForAllOrNoneAndRejectsWhoNoLongerQualifies) {
  if (!t_) GTEST_SKIP() << "backend unavailable";
  std::vector<std::string> women;
  for (int i = 0; i < 10; ++i) women.push_back(Woman());
  auto b = Filled(Create().id());
  ASSERT_EQ(b.created(), 10);
  ASSERT_TRUE(Allocate(program_, 400'000).ok());

  v1::GrantBatch out;
  EXPECT_EQ(Approve(b.id(), officer_, &out).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  Principal creator_as_approver{"officer-jj", {"approver"}, "500116", "rq"};
  EXPECT_EQ(Approve(b.id(), creator_as_approver, &out).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  auto s = Approve(b.id(), approver_, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(s.error_message().find("1000.00 yuan short"), std::string::npos) << s.error_message();
  EXPECT_EQ(Budget(program_).held_fen(), 0) << "nothing held";
  EXPECT_EQ(GrantsOf(b.id(), static_cast<int>(GrantState::kSubmitted)), 10);

  // One woman left the register since the fill: she is rejected with the reason, the rest held.
  auto gone = registry_.Get(Caller{"t", {"admin"}, ""}, women[3], "id");
  gone.active = false;
  registry_.Put(gone);
  ASSERT_TRUE(Allocate(program_, 50'000).ok());
  s = Approve(b.id(), approver_, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.state(), v1::GRANT_BATCH_STATE_APPROVED);
  EXPECT_EQ(out.approved(), 9);
  EXPECT_EQ(out.rejected(), 1);
  EXPECT_EQ(Budget(program_).held_fen(), 450'000);
  EXPECT_EQ(Budget(program_).available_fen(), 0);
  v1::ListGrantsRequest lr;
  lr.set_beneficiary_id(women[3]);
  v1::ListGrantsResponse r;
  ASSERT_TRUE(stub_->ListGrants(As(auditor_).get(), lr, &r).ok());
  ASSERT_EQ(r.grants_size(), 1);
  EXPECT_EQ(r.grants(0).state(), v1::GRANT_STATE_REJECTED);
  EXPECT_NE(r.grants(0).reason().find("left the register"), std::string::npos) << r.grants(0).reason();
  EXPECT_TRUE(Reconcile().differences().empty());
  // Approved once: a second approval finds nothing due.
  EXPECT_EQ(Approve(b.id(), approver_b_, &out).error_code(), grpc::StatusCode::FAILED_PRECONDITION);
}

class BatchResumeTest : public BatchesApiTest {
 protected:
  BatchResumeTest() { batch_poll_ms_ = 0; }  // the test plays the runners
};

TEST_P(BatchResumeTest, AFillCutOffMidwayResumesWithNobodyTwice) {
  if (!t_) GTEST_SKIP() << "backend unavailable";
  for (int i = 0; i < 1'300; ++i) Woman(i % 2 ? "500116001001" : "500116001002");
  auto b = Create();
  ASSERT_EQ(b.state(), v1::GRANT_BATCH_STATE_FILLING);

  BreakingDirectory breaking(registry_, 700);
  BatchesApp cut(t_->db(), breaking);
  EXPECT_THROW(cut.Fill(b.id(), "runner-1"), DomainError);
  auto halfway = Get(b.id());
  EXPECT_EQ(halfway.state(), v1::GRANT_BATCH_STATE_FILLING);
  EXPECT_EQ(halfway.created(), BatchesApp::kChunk) << "the first chunk committed, the second never did";
  EXPECT_EQ(GrantsOf(b.id()), BatchesApp::kChunk);

  // Another runner cannot take the fill while the first holds it …
  BatchesApp whole(t_->db(), registry_);
  EXPECT_FALSE(whole.Fill(b.id(), "runner-2"));
  // … and the first, restarted, resumes after its cursor.
  EXPECT_TRUE(whole.Fill(b.id(), "runner-1"));
  auto done = Get(b.id());
  EXPECT_EQ(done.state(), v1::GRANT_BATCH_STATE_FILLED);
  EXPECT_EQ(done.created(), 1'300);
  EXPECT_EQ(done.scanned(), 1'300);
  EXPECT_EQ(GrantsOf(b.id()), 1'300);
  EXPECT_EQ(DistinctPeopleGranted(), 1'300);
}

TEST_P(BatchResumeTest, TwoBatchesFillingAtOnceCreateNobodyTwice) {
  if (!t_) GTEST_SKIP() << "backend unavailable";
  for (int i = 0; i < 1'100; ++i) Woman();
  auto first = Create(), second = Create();
  BatchesApp app(t_->db(), registry_);
  std::thread a([&] { app.Fill(first.id(), "runner-a"); });
  std::thread c([&] { app.Fill(second.id(), "runner-b"); });
  a.join();
  c.join();
  auto x = Get(first.id()), y = Get(second.id());
  EXPECT_EQ(x.state(), v1::GRANT_BATCH_STATE_FILLED);
  EXPECT_EQ(y.state(), v1::GRANT_BATCH_STATE_FILLED);
  EXPECT_EQ(x.created() + y.created(), 1'100);
  EXPECT_EQ(x.skipped().already_granted() + y.skipped().already_granted(), 1'100);
  EXPECT_EQ(Count("grants"), 1'100);
  EXPECT_EQ(DistinctPeopleGranted(), 1'100);
}

INSTANTIATE_TEST_SUITE_P(Backends, BatchesApiTest, ::testing::Values("sqlite", "mysql"), testing::BackendParamName);
INSTANTIATE_TEST_SUITE_P(Backends, BatchResumeTest, ::testing::Values("sqlite", "mysql"), testing::BackendParamName);

}  // namespace
}  // namespace carehub::funds
