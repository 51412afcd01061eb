// Money through the real gateway: the real registry, two funds replicas on one database (MariaDB
// in the MySQL tier, one SQLite file otherwise), real parallel clients. 200 simultaneous final
// approvals against a budget for 50 approve exactly 50; 100 replays of one disbursement pay once;
// a batch whose every replica crashes while it fills resumes and gives each woman one grant;
// payment batches racing on both replicas never share a grant.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <atomic>
#include <sstream>
#include <thread>

#include "carehub/funds/v1/funds_service.grpc.pb.h"
#include "carehub/registry/v1/registry_service.grpc.pb.h"
#include "tests/e2e/condolence_program.h"
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
    // Reconciled every second, so the figure test sees a change soon.
    suite_.Start({"funds",
                  funds_db_->url(),
                  {"officer", "approver", "finance", "finance+pii"},
                  "",
                  {{"CAREHUB_FIGURES_INTERVAL_S", "1"}}});
  }

  std::unique_ptr<fv1::FundsService::Stub> Funds() { return fv1::FundsService::NewStub(suite_.Channel()); }
  std::unique_ptr<grpc::ClientContext> As(const std::string& role) { return suite_.As(role); }
  std::string Rid() { return "rq-e2e-" + std::to_string(++rid_) + "-" + std::to_string(rand()); }

  std::string OpenProgram(int grants) { return OpenCondolenceProgram(suite_, "JJ-WARM-2026", grants); }

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

  // Registers `n` women in one village, 8 clients at a time.
  void RegisterWomen(int n) {
    std::vector<std::thread> threads;
    for (int c = 0; c < 8; ++c) {
      threads.emplace_back([&, c] {
        auto registry = rv1::RegistryService::NewStub(suite_.Channel());
        for (int i = c; i < n; i += 8) {
          rv1::CreateWomanRequest woman;
          woman.set_request_id(Rid());
          *woman.mutable_woman() = WomanProto(i);
          rv1::Woman registered;
          auto s = registry->CreateWoman(As("officer").get(), woman, &registered);
          ASSERT_TRUE(s.ok()) << s.error_message();
        }
      });
    }
    for (auto& t : threads) t.join();
  }
  // The batch as a client polling it sees it. Right after its backends restart the gateway
  // answers UNAVAILABLE until its channel has reconnected (it fails fast by design and leaves
  // retries to clients), so a poll that meets UNAVAILABLE keeps the last state and asks again.
  fv1::GrantBatch Batch(const fv1::GrantBatch& last) {
    fv1::GetGrantBatchRequest req;
    req.set_id(last.id());
    fv1::GrantBatch b;
    auto s = Funds()->GetGrantBatch(As("finance").get(), req, &b);
    if (s.error_code() == grpc::StatusCode::UNAVAILABLE) {
      std::cerr << "poll answered UNAVAILABLE: " << s.error_message() << "\n";
      return last;
    }
    EXPECT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
    return b;
  }
  int64_t Query(const std::string& sql) {
    int64_t n = 0;
    funds_db_->db().Read([&](db::Tx& tx) { n = db::AsInt(tx.Query(sql)[0][0]); });
    return n;
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

TEST_P(FundsThroughTheGateway, ABatchOutlivesACrashOfEveryReplicaAndPaymentBatchesNeverShareAGrant) {
  if (!funds_db_ || !suite_.started()) return;
  constexpr int kWomen = 3'000;
  std::string program = OpenProgram(kWomen);
  RegisterWomen(kWomen);
  fv1::GrantBatchRequest create;
  create.set_request_id(Rid());
  create.set_program_id(program);
  create.set_division_prefix("500116001");
  create.set_note("2026年春节慰问");
  fv1::GrantBatch batch;
  auto s = Funds()->CreateGrantBatch(As("officer").get(), create, &batch);
  ASSERT_TRUE(s.ok()) << s.error_message();
  // Both replicas die while it fills, once its first grants are committed, and come back.
  for (int i = 0; i < 2'000 && Query("SELECT COUNT(*) FROM grants") == 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  int64_t at_crash = -1;
  ASSERT_TRUE(suite_.CrashAndRestartReplicas([&] { at_crash = Query("SELECT COUNT(*) FROM grants"); }));
  std::cerr << "grants when every replica crashed: " << at_crash << " of " << kWomen << "\n";
  for (int i = 0; i < 600 && batch.state() == fv1::GRANT_BATCH_STATE_FILLING; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    batch = Batch(batch);
  }
  ASSERT_EQ(batch.state(), fv1::GRANT_BATCH_STATE_FILLED);
  EXPECT_EQ(batch.created(), kWomen);
  EXPECT_EQ(batch.scanned(), kWomen);
  EXPECT_EQ(Query("SELECT COUNT(*) FROM grants"), kWomen);
  EXPECT_EQ(Query("SELECT COUNT(DISTINCT beneficiary_id) FROM grants"), kWomen);

  fv1::ApproveGrantBatchRequest approve;
  approve.set_request_id(Rid());
  approve.set_id(batch.id());
  s = Funds()->ApproveGrantBatch(As("approver").get(), approve, &batch);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(batch.approved(), kWomen);
  EXPECT_EQ(Budget(program).held_fen(), int64_t{kWomen} * 10'000);

  // 200 of them get a bank account; eight payment batches race for them on both replicas.
  fv1::ListGrantsRequest list;
  list.set_program_id(program);
  list.set_page_size(200);
  fv1::ListGrantsResponse page;
  ASSERT_TRUE(Funds()->ListGrants(As("finance").get(), list, &page).ok());
  ASSERT_EQ(page.grants_size(), 200);
  std::vector<std::thread> threads;
  for (int c = 0; c < 8; ++c) {
    threads.emplace_back([&, c] {
      auto funds = Funds();
      for (int i = c; i < page.grants_size(); i += 8) {
        fv1::SetGrantPayeeRequest payee;
        payee.set_request_id(Rid());
        payee.set_id(page.grants(i).id());
        payee.mutable_payee()->set_account_name("测试妇女");
        payee.mutable_payee()->set_bank("重庆农村商业银行江津支行");
        payee.mutable_payee()->set_account_number("62309" + std::to_string(10'000'000 + i));
        fv1::Grant g;
        auto st = funds->SetGrantPayee(As("officer").get(), payee, &g);
        ASSERT_TRUE(st.ok()) << st.error_message();
      }
    });
  }
  for (auto& t : threads) t.join();
  threads.clear();
  std::atomic<int64_t> taken{0};
  std::vector<std::string> batches(8);
  for (int c = 0; c < 8; ++c) {
    threads.emplace_back([&, c] {
      fv1::CreatePaymentBatchRequest req;
      req.set_request_id(Rid());
      req.set_program_id(program);
      fv1::PaymentBatch pb;
      auto st = Funds()->CreatePaymentBatch(As("finance").get(), req, &pb);
      if (st.ok()) {
        taken += pb.control_count();
        batches[c] = pb.id();
      } else {
        EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << st.error_message();
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(taken.load(), 200);
  EXPECT_EQ(Query("SELECT COUNT(*) FROM payment_lines"), 200);
  EXPECT_EQ(Query("SELECT COUNT(DISTINCT grant_id) FROM payment_lines"), 200);
  // The bank's file comes out through the gateway to finance with pii only.
  for (const auto& id : batches) {
    if (id.empty()) continue;
    fv1::ExportPaymentBatchRequest req;
    req.set_id(id);
    auto plain = As("finance");
    auto denied = Funds()->ExportPaymentBatch(plain.get(), req);
    fv1::FileChunk chunk;
    while (denied->Read(&chunk)) {
    }
    EXPECT_EQ(denied->Finish().error_code(), grpc::StatusCode::PERMISSION_DENIED);
    auto ctx = As("finance+pii");
    auto reader = Funds()->ExportPaymentBatch(ctx.get(), req);
    std::string file;
    while (reader->Read(&chunk)) file += chunk.data();
    ASSERT_TRUE(reader->Finish().ok());
    EXPECT_NE(file.find("62309"), std::string::npos);
    break;
  }
  fv1::ReconcileRequest rec;
  fv1::ReconcileReport report;
  ASSERT_TRUE(Funds()->Reconcile(As("finance").get(), rec, &report).ok());
  EXPECT_EQ(report.differences_size(), 0);
}

// The value of `metric` (unlabelled but for `service`) on a replica's /metrics; -1 when absent.
double Figure(int metrics_port, const std::string& metric) {
  std::istringstream in(HttpGet(metrics_port, "/metrics").body);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(metric + "{", 0) == 0) return std::stod(line.substr(line.rfind(' ') + 1));
  }
  return -1;
}

// Polls `metric` on both replicas until each shows `want`, for up to 15 s.
bool BothShow(const ReplicatedSuite& suite, const std::string& metric, double want) {
  for (int i = 0; i < 150; ++i) {
    if (Figure(suite.MetricsPort(0), metric) == want && Figure(suite.MetricsPort(1), metric) == want) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

TEST_P(FundsThroughTheGateway, ABalanceThatNoLongerAgreesWithTheJournalShowsInTheReconciliationFigures) {
  if (!funds_db_ || !suite_.started()) return;
  std::string program = OpenProgram(10);
  EXPECT_TRUE(BothShow(suite_, "carehub_funds_reconcile_differences", 0));
  EXPECT_TRUE(BothShow(suite_, "carehub_funds_reconcile_difference_fen", 0));
  EXPECT_GT(Figure(suite_.MetricsPort(0), "carehub_funds_reconcile_last_run_timestamp_seconds"), 1.7e9);
  // Someone edits a balance around the service: 1.23 yuan appear from nowhere.
  funds_db_->db().Transact([&](db::Tx& tx) {
    tx.Exec("UPDATE accounts SET balance_fen = balance_fen + 123 WHERE id = ?", {program + ":available"});
  });
  EXPECT_TRUE(BothShow(suite_, "carehub_funds_reconcile_differences", 1)) << "the alert's figure never moved";
  EXPECT_TRUE(BothShow(suite_, "carehub_funds_reconcile_difference_fen", 123));
  EXPECT_NE(suite_.LogOf("funds0").find("reconciliation found differences"), std::string::npos);
}

// The "rpc" lines of `log` in trace `trace_id`.
std::vector<nlohmann::json> RpcLinesOf(const std::string& log, const std::string& trace_id) {
  std::vector<nlohmann::json> lines;
  std::istringstream in(log);
  for (std::string line; std::getline(in, line);) {
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_object() && j.value("message", "") == "rpc" && j.value("trace_id", "") == trace_id) lines.push_back(j);
  }
  return lines;
}

TEST_P(FundsThroughTheGateway, OneTraceIdFollowsACallThroughTheGatewayFundsAndTheRegistry) {
  if (!funds_db_ || !suite_.started()) return;
  std::string program = OpenProgram(1);
  rv1::CreateWomanRequest woman;
  woman.set_request_id(Rid());
  *woman.mutable_woman() = WomanProto(77);
  rv1::Woman registered;
  ASSERT_TRUE(rv1::RegistryService::NewStub(suite_.Channel())->CreateWoman(As("officer").get(), woman, &registered).ok());

  // An application made inside a trace the caller started: funds asks the registry about her.
  const std::string trace_id = crypto::HexEncode(crypto::RandomBytes(16)), caller_span = "00f067aa0ba902b7";
  fv1::SubmitGrantRequest submit;
  submit.set_request_id(Rid());
  submit.set_program_id(program);
  submit.set_beneficiary_id(registered.id());
  auto ctx = As("officer");
  ctx->AddMetadata("traceparent", "00-" + trace_id + "-" + caller_span + "-01");
  fv1::Grant grant;
  ASSERT_TRUE(Funds()->SubmitGrant(ctx.get(), submit, &grant).ok());
  auto answered = ctx->GetServerInitialMetadata().find("x-trace-id");
  ASSERT_NE(answered, ctx->GetServerInitialMetadata().end());
  EXPECT_EQ(std::string(answered->second.data(), answered->second.size()), trace_id);

  // gateway (child of the caller's span) -> a funds replica (child of the gateway's) -> the
  // registry (child of funds'): one grep for the trace id finds all three.
  auto gateway = RpcLinesOf(suite_.LogOf("gateway"), trace_id);
  ASSERT_EQ(gateway.size(), 1u) << suite_.LogOf("gateway");
  EXPECT_EQ(gateway[0]["parent_span_id"], caller_span);
  EXPECT_EQ(gateway[0]["method"], "/carehub.funds.v1.FundsService/SubmitGrant");
  auto funds = RpcLinesOf(suite_.LogOf("funds0") + suite_.LogOf("funds1"), trace_id);
  ASSERT_EQ(funds.size(), 1u);
  EXPECT_EQ(funds[0]["parent_span_id"], gateway[0]["span_id"]);
  EXPECT_EQ(funds[0]["method"], "/carehub.funds.v1.FundsService/SubmitGrant");
  auto registry = RpcLinesOf(suite_.LogOf("registry"), trace_id);
  ASSERT_GE(registry.size(), 1u) << "funds did not pass the trace on";
  for (const auto& line : registry) {
    EXPECT_EQ(line["parent_span_id"], funds[0]["span_id"]);
    EXPECT_EQ(line["on_behalf_of"], "carehub-funds");
  }

  // A call without a traceparent (or with a broken one) is given a trace of its own.
  auto plain = As("finance");
  plain->AddMetadata("traceparent", "00-not-a-trace-01");
  fv1::GetBudgetRequest budget;
  budget.set_program_id(program);
  fv1::Budget b;
  ASSERT_TRUE(Funds()->GetBudget(plain.get(), budget, &b).ok());
  auto started = plain->GetServerInitialMetadata().find("x-trace-id");
  ASSERT_NE(started, plain->GetServerInitialMetadata().end());
  std::string fresh(started->second.data(), started->second.size());
  EXPECT_EQ(fresh.size(), 32u);
  EXPECT_EQ(RpcLinesOf(suite_.LogOf("gateway"), fresh).size(), 1u);
  EXPECT_EQ(RpcLinesOf(suite_.LogOf("funds0") + suite_.LogOf("funds1"), fresh).size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, FundsThroughTheGateway, ::testing::Values("sqlite", "mysql"), BackendParamName);

}  // namespace
}  // namespace carehub::testing
