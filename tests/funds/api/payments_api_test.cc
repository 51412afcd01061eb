// Paying by file on both backends: payees sealed and masked, a payment batch with control totals,
// the bank's file (pii only, audited), its results applied whole or refused whole, the same file
// twice changing nothing, failed payments going out again in a later batch, goods delivered with
// a receipt, and the funds figures equal to the journal's movements.
#include <thread>

#include "common/resident_id.h"
#include "tests/funds/api/funds_fixture.h"

namespace carehub::funds {
namespace {

class PaymentsApiTest : public FundsApiTest {
 protected:
  void SetUp() override {
    FundsApiTest::SetUp();
    if (!t_) return;
    auto p = ProgramProto("JJ-CONDOLENCE-2026");
    p.set_benefit_class("holiday_condolence");
    p.set_amount_fen(50'000);
    program_ = OpenProgram(p);
    ASSERT_TRUE(Allocate(program_, 10'000'000).ok());
  }
  v1::Payee PayeeOf(int i) {
    v1::Payee p;
    p.set_account_name("王秀英");
    p.set_bank("中国农业银行江津支行");
    p.set_account_number("6228 4801 2345 67" + std::to_string(100 + i));
    return p;
  }
  grpc::Status Submit(v1::Grant* out, const std::function<void(v1::SubmitGrantRequest&)>& set = {}) {
    v1::SubmitGrantRequest req;
    req.set_request_id(Rid());
    req.set_program_id(program_);
    req.set_beneficiary_id(PutWoman());
    if (set) set(req);
    return stub_->SubmitGrant(As(officer_).get(), req, out);
  }
  grpc::Status Decide(const char* what, const std::string& id, const Principal& who, v1::Grant* out,
                      const std::string& note = "") {
    v1::DecideGrantRequest req;
    req.set_request_id(Rid());
    req.set_id(id);
    req.set_note(note);
    std::string w = what;
    if (w == "approve") return stub_->ApproveGrant(As(who).get(), req, out);
    if (w == "cancel") return stub_->CancelGrant(As(who).get(), req, out);
    return stub_->ReverseGrant(As(who).get(), req, out);
  }
  std::string Approved(const std::function<void(v1::SubmitGrantRequest&)>& set = {}) {
    v1::Grant g;
    EXPECT_TRUE(Submit(&g, set).ok());
    EXPECT_TRUE(Decide("approve", g.id(), approver_, &g).ok());
    return g.id();
  }
  std::string ApprovedBankGrant(int i) {
    return Approved([&](auto& r) { *r.mutable_payee() = PayeeOf(i); });
  }
  grpc::Status CreateBatch(v1::PaymentBatch* out, const std::vector<std::string>& ids = {}) {
    v1::CreatePaymentBatchRequest req;
    req.set_request_id(Rid());
    req.set_program_id(program_);
    for (const auto& id : ids) req.add_grant_ids(id);
    req.set_note("春节慰问金");
    return stub_->CreatePaymentBatch(As(finance_).get(), req, out);
  }
  grpc::Status Export(const std::string& id, const Principal& who, std::string* file) {
    v1::ExportPaymentBatchRequest req;
    req.set_id(id);
    auto ctx = As(who);
    auto reader = stub_->ExportPaymentBatch(ctx.get(), req);
    v1::FileChunk chunk;
    file->clear();
    while (reader->Read(&chunk)) *file += chunk.data();
    return reader->Finish();
  }
  // Sends `file` in pieces of `piece` bytes; `whole`: the last chunk says so.
  grpc::Status Import(const std::string& file, v1::PaymentResultsSummary* out, size_t piece = 7, bool whole = true) {
    auto ctx = As(finance_);
    auto writer = stub_->ImportPaymentResults(ctx.get(), out);
    for (size_t at = 0; at < file.size(); at += piece) {
      v1::FileChunk c;
      c.set_data(file.substr(at, piece));
      c.set_last(whole && at + piece >= file.size());
      writer->Write(c);
    }
    writer->WritesDone();
    return writer->Finish();
  }
  struct Line {
    std::string grant_id;
    const char* result;
    std::string reference_or_reason;
    int64_t amount = 50'000;
  };
  static std::string Results(const std::string& batch, int64_t count, int64_t total, const std::vector<Line>& lines) {
    std::string f = "batch_id,count,total_fen\r\n" + batch + "," + std::to_string(count) + "," + std::to_string(total) +
                    "\r\ngrant_id,amount_fen,result,bank_reference,reason\r\n";
    for (const auto& l : lines) {
      bool paid = std::string(l.result) == "PAID";
      f += l.grant_id + "," + std::to_string(l.amount) + "," + l.result + "," + (paid ? l.reference_or_reason : "") +
           "," + (paid ? "" : l.reference_or_reason) + "\r\n";
    }
    return f;
  }
  v1::Grant GetGrant(const std::string& id, const Principal& who) {
    v1::GetGrantRequest req;
    req.set_id(id);
    v1::Grant g;
    EXPECT_TRUE(stub_->GetGrant(As(who).get(), req, &g).ok());
    return g;
  }
  v1::FundsSummary Summary(const std::string& from, const std::string& to) {
    v1::SummarizeFundsRequest req;
    req.set_division_prefix("500116");
    req.set_from(from);
    req.set_to(to);
    v1::FundsSummary s;
    auto st = stub_->SummarizeFunds(As(auditor_).get(), req, &s);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return s;
  }
  // Σ of the journal's entries of each kind, as ListLedgerEntries pages them.
  std::map<int, int64_t> Journal() {
    std::map<int, int64_t> sum;
    v1::ListLedgerEntriesRequest req;
    req.set_program_id(program_);
    req.set_page_size(100);
    for (;;) {
      v1::ListLedgerEntriesResponse resp;
      EXPECT_TRUE(stub_->ListLedgerEntries(As(auditor_).get(), req, &resp).ok());
      for (const auto& e : resp.entries()) sum[e.kind()] += e.amount_fen();
      if (resp.next_page_token().empty()) return sum;
      req.set_page_token(resp.next_page_token());
    }
  }

  std::string program_;
  Principal approver_{"approver-a", {"approver"}, "500116", "rq"};
  Principal finance_pii_{"finance-pii", {"finance", "pii"}, "500116", "rq"};
};

TEST_P(PaymentsApiTest, APaymentFileGoesOutOnceAndItsResultsSettleEachGrantOnce) {
  if (!t_) GTEST_SKIP() << "backend unavailable";
  std::vector<std::string> bank;
  for (int i = 0; i < 5; ++i) bank.push_back(ApprovedBankGrant(i));
  Approved();  // cash: never in a payment file
  // The payee is masked for everyone but a pii holder, whose look is audited.
  EXPECT_EQ(GetGrant(bank[0], finance_).payee().account_number(), "6228*********7100");
  EXPECT_EQ(GetGrant(bank[0], finance_pii_).payee().account_number(), "62284801234567100");

  v1::PaymentBatch pb;
  auto created = CreateBatch(&pb);
  ASSERT_TRUE(created.ok()) << created.error_message();
  EXPECT_EQ(pb.control_count(), 5);
  EXPECT_EQ(pb.control_total_fen(), 250'000);
  v1::PaymentBatch none;
  EXPECT_EQ(CreateBatch(&none).error_code(), grpc::StatusCode::FAILED_PRECONDITION) << "each grant in one batch";
  EXPECT_EQ(CreateBatch(&none, {bank[0]}).error_code(), grpc::StatusCode::FAILED_PRECONDITION);

  std::string file;
  EXPECT_EQ(Export(pb.id(), finance_, &file).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(Export(pb.id(), finance_pii_, &file).ok());
  EXPECT_NE(file.find("\"" + pb.id() + "\",\"JJ-CONDOLENCE-2026\",\"5\",\"250000\","), std::string::npos) << file;
  EXPECT_NE(file.find("\"" + bank[0] + "\",\"王秀英\",\"中国农业银行江津支行\",\"62284801234567100\",\"50000\","),
            std::string::npos)
      << file;
  EXPECT_EQ(GetGrant(bank[0], finance_).state(), v1::GRANT_STATE_SENT);
  v1::Grant g;
  EXPECT_EQ(Decide("cancel", bank[0], finance_, &g, "重复").error_code(), grpc::StatusCode::FAILED_PRECONDITION);

  // Totals that disagree with the batch, or lines that do not add up: refused whole.
  v1::PaymentResultsSummary r;
  auto s = Import(
      Results(pb.id(), 4, 200'000,
              {{bank[0], "PAID", "B1"}, {bank[1], "PAID", "B2"}, {bank[2], "PAID", "B3"}, {bank[3], "PAID", "B4"}}),
      &r);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(s.error_message().find("file"), std::string::npos) << s.error_message();
  s = Import(Results(pb.id(), 5, 250'000, {{bank[0], "PAID", "B1"}}), &r);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  // A file cut short is not applied, though what arrived parses.
  s = Import(Results(pb.id(), 5, 250'000, {{bank[0], "PAID", "B1"}}), &r, 7, false);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(Budget(program_).spent_fen(), 0);
  EXPECT_EQ(GetGrant(bank[0], finance_).state(), v1::GRANT_STATE_SENT);

  // The bank pays three, fails one, and names a grant it was never sent; the fifth is pending.
  std::string stranger = NewId("gr");
  auto first = Results(pb.id(), 5, 250'000,
                       {{bank[0], "PAID", "ABC-0001"},
                        {bank[1], "PAID", "ABC-0002"},
                        {bank[2], "PAID", "ABC-0003"},
                        {bank[3], "FAILED", "账户已销户"},
                        {stranger, "PAID", "ABC-0005"}});
  s = Import(first, &r);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(r.paid(), 3);
  EXPECT_EQ(r.paid_fen(), 150'000);
  EXPECT_EQ(r.failed(), 1);
  ASSERT_EQ(r.rejected_size(), 1);
  EXPECT_EQ(r.rejected(0).grant_id(), stranger);
  EXPECT_EQ(r.rejected(0).line(), 8);
  EXPECT_EQ(r.batch().state(), v1::PAYMENT_BATCH_STATE_EXPORTED);
  EXPECT_EQ(Budget(program_).spent_fen(), 150'000);
  // The same file again changes nothing.
  ASSERT_TRUE(Import(first, &r, 1000).ok());
  EXPECT_TRUE(r.already_imported());
  EXPECT_EQ(Budget(program_).spent_fen(), 150'000);

  // The bank's final file: the earlier lines unchanged, the fifth paid.
  ASSERT_TRUE(Import(Results(pb.id(), 5, 250'000,
                             {{bank[0], "PAID", "ABC-0001"},
                              {bank[1], "PAID", "ABC-0002"},
                              {bank[2], "PAID", "ABC-0003"},
                              {bank[3], "FAILED", "账户已销户"},
                              {bank[4], "PAID", "ABC-0006"}}),
                     &r)
                  .ok());
  EXPECT_EQ(r.paid(), 1);
  EXPECT_EQ(r.unchanged(), 4);
  EXPECT_EQ(r.batch().state(), v1::PAYMENT_BATCH_STATE_SETTLED);
  EXPECT_EQ(GetGrant(bank[4], finance_).payment_reference(), "ABC-0006");

  // The failed one is approved again, its hold kept, the reason on it; with the account
  // corrected it goes out in a later batch and is paid there.
  auto failed = GetGrant(bank[3], finance_);
  EXPECT_EQ(failed.state(), v1::GRANT_STATE_APPROVED);
  EXPECT_NE(failed.reason().find("账户已销户"), std::string::npos);
  EXPECT_TRUE(failed.payment_batch_id().empty());
  v1::SetGrantPayeeRequest fix;
  fix.set_request_id(Rid());
  fix.set_id(bank[3]);
  *fix.mutable_payee() = PayeeOf(42);
  ASSERT_TRUE(stub_->SetGrantPayee(As(officer_).get(), fix, &g).ok());
  v1::PaymentBatch later;
  ASSERT_TRUE(CreateBatch(&later).ok());
  EXPECT_EQ(later.control_count(), 1);
  ASSERT_TRUE(Export(later.id(), finance_pii_, &file).ok());
  EXPECT_NE(file.find("62284801234567142"), std::string::npos);
  ASSERT_TRUE(Import(Results(later.id(), 1, 50'000, {{bank[3], "PAID", "ABC-0100"}}), &r).ok());
  EXPECT_EQ(GetGrant(bank[3], finance_).state(), v1::GRANT_STATE_DISBURSED);

  auto b = Budget(program_);
  EXPECT_EQ(b.spent_fen(), 250'000);
  EXPECT_EQ(b.held_fen(), 50'000) << "the cash grant";
  EXPECT_TRUE(Reconcile().differences().empty());

  // Auditors export the disbursements, masked.
  v1::ExportDisbursementsRequest ed;
  ed.set_program_id(program_);
  ed.set_from(FormatDate(TodayInChina()));
  ed.set_to(FormatDate(TodayInChina()));
  auto ctx = As(auditor_);
  auto reader = stub_->ExportDisbursements(ctx.get(), ed);
  v1::FileChunk chunk;
  std::string csv;
  while (reader->Read(&chunk)) csv += chunk.data();
  ASSERT_TRUE(reader->Finish().ok());
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 6) << csv;
  EXPECT_EQ(csv.find("6228480123456"), std::string::npos) << "masked";
  EXPECT_NE(csv.find("ABC-0006"), std::string::npos);
}

TEST_P(PaymentsApiTest, GoodsAreHeldLikeMoneyAndDeliveredWithAReceipt) {
  if (!t_) GTEST_SKIP() << "backend unavailable";
  v1::Grant g;
  auto s = Submit(&g, [&](auto& r) {
    r.set_goods("米面油一套");
    *r.mutable_payee() = PayeeOf(1);
  });
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Count("grants"), 0);
  auto id = Approved([](auto& r) { r.set_goods("米面油一套"); });
  EXPECT_EQ(GetGrant(id, finance_).channel(), v1::PAYMENT_CHANNEL_GOODS);
  EXPECT_EQ(Budget(program_).held_fen(), 50'000);
  v1::SetGrantPayeeRequest payee;
  payee.set_request_id(Rid());
  payee.set_id(id);
  *payee.mutable_payee() = PayeeOf(2);
  EXPECT_EQ(stub_->SetGrantPayee(As(officer_).get(), payee, &g).error_code(), grpc::StatusCode::FAILED_PRECONDITION);

  v1::DisburseGrantRequest d;
  d.set_request_id(Rid());
  d.set_id(id);
  d.set_channel(v1::PAYMENT_CHANNEL_BANK_TRANSFER);
  d.set_reference("X");
  EXPECT_EQ(stub_->DisburseGrant(As(finance_).get(), d, &g).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  d.set_request_id(Rid());
  d.set_channel(v1::PAYMENT_CHANNEL_GOODS);
  d.set_reference("");
  s = stub_->DisburseGrant(As(finance_).get(), d, &g);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("reference"), std::string::npos);
  d.set_request_id(Rid());
  d.set_reference("物资签收单 JJ-0042");
  ASSERT_TRUE(stub_->DisburseGrant(As(finance_).get(), d, &g).ok());
  EXPECT_EQ(g.state(), v1::GRANT_STATE_DISBURSED);
  EXPECT_EQ(Budget(program_).spent_fen(), 50'000);
  auto today = FormatDate(TodayInChina());
  auto sum = Summary(today, today);
  ASSERT_EQ(sum.programs_size(), 1);
  EXPECT_EQ(sum.programs(0).goods_fen(), 50'000);
  EXPECT_EQ(sum.programs(0).disbursed().fen(), 50'000);
}

TEST_P(PaymentsApiTest, TheFundsFiguresEqualTheJournal) {
  if (!t_) GTEST_SKIP() << "backend unavailable";
  // A mix: paid by file, paid in cash and reversed, approved and cancelled, still held, submitted.
  std::vector<std::string> bank;
  for (int i = 0; i < 3; ++i) bank.push_back(ApprovedBankGrant(i));
  v1::PaymentBatch pb;
  ASSERT_TRUE(CreateBatch(&pb).ok());
  std::string file;
  ASSERT_TRUE(Export(pb.id(), finance_pii_, &file).ok());
  v1::PaymentResultsSummary r;
  ASSERT_TRUE(Import(Results(pb.id(), 3, 150'000,
                             {{bank[0], "PAID", "P1"}, {bank[1], "PAID", "P2"}, {bank[2], "FAILED", "户名不符"}}),
                     &r)
                  .ok());
  v1::Grant g;
  auto cash = Approved();
  v1::DisburseGrantRequest d;
  d.set_request_id(Rid());
  d.set_id(cash);
  d.set_channel(v1::PAYMENT_CHANNEL_CASH);
  ASSERT_TRUE(stub_->DisburseGrant(As(finance_).get(), d, &g).ok());
  ASSERT_TRUE(Decide("reverse", cash, finance_, &g, "重复发放").ok());
  ASSERT_TRUE(Decide("cancel", Approved(), finance_, &g, "本人放弃").ok());
  Approved();
  ASSERT_TRUE(Submit(&g).ok());

  auto today = FormatDate(TodayInChina());
  auto sum = Summary(today, today);
  EXPECT_TRUE(sum.ledger_differences().empty()) << sum.ledger_differences(0);
  ASSERT_EQ(sum.programs_size(), 1);
  const auto& p = sum.programs(0);
  auto journal = Journal();
  EXPECT_EQ(p.approved().fen(), journal[v1::ENTRY_KIND_HOLD]);
  EXPECT_EQ(p.disbursed().fen(), journal[v1::ENTRY_KIND_DISBURSE]);
  EXPECT_EQ(p.reversed().fen(), journal[v1::ENTRY_KIND_REVERSE]);
  EXPECT_EQ(p.released().fen(), journal[v1::ENTRY_KIND_RELEASE]);
  EXPECT_EQ(p.submitted().count(), 7);
  EXPECT_EQ(p.approved().count(), 6);
  EXPECT_EQ(p.disbursed().count(), 3);
  EXPECT_EQ(p.reversed().count(), 1);
  EXPECT_EQ(p.released().count(), 1);
  EXPECT_EQ(p.beneficiaries_paid(), 3);
  EXPECT_EQ(p.program_code(), "JJ-CONDOLENCE-2026");
  EXPECT_EQ(p.funding_source(), v1::FUNDING_SOURCE_DISTRICT);
  EXPECT_EQ(sum.total().approved().fen(), p.approved().fen());
  // Another period holds none of it; another district sees none of it.
  auto before = Summary("2026-01-01", "2026-01-31");
  EXPECT_EQ(before.programs_size(), 0);
  v1::SummarizeFundsRequest other;
  other.set_from(today);
  other.set_to(today);
  v1::FundsSummary none;
  ASSERT_TRUE(stub_->SummarizeFunds(As(other_finance_).get(), other, &none).ok());
  EXPECT_EQ(none.programs_size(), 0);
  other.set_to("2026-13-01");
  EXPECT_EQ(stub_->SummarizeFunds(As(auditor_).get(), other, &none).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_P(PaymentsApiTest, RacingPaymentBatchesNeverPutAGrantInTwo) {
  if (!t_) GTEST_SKIP() << "backend unavailable";
  for (int i = 0; i < 40; ++i) ApprovedBankGrant(i);
  std::atomic<int64_t> taken{0};
  std::vector<std::thread> racers;
  for (int i = 0; i < 8; ++i) {
    racers.emplace_back([&] {
      v1::PaymentBatch pb;
      auto s = CreateBatch(&pb);
      if (s.ok())
        taken += pb.control_count();
      else if (s.error_code() != grpc::StatusCode::FAILED_PRECONDITION)
        ADD_FAILURE() << s.error_message();
    });
  }
  for (auto& t : racers) t.join();
  EXPECT_EQ(taken.load(), 40);
  int64_t lines = 0, distinct = 0;
  t_->db().Read([&](db::Tx& tx) {
    lines = db::AsInt(tx.Query("SELECT COUNT(*) FROM payment_lines")[0][0]);
    distinct = db::AsInt(tx.Query("SELECT COUNT(DISTINCT grant_id) FROM payment_lines")[0][0]);
  });
  EXPECT_EQ(lines, 40);
  EXPECT_EQ(distinct, 40);
}

INSTANTIATE_TEST_SUITE_P(Backends, PaymentsApiTest, ::testing::Values("sqlite", "mysql"), testing::BackendParamName);

}  // namespace
}  // namespace carehub::funds
