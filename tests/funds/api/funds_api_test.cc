// The funds service over a real gRPC channel on both backends: programs in reach, roles, states,
// bad input (nothing stored), and the budget ledger under concurrent clients: never below zero,
// nothing lost, and a reconciliation that finds no difference.
#include <random>
#include <thread>

#include "tests/funds/api/funds_fixture.h"

namespace carehub::funds {
namespace {

TEST_P(FundsApiTest, ProgramsLiveInTheirDivisionAndFollowTheirStates) {
  if (!t_) return;
  v1::Program created;
  std::string rid = Rid();
  ASSERT_TRUE(CreateProgram(ProgramProto("JJ-2026-CANCER"), &created, nullptr, rid).ok());
  EXPECT_EQ(created.state(), v1::PROGRAM_STATE_DRAFT);
  v1::Program again;
  ASSERT_TRUE(CreateProgram(ProgramProto("JJ-2026-CANCER"), &again, nullptr, rid).ok());
  EXPECT_EQ(again.id(), created.id()) << "a replay answers the first creation";
  EXPECT_EQ(CreateProgram(ProgramProto("JJ-2026-CANCER"), &again).error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(CreateProgram(ProgramProto("JJ-OTHER"), &again, &officer_).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(CreateProgram(ProgramProto("YB-1", "500112000000"), &again).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  v1::GetProgramRequest get;
  get.set_id(created.id());
  v1::Program got;
  EXPECT_TRUE(stub_->GetProgram(As(officer_).get(), get, &got).ok());
  EXPECT_EQ(got.eligibility().any_of_categories_size(), 0);
  EXPECT_EQ(stub_->GetProgram(As(other_finance_).get(), get, &got).error_code(), grpc::StatusCode::NOT_FOUND);

  auto change = [&](bool open) {
    v1::ChangeProgramStateRequest req;
    req.set_request_id(Rid());
    req.set_id(created.id());
    v1::Program out;
    auto s =
        open ? stub_->OpenProgram(As(finance_).get(), req, &out) : stub_->CloseProgram(As(finance_).get(), req, &out);
    return std::make_pair(s, out.state());
  };
  EXPECT_EQ(change(false).first.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << "a draft is not closed";
  EXPECT_EQ(change(true).second, v1::PROGRAM_STATE_OPEN);
  auto reopen = change(true);
  EXPECT_EQ(reopen.first.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(reopen.first.error_message().find("open"), std::string::npos) << reopen.first.error_message();
  EXPECT_EQ(change(false).second, v1::PROGRAM_STATE_CLOSED);

  v1::ListProgramsRequest list;
  list.set_state(v1::PROGRAM_STATE_CLOSED);
  v1::ListProgramsResponse listed;
  ASSERT_TRUE(stub_->ListPrograms(As(auditor_).get(), list, &listed).ok());
  ASSERT_EQ(listed.programs_size(), 1);
  EXPECT_EQ(listed.programs(0).id(), created.id());
}

TEST_P(FundsApiTest, BadInputIsRefusedNamingTheFieldAndStoresNothing) {
  if (!t_) return;
  std::string program = NewProgram("JJ-BAD");
  int64_t entries = Count("ledger_entries"), programs = Count("programs");
  auto field = [](const grpc::Status& s) {
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << s.error_message();
    return s.error_message().substr(0, s.error_message().find(':'));
  };
  EXPECT_EQ(field(Allocate(program, 0)), "amount_fen");
  EXPECT_EQ(field(Allocate(program, -5)), "amount_fen");
  EXPECT_EQ(field(Allocate(program, INT64_MAX)), "amount_fen");
  EXPECT_EQ(field(Allocate("pg_nonsense", 100)), "program_id");
  EXPECT_EQ(Allocate("pg_01ARZ3NDEKTSV4RRFFQ69G5FAV", 100).error_code(), grpc::StatusCode::NOT_FOUND);
  auto closes_early = ProgramProto("JJ-EARLY");
  closes_early.set_closes_on("2025-06-30");
  v1::Program out;
  EXPECT_EQ(field(CreateProgram(closes_early, &out)), "program.closes_on");
  auto free_money = ProgramProto("JJ-FREE");
  free_money.set_amount_fen(0);
  EXPECT_EQ(field(CreateProgram(free_money, &out)), "program.amount_fen");
  EXPECT_EQ(Count("ledger_entries"), entries);
  EXPECT_EQ(Count("programs"), programs);
}

TEST_P(FundsApiTest, TransfersNeverOverdrawAndTheJournalExplainsEveryBalance) {
  if (!t_) return;
  std::string a = NewProgram("JJ-A"), b = NewProgram("JJ-B");
  ASSERT_TRUE(Allocate(a, 100'000).ok());
  // 8 clients each try 10 transfers of 20 yuan from A (1,000 yuan in all) to B: exactly 50 fit.
  constexpr int kClients = 8, kEach = 10;
  std::atomic<int> moved{0}, refused{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kClients; ++i) {
    threads.emplace_back([&] {
      auto stub = v1::FundsService::NewStub(harness_->NewChannel());
      for (int k = 0; k < kEach; ++k) {
        auto s = Transfer(a, b, 2'000, stub.get());
        if (s.ok())
          ++moved;
        else if (s.error_code() == grpc::StatusCode::FAILED_PRECONDITION)
          ++refused;
        else
          ++other;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(moved, 50);
  EXPECT_EQ(refused, kClients * kEach - 50);
  EXPECT_EQ(other, 0);
  EXPECT_EQ(Budget(a).available_fen(), 0);
  EXPECT_EQ(Budget(b).available_fen(), 100'000);
  EXPECT_EQ(Budget(b).allocated_fen(), 100'000);
  auto report = Reconcile();
  EXPECT_EQ(report.differences_size(), 0);
  EXPECT_EQ(report.total_in_programs_fen(), report.total_allocated_fen());
  EXPECT_EQ(report.entries(), 1 + 50);
}

TEST_P(FundsApiTest, AReplayedAllocationIsPaidOnce) {
  if (!t_) return;
  std::string a = NewProgram("JJ-REPLAY");
  std::string rid = Rid();
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      auto stub = v1::FundsService::NewStub(harness_->NewChannel());
      if (Allocate(a, 50'000, stub.get(), rid).ok()) ++ok;
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(ok, 8) << "every replay answers";
  EXPECT_EQ(Budget(a).available_fen(), 50'000) << "the money moved once";
}

TEST_P(FundsApiTest, ARandomMixLeavesNothingUnexplained) {
  if (!t_) return;
  unsigned seed = std::random_device{}();
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::printf("funds random mix seed %u\n", seed);
  std::vector<std::string> programs;
  for (int i = 0; i < 4; ++i) programs.push_back(NewProgram("JJ-MIX-" + std::to_string(i)));
  std::atomic<int64_t> allocated{0};
  std::vector<std::thread> threads;
  for (int c = 0; c < 8; ++c) {
    threads.emplace_back([&, c] {
      std::mt19937 rng(seed + c);
      auto stub = v1::FundsService::NewStub(harness_->NewChannel());
      for (int k = 0; k < 25; ++k) {
        auto from = programs[rng() % programs.size()], to = programs[rng() % programs.size()];
        int64_t fen = 1 + rng() % 50'000;
        if (rng() % 3 == 0) {
          if (Allocate(to, fen, stub.get()).ok()) allocated += fen;
        } else if (from != to) {
          auto s = Transfer(from, to, fen, stub.get());
          EXPECT_TRUE(s.ok() || s.error_code() == grpc::StatusCode::FAILED_PRECONDITION) << s.error_message();
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  auto report = Reconcile();
  EXPECT_EQ(report.differences_size(), 0);
  EXPECT_EQ(report.total_allocated_fen(), allocated.load());
  EXPECT_EQ(report.total_in_programs_fen(), allocated.load()) << "Σ of all accounts = Σ of allocations";
  for (const auto& p : programs) EXPECT_GE(Budget(p).available_fen(), 0);

  v1::ListLedgerEntriesRequest req;
  req.set_page_size(7);
  int64_t seen = 0;
  do {
    v1::ListLedgerEntriesResponse page;
    ASSERT_TRUE(stub_->ListLedgerEntries(As(auditor_).get(), req, &page).ok());
    seen += page.entries_size();
    req.set_page_token(page.next_page_token());
  } while (!req.page_token().empty());
  EXPECT_EQ(seen, report.entries()) << "paging visits every entry once";
}

INSTANTIATE_TEST_SUITE_P(Backends, FundsApiTest, ::testing::Values("sqlite", "mysql"), testing::BackendParamName);

}  // namespace
}  // namespace carehub::funds
