#pragma once
// The program the end-to-end funds tests work on: 100-yuan condolences for women in Jiangjin, one
// approval each, opened and given money for `grants` of them, through the gateway as finance.
#include <gtest/gtest.h>

#include <string>

#include "carehub/funds/v1/funds_service.grpc.pb.h"
#include "common/ids.h"
#include "tests/e2e/replicated_suite.h"

namespace carehub::testing {

inline std::string OpenCondolenceProgram(const ReplicatedSuite& suite, const std::string& code, int64_t grants) {
  namespace fv1 = funds::v1;
  auto funds = fv1::FundsService::NewStub(suite.Channel());
  fv1::CreateProgramRequest create;
  create.set_request_id(NewId("rq"));
  auto* p = create.mutable_program();
  p->set_code(code);
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
  EXPECT_TRUE(funds->CreateProgram(suite.As("finance").get(), create, &program).ok());
  fv1::ChangeProgramStateRequest open;
  open.set_request_id(NewId("rq"));
  open.set_id(program.id());
  EXPECT_TRUE(funds->OpenProgram(suite.As("finance").get(), open, &program).ok());
  fv1::AllocateBudgetRequest money;
  money.set_request_id(NewId("rq"));
  money.set_program_id(program.id());
  money.set_amount_fen(grants * 10'000);
  fv1::LedgerEntry entry;
  EXPECT_TRUE(funds->AllocateBudget(suite.As("finance").get(), money, &entry).ok());
  return program.id();
}

}  // namespace carehub::testing
