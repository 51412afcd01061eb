// Women (低收入妇女) and their screenings through the registry service, on both backends:
// validation, masking and pii, versions, status, screenings and the cancer-patient flag, reach,
// lists, GetBeneficiary and bulk import.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "common/api.h"
#include "common/ids.h"
#include "services/registry/api/person_proto.h"
#include "services/registry/app/women_app.h"
#include "tests/support/registry_fixtures.h"
#include "tests/support/registry_harness.h"
#include "tests/support/test_db.h"

namespace carehub::registry {
namespace {

class WomenTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    t_ = testing::TestDatabase::Make(GetParam());
    if (!t_) return;
    harness_ = std::make_unique<testing::RegistryHarness>(t_->db());
  }
  v1::RegistryService::Stub& stub() { return harness_->stub(); }
  auto As(const Principal& p) { return harness_->As(p); }

  grpc::Status Create(const v1::Woman& w, const std::string& rid, v1::Woman* out = nullptr,
                      const Principal* who = nullptr) {
    v1::CreateWomanRequest req;
    req.set_request_id(rid);
    *req.mutable_woman() = w;
    v1::Woman resp;
    auto s = stub().CreateWoman(As(who ? *who : officer_).get(), req, &resp);
    if (out) *out = resp;
    return s;
  }
  grpc::Status Screen(const std::string& woman_id, v1::ScreeningType type, v1::ScreeningResult result,
                      const std::string& rid, const std::string& on = "2026-05-01") {
    v1::RecordScreeningRequest req;
    req.set_request_id(rid);
    auto* s = req.mutable_screening();
    s->set_woman_id(woman_id);
    s->set_screened_on(on);
    s->set_type(type);
    s->set_result(result);
    s->set_facility("江津区妇幼保健院");
    v1::Screening resp;
    return stub().RecordScreening(As(officer_).get(), req, &resp);
  }
  v1::Woman Get(const std::string& id, const Principal& who) {
    v1::GetWomanRequest req;
    req.set_id(id);
    v1::Woman w;
    EXPECT_TRUE(stub().GetWoman(As(who).get(), req, &w).ok());
    return w;
  }
  int64_t Count(const std::string& sql) {
    int64_t n = 0;
    t_->db().Read([&](db::Tx& tx) { n = db::AsInt(tx.Query(sql)[0][0]); });
    return n;
  }

  Principal officer_{"officer-jj", {"officer"}, "500116", "rq-women-0001"};
  Principal other_{"officer-yb", {"officer"}, "500113", "rq-women-0002"};
  Principal pii_{"officer-pii", {"officer", "pii"}, "500116", "rq-women-0003"};
  std::unique_ptr<testing::TestDatabase> t_;
  std::unique_ptr<testing::RegistryHarness> harness_;
};

TEST_P(WomenTest, RegistersWithMaskedIdentifiersAndRefusesWhatBreaksTheRules) {
  if (!t_) return;
  auto w = testing::WomanProto(1);
  v1::Woman created, replay;
  ASSERT_TRUE(Create(w, "rq-w-000001", &created).ok());
  EXPECT_TRUE(IsValidId(created.id(), "wm"));
  EXPECT_EQ(created.resident_id_number(), MaskResidentId(w.resident_id_number()));
  EXPECT_EQ(created.mobile(), "139****5678");
  EXPECT_EQ(created.monthly_income_fen(), 120000);
  EXPECT_EQ(created.hardship_categories_size(), 2);
  EXPECT_EQ(created.status(), v1::CHILD_STATUS_ACTIVE);
  ASSERT_TRUE(Create(w, "rq-w-000001", &replay).ok());
  EXPECT_EQ(replay.id(), created.id());
  EXPECT_EQ(Create(w, "rq-w-000002").error_code(), grpc::StatusCode::ALREADY_EXISTS);

  struct Case {
    std::function<void(v1::Woman&)> spoil;
    std::string field;
  };
  std::vector<Case> cases = {
      {[](v1::Woman& x) {
         x.set_resident_id_number(testing::IdNumber("19850101", 11));
         x.set_birth_date("1985-01-01");
       },
       "woman.resident_id_number"},  // a man's number
      {[](v1::Woman& x) {
         x.set_resident_id_number(testing::IdNumber("20150101", 12));
         x.set_birth_date("2015-01-01");
       },
       "woman.birth_date"},  // a girl: register her as a child
      {[](v1::Woman& x) { x.clear_hardship_categories(); }, "woman.hardship_categories"},
      {[](v1::Woman& x) { x.add_hardship_categories(v1::WOMAN_HARDSHIP_SINGLE_MOTHER); }, "woman.hardship_categories"},
      {[](v1::Woman& x) { x.set_household_size(0); }, "woman.household_size"},
      {[](v1::Woman& x) { x.set_monthly_income_fen(-1); }, "woman.monthly_income_fen"},
      {[](v1::Woman& x) { x.set_mobile("12345"); }, "woman.mobile"},
      {[](v1::Woman& x) { x.set_division_code("5001"); }, "woman.division_code"},
      {[](v1::Woman& x) { x.set_name(std::string(200, 'a')); }, "woman.name"},
  };
  for (size_t i = 0; i < cases.size(); ++i) {
    auto bad = testing::WomanProto(100 + static_cast<int>(i));
    cases[i].spoil(bad);
    auto s = Create(bad, "rq-w-bad-" + std::to_string(i) + "000");
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << i;
    EXPECT_EQ(s.error_message().rfind(cases[i].field + ":", 0), 0u) << i << ": " << s.error_message();
  }
  EXPECT_EQ(Create(testing::WomanProto(200, "500113001001"), "rq-w-reach-01").error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM women"), 1);

  // A mobile is optional.
  auto no_mobile = testing::WomanProto(300);
  no_mobile.clear_mobile();
  v1::Woman quiet;
  ASSERT_TRUE(Create(no_mobile, "rq-w-000300", &quiet).ok());
  EXPECT_EQ(quiet.mobile(), "");
}

TEST_P(WomenTest, PiiSeesIdentifiersAndEveryLookIsAudited) {
  if (!t_) return;
  auto w = testing::WomanProto(2);
  v1::Woman created;
  ASSERT_TRUE(Create(w, "rq-w-000010", &created).ok());
  auto seen = Get(created.id(), pii_);
  EXPECT_EQ(seen.resident_id_number(), w.resident_id_number());
  EXPECT_EQ(seen.mobile(), "13912345678");
  EXPECT_EQ(Get(created.id(), officer_).mobile(), "139****5678");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'woman.read_unmasked'"), 1);
  // Stored only encrypted and masked.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM women WHERE id_number_cipher LIKE '%" + w.resident_id_number().substr(6) +
                  "%' OR notes LIKE '%13912345678%'"),
            0);
}

TEST_P(WomenTest, ConcurrentUpdatesFromOneVersionHaveOneWinner) {
  if (!t_) return;
  v1::Woman created;
  ASSERT_TRUE(Create(testing::WomanProto(3), "rq-w-000020", &created).ok());
  constexpr int kClients = 8;
  std::atomic<int> ok{0}, aborted{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kClients; ++i) {
    threads.emplace_back([&, i] {
      auto client = harness_->NewClient();
      v1::UpdateWomanRequest req;
      req.set_request_id("rq-w-upd-" + std::to_string(i) + "0000");
      *req.mutable_woman() = created;
      req.mutable_woman()->set_monthly_income_fen(100000 + i);
      req.mutable_update_mask()->add_paths("monthly_income_fen");
      v1::Woman out;
      auto s = client->UpdateWoman(As(officer_).get(), req, &out);
      if (s.ok())
        ++ok;
      else if (s.error_code() == grpc::StatusCode::ABORTED)
        ++aborted;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok, 1);
  EXPECT_EQ(aborted, kClients - 1);
  auto now = Get(created.id(), officer_);
  EXPECT_EQ(now.version(), created.version() + 1);
  EXPECT_GE(now.monthly_income_fen(), 100000);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'woman.update'"), 1);

  // Identity fields stay as registered; the rest follows the same rules as on creation.
  v1::UpdateWomanRequest req;
  req.set_request_id("rq-w-upd-ident-1");
  *req.mutable_woman() = now;
  req.mutable_update_mask()->add_paths("birth_date");
  v1::Woman out;
  EXPECT_EQ(stub().UpdateWoman(As(officer_).get(), req, &out).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  req.set_request_id("rq-w-upd-size-01");
  req.mutable_update_mask()->set_paths(0, "household_size");
  req.mutable_woman()->set_household_size(99);
  auto s = stub().UpdateWoman(As(officer_).get(), req, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(s.error_message().rfind("woman.household_size:", 0), 0u) << s.error_message();
}

TEST_P(WomenTest, ExitAndReactivateWithReasonsKeepAHistory) {
  if (!t_) return;
  v1::Woman created, out;
  ASSERT_TRUE(Create(testing::WomanProto(4), "rq-w-000030", &created).ok());
  v1::ExitWomanRequest exit;
  exit.set_request_id("rq-w-exit-00001");
  exit.set_id(created.id());
  exit.set_reason(v1::EXIT_REASON_TURNED_16);  // a child's reason
  EXPECT_EQ(stub().ExitWoman(As(officer_).get(), exit, &out).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  exit.set_request_id("rq-w-exit-00002");
  exit.set_reason(v1::EXIT_REASON_OUT_OF_HARDSHIP);
  exit.set_note("家庭收入已超过低保标准");
  ASSERT_TRUE(stub().ExitWoman(As(officer_).get(), exit, &out).ok());
  EXPECT_EQ(out.status(), v1::CHILD_STATUS_EXITED);
  exit.set_request_id("rq-w-exit-00003");
  EXPECT_EQ(stub().ExitWoman(As(officer_).get(), exit, &out).error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  v1::ReactivateWomanRequest back;
  back.set_request_id("rq-w-back-00001");
  back.set_id(created.id());
  EXPECT_EQ(stub().ReactivateWoman(As(officer_).get(), back, &out).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  back.set_note("丈夫因病去世，重新纳入");
  ASSERT_TRUE(stub().ReactivateWoman(As(officer_).get(), back, &out).ok());
  EXPECT_EQ(out.status(), v1::CHILD_STATUS_ACTIVE);

  // A change of hardship categories needs a reason and joins her history.
  v1::UpdateWomanRequest upd;
  upd.set_request_id("rq-w-upd-hard-01");
  *upd.mutable_woman() = out;
  upd.mutable_woman()->clear_hardship_categories();
  upd.mutable_woman()->add_hardship_categories(v1::WOMAN_HARDSHIP_SERIOUS_ILLNESS);
  upd.mutable_update_mask()->add_paths("hardship_categories");
  auto s = stub().UpdateWoman(As(officer_).get(), upd, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(s.error_message().rfind("note:", 0), 0u) << s.error_message();
  upd.set_note("确诊重病");
  ASSERT_TRUE(stub().UpdateWoman(As(officer_).get(), upd, &out).ok());

  v1::ListStatusHistoryRequest hreq;
  hreq.set_person_id(created.id());
  v1::ListStatusHistoryResponse history;
  ASSERT_TRUE(stub().ListStatusHistory(As(officer_).get(), hreq, &history).ok());
  ASSERT_EQ(history.changes_size(), 3);
  EXPECT_EQ(history.changes(2).field(), "hardship_categories");
  EXPECT_EQ(history.changes(2).from_value(), (1 << 1) | (1 << 4));
  EXPECT_EQ(history.changes(2).to_value(), 1 << 6);
  EXPECT_EQ(history.changes(2).note(), "确诊重病");
  EXPECT_EQ(history.changes(0).reason(), v1::EXIT_REASON_OUT_OF_HARDSHIP);
  EXPECT_EQ(history.changes(1).note(), "丈夫因病去世，重新纳入");
  EXPECT_EQ(stub().ListStatusHistory(As(other_).get(), hreq, &history).error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_P(WomenTest, AConfirmedScreeningMakesACancerPatient) {
  if (!t_) return;
  v1::Woman a, b;
  ASSERT_TRUE(Create(testing::WomanProto(5), "rq-w-000040", &a).ok());
  ASSERT_TRUE(Create(testing::WomanProto(6), "rq-w-000041", &b).ok());
  ASSERT_TRUE(Screen(a.id(), v1::SCREENING_TYPE_CERVICAL, v1::SCREENING_RESULT_NORMAL, "rq-w-scr-0001").ok());
  ASSERT_TRUE(Screen(a.id(), v1::SCREENING_TYPE_BREAST, v1::SCREENING_RESULT_SUSPECTED, "rq-w-scr-0002").ok());
  EXPECT_FALSE(Get(a.id(), officer_).cancer_patient());
  ASSERT_TRUE(Screen(a.id(), v1::SCREENING_TYPE_BREAST, v1::SCREENING_RESULT_CONFIRMED, "rq-w-scr-0003").ok());
  ASSERT_TRUE(
      Screen(a.id(), v1::SCREENING_TYPE_BREAST, v1::SCREENING_RESULT_CONFIRMED, "rq-w-scr-0003").ok());  // replay
  EXPECT_TRUE(Get(a.id(), officer_).cancer_patient());
  EXPECT_FALSE(Get(b.id(), officer_).cancer_patient());

  auto bad = Screen(b.id(), v1::SCREENING_TYPE_BREAST, v1::SCREENING_RESULT_CONFIRMED, "rq-w-scr-0004", "2099-01-01");
  EXPECT_EQ(bad.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(bad.error_message().rfind("screening.screened_on:", 0), 0u) << bad.error_message();
  bad = Screen(b.id(), v1::SCREENING_TYPE_UNSPECIFIED, v1::SCREENING_RESULT_NORMAL, "rq-w-scr-0005");
  EXPECT_EQ(bad.error_message().rfind("screening.type:", 0), 0u) << bad.error_message();
  EXPECT_FALSE(Get(b.id(), officer_).cancer_patient());

  v1::ListScreeningsRequest lreq;
  lreq.set_woman_id(a.id());
  v1::ListScreeningsResponse screenings;
  ASSERT_TRUE(stub().ListScreenings(As(officer_).get(), lreq, &screenings).ok());
  ASSERT_EQ(screenings.screenings_size(), 3);
  EXPECT_EQ(screenings.screenings(2).result(), v1::SCREENING_RESULT_CONFIRMED);
  EXPECT_EQ(screenings.screenings(2).facility(), "江津区妇幼保健院");
  EXPECT_EQ(stub().ListScreenings(As(other_).get(), lreq, &screenings).error_code(), grpc::StatusCode::NOT_FOUND);

  // Other services see the facts, never identifiers.
  v1::GetBeneficiaryRequest breq;
  breq.set_id(a.id());
  v1::Beneficiary ben;
  ASSERT_TRUE(stub().GetBeneficiary(As(officer_).get(), breq, &ben).ok());
  EXPECT_EQ(ben.kind(), v1::BENEFICIARY_KIND_WOMAN);
  EXPECT_EQ(ben.sex(), v1::SEX_FEMALE);
  EXPECT_TRUE(ben.active());
  std::vector<std::string> cats(ben.categories().begin(), ben.categories().end());
  EXPECT_EQ(cats, (std::vector<std::string>{"minimum_living_allowance", "single_mother", "cancer_patient"}));
  EXPECT_EQ(stub().GetBeneficiary(As(other_).get(), breq, &ben).error_code(), grpc::StatusCode::NOT_FOUND);

  v1::ListWomenRequest list;
  list.set_cancer_patient(true);
  v1::ListWomenResponse listed;
  ASSERT_TRUE(stub().ListWomen(As(officer_).get(), list, &listed).ok());
  ASSERT_EQ(listed.women_size(), 1);
  EXPECT_EQ(listed.women(0).id(), a.id());
}

TEST_P(WomenTest, ListFiltersByHardshipNameAndAgeWithinReach) {
  if (!t_) return;
  for (int n = 10; n < 16; ++n) {
    auto w = testing::WomanProto(n);
    if (n % 2) {
      w.clear_hardship_categories();
      w.add_hardship_categories(v1::WOMAN_HARDSHIP_SERIOUS_ILLNESS);
    }
    ASSERT_TRUE(Create(w, "rq-w-list-" + std::to_string(n) + "00").ok());
  }
  ASSERT_TRUE(Create(testing::WomanProto(16, "500113001001"), "rq-w-list-other", nullptr, &other_).ok());
  auto list = [&](const std::function<void(v1::ListWomenRequest&)>& set, const Principal& who) {
    v1::ListWomenRequest req;
    set(req);
    v1::ListWomenResponse resp;
    EXPECT_TRUE(stub().ListWomen(As(who).get(), req, &resp).ok());
    return resp.women_size();
  };
  EXPECT_EQ(list([](auto&) {}, officer_), 6);
  EXPECT_EQ(list([](auto&) {}, other_), 1);
  EXPECT_EQ(list([](auto& r) { r.set_hardship(v1::WOMAN_HARDSHIP_SERIOUS_ILLNESS); }, officer_), 3);
  EXPECT_EQ(list([](auto& r) { r.set_name_prefix("测试妇女1"); }, officer_), 6);
  EXPECT_EQ(list([](auto& r) { r.set_name_prefix("测试妇女12"); }, officer_), 1);
  EXPECT_EQ(list([](auto& r) { r.set_max_age(30); }, officer_), 0);
  EXPECT_EQ(list([](auto& r) { r.set_min_age(30); }, officer_), 6);
  // Paging visits each once.
  v1::ListWomenRequest req;
  req.set_page_size(4);
  v1::ListWomenResponse page1, page2;
  ASSERT_TRUE(stub().ListWomen(As(officer_).get(), req, &page1).ok());
  ASSERT_EQ(page1.women_size(), 4);
  req.set_page_token(page1.next_page_token());
  ASSERT_TRUE(stub().ListWomen(As(officer_).get(), req, &page2).ok());
  EXPECT_EQ(page2.women_size(), 2);
  EXPECT_TRUE(page2.next_page_token().empty());
}

TEST_P(WomenTest, ImportWomenFromCsvWithYuanIncomes) {
  if (!t_) return;
  std::string file =
      "name,birth_date,resident_id_number,division_code,hardship_categories,household_size,"
      "monthly_income_yuan,mobile\n";
  auto row = [](const v1::Woman& w, const std::string& categories, const std::string& yuan) {
    return w.name() + "," + w.birth_date() + "," + w.resident_id_number() + "," + w.division_code() + "," + categories +
           ",3," + yuan + ",13912345678\n";
  };
  file += row(testing::WomanProto(20), "低保、单亲母亲", "1234.5");             // line 2
  file += row(testing::WomanProto(21), "\"serious_illness,disabled\"", "800");  // line 3
  file += row(testing::WomanProto(22), "富裕", "800");                          // line 4: unknown category
  file += row(testing::WomanProto(23), "低保", "12.345");                       // line 5: three decimals
  auto man = testing::WomanProto(24);
  man.set_resident_id_number(testing::IdNumber("19850101", 11));
  man.set_birth_date("1985-01-01");
  file += row(man, "低保", "800");  // line 6: a man's number
  v1::ImportSummary s;
  auto send = [&](v1::ImportSummary* out) {
    auto ctx = As(officer_);
    auto writer = stub().ImportWomen(ctx.get(), out);
    v1::ImportChunk chunk;
    chunk.set_data(file);
    chunk.set_last(true);
    writer->Write(chunk);
    writer->WritesDone();
    return writer->Finish();
  };
  auto status = send(&s);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(s.created(), 2);
  ASSERT_EQ(s.rejections_size(), 3);
  EXPECT_EQ(s.rejections(0).line(), 4);
  EXPECT_EQ(s.rejections(0).field(), "hardship_categories");
  EXPECT_EQ(s.rejections(1).field(), "monthly_income_yuan");
  EXPECT_EQ(s.rejections(2).field(), "resident_id_number");
  v1::ListWomenRequest list;
  list.set_name_prefix(testing::WomanProto(20).name());
  v1::ListWomenResponse listed;
  ASSERT_TRUE(stub().ListWomen(As(officer_).get(), list, &listed).ok());
  ASSERT_EQ(listed.women_size(), 1);
  EXPECT_EQ(listed.women(0).monthly_income_fen(), 123450);
  EXPECT_EQ(listed.women(0).hardship_categories_size(), 2);
  v1::ImportSummary again;
  ASSERT_TRUE(send(&again).ok());
  EXPECT_EQ(again.created(), 0);
  EXPECT_EQ(again.already_registered(), 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM women"), 2);
}

// One person, one record across the registry: a woman cannot take a registered child's number.
TEST_P(WomenTest, AnIdNumberHeldByAChildCannotBeAWomans) {
  if (!t_) return;
  crypto::PiiCipher cipher(crypto::RandomBytes(32));
  ChildrenApp children(t_->db(), cipher);
  WomenApp women(t_->db(), cipher);
  Caller officer{"officer-1", {"officer"}, "", "rq"};
  auto c = testing::ChildProto(7);
  c.set_sex(v1::SEX_FEMALE);
  c.set_resident_id_number(
      testing::IdNumber(c.birth_date().substr(0, 4) + c.birth_date().substr(5, 2) + c.birth_date().substr(8, 2), 2));
  ValidChild child = ValidateChild(ApplicationFromProto(c), TodayInChina());
  RunIdempotent(t_->db(), {"officer-1", "rq-child-0001", "CreateChild", "h"},
                [&](db::Tx& tx) { return children.Register(tx, officer, children.Prepare(officer, child)).id; });
  ValidWoman w = ValidateWoman(
      [] {
        WomanApplication a;
        auto p = testing::WomanProto(8);
        a.name = p.name();
        a.birth_date = p.birth_date();
        a.resident_id_number = p.resident_id_number();
        a.division_code = p.division_code();
        a.hardship_categories = {1};
        a.household_size = 2;
        a.monthly_income_fen = 0;
        return a;
      }(),
      TodayInChina());
  w.resident_id_number = child.resident_id_number;  // the same person, as a data-entry slip would make her
  try {
    RunIdempotent(t_->db(), {"officer-1", "rq-woman-0001", "CreateWoman", "h"},
                  [&](db::Tx& tx) { return women.Register(tx, officer, women.Prepare(officer, w)).id; });
    ADD_FAILURE() << "a second record for one person was stored";
  } catch (const DomainError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kAlreadyExists);
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM women"), 0);
}

// The registry's figures for reports, against a register seeded here and dated by hand so the
// answers are known: stocks at a period's end (an exit after the end still counts the person),
// flows in the period, screenings by date, the divisions one level down, reach.
TEST_P(WomenTest, SummarizeRegistryCountsStocksFlowsAndScreeningsOfADivisionAndPeriod) {
  if (!t_) return;
  std::vector<std::string> children, women;
  for (int n = 0; n < 7; ++n) {
    registry::v1::CreateChildRequest req;
    req.set_request_id("rq-sum-child-" + std::to_string(n));
    *req.mutable_child() = testing::ChildProto(900 + n, n < 4   ? "500116001001"
                                                        : n < 6 ? "500116002001"
                                                                : "500113001001");
    registry::v1::Child out;
    ASSERT_TRUE(stub().CreateChild(As(n < 6 ? officer_ : other_).get(), req, &out).ok());
    children.push_back(out.id());
  }
  for (int n = 0; n < 4; ++n) {
    v1::Woman w;
    ASSERT_TRUE(Create(testing::WomanProto(700 + n, n < 3 ? "500116001001" : "500116002001"),
                       "rq-sum-woman-" + std::to_string(n), &w)
                    .ok());
    women.push_back(w.id());
  }
  ASSERT_TRUE(
      Screen(women[0], v1::SCREENING_TYPE_CERVICAL, v1::SCREENING_RESULT_CONFIRMED, "rq-sum-s1", "2026-05-01").ok());
  ASSERT_TRUE(Screen(women[1], v1::SCREENING_TYPE_BREAST, v1::SCREENING_RESULT_NORMAL, "rq-sum-s2", "2026-05-02").ok());
  ASSERT_TRUE(Screen(women[2], v1::SCREENING_TYPE_BREAST, v1::SCREENING_RESULT_NORMAL, "rq-sum-s3", "2025-12-01").ok());
  registry::v1::ExitChildRequest exit_child;
  exit_child.set_request_id("rq-sum-exit-1");
  exit_child.set_id(children[0]);
  exit_child.set_reason(v1::EXIT_REASON_MOVED_AWAY);
  registry::v1::Child exited_child;
  ASSERT_TRUE(stub().ExitChild(As(officer_).get(), exit_child, &exited_child).ok());
  v1::ExitWomanRequest exit_woman;
  exit_woman.set_request_id("rq-sum-exit-2");
  exit_woman.set_id(women[3]);
  exit_woman.set_reason(v1::EXIT_REASON_OUT_OF_HARDSHIP);
  exit_woman.set_note("收入已超过低保标准");
  v1::Woman exited_woman;
  ASSERT_TRUE(stub().ExitWoman(As(officer_).get(), exit_woman, &exited_woman).ok());
  // Everyone registered on 5 January 2026, both exits on 1 August 2026; two children in difficulty.
  t_->db().Transact([&](db::Tx& tx) {
    tx.Exec("UPDATE children SET created_at = '2026-01-05T02:00:00.000Z'");
    tx.Exec("UPDATE women SET created_at = '2026-01-05T02:00:00.000Z'");
    tx.Exec("UPDATE person_changes SET changed_at = '2026-08-01T02:00:00.000Z'");
    tx.Exec("UPDATE person_history SET changed_at = '2026-08-01T02:00:00.000Z'");
    tx.Exec("UPDATE children SET category = 2 WHERE division_code = '500116002001'");
  });

  auto summarize = [&](const std::string& prefix, const std::string& from, const std::string& to, const Principal& who,
                       v1::RegistrySummary* out) {
    v1::SummarizeRegistryRequest req;
    req.set_division_prefix(prefix);
    req.set_from(from);
    req.set_to(to);
    return stub().SummarizeRegistry(As(who).get(), req, out);
  };
  v1::RegistrySummary year;
  ASSERT_TRUE(summarize("500116", "2026-01-01", "2026-12-31", officer_, &year).ok());
  EXPECT_EQ(year.children_left_behind(), 3);  // four, one left
  EXPECT_EQ(year.children_in_difficulty(), 2);
  EXPECT_EQ(year.children_entered(), 6);
  EXPECT_EQ(year.children_exited(), 1);
  EXPECT_EQ(year.women_active(), 3);
  EXPECT_EQ(year.women_entered(), 4);
  EXPECT_EQ(year.women_exited(), 1);
  ASSERT_EQ(year.children_exited_by_reason_size(), 1);
  EXPECT_EQ(year.children_exited_by_reason(0).reason(), v1::EXIT_REASON_MOVED_AWAY);
  EXPECT_EQ(year.children_exited_by_reason(0).count(), 1);
  ASSERT_EQ(year.women_exited_by_reason_size(), 1);
  EXPECT_EQ(year.women_exited_by_reason(0).reason(), v1::EXIT_REASON_OUT_OF_HARDSHIP);
  EXPECT_EQ(year.screenings(), 2);
  EXPECT_EQ(year.screenings_confirmed(), 1);
  EXPECT_EQ(year.cancer_patients(), 1);
  ASSERT_EQ(year.next_level_divisions_size(), 2);
  EXPECT_EQ(year.next_level_divisions(0), "500116001");
  EXPECT_EQ(year.next_level_divisions(1), "500116002");

  v1::RegistrySummary half;  // ends before the exits: they were all on the register then
  ASSERT_TRUE(summarize("500116", "2026-01-01", "2026-06-30", officer_, &half).ok());
  EXPECT_EQ(half.children_left_behind(), 4);
  EXPECT_EQ(half.women_active(), 4);
  EXPECT_EQ(half.children_exited(), 0);
  EXPECT_EQ(half.children_entered(), 6);

  v1::RegistrySummary before;  // before anyone was registered
  ASSERT_TRUE(summarize("500116", "2025-01-01", "2025-12-31", officer_, &before).ok());
  EXPECT_EQ(before.children_left_behind() + before.women_active() + before.children_entered(), 0);
  EXPECT_EQ(before.screenings(), 1);

  v1::RegistrySummary town;
  ASSERT_TRUE(summarize("500116001", "2026-01-01", "2026-12-31", officer_, &town).ok());
  EXPECT_EQ(town.children_left_behind(), 3);
  EXPECT_EQ(town.children_in_difficulty(), 0);
  ASSERT_EQ(town.next_level_divisions_size(), 1);
  EXPECT_EQ(town.next_level_divisions(0), "500116001001");

  EXPECT_EQ(summarize("500116", "2026-01-01", "2026-12-31", other_, &town).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  auto s = summarize("500116", "2026-02-30", "2026-12-31", officer_, &town);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(s.error_message().rfind("from:", 0), 0u) << s.error_message();
}

// The change feed under concurrent writers: each number is given in commit order, so a follower
// reading while eight officers exit and reactivate women never sees a hole it must wait at, and
// at the end the numbers run 1..N with nothing missing or doubled.
TEST_P(WomenTest, ChangeFeedNumbersCommitInOrderWithoutHolesUnderConcurrentWriters) {
  if (!t_) return;
  constexpr int kWomen = 16, kRounds = 6;
  std::vector<std::string> ids(kWomen);
  for (int i = 0; i < kWomen; ++i) {
    v1::Woman w;
    ASSERT_TRUE(Create(testing::WomanProto(200 + i), "rq-feed-w-" + std::to_string(i), &w).ok());
    ids[i] = w.id();
  }
  Principal service{"carehub-volunteers", {"integration"}, "", "rq"};
  std::atomic<bool> writing{true};
  std::atomic<int> changes{0};
  std::vector<std::thread> writers;
  for (int c = 0; c < 8; ++c) {
    writers.emplace_back([&, c] {
      auto client = harness_->NewClient();
      for (int r = 0; r < kRounds; ++r) {
        for (int i = c; i < kWomen; i += 8) {
          v1::Woman out;
          std::string rid = "rq-feed-" + std::to_string(i) + "-" + std::to_string(r);
          grpc::Status st;
          if (r % 2 == 0) {
            v1::ExitWomanRequest exit;
            exit.set_request_id(rid);
            exit.set_id(ids[i]);
            exit.set_reason(v1::EXIT_REASON_OUT_OF_HARDSHIP);
            exit.set_note("收入提高");
            st = client->ExitWoman(As(officer_).get(), exit, &out);
          } else {
            v1::ReactivateWomanRequest back;
            back.set_request_id(rid);
            back.set_id(ids[i]);
            back.set_note("重新纳入");
            st = client->ReactivateWoman(As(officer_).get(), back, &out);
          }
          ASSERT_TRUE(st.ok()) << st.error_message();
          ++changes;
        }
      }
    });
  }
  // A follower reads all along: every page continues exactly where the last one ended.
  int64_t cursor = 0, holes = 0;
  auto client = harness_->NewClient();
  auto follow = [&] {
    v1::ListPersonChangesRequest req;
    req.set_after_seq(cursor);
    req.set_page_size(50);
    v1::ListPersonChangesResponse page;
    ASSERT_TRUE(client->ListPersonChanges(As(service).get(), req, &page).ok());
    for (const auto& ch : page.changes()) {
      if (ch.seq() != cursor + 1) ++holes;
      cursor = ch.seq();
    }
  };
  std::thread stopper([&] {
    for (auto& t : writers) t.join();
    writing = false;
  });
  while (writing) follow();
  stopper.join();
  for (int64_t before = -1; before != cursor;) {
    before = cursor;
    follow();
  }
  EXPECT_EQ(holes, 0);
  EXPECT_EQ(cursor, kWomen * kRounds);
  EXPECT_EQ(changes, kWomen * kRounds);
  EXPECT_EQ(Count("SELECT COUNT(DISTINCT seq) FROM person_changes"), kWomen * kRounds);
}

INSTANTIATE_TEST_SUITE_P(Backends, WomenTest, ::testing::Values("sqlite", "mysql"), testing::BackendParamName);

}  // namespace
}  // namespace carehub::registry
