// The form over a real gRPC channel with sources that answer from a dataset the test seeds; the
// expected figures are written out by hand from that dataset, never by calling the code under
// test: a district and its towns add up with a residual at the district's own level, distinct
// people are never added up, comparisons, a source down makes the form partial naming it,
// filing then a correction is a restatement of exactly that figure, reach, the exports.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <set>

#include "common/errors.h"
#include "common/reach.h"
#include "services/reports/api/reports_api.h"
#include "services/reports/migrations.h"
#include "tests/support/service_harness.h"
#include "tests/support/test_db.h"

namespace carehub::reports {
namespace {

// Records as the services keep them: an event counts in its division and period (a flow) or
// from its date on (a stock); a person seen counts once per division asked (distinct).
struct Event {
  std::string code, division, date;
  int64_t n = 1;
};
struct Seen {
  std::string code, person, division, date;
};

class Dataset {
 public:
  void Add(Event e) {
    std::lock_guard lock(mu_);
    events_.push_back(std::move(e));
  }
  void See(Seen s) {
    std::lock_guard lock(mu_);
    seen_.push_back(std::move(s));
  }
  void SetDown(Source s, bool down) {
    std::lock_guard lock(mu_);
    if (down)
      down_.insert(s);
    else
      down_.erase(s);
  }
  SourceAnswer Answer(Source source, const Caller& caller, const std::string& prefix, const DateRange& p) const {
    std::lock_guard lock(mu_);
    if (down_.contains(source)) Throw(ErrorCode::kUnavailable, "", "cannot answer now");
    if (!InReach(caller.reach, prefix)) Throw(ErrorCode::kPermissionDenied, "", "outside reach");
    SourceAnswer a;
    for (const auto& i : Catalogue()) {
      if (i.source == source) a.values[i.code] = 0;
    }
    std::set<std::string> below;
    size_t next = NextLevelLength(prefix.size());
    for (const auto& e : events_) {
      const auto* i = FindIndicator(e.code);
      if (!e.division.starts_with(prefix)) continue;
      if (next) below.insert(e.division.substr(0, next));
      if (i->source != source) continue;
      bool counts = i->aggregation == Aggregation::kStock ? e.date <= p.To() : e.date >= p.From() && e.date <= p.To();
      if (counts) a.values[e.code] += e.n;
    }
    std::map<std::string, std::set<std::string>> people;
    for (const auto& s : seen_) {
      if (s.division.starts_with(prefix) && FindIndicator(s.code)->source == source && s.date >= p.From() &&
          s.date <= p.To()) {
        people[s.code].insert(s.person);
      }
    }
    for (const auto& [code, who] : people) a.values[code] = static_cast<int64_t>(who.size());
    // Divisions padded to 12 digits at the district's own level have no town: not one below.
    for (const auto& b : below) {
      if (b.find_first_not_of('0', prefix.size()) != std::string::npos && source == Source::kRegistry)
        a.next_level.push_back(b);
    }
    return a;
  }

 private:
  mutable std::mutex mu_;
  std::vector<Event> events_;
  std::vector<Seen> seen_;
  std::set<Source> down_;
};

class DatasetSource final : public FigureSource {
 public:
  DatasetSource(Source s, const Dataset& d) : source_(s), data_(d) {}
  Source source() const override { return source_; }
  SourceAnswer Summarize(const Caller& caller, const std::string& prefix, const DateRange& period) const override {
    return data_.Answer(source_, caller, prefix, period);
  }

 private:
  Source source_;
  const Dataset& data_;
};

class ReportsApiTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    t_ = testing::TestDatabase::Make(GetParam(), 8);
    if (!t_) return;
    harness_ = std::make_unique<testing::ServiceHarness>(
        testing::ServiceHarness::Options{.name = "carehub-reports", .db = &t_->db(), .migrations = ReportsMigrations},
        [this](BackendRuntime& rt) {
          Sources sources;
          for (auto s : {Source::kRegistry, Source::kFunds, Source::kVolunteers, Source::kCare}) {
            sources.push_back(std::make_unique<DatasetSource>(s, data_));
          }
          return std::make_unique<ReportsApi>(rt, std::move(sources));
        });
    stub_ = v1::ReportsService::NewStub(harness_->channel());
    Seed();
  }
  // Jiangjin (500116): two towns; one record at the district's own level; a child who moved
  // from town 001 to town 002 and was visited in both.
  void Seed() {
    data_.Add({"children.left_behind", "500116001001", "2026-02-01", 3});
    data_.Add({"children.left_behind", "500116002003", "2026-03-01", 2});
    data_.Add({"children.left_behind", "500116000000", "2026-01-10", 1});
    data_.Add({"children.left_behind", "500116001001", "2027-01-10", 5});  // after the period
    data_.Add({"care.visits", "500116001001", "2026-04-01", 5});
    data_.Add({"care.visits", "500116002003", "2026-05-01", 4});
    data_.Add({"care.visits", "500116001002", "2025-04-01", 2});
    data_.Add({"funds.disbursed_fen", "500116001001", "2026-06-01", 50'000});
    data_.See({"care.left_behind_visited", "child-x", "500116001001", "2026-03-01"});
    data_.See({"care.left_behind_visited", "child-x", "500116002003", "2026-06-01"});
    data_.See({"care.left_behind_visited", "child-y", "500116001002", "2026-07-01"});
  }
  auto As(const Principal& p) { return harness_->As(p); }
  static v1::GetDivisionReportRequest Year(const std::string& code, int year = 2026) {
    v1::GetDivisionReportRequest req;
    req.set_division_code(code);
    req.mutable_period()->set_kind(v1::PERIOD_KIND_YEAR);
    req.mutable_period()->set_year(year);
    return req;
  }
  grpc::Status Report(const v1::GetDivisionReportRequest& req, v1::DivisionReport* out,
                      const Principal* who = nullptr) {
    return stub_->GetDivisionReport(As(who ? *who : officer_).get(), req, out);
  }
  static std::optional<int64_t> Of(const google::protobuf::RepeatedPtrField<v1::Value>& values,
                                   const std::string& code) {
    for (const auto& v : values) {
      if (v.code() == code) return v.available() ? std::optional(v.value()) : std::nullopt;
    }
    return std::nullopt;
  }
  static bool Has(const google::protobuf::RepeatedPtrField<v1::Value>& values, const std::string& code) {
    for (const auto& v : values) {
      if (v.code() == code) return true;
    }
    return false;
  }
  std::string Export(const v1::GetDivisionReportRequest& r, v1::ExportFormat format) {
    v1::ExportReportRequest req;
    *req.mutable_report() = r;
    req.set_format(format);
    auto ctx = As(officer_);
    auto reader = stub_->ExportReport(ctx.get(), req);
    v1::FileChunk chunk;
    std::string file;
    while (reader->Read(&chunk)) file += chunk.data();
    auto s = reader->Finish();
    EXPECT_TRUE(s.ok()) << s.error_message();
    return file;
  }
  grpc::Status File(v1::FiledReport* out, const std::string& rid) {
    v1::FileReportRequest req;
    req.set_request_id(rid);
    req.set_division_code("500116000000");
    *req.mutable_period() = Year("").period();
    req.set_note("2026年度一表通");
    return stub_->FileReport(As(officer_).get(), req, out);
  }

  Dataset data_;
  std::unique_ptr<testing::TestDatabase> t_;
  std::unique_ptr<testing::ServiceHarness> harness_;
  std::unique_ptr<v1::ReportsService::Stub> stub_;
  Principal officer_{"officer-jj", {"officer"}, "500116", "rq"};
  Principal town_officer_{"officer-town", {"officer"}, "500116001", "rq"};
  Principal auditor_{"auditor-city", {"auditor"}, "", "rq"};
};

TEST_P(ReportsApiTest, ADistrictAndItsTownsAddUpAndDistinctPeopleAreNeverAddedUp) {
  if (!t_) GTEST_SKIP() << "backend unavailable";
  v1::DivisionReport r;
  ASSERT_TRUE(Report(Year("500116000000"), &r).ok());
  EXPECT_EQ(r.division_prefix(), "500116");
  EXPECT_EQ(r.from(), "2026-01-01");
  EXPECT_EQ(r.to(), "2026-12-31");
  EXPECT_TRUE(r.missing_sources().empty());
  EXPECT_EQ(Of(r.values(), "children.left_behind"), 6);
  EXPECT_EQ(Of(r.values(), "care.visits"), 9);
  EXPECT_EQ(Of(r.values(), "care.left_behind_visited"), 2) << "child-x counted once in the district";
  EXPECT_EQ(Of(r.values(), "funds.disbursed_fen"), 50'000);
  EXPECT_EQ(Of(r.values(), "women.active"), 0) << "nothing recorded is a real zero";
  ASSERT_EQ(r.breakdown_size(), 2);
  EXPECT_EQ(r.breakdown(0).division_prefix(), "500116001");
  EXPECT_EQ(Of(r.breakdown(0).values(), "children.left_behind"), 3);
  EXPECT_EQ(Of(r.breakdown(0).values(), "care.visits"), 5);
  EXPECT_EQ(Of(r.breakdown(0).values(), "care.left_behind_visited"), 2);
  EXPECT_EQ(r.breakdown(1).division_prefix(), "500116002");
  EXPECT_EQ(Of(r.breakdown(1).values(), "children.left_behind"), 2);
  EXPECT_EQ(Of(r.breakdown(1).values(), "care.left_behind_visited"), 1);
  // Parent = Σ towns + what is recorded at the district itself; distinct counts have no residual.
  EXPECT_EQ(Of(r.residual(), "children.left_behind"), 1);
  EXPECT_EQ(Of(r.residual(), "care.visits"), 0);
  EXPECT_FALSE(Has(r.residual(), "care.left_behind_visited"));
  // The year before is both the previous period and the year ago.
  EXPECT_EQ(r.previous_from(), "2025-01-01");
  EXPECT_EQ(Of(r.previous(), "care.visits"), 2);
  EXPECT_EQ(Of(r.year_ago(), "care.visits"), 2);
  EXPECT_EQ(Of(r.previous(), "children.left_behind"), 0);

  // A town: its villages below it.
  v1::DivisionReport town;
  ASSERT_TRUE(Report(Year("500116001000"), &town).ok());
  EXPECT_EQ(Of(town.values(), "care.visits"), 5);
  ASSERT_EQ(town.breakdown_size(), 2);
  EXPECT_EQ(town.breakdown(0).division_prefix(), "500116001001");
  EXPECT_EQ(town.breakdown(1).division_prefix(), "500116001002");
}

TEST_P(ReportsApiTest, QuartersAndRangesCompareWithTheirOwnPreviousAndYearAgo) {
  if (!t_) GTEST_SKIP() << "backend unavailable";
  v1::GetDivisionReportRequest req = Year("500116000000");
  req.mutable_period()->set_kind(v1::PERIOD_KIND_RANGE);
  req.mutable_period()->set_from("2026-04-01");
  req.mutable_period()->set_to("2026-05-31");
  v1::DivisionReport r;
  ASSERT_TRUE(Report(req, &r).ok());
  EXPECT_EQ(Of(r.values(), "care.visits"), 9);
  EXPECT_EQ(r.previous_from(), "2026-01-30");
  EXPECT_EQ(r.previous_to(), "2026-03-31");
  EXPECT_EQ(Of(r.previous(), "care.visits"), 0);
  EXPECT_EQ(r.year_ago_from(), "2025-04-01");
  EXPECT_EQ(Of(r.year_ago(), "care.visits"), 2);
  EXPECT_EQ(Of(r.values(), "children.left_behind"), 6) << "a stock at the range's end";
  req = Year("500116000000");
  req.mutable_period()->set_kind(v1::PERIOD_KIND_QUARTER);
  req.mutable_period()->set_quarter(1);
  ASSERT_TRUE(Report(req, &r).ok());
  EXPECT_EQ(Of(r.values(), "children.left_behind"), 6);
  EXPECT_EQ(Of(r.values(), "care.visits"), 0);
  EXPECT_EQ(r.previous_from(), "2025-10-01");

  // What is not a report is refused naming the field.
  req.mutable_period()->set_quarter(5);
  auto s = Report(req, &r);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(s.error_message().rfind("period.quarter:", 0), 0u) << s.error_message();
  req = Year("5001");
  s = Report(req, &r);
  EXPECT_EQ(s.error_message().rfind("division_code:", 0), 0u) << s.error_message();
  req = Year("500116000000");
  req.mutable_period()->set_kind(v1::PERIOD_KIND_UNSPECIFIED);
  EXPECT_EQ(Report(req, &r).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_P(ReportsApiTest, ASourceDownMakesTheReportPartialNamingItAndItIsNotFiled) {
  if (!t_) GTEST_SKIP() << "backend unavailable";
  data_.SetDown(Source::kFunds, true);
  v1::DivisionReport r;
  ASSERT_TRUE(Report(Year("500116000000"), &r).ok());
  ASSERT_EQ(r.missing_sources_size(), 1);
  EXPECT_EQ(r.missing_sources(0).rfind("funds: ", 0), 0u) << r.missing_sources(0);
  EXPECT_EQ(Of(r.values(), "funds.disbursed_fen"), std::nullopt) << "unavailable, never a zero";
  EXPECT_EQ(Of(r.breakdown(0).values(), "funds.disbursed_fen"), std::nullopt);
  EXPECT_EQ(Of(r.values(), "care.visits"), 9) << "the other sources still answer";
  v1::FiledReport filed;
  auto s = File(&filed, "rq-file-partial");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(s.error_message().find("funds"), std::string::npos) << s.error_message();
  int64_t stored = 0;
  t_->db().Read([&](db::Tx& tx) { stored = db::AsInt(tx.Query("SELECT COUNT(*) FROM filed_reports")[0][0]); });
  EXPECT_EQ(stored, 0);
  auto csv = Export(Year("500116000000"), v1::EXPORT_FORMAT_CSV);
  EXPECT_NE(csv.find("缺失来源"), std::string::npos);
  EXPECT_NE(csv.find("—"), std::string::npos);
}

TEST_P(ReportsApiTest, AFiledReportShowsACorrectionMadeAfterIt) {
  if (!t_) GTEST_SKIP() << "backend unavailable";
  v1::FiledReport filed, again;
  ASSERT_TRUE(File(&filed, "rq-file-1").ok());
  EXPECT_EQ(filed.version(), 1);
  EXPECT_EQ(filed.content_hash().size(), 64u);
  EXPECT_EQ(filed.filed_by(), "officer-jj");
  ASSERT_TRUE(File(&again, "rq-file-1").ok());
  EXPECT_EQ(again.id(), filed.id()) << "a replay files nothing twice";

  v1::DiffReportRequest diff;
  diff.set_id(filed.id());
  v1::ReportDiff d;
  ASSERT_TRUE(stub_->DiffReport(As(officer_).get(), diff, &d).ok());
  EXPECT_EQ(d.changes_size(), 0) << "nothing restated yet";
  // A visit recorded late, in town 002 in June.
  data_.Add({"care.visits", "500116002001", "2026-06-15", 1});
  ASSERT_TRUE(stub_->DiffReport(As(officer_).get(), diff, &d).ok());
  ASSERT_EQ(d.changes_size(), 2);
  EXPECT_EQ(d.changes(0).division_prefix(), "500116");
  EXPECT_EQ(d.changes(0).code(), "care.visits");
  EXPECT_EQ(d.changes(0).filed(), 9);
  EXPECT_EQ(d.changes(0).now(), 10);
  EXPECT_EQ(d.changes(1).division_prefix(), "500116002");
  EXPECT_EQ(d.changes(1).code(), "care.visits");
  EXPECT_EQ(d.changes(1).filed(), 4);
  EXPECT_EQ(d.changes(1).now(), 5);

  v1::GetFiledReportRequest get;
  get.set_id(filed.id());
  v1::FiledReport read;
  ASSERT_TRUE(stub_->GetFiledReport(As(auditor_).get(), get, &read).ok());
  EXPECT_EQ(read.content_hash(), filed.content_hash());
  EXPECT_EQ(Of(read.report().values(), "care.visits"), 9) << "frozen as filed";
  v1::FiledReport restated;
  ASSERT_TRUE(File(&restated, "rq-file-2").ok());
  EXPECT_EQ(restated.version(), 2);
  EXPECT_NE(restated.content_hash(), filed.content_hash());
  v1::ListFiledReportsRequest list;
  list.set_division_code("500116000000");
  v1::ListFiledReportsResponse listed;
  ASSERT_TRUE(stub_->ListFiledReports(As(officer_).get(), list, &listed).ok());
  EXPECT_EQ(listed.reports_size(), 2);
  EXPECT_EQ(stub_->GetFiledReport(As(town_officer_).get(), get, &read).error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_P(ReportsApiTest, ReachDecidesWhichDivisionsOneMayReportOn) {
  if (!t_) GTEST_SKIP() << "backend unavailable";
  v1::DivisionReport r;
  auto s = Report(Year("500116000000"), &r, &town_officer_);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(s.error_message().rfind("division_code:", 0), 0u) << s.error_message();
  ASSERT_TRUE(Report(Year("500116001000"), &r, &town_officer_).ok());
  EXPECT_EQ(Of(r.values(), "care.visits"), 5);
  ASSERT_TRUE(Report(Year("500116000000"), &r, &auditor_).ok());
  Principal app{"app", {"integration"}, "500116", "rq"};
  EXPECT_EQ(Report(Year("500116000000"), &r, &app).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  v1::FiledReport filed;
  v1::FileReportRequest req;
  req.set_request_id("rq-auditor-file");
  req.set_division_code("500116000000");
  *req.mutable_period() = Year("").period();
  EXPECT_EQ(stub_->FileReport(As(auditor_).get(), req, &filed).error_code(), grpc::StatusCode::PERMISSION_DENIED);
}

// Reads one member of a zip archive with unzip(1).
std::string Unzip(const std::string& zip, const std::string& member) {
  std::string out;
  FILE* p = popen(("unzip -p " + zip + " " + member).c_str(), "r");
  if (!p) return out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  return out;
}

TEST_P(ReportsApiTest, TheExportsHoldTheFiguresWithChineseLabels) {
  if (!t_) GTEST_SKIP() << "backend unavailable";
  auto csv = Export(Year("500116000000"), v1::EXPORT_FORMAT_CSV);
  EXPECT_EQ(csv.rfind("\xEF\xBB\xBF", 0), 0u) << "a BOM, for spreadsheets";
  EXPECT_NE(csv.find("\"care.visits\",\"走访儿童\",\"人次\",\"9\",\"2\",\"2\",\"0\""), std::string::npos) << csv;
  EXPECT_NE(csv.find("\"funds.disbursed_fen\",\"发放救助金额\",\"元\",\"500.00\""), std::string::npos) << csv;
  EXPECT_NE(csv.find("\"500116002000\""), std::string::npos) << "the breakdown's towns";

  auto xlsx = Export(Year("500116000000"), v1::EXPORT_FORMAT_XLSX);
  ASSERT_EQ(xlsx.rfind("PK", 0), 0u) << "a zip archive";
  std::string path = ::testing::TempDir() + "/report-" + GetParam() + ".xlsx";
  std::ofstream(path, std::ios::binary) << xlsx;
  auto book = Unzip(path, "xl/workbook.xml");
  for (const char* sheet : {"总表", "儿童", "妇女", "救助资金", "志愿服务", "关爱帮扶"}) {
    EXPECT_NE(book.find(std::string("name=\"") + sheet + "\""), std::string::npos) << sheet;
  }
  auto strings = Unzip(path, "xl/sharedStrings.xml");
  EXPECT_NE(strings.find("走访儿童"), std::string::npos);
  EXPECT_NE(strings.find("500116001000"), std::string::npos);
  // 关爱帮扶 is the sixth sheet: its table holds 9 visits this year and 2 the year before.
  auto care = Unzip(path, "xl/worksheets/sheet6.xml");
  EXPECT_NE(care.find("<v>9</v>"), std::string::npos) << care.substr(0, 2000);
  EXPECT_NE(care.find("<v>2</v>"), std::string::npos);
  EXPECT_FALSE(Unzip(path, "xl/charts/chart1.xml").empty()) << "a bar chart of the breakdown";
  // Money in yuan: 50,000 fen is 500.
  EXPECT_NE(Unzip(path, "xl/worksheets/sheet4.xml").find("<v>500</v>"), std::string::npos);
  std::remove(path.c_str());
}

INSTANTIATE_TEST_SUITE_P(Backends, ReportsApiTest, ::testing::Values("sqlite", "mysql"), testing::BackendParamName);

}  // namespace
}  // namespace carehub::reports
