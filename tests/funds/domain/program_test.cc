// The program rules, directly: each broken rule names its field; the state machine allows
// exactly draft → open → closed; approval bands choose the number of approvals by amount.
#include "services/funds/domain/program.h"

#include <gtest/gtest.h>

#include <cstdint>

#include "common/money.h"
#include "services/funds/domain/ledger.h"

namespace carehub::funds {
namespace {

ProgramApplication Valid() {
  ProgramApplication a;
  a.code = "JJ-2026-CANCER";
  a.name = "江津区两癌救助";
  a.funding_source = 4;
  a.division_code = "500116000000";
  a.beneficiary_kind = 2;
  a.benefit_class = "cancer_relief";
  a.opens_on = "2026-01-01";
  a.closes_on = "2026-12-31";
  a.amount_rule = 1;
  a.amount_fen = 1'000'000;
  a.eligibility.any_of_categories = {"minimum_living_allowance"};
  a.eligibility.min_age = 35;
  a.eligibility.max_age = 64;
  a.eligibility.requires_cancer_patient = true;
  a.limit = {1, true};
  a.approval_bands = {{0, 2}, {200'000, 1}};
  return a;
}

std::string FieldOf(const ProgramApplication& a) {
  try {
    ValidateProgram(a);
  } catch (const DomainError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidArgument);
    return e.field();
  }
  return "";
}

TEST(ProgramRules, EachBrokenRuleNamesItsField) {
  EXPECT_EQ(FieldOf(Valid()), "");
  auto a = Valid();
  for (auto [mutate, field] : std::vector<std::pair<std::function<void(ProgramApplication&)>, std::string>>{
           {[](auto& a) { a.code = "x"; }, "program.code"},
           {[](auto& a) { a.code = "JJ 2026"; }, "program.code"},
           {[](auto& a) { a.name = ""; }, "program.name"},
           {[](auto& a) { a.funding_source = 9; }, "program.funding_source"},
           {[](auto& a) { a.division_code = "5001"; }, "program.division_code"},
           {[](auto& a) { a.beneficiary_kind = 0; }, "program.beneficiary_kind"},
           {[](auto& a) { a.benefit_class = "Cancer Relief"; }, "program.benefit_class"},
           {[](auto& a) { a.opens_on = "2026-02-30"; }, "program.opens_on"},
           {[](auto& a) { a.closes_on = "2025-12-31"; }, "program.closes_on"},
           {[](auto& a) { a.amount_rule = 3; }, "program.amount_rule"},
           {[](auto& a) { a.amount_fen = 0; }, "program.amount_fen"},
           {[](auto& a) { a.amount_fen = -100; }, "program.amount_fen"},
           {[](auto& a) { a.amount_fen = INT64_MAX; }, "program.amount_fen"},
           {[](auto& a) { a.eligibility.max_age = 20; }, "program.eligibility.max_age"},
           {[](auto& a) { a.eligibility.any_of_categories = {"低保"}; }, "program.eligibility.any_of_categories"},
           {[](auto& a) { a.limit.max_grants = -1; }, "program.limit.max_grants"},
           {[](auto& a) {
              a.approval_bands = {{200'000, 1}};
            },
            "program.approval_bands"},
           {[](auto& a) {
              a.approval_bands = {{0, 1}, {200'000, 2}};
            },
            "program.approval_bands"},
           {[](auto& a) {
              a.approval_bands = {{0, 9}};
            },
            "program.approval_bands"},
       }) {
    a = Valid();
    mutate(a);
    EXPECT_EQ(FieldOf(a), field);
  }
}

TEST(ProgramRules, BandsChooseApprovalsByAmount) {
  auto terms = ValidateProgram(Valid());
  ASSERT_EQ(terms.approval_bands.size(), 2u);
  EXPECT_EQ(terms.approval_bands[0].up_to_fen, 200'000) << "bands come back in ascending order";
  EXPECT_EQ(ApprovalsNeeded(terms.approval_bands, 200'000), 1);
  EXPECT_EQ(ApprovalsNeeded(terms.approval_bands, 200'001), 2);
  EXPECT_EQ(ApprovalsNeeded(terms.approval_bands, 500'000), 2) << "a 5,000-yuan grant needs two approvals";
  auto plain = Valid();
  plain.approval_bands.clear();
  EXPECT_EQ(ApprovalsNeeded(ValidateProgram(plain).approval_bands, kMaxFen), 1);
}

TEST(ProgramRules, StateMachineAllowsExactlyDraftOpenClosed) {
  const ProgramState all[] = {ProgramState::kDraft, ProgramState::kOpen, ProgramState::kClosed};
  for (auto from : all) {
    for (auto to : all) {
      bool allowed = (from == ProgramState::kDraft && to == ProgramState::kOpen) ||
                     (from == ProgramState::kOpen && to == ProgramState::kClosed);
      if (allowed) {
        EXPECT_EQ(NextState(from, to), to);
        continue;
      }
      try {
        NextState(from, to);
        ADD_FAILURE() << StateName(from) << " → " << StateName(to) << " was allowed";
      } catch (const DomainError& e) {
        EXPECT_EQ(e.code(), ErrorCode::kFailedPrecondition);
        EXPECT_NE(std::string(e.what()).find(StateName(from)), std::string::npos) << "names the current state";
      }
    }
  }
}

TEST(LedgerRules, MovementsGoWhereTheyShould) {
  Program p;
  static_cast<ProgramTerms&>(p) = ValidateProgram(Valid());
  p.id = "pg_A";
  auto m = Allocation(p, 100, "财预〔2026〕1号");
  EXPECT_EQ(m.from_account, "source:district");
  EXPECT_EQ(m.to_account, "pg_A:available");
  EXPECT_THROW(Allocation(p, 0, ""), DomainError);
  EXPECT_THROW(Allocation(p, -1, ""), DomainError);
  Program q = p;
  q.id = "pg_B";
  auto t = Transfer(p, q, 50, "调剂");
  EXPECT_EQ(t.from_account, "pg_A:available");
  EXPECT_EQ(t.to_account, "pg_B:available");
  EXPECT_THROW(Transfer(p, q, 50, " "), DomainError) << "a transfer says why";
  EXPECT_THROW(Transfer(p, p, 50, "x"), DomainError);
  q.state = ProgramState::kClosed;
  EXPECT_THROW(Transfer(p, q, 50, "x"), DomainError) << "no money into a closed program";
  EXPECT_NO_THROW(Transfer(q, p, 50, "x")) << "a closed program's leftover moves out";
}

}  // namespace
}  // namespace carehub::funds
