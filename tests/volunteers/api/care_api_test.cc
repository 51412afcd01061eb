// Pairings and visits through the real gRPC face on both backends, with a fake registry and a
// clock the test moves: who may be paired, the caseload cap under parallel requests, the cadence
// by risk, overdue and escalation as days pass, handovers keeping the schedule, bad visits refused
// with nothing stored, and the care summary.
#include <map>
#include <set>
#include <thread>

#include "common/ids.h"

#include "tests/volunteers/api/volunteers_fixture.h"

namespace carehub::volunteers {
namespace {

class CareApiTest : public VolunteersApiTest {
 protected:
  // A child in the fake registry: active, left-behind, of `risk` (1 low … 3 high).
  std::string Child(int n, int risk = 3, const std::string& division = "500116001001", bool active = true) {
    BeneficiaryFacts f;
    if (!children_.count(n)) children_[n] = NewId("ch");
    f.id = children_[n];
    f.kind = BeneficiaryKind::kChild;
    f.active = active;
    f.categories = {"left_behind"};
    f.division_code = division;
    f.birth_date = "2015-01-01";
    f.risk_level = risk;
    registry_.Put(f);
    return f.id;
  }
  grpc::Status Pair(const std::string& volunteer, const std::string& child, v1::Pairing* out = nullptr,
                    v1::VolunteersService::Stub* stub = nullptr) {
    v1::CreatePairingRequest req;
    req.set_request_id(Rid());
    req.set_volunteer_id(volunteer);
    req.set_child_id(child);
    v1::Pairing ignored;
    return (stub ? stub : stub_.get())->CreatePairing(As(coordinator_).get(), req, out ? out : &ignored);
  }
  grpc::Status Visit(const std::string& pairing, const std::string& on, bool contact, v1::Visit* out = nullptr) {
    v1::RecordVisitRequest req;
    req.set_request_id(Rid());
    auto* v = req.mutable_visit();
    v->set_pairing_id(pairing);
    v->set_visited_on(on);
    v->set_kind(contact ? v1::VISIT_KIND_HOME : v1::VISIT_KIND_PHONE);
    v->set_contact_made(contact);
    v->set_duration_minutes(45);
    v->set_goods_fen(20'000);
    v1::Visit ignored;
    return stub_->RecordVisit(As(coordinator_).get(), req, out ? out : &ignored);
  }
  v1::DueVisitsResponse Overdue(const std::string& prefix = "") {
    v1::ListOverdueVisitsRequest req;
    req.set_division_prefix(prefix);
    v1::DueVisitsResponse out;
    EXPECT_TRUE(stub_->ListOverdueVisits(As(officer_).get(), req, &out).ok());
    return out;
  }
  void Days(int n) { now_ += int64_t{n} * 86400; }

  std::map<int, std::string> children_;
};

TEST_P(CareApiTest, OnlyActiveChildrenInReachArePairedAndNothingIsStoredOtherwise) {
  if (!t_) return;
  std::string v = NewVolunteer(1);
  EXPECT_EQ(Pair(v, Child(1, 3, "500116001001", false)).error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Pair(v, Child(2, 3, "500112001001")).error_code(), grpc::StatusCode::NOT_FOUND);  // outside reach
  EXPECT_EQ(Pair(v, NewId("ch")).error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Pair(v, NewId("wm")).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  registry_.SetReachable(false);
  EXPECT_EQ(Pair(v, Child(3)).error_code(), grpc::StatusCode::UNAVAILABLE);
  registry_.SetReachable(true);
  EXPECT_EQ(Count("pairings"), 0);
  EXPECT_EQ(Count("care_plans"), 0);
  v1::Pairing p;
  ASSERT_TRUE(Pair(v, Child(3), &p).ok());
  EXPECT_EQ(p.state(), v1::PAIRING_STATE_ACTIVE);
  EXPECT_EQ(p.started_on(), "2026-12-01");
  EXPECT_EQ(Pair(v, Child(3)).error_code(), grpc::StatusCode::ALREADY_EXISTS);
}

TEST_P(CareApiTest, TheCaseloadCapHoldsUnderParallelRequests) {
  if (!t_) return;
  std::string v = NewVolunteer(1);
  std::vector<std::string> children;
  for (int i = 0; i < 12; ++i) children.push_back(Child(10 + i));
  std::atomic<int> ok{0}, full{0};
  std::vector<std::thread> threads;
  for (int c = 0; c < 6; ++c) {
    threads.emplace_back([&, c] {
      auto stub = v1::VolunteersService::NewStub(harness_->NewChannel());
      for (int i = c; i < 12; i += 6) {
        auto s = Pair(v, children[i], nullptr, stub.get());
        if (s.ok()) {
          ++ok;
        } else if (s.error_code() == grpc::StatusCode::FAILED_PRECONDITION) {
          ++full;
        } else {
          ADD_FAILURE() << s.error_message();
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok, 3);  // the fixture's cap
  EXPECT_EQ(full, 9);
  EXPECT_EQ(Count("pairings"), 3);
}

TEST_P(CareApiTest, TheCadenceFollowsRiskAndOverdueEscalatesAsDaysPass) {
  if (!t_) return;
  std::string v = NewVolunteer(1);
  v1::Pairing high, low;
  ASSERT_TRUE(Pair(v, Child(1, 3), &high).ok());  // every 7 days
  ASSERT_TRUE(Pair(v, Child(2, 1), &low).ok());   // every 30 days
  EXPECT_EQ(Overdue().visits_size(), 0);
  EXPECT_TRUE(FigureReaches("carehub_volunteers_visits_overdue", 0));
  Days(8);  // 2026-12-09
  auto overdue = Overdue();
  ASSERT_EQ(overdue.visits_size(), 1);
  // What operators watch grow (deploy/prometheus/alerts.yml), by the service's own clock.
  EXPECT_TRUE(FigureReaches("carehub_volunteers_visits_overdue", 1)) << Figure("carehub_volunteers_visits_overdue");
  EXPECT_EQ(overdue.visits(0).child_id(), high.child_id());
  EXPECT_EQ(overdue.visits(0).next_due_on(), "2026-12-08");
  EXPECT_EQ(overdue.visits(0).days_overdue(), 1);
  EXPECT_EQ(overdue.visits(0).escalation_level(), 1);
  ASSERT_TRUE(Visit(high.id(), "2026-12-09", false).ok());  // a call that reached nobody moves nothing
  EXPECT_EQ(Overdue().visits_size(), 1);
  ASSERT_TRUE(Visit(high.id(), "2026-12-09", true).ok());
  EXPECT_EQ(Overdue().visits_size(), 0);
  EXPECT_TRUE(FigureReaches("carehub_volunteers_visits_overdue", 0));
  Days(15);  // 2026-12-24: high due 12-16 (8 days over), low due 12-31
  overdue = Overdue();
  ASSERT_EQ(overdue.visits_size(), 1);
  EXPECT_EQ(overdue.visits(0).days_overdue(), 8);
  EXPECT_EQ(overdue.visits(0).escalation_level(), 2);
  Days(14);  // 2027-01-07: high 22 days over (district), low 7 (town)
  overdue = Overdue("500116");
  ASSERT_EQ(overdue.visits_size(), 2);
  EXPECT_EQ(overdue.visits(0).child_id(), high.child_id());  // most overdue first
  EXPECT_EQ(overdue.visits(0).escalation_level(), 3);
  EXPECT_EQ(overdue.visits(1).escalation_level(), 2);
  v1::ListDueVisitsRequest due;
  due.set_volunteer_id(v);
  v1::DueVisitsResponse mine;
  ASSERT_TRUE(stub_->ListDueVisits(As(coordinator_).get(), due, &mine).ok());
  EXPECT_EQ(mine.visits_size(), 2);
  v1::ListOverdueVisitsRequest other;
  ASSERT_TRUE(stub_->ListOverdueVisits(As(other_coordinator_).get(), other, &mine).ok());
  EXPECT_EQ(mine.visits_size(), 0);  // another district sees none of them
}

TEST_P(CareApiTest, OverduePagesListEveryChildOnceMostOverdueFirst) {
  if (!t_) return;
  std::vector<std::string> vs;
  for (int i = 0; i < 3; ++i) vs.push_back(NewVolunteer(1 + i));
  for (int i = 0; i < 7; ++i) {
    ASSERT_TRUE(Pair(vs[i % 3], Child(1 + i, 1 + i % 3)).ok());  // low, medium, high: due in 30, 14, 7 days
    if (i == 3) Days(1);                                         // some a day later
  }
  Days(40);
  v1::ListOverdueVisitsRequest req;
  req.set_page_size(2);
  std::vector<std::string> seen;
  std::string last_due;
  do {
    v1::DueVisitsResponse page;
    ASSERT_TRUE(stub_->ListOverdueVisits(As(officer_).get(), req, &page).ok());
    for (const auto& d : page.visits()) {
      EXPECT_GE(d.next_due_on(), last_due);
      last_due = d.next_due_on();
      seen.push_back(d.child_id());
    }
    req.set_page_token(page.next_page_token());
  } while (!req.page_token().empty());
  EXPECT_EQ(seen.size(), 7u);
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 7u);
}

TEST_P(CareApiTest, AHandoverKeepsTheScheduleAndEndingStopsIt) {
  if (!t_) return;
  std::string first = NewVolunteer(1), second = NewVolunteer(2);
  v1::Pairing p, next;
  ASSERT_TRUE(Pair(first, Child(1, 2), &p).ok());  // every 14 days: due 12-15
  Days(3);
  ASSERT_TRUE(Visit(p.id(), "2026-12-04", true).ok());  // due 12-18
  v1::HandOverPairingRequest hand;
  hand.set_request_id(Rid());
  hand.set_id(p.id());
  hand.set_to_volunteer_id(second);
  hand.set_note("原爱心妈妈外出务工");
  ASSERT_TRUE(stub_->HandOverPairing(As(coordinator_).get(), hand, &next).ok());
  EXPECT_EQ(next.volunteer_id(), second);
  v1::GetPairingRequest get;
  get.set_id(p.id());
  ASSERT_TRUE(stub_->GetPairing(As(officer_).get(), get, &p).ok());
  EXPECT_EQ(p.state(), v1::PAIRING_STATE_ENDED);
  EXPECT_EQ(p.end_reason(), v1::PAIRING_END_HANDED_OVER);
  Days(16);  // 12-20
  auto overdue = Overdue();
  ASSERT_EQ(overdue.visits_size(), 1);
  EXPECT_EQ(overdue.visits(0).next_due_on(), "2026-12-18");
  EXPECT_EQ(overdue.visits(0).last_contact_on(), "2026-12-04");

  v1::EndPairingRequest end;
  end.set_request_id(Rid());
  end.set_id(next.id());
  end.set_reason(v1::PAIRING_END_CHILD_EXITED);
  EXPECT_EQ(stub_->EndPairing(As(coordinator_).get(), end, &p).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  end.set_note("儿童随父母迁出");
  end.set_request_id(Rid());
  ASSERT_TRUE(stub_->EndPairing(As(coordinator_).get(), end, &p).ok());
  EXPECT_EQ(Overdue().visits_size(), 0);
  EXPECT_EQ(stub_->EndPairing(As(coordinator_).get(), end, &p).ok(), true);  // a replay answers again
  end.set_request_id(Rid());
  EXPECT_EQ(stub_->EndPairing(As(coordinator_).get(), end, &p).error_code(), grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_P(CareApiTest, BadVisitsAreRefusedNamingTheFieldAndNothingIsStored) {
  if (!t_) return;
  std::string v = NewVolunteer(1);
  v1::Pairing p;
  ASSERT_TRUE(Pair(v, Child(1), &p).ok());
  EXPECT_EQ(Visit(p.id(), "2026-12-02", true).error_code(), grpc::StatusCode::INVALID_ARGUMENT);     // future
  EXPECT_EQ(Visit(p.id(), "2026-11-30", true).error_code(), grpc::StatusCode::FAILED_PRECONDITION);  // before
  EXPECT_EQ(Visit(p.id(), "2026-13-01", true).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  v1::RecordVisitRequest req;
  req.set_request_id(Rid());
  req.mutable_visit()->set_pairing_id(p.id());
  req.mutable_visit()->set_visited_on("2026-12-01");
  req.mutable_visit()->set_kind(v1::VISIT_KIND_HOME);
  req.mutable_visit()->add_findings(static_cast<v1::Finding>(9));
  v1::Visit out;
  auto s = stub_->RecordVisit(As(coordinator_).get(), req, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("visit.findings"), std::string::npos);
  req.mutable_visit()->clear_findings();
  req.mutable_visit()->set_kind(v1::VISIT_KIND_UNSPECIFIED);
  s = stub_->RecordVisit(As(coordinator_).get(), req, &out);
  EXPECT_NE(s.error_message().find("visit.kind"), std::string::npos);
  EXPECT_EQ(Count("visits"), 0);
  req.mutable_visit()->set_kind(v1::VISIT_KIND_HOME);
  req.mutable_visit()->add_findings(v1::FINDING_SAFETY_HAZARD);
  req.mutable_visit()->add_findings(v1::FINDING_SCHOOLING_PROBLEM);
  req.set_request_id(Rid());
  ASSERT_TRUE(stub_->RecordVisit(As(coordinator_).get(), req, &out).ok());
  EXPECT_EQ(out.findings_size(), 2);
}

TEST_P(CareApiTest, TheCareSummaryCountsVisitsChildrenGoodsAndPairings) {
  if (!t_) return;
  std::string v = NewVolunteer(1);
  v1::Pairing a, b;
  ASSERT_TRUE(Pair(v, Child(1), &a).ok());
  ASSERT_TRUE(Pair(v, Child(2), &b).ok());
  Days(2);
  ASSERT_TRUE(Visit(a.id(), "2026-12-02", true).ok());
  ASSERT_TRUE(Visit(a.id(), "2026-12-03", true).ok());
  ASSERT_TRUE(Visit(b.id(), "2026-12-03", false).ok());  // no contact: not a visit in the figures
  v1::SummarizeCareRequest req;
  req.set_division_prefix("500116");
  req.set_from("2026-12-01");
  req.set_to("2026-12-31");
  v1::CareSummary s;
  ASSERT_TRUE(stub_->SummarizeCare(As(officer_).get(), req, &s).ok());
  EXPECT_EQ(s.visits(), 2);
  ASSERT_EQ(s.distinct_children_visited_size(), 1);
  EXPECT_EQ(s.distinct_children_visited(0).category(), "left_behind");
  EXPECT_EQ(s.distinct_children_visited(0).children(), 1);
  EXPECT_EQ(s.goods_fen(), 40'000);
  EXPECT_EQ(s.active_pairings(), 2);
  req.set_to("2026-11-30");
  req.set_from("2026-11-01");
  ASSERT_TRUE(stub_->SummarizeCare(As(officer_).get(), req, &s).ok());
  EXPECT_EQ(s.active_pairings(), 0);  // none had started by the end of November
}

// The figures come from rollups kept with each visit (days, and the children of each year); a
// period is answered from whole years plus the days at either end, and every cut must agree with
// counting the visits by hand.
TEST_P(CareApiTest, TheCareSummaryCountsAChildOnceAcrossTownsAndYearsForAnyPeriod) {
  if (!t_) return;
  std::string v1_id = NewVolunteer(1), v2_id = NewVolunteer(2);
  v1::Pairing a_first, b, a_moved;
  ASSERT_TRUE(Pair(v1_id, Child(1), &a_first).ok());  // A in town 001
  ASSERT_TRUE(Pair(v1_id, Child(2), &b).ok());        // B in town 001
  ASSERT_TRUE(Visit(a_first.id(), "2026-12-01", true).ok());
  Days(4);  // 2026-12-05: A moves to town 002, paired there
  ASSERT_TRUE(Pair(v2_id, Child(1, 3, "500116002001"), &a_moved).ok());
  ASSERT_TRUE(Visit(b.id(), "2026-12-03", true).ok());
  ASSERT_TRUE(Visit(a_moved.id(), "2026-12-05", true).ok());
  Days(36);  // 2027-01-10
  ASSERT_TRUE(Visit(a_moved.id(), "2027-01-05", true).ok());
  ASSERT_TRUE(Visit(b.id(), "2027-01-06", false).ok());  // no contact: neither a visit nor a child reached

  struct Cut {
    std::string prefix, from, to;
    int64_t visits, children;
  };
  for (const Cut& c : std::vector<Cut>{
           {"500116", "2026-01-01", "2026-12-31", 3, 2},     // a whole year
           {"500116", "2027-01-01", "2027-01-31", 1, 1},     // a month
           {"500116", "2026-06-01", "2027-01-31", 4, 2},     // across the new year, no whole year
           {"500116", "2026-01-01", "2027-01-09", 4, 2},     // a whole year and days after it
           {"500116", "2025-12-31", "2026-12-31", 3, 2},     // a day before a whole year
           {"500116", "2025-01-01", "2027-12-31", 4, 2},     // three whole years
           {"500116001", "2026-01-01", "2026-12-31", 2, 2},  // A counted in the town it was visited in
           {"500116002", "2026-01-01", "2027-12-31", 2, 1},
           {"500116002", "2026-12-06", "2026-12-31", 0, 0},
           {"5001", "2026-01-01", "2026-12-31", 3, 2},  // narrowed to the officer's district
       }) {
    v1::SummarizeCareRequest req;
    req.set_division_prefix(c.prefix);
    req.set_from(c.from);
    req.set_to(c.to);
    v1::CareSummary s;
    ASSERT_TRUE(stub_->SummarizeCare(As(officer_).get(), req, &s).ok());
    SCOPED_TRACE(c.prefix + " " + c.from + ".." + c.to);
    EXPECT_EQ(s.visits(), c.visits);
    EXPECT_EQ(s.goods_fen(), c.visits * 20'000);
    int64_t children = 0;
    for (const auto& by : s.distinct_children_visited()) children += by.children();
    EXPECT_EQ(children, c.children);
  }
}

TEST_P(CareApiTest, ASeriousFindingOpensARiskReportHandledByOfficersWithinItsSla) {
  if (!t_) return;
  std::string v = NewVolunteer(1);
  v1::Pairing p;
  ASSERT_TRUE(Pair(v, Child(1), &p).ok());
  v1::RecordVisitRequest req;
  req.set_request_id(Rid());
  auto* visit = req.mutable_visit();
  visit->set_pairing_id(p.id());
  visit->set_visited_on("2026-12-01");
  visit->set_kind(v1::VISIT_KIND_HOME);
  visit->set_contact_made(true);
  visit->add_findings(v1::FINDING_HEALTH_PROBLEM);  // not serious: no report
  v1::Visit out;
  ASSERT_TRUE(stub_->RecordVisit(As(coordinator_).get(), req, &out).ok());
  EXPECT_EQ(Count("risk_reports"), 0);
  req.set_request_id(Rid());
  visit->add_findings(v1::FINDING_ABUSE_OR_NEGLECT);
  ASSERT_TRUE(stub_->RecordVisit(As(coordinator_).get(), req, &out).ok());
  v1::ListRiskReportsRequest list;
  v1::ListRiskReportsResponse open;
  ASSERT_TRUE(stub_->ListRiskReports(As(officer_).get(), list, &open).ok());
  ASSERT_EQ(open.reports_size(), 1);
  const auto report = open.reports(0);
  EXPECT_EQ(report.state(), v1::RISK_REPORT_STATE_OPEN);
  EXPECT_EQ(report.due_on(), "2026-12-02");  // acknowledge within a day
  EXPECT_EQ(report.child_id(), p.child_id());

  Days(3);  // 12-04: two days past the SLA
  list.set_overdue_only(true);
  ASSERT_TRUE(stub_->ListRiskReports(As(officer_).get(), list, &open).ok());
  ASSERT_EQ(open.reports_size(), 1);
  EXPECT_EQ(open.reports(0).days_overdue(), 2);

  auto decide = [&](auto rpc, const Principal& who, const std::string& note, v1::RiskReport* r) {
    v1::DecideRiskReportRequest d;
    d.set_request_id(Rid());
    d.set_id(report.id());
    d.set_note(note);
    return (stub_.get()->*rpc)(As(who).get(), d, r);
  };
  v1::RiskReport r;
  auto ack = &v1::VolunteersService::Stub::AcknowledgeRiskReport;
  auto resolve = &v1::VolunteersService::Stub::ResolveRiskReport;
  EXPECT_EQ(decide(resolve, officer_, "已处置", &r).error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(decide(ack, coordinator_, "收到", &r).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(decide(ack, officer_, "", &r).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  ASSERT_TRUE(decide(ack, officer_, "已联系村委会核实", &r).ok());
  EXPECT_EQ(r.state(), v1::RISK_REPORT_STATE_ACKNOWLEDGED);
  EXPECT_EQ(r.due_on(), "2026-12-11");  // resolve within 7 days
  EXPECT_EQ(r.days_overdue(), 0);
  ASSERT_TRUE(decide(resolve, officer_, "监护人已落实", &r).ok());
  EXPECT_EQ(r.state(), v1::RISK_REPORT_STATE_RESOLVED);
  EXPECT_EQ(decide(resolve, officer_, "again", &r).error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  list.set_overdue_only(false);
  ASSERT_TRUE(stub_->ListRiskReports(As(officer_).get(), list, &open).ok());
  EXPECT_EQ(open.reports_size(), 0);  // resolved ones leave the working list

  v1::SummarizeCareRequest sum;
  sum.set_division_prefix("500116");
  sum.set_from("2026-12-01");
  sum.set_to("2026-12-31");
  v1::CareSummary summary;
  ASSERT_TRUE(stub_->SummarizeCare(As(officer_).get(), sum, &summary).ok());
  EXPECT_EQ(summary.risk_reports_opened(), 1);
  EXPECT_EQ(summary.risk_reports_resolved(), 1);
}

TEST_P(CareApiTest, AcknowledgingMayRaiseTheChildsRiskInTheRegistryFirst) {
  if (!t_) return;
  std::string v = NewVolunteer(1);
  v1::Pairing p;
  ASSERT_TRUE(Pair(v, Child(1, 1), &p).ok());
  v1::RecordVisitRequest visit;
  visit.set_request_id(Rid());
  visit.mutable_visit()->set_pairing_id(p.id());
  visit.mutable_visit()->set_visited_on("2026-12-01");
  visit.mutable_visit()->set_kind(v1::VISIT_KIND_HOME);
  visit.mutable_visit()->set_contact_made(true);
  visit.mutable_visit()->add_findings(v1::FINDING_GUARDIAN_UNABLE_TO_CARE);
  v1::Visit out;
  ASSERT_TRUE(stub_->RecordVisit(As(coordinator_).get(), visit, &out).ok());
  v1::ListRiskReportsRequest list;
  v1::ListRiskReportsResponse open;
  ASSERT_TRUE(stub_->ListRiskReports(As(officer_).get(), list, &open).ok());
  ASSERT_EQ(open.reports_size(), 1);
  v1::DecideRiskReportRequest ack;
  ack.set_request_id(Rid());
  ack.set_id(open.reports(0).id());
  ack.set_note("祖父母年迈无力照护");
  ack.set_raise_risk_to(v1::CHILD_RISK_LEVEL_HIGH);
  child_risk_.reachable = false;
  v1::RiskReport r;
  EXPECT_EQ(stub_->AcknowledgeRiskReport(As(officer_).get(), ack, &r).error_code(), grpc::StatusCode::UNAVAILABLE);
  ASSERT_TRUE(stub_->ListRiskReports(As(officer_).get(), list, &open).ok());
  EXPECT_EQ(open.reports(0).state(), v1::RISK_REPORT_STATE_OPEN) << "nothing acknowledged without the registry";
  child_risk_.reachable = true;
  ASSERT_TRUE(stub_->AcknowledgeRiskReport(As(officer_).get(), ack, &r).ok());
  EXPECT_EQ(r.state(), v1::RISK_REPORT_STATE_ACKNOWLEDGED);
  ASSERT_EQ(child_risk_.raised.size(), 1u);
  EXPECT_EQ(child_risk_.raised[0].child_id, p.child_id());
  EXPECT_EQ(child_risk_.raised[0].risk_level, 3);
  EXPECT_EQ(child_risk_.raised[0].note, "祖父母年迈无力照护");
  ASSERT_TRUE(stub_->AcknowledgeRiskReport(As(officer_).get(), ack, &r).ok());  // a replay
  EXPECT_EQ(child_risk_.raised.size(), 1u) << "a replay asks the registry nothing";
  v1::DecideRiskReportRequest resolve = ack;
  resolve.set_request_id(Rid());
  EXPECT_EQ(stub_->ResolveRiskReport(As(officer_).get(), resolve, &r).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

INSTANTIATE_TEST_SUITE_P(Backends, CareApiTest, ::testing::Values("sqlite", "mysql"), testing::BackendParamName);

}  // namespace
}  // namespace carehub::volunteers
