#pragma once
// The funds service over a real gRPC channel on a test database, with a fake registry the test
// fills, and the calls every funds test makes.
#include <gtest/gtest.h>

#include <atomic>
#include <functional>

#include "common/ids.h"
#include "services/funds/api/funds_api.h"
#include "services/funds/migrations.h"
#include "tests/support/fake_directory.h"
#include "tests/support/service_harness.h"
#include "tests/support/test_db.h"

namespace carehub::funds {

class FundsApiTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    t_ = testing::TestDatabase::Make(GetParam(), 16);
    if (!t_) return;
    harness_ = std::make_unique<testing::ServiceHarness>(
        testing::ServiceHarness::Options{.name = "carehub-funds", .db = &t_->db(), .migrations = FundsMigrations},
        [this](BackendRuntime& rt) {
          return std::make_unique<FundsApi>(rt, FundsOptions{pii_key_, std::chrono::milliseconds(batch_poll_ms_)},
                                            std::make_unique<testing::DirectoryRef>(registry_));
        });
    stub_ = v1::FundsService::NewStub(harness_->channel());
  }
  auto As(const Principal& p) { return harness_->As(p); }
  std::string Rid() { return "rq-" + std::to_string(++rid_) + "-" + std::to_string(rand()); }

  static v1::Program ProgramProto(const std::string& code, const std::string& division = "500116000000") {
    v1::Program p;
    p.set_code(code);
    p.set_name("两癌救助 " + code);
    p.set_funding_source(v1::FUNDING_SOURCE_DISTRICT);
    p.set_division_code(division);
    p.set_beneficiary_kind(v1::BENEFICIARY_KIND_WOMAN);
    p.set_benefit_class("cancer_relief");
    p.set_opens_on("2026-01-01");
    p.set_closes_on("2026-12-31");
    p.set_amount_rule(v1::AMOUNT_RULE_FIXED);
    p.set_amount_fen(1'000'000);
    return p;
  }
  grpc::Status CreateProgram(const v1::Program& p, v1::Program* out, const Principal* who = nullptr,
                             const std::string& rid = "") {
    v1::CreateProgramRequest req;
    req.set_request_id(rid.empty() ? Rid() : rid);
    *req.mutable_program() = p;
    return stub_->CreateProgram(As(who ? *who : finance_).get(), req, out);
  }
  std::string NewProgram(const std::string& code, const std::string& division = "500116000000") {
    v1::Program out;
    EXPECT_TRUE(CreateProgram(ProgramProto(code, division), &out).ok());
    return out.id();
  }
  // Created and opened (finance), its id.
  std::string OpenProgram(const v1::Program& p) {
    v1::Program out;
    EXPECT_TRUE(CreateProgram(p, &out).ok());
    v1::ChangeProgramStateRequest req;
    req.set_request_id(Rid());
    req.set_id(out.id());
    EXPECT_TRUE(stub_->OpenProgram(As(finance_).get(), req, &out).ok());
    return out.id();
  }
  // A registered woman on low income, born in 1970, active, in `division`; `change` adjusts her.
  std::string PutWoman(const std::string& division = "500116001001",
                       const std::function<void(BeneficiaryFacts&)>& change = {}) {
    BeneficiaryFacts f;
    f.id = NewId("wm");
    f.kind = carehub::BeneficiaryKind::kWoman;
    f.active = true;
    f.categories = {"minimum_living_allowance"};
    f.division_code = division;
    f.birth_date = "1970-05-01";
    f.female = true;
    if (change) change(f);
    registry_.Put(f);
    return f.id;
  }
  grpc::Status Allocate(const std::string& program, int64_t fen, v1::FundsService::Stub* stub = nullptr,
                        const std::string& rid = "") {
    v1::AllocateBudgetRequest req;
    req.set_request_id(rid.empty() ? Rid() : rid);
    req.set_program_id(program);
    req.set_amount_fen(fen);
    req.set_reason("渝财社〔2026〕12号");
    v1::LedgerEntry e;
    return (stub ? stub : stub_.get())->AllocateBudget(As(finance_).get(), req, &e);
  }
  grpc::Status Transfer(const std::string& from, const std::string& to, int64_t fen,
                        v1::FundsService::Stub* stub = nullptr) {
    v1::TransferBudgetRequest req;
    req.set_request_id(Rid());
    req.set_from_program_id(from);
    req.set_to_program_id(to);
    req.set_amount_fen(fen);
    req.set_reason("年中调剂");
    v1::LedgerEntry e;
    return (stub ? stub : stub_.get())->TransferBudget(As(finance_).get(), req, &e);
  }
  v1::Budget Budget(const std::string& program) {
    v1::GetBudgetRequest req;
    req.set_program_id(program);
    v1::Budget b;
    EXPECT_TRUE(stub_->GetBudget(As(finance_).get(), req, &b).ok());
    return b;
  }
  v1::ReconcileReport Reconcile(const std::string& program = "") {
    v1::ReconcileRequest req;
    req.set_program_id(program);
    v1::ReconcileReport r;
    EXPECT_TRUE(stub_->Reconcile(As(auditor_).get(), req, &r).ok());
    return r;
  }
  int64_t Count(const std::string& table) {
    int64_t n = 0;
    t_->db().Read([&](db::Tx& tx) { n = db::AsInt(tx.Query("SELECT COUNT(*) FROM " + table)[0][0]); });
    return n;
  }

  testing::FakeDirectory registry_;
  std::string pii_key_ = crypto::RandomBytes(32);
  int batch_poll_ms_ = 50;  // the service fills batches itself, as deployed
  Principal finance_{"finance-jj", {"finance"}, "500116", "rq"};
  Principal auditor_{"auditor-jj", {"auditor"}, "500116", "rq"};
  Principal officer_{"officer-jj", {"officer"}, "500116", "rq"};
  Principal other_finance_{"finance-yb", {"finance"}, "500112", "rq"};
  std::unique_ptr<testing::TestDatabase> t_;
  std::unique_ptr<testing::ServiceHarness> harness_;
  std::unique_ptr<v1::FundsService::Stub> stub_;
  std::atomic<int> rid_{0};
};

}  // namespace carehub::funds
