#include "tools/carehub-bench/batch_bench.h"

#include <grpcpp/grpcpp.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <iostream>
#include <thread>

#include "carehub/funds/v1/funds_service.grpc.pb.h"
#include "carehub/registry/v1/registry_service.grpc.pb.h"
#include "common/csv.h"
#include "common/ids.h"
#include "tools/carehub-bench/funds_bench.h"
#include "tools/carehub-bench/timed.h"

namespace carehub::bench {
namespace {

namespace fv1 = funds::v1;
namespace rv1 = registry::v1;

using Clock = std::chrono::steady_clock;
constexpr auto kLong = std::chrono::seconds(1800);

double Since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

void Report(const std::string& step, double seconds, int64_t items, nlohmann::json extra = nlohmann::json::object()) {
  extra["op"] = step;
  extra["seconds"] = seconds;
  extra["items"] = items;
  if (items > 0 && seconds > 0) extra["per_s"] = static_cast<double>(items) / seconds;
  std::cout << extra.dump() << std::endl;
}

void Check(const grpc::Status& s, const std::string& what) {
  if (!s.ok()) throw std::runtime_error(what + ": " + s.error_message());
}

}  // namespace

void ImportWomen(rv1::RegistryService::Stub& registry, const std::string& key, int women, int run_id) {
  BatchBenchOptions o;
  o.women = women;
  o.run_id = run_id;
  std::string csv =
      "name,birth_date,resident_id_number,division_code,hardship_categories,household_size,"
      "monthly_income_fen\n";
  for (int i = 0; i < o.women; ++i) {
    std::string id = BenchWomanId(i, o.run_id);
    char village[16];
    std::snprintf(village, sizeof village, "500116001%03d", 1 + i % 10);
    csv += CsvLine({"王秀英" + std::to_string(i), id.substr(6, 4) + "-" + id.substr(10, 2) + "-" + id.substr(12, 2), id,
                    village, "minimum_living_allowance", "3", "80000"});
  }
  auto t0 = Clock::now();
  auto ctx = SignedAs(key, "officer", {}, kLong);
  rv1::ImportSummary summary;
  auto writer = registry.ImportWomen(ctx.get(), &summary);
  Upload(*writer, csv);
  Check(writer->Finish(), "ImportWomen");
  Report("ImportWomen", Since(t0), summary.rows(),
         {{"created", summary.created()},
          {"already_registered", summary.already_registered()},
          {"rejected", summary.rejected()}});
}

namespace {

std::string OpenProgram(fv1::FundsService::Stub& funds, const std::string& key, const BatchBenchOptions& o) {
  fv1::CreateProgramRequest create;
  create.set_request_id(NewId("rq"));
  auto* p = create.mutable_program();
  p->set_code("BENCH-BATCH-" + std::to_string(o.run_id) + "-" + NewId("x").substr(20));
  p->set_name("春节慰问 (bench)");
  p->set_funding_source(fv1::FUNDING_SOURCE_DISTRICT);
  p->set_division_code("500116000000");
  p->set_beneficiary_kind(fv1::BENEFICIARY_KIND_WOMAN);
  p->set_benefit_class("holiday_condolence");
  p->set_opens_on("2026-01-01");
  p->set_closes_on("2030-12-31");
  p->set_amount_rule(fv1::AMOUNT_RULE_FIXED);
  p->set_amount_fen(50'000);
  p->mutable_eligibility()->add_any_of_categories("minimum_living_allowance");
  p->mutable_limit()->set_max_grants(1);
  p->mutable_limit()->set_per_calendar_year(true);
  fv1::Program program;
  Check(funds.CreateProgram(SignedAs(key, "finance").get(), create, &program), "CreateProgram");
  fv1::ChangeProgramStateRequest open;
  open.set_request_id(NewId("rq"));
  open.set_id(program.id());
  Check(funds.OpenProgram(SignedAs(key, "finance").get(), open, &program), "OpenProgram");
  fv1::AllocateBudgetRequest money;
  money.set_request_id(NewId("rq"));
  money.set_program_id(program.id());
  money.set_amount_fen(int64_t{o.women} * 50'000);
  money.set_reason("bench");
  fv1::LedgerEntry e;
  Check(funds.AllocateBudget(SignedAs(key, "finance").get(), money, &e), "AllocateBudget");
  return program.id();
}

std::vector<std::string> GrantIds(fv1::FundsService::Stub& funds, const std::string& key, const std::string& program) {
  std::vector<std::string> ids;
  fv1::ListGrantsRequest req;
  req.set_program_id(program);
  req.set_page_size(1000);
  for (;;) {
    fv1::ListGrantsResponse page;
    Check(funds.ListGrants(SignedAs(key, "auditor").get(), req, &page), "ListGrants");
    for (const auto& g : page.grants()) ids.push_back(g.id());
    if (page.next_page_token().empty()) return ids;
    req.set_page_token(page.next_page_token());
  }
}

}  // namespace

int RunBatch(const BatchBenchOptions& o) {
  std::string key = LoadInternalKey(o.key);
  auto registry =
      rv1::RegistryService::NewStub(grpc::CreateChannel(o.registry_addr, grpc::InsecureChannelCredentials()));
  auto funds_channel = grpc::CreateChannel(o.funds_addr, grpc::InsecureChannelCredentials());
  auto funds = fv1::FundsService::NewStub(funds_channel);
  ImportWomen(*registry, key, o.women, o.run_id);
  std::string program = OpenProgram(*funds, key, o);

  fv1::GrantBatchRequest terms;
  terms.set_program_id(program);
  terms.set_division_prefix("500116001");
  terms.set_note("春节慰问金");
  auto t0 = Clock::now();
  fv1::GrantBatchPreview preview;
  Check(funds->PreviewGrantBatch(SignedAs(key, "officer", {}, kLong).get(), terms, &preview), "PreviewGrantBatch");
  Report("PreviewGrantBatch", Since(t0), preview.scanned(), {{"eligible", preview.eligible()}});

  t0 = Clock::now();
  terms.set_request_id(NewId("rq"));
  fv1::GrantBatch batch;
  Check(funds->CreateGrantBatch(SignedAs(key, "officer").get(), terms, &batch), "CreateGrantBatch");
  fv1::GetGrantBatchRequest get;
  get.set_id(batch.id());
  while (batch.state() == fv1::GRANT_BATCH_STATE_FILLING) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    Check(funds->GetGrantBatch(SignedAs(key, "auditor").get(), get, &batch), "GetGrantBatch");
  }
  Report("CreateGrantBatch (filled)", Since(t0), batch.created());

  t0 = Clock::now();
  fv1::ApproveGrantBatchRequest approve;
  approve.set_request_id(NewId("rq"));
  approve.set_id(batch.id());
  Check(funds->ApproveGrantBatch(SignedAs(key, "approver", {}, kLong).get(), approve, &batch), "ApproveGrantBatch");
  Report("ApproveGrantBatch", Since(t0), batch.approved(), {{"rejected", batch.rejected()}});

  auto ids = GrantIds(*funds, key, program);
  Timed("SetGrantPayee", static_cast<int>(ids.size()), o.concurrency, [&](int i) {
    fv1::SetGrantPayeeRequest req;
    req.set_request_id(NewId("rq"));
    req.set_id(ids[i]);
    req.mutable_payee()->set_account_name("王秀英" + std::to_string(i));
    req.mutable_payee()->set_bank("重庆农村商业银行江津支行");
    req.mutable_payee()->set_account_number("62309" + std::to_string(10'000'000 + i));
    fv1::Grant g;
    return funds->SetGrantPayee(SignedAs(key, "officer").get(), req, &g).ok();
  });

  t0 = Clock::now();
  fv1::CreatePaymentBatchRequest pay;
  pay.set_request_id(NewId("rq"));
  pay.set_program_id(program);
  pay.set_note("春节慰问金");
  fv1::PaymentBatch pb;
  Check(funds->CreatePaymentBatch(SignedAs(key, "finance", {}, kLong).get(), pay, &pb), "CreatePaymentBatch");
  Report("CreatePaymentBatch", Since(t0), pb.control_count());

  t0 = Clock::now();
  fv1::ExportPaymentBatchRequest exp;
  exp.set_id(pb.id());
  auto ctx = SignedAs(key, "finance", {"pii"}, kLong);
  auto reader = funds->ExportPaymentBatch(ctx.get(), exp);
  std::string file;
  fv1::FileChunk chunk;
  while (reader->Read(&chunk)) file += chunk.data();
  Check(reader->Finish(), "ExportPaymentBatch");
  Report("ExportPaymentBatch", Since(t0), pb.control_count(), {{"bytes", file.size()}});

  // The bank's answer: every line paid but one in a hundred, failed.
  std::vector<CsvRecord> lines;
  CsvReader csv([&](CsvRecord&& r) { lines.push_back(std::move(r)); });
  csv.Feed(file);
  csv.Finish();
  std::string results = "batch_id,count,total_fen\n" + pb.id() + "," + std::to_string(pb.control_count()) + "," +
                        std::to_string(pb.control_total_fen()) + "\ngrant_id,amount_fen,result,bank_reference,reason\n";
  for (size_t i = 3; i < lines.size(); ++i) {
    const auto& f = lines[i].fields;
    results += f[0] + "," + f[4] + (i % 100 ? ",PAID,NX" + std::to_string(i) + "," : ",FAILED,,户名不符") + "\n";
  }
  t0 = Clock::now();
  auto ictx = SignedAs(key, "finance", {}, kLong);
  fv1::PaymentResultsSummary summary;
  auto writer = funds->ImportPaymentResults(ictx.get(), &summary);
  Upload(*writer, results);
  Check(writer->Finish(), "ImportPaymentResults");
  Report("ImportPaymentResults", Since(t0), summary.paid() + summary.failed(),
         {{"paid", summary.paid()}, {"failed", summary.failed()}, {"rejected", summary.rejected_size()}});

  t0 = Clock::now();
  fv1::SummarizeFundsRequest sum;
  sum.set_division_prefix("500116");
  sum.set_from("2026-01-01");
  sum.set_to("2030-12-31");
  fv1::FundsSummary figures;
  Check(funds->SummarizeFunds(SignedAs(key, "auditor", {}, kLong).get(), sum, &figures), "SummarizeFunds");
  Report("SummarizeFunds", Since(t0), figures.programs_size(),
         {{"ledger_differences", figures.ledger_differences_size()},
          {"disbursed_fen", figures.total().disbursed().fen()}});
  fv1::ReconcileRequest rec;
  rec.set_program_id(program);
  fv1::ReconcileReport report;
  Check(funds->Reconcile(SignedAs(key, "auditor", {}, kLong).get(), rec, &report), "Reconcile");
  Report("Reconcile", 0, report.entries(), {{"differences", report.differences_size()}});
  return report.differences_size() == 0 && figures.ledger_differences_size() == 0 ? 0 : 2;
}

}  // namespace carehub::bench
