// Attendance and the hours ledger through the real gRPC face on both backends: what a check-in
// and check-out earn at every edge (early, late, crossing midnight, missing check-out, check-out
// before check-in), confirmation, dispute and resolution by adjustment, totals, the service
// record and its CSV, and the summary reports compose.
#include "services/volunteers/store/hours_rows.h"
#include "tests/volunteers/api/volunteers_fixture.h"

namespace carehub::volunteers {
namespace {

using Stub = v1::VolunteersService::Stub;
class HoursApiTest : public VolunteersApiTest {
 protected:
  // An open activity starting in an hour, lasting `seconds`, with `v` signed up; the clock then
  // at its start.
  v1::Activity Started(const std::string& v, int64_t seconds = 2 * kHour, int64_t starts_in = kHour) {
    auto a = OpenActivity(ActivityProto(10, starts_in, seconds));
    EXPECT_TRUE(SignUp(a.id(), v).ok());
    now_ += starts_in;
    return a;
  }
  // Started, checked in at the start and out at the end (a 120-minute claim).
  v1::Activity Attended(const std::string& v) {
    auto a = Started(v);
    EXPECT_TRUE(Attend(&Stub::CheckIn, a.id(), v, 0).ok());
    now_ += 2 * kHour;
    EXPECT_TRUE(Attend(&Stub::CheckOut, a.id(), v, 0).ok());
    return a;
  }
  int64_t Start(const v1::Activity& a) { return ParseInstant(a.starts_at()).value(); }
  int64_t End(const v1::Activity& a) { return ParseInstant(a.ends_at()).value(); }
  grpc::Status Decide(grpc::Status (Stub::*rpc)(grpc::ClientContext*, const v1::DecideHoursRequest&, v1::HoursEntry*),
                      const std::string& id, const std::string& note, v1::HoursEntry* out,
                      const Principal* who = nullptr) {
    v1::DecideHoursRequest req;
    req.set_request_id(Rid());
    req.set_id(id);
    req.set_note(note);
    return (stub_.get()->*rpc)(As(who ? *who : coordinator_).get(), req, out);
  }
};

TEST_P(HoursApiTest, EarlyArrivalAndLateDepartureEarnTheActivityAndNoMore) {
  if (!t_) return;
  std::string v = NewVolunteer(1);
  auto a = Started(v);
  ASSERT_TRUE(Attend(&Stub::CheckIn, a.id(), v, Start(a) - 30 * 60).ok());
  now_ += 3 * kHour;
  v1::ActivitySignUp out;
  ASSERT_TRUE(Attend(&Stub::CheckOut, a.id(), v, End(a) + kHour, &out).ok());
  EXPECT_EQ(out.state(), v1::SIGN_UP_STATE_ATTENDED);
  EXPECT_EQ(out.credited_minutes(), 120);
  auto hours = HoursOf(v);
  ASSERT_EQ(hours.entries_size(), 1);
  EXPECT_EQ(hours.entries(0).state(), v1::HOURS_STATE_CLAIMED);
  EXPECT_EQ(hours.entries(0).credited_from(), a.starts_at());
  EXPECT_EQ(hours.entries(0).credited_to(), a.ends_at());
  EXPECT_EQ(TotalsOf(v).claimed_minutes(), 120);
  EXPECT_EQ(TotalsOf(v).confirmed_minutes(), 0);
}

TEST_P(HoursApiTest, PartialAttendanceIsCreditedToTheMinuteRoundedDown) {
  if (!t_) return;
  std::string v = NewVolunteer(1);
  auto a = Started(v);
  now_ += kHour;
  ASSERT_TRUE(Attend(&Stub::CheckIn, a.id(), v, Start(a) + 10 * 60 + 30).ok());  // 10.5 min late, recorded later
  v1::ActivitySignUp out;
  ASSERT_TRUE(Attend(&Stub::CheckOut, a.id(), v, 0, &out).ok());
  EXPECT_EQ(out.credited_minutes(), 49);  // 49.5 minutes attended
}

TEST_P(HoursApiTest, CheckOutBeforeCheckInAndOtherMistakesAreRefused) {
  if (!t_) return;
  std::string v = NewVolunteer(1), absent = NewVolunteer(2);
  auto a = Started(v);
  EXPECT_EQ(Attend(&Stub::CheckOut, a.id(), v, 0).error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Attend(&Stub::CheckIn, a.id(), v, now_ + kHour).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Attend(&Stub::CheckIn, a.id(), v, Start(a) - 13 * kHour).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Attend(&Stub::CheckIn, a.id(), absent, 0).error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  now_ += 90 * 60;
  ASSERT_TRUE(Attend(&Stub::CheckIn, a.id(), v, Start(a) + kHour).ok());
  EXPECT_EQ(Attend(&Stub::CheckIn, a.id(), v, 0).error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  auto s = Attend(&Stub::CheckOut, a.id(), v, Start(a) + 30 * 60);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(s.error_message().find("before the check-in"), std::string::npos);
  EXPECT_EQ(Count("hours_entries"), 0);
  ASSERT_TRUE(Attend(&Stub::CheckOut, a.id(), v, 0).ok());
  EXPECT_EQ(Attend(&Stub::CheckOut, a.id(), v, 0).error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Count("hours_entries"), 1);  // never twice
}

TEST_P(HoursApiTest, AMissingCheckOutIsCreditedToTheEndAndFlaggedAtCompletion) {
  if (!t_) return;
  std::string v = NewVolunteer(1);
  auto a = Started(v);
  now_ += kHour;
  ASSERT_TRUE(Attend(&Stub::CheckIn, a.id(), v, 0).ok());
  now_ += 2 * kHour;
  ASSERT_TRUE(ChangeState(&Stub::CompleteActivity, a.id()).ok());
  auto hours = HoursOf(v);
  ASSERT_EQ(hours.entries_size(), 1);
  EXPECT_EQ(hours.entries(0).minutes(), 60);
  EXPECT_TRUE(hours.entries(0).check_out_missing());
  EXPECT_EQ(hours.entries(0).state(), v1::HOURS_STATE_CLAIMED);
}

TEST_P(HoursApiTest, AnActivityCrossingMidnightCountsOnTheDayItStarted) {
  if (!t_) return;
  std::string v = NewVolunteer(1);
  // 08:00 now; starts 23:00, ends 01:00 the next day.
  auto a = Started(v, 2 * kHour, 15 * kHour);
  ASSERT_TRUE(Attend(&Stub::CheckIn, a.id(), v, 0).ok());
  now_ += 2 * kHour;
  v1::ActivitySignUp out;
  ASSERT_TRUE(Attend(&Stub::CheckOut, a.id(), v, 0, &out).ok());
  EXPECT_EQ(out.credited_minutes(), 120);
  EXPECT_EQ(HoursOf(v).entries(0).service_date(), "2026-12-01");
}

TEST_P(HoursApiTest, DisputesResolveByAdjustmentAndEntriesAreNeverEdited) {
  if (!t_) return;
  std::string v = NewVolunteer(1);
  auto a = Attended(v);
  std::string claim = HoursOf(v).entries(0).id();
  v1::HoursEntry e;
  EXPECT_EQ(Decide(&Stub::ConfirmHours, claim, "", &e, &app_).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Decide(&Stub::DisputeHours, claim, "", &e, &app_).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  ASSERT_TRUE(Decide(&Stub::DisputeHours, claim, "我做了两个半小时", &e, &app_).ok());
  EXPECT_EQ(e.state(), v1::HOURS_STATE_DISPUTED);
  EXPECT_EQ(Decide(&Stub::ConfirmHours, claim, "", &e).error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(TotalsOf(v).disputed_minutes(), 120);

  v1::ResolveHoursRequest resolve;
  resolve.set_request_id(Rid());
  resolve.set_id(claim);
  resolve.set_final_minutes(200);  // more than the activity lasted
  resolve.set_note("核实");
  EXPECT_EQ(stub_->ResolveHours(As(coordinator_).get(), resolve, &e).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  resolve.set_request_id(Rid());
  resolve.set_final_minutes(90);
  ASSERT_TRUE(stub_->ResolveHours(As(coordinator_).get(), resolve, &e).ok());
  EXPECT_EQ(e.state(), v1::HOURS_STATE_RESOLVED);
  EXPECT_EQ(e.minutes(), 120);  // the claim stands as made
  auto hours = HoursOf(v);
  ASSERT_EQ(hours.entries_size(), 2);
  auto totals = TotalsOf(v);
  EXPECT_EQ(totals.confirmed_minutes(), 90);
  EXPECT_EQ(totals.disputed_minutes(), 0);

  v1::AdjustHoursRequest adjust;
  adjust.set_request_id(Rid());
  adjust.set_volunteer_id(v);
  adjust.set_activity_id(a.id());
  adjust.set_minutes(-30);
  EXPECT_EQ(stub_->AdjustHours(As(coordinator_).get(), adjust, &e).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  adjust.set_reason("重复计入的培训时间");
  adjust.set_request_id(Rid());
  ASSERT_TRUE(stub_->AdjustHours(As(coordinator_).get(), adjust, &e).ok());
  EXPECT_EQ(e.kind(), v1::HOURS_KIND_ADJUSTMENT);
  EXPECT_EQ(TotalsOf(v).confirmed_minutes(), 60);
  EXPECT_EQ(Decide(&Stub::DisputeHours, e.id(), "不同意", &e).error_code(), grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_P(HoursApiTest, TheServiceRecordListsActivitiesAndExportsCsv) {
  if (!t_) return;
  std::string v = NewVolunteer(1);
  auto a = Attended(v);
  v1::HoursEntry e;
  ASSERT_TRUE(Decide(&Stub::ConfirmHours, HoursOf(v).entries(0).id(), "", &e).ok());
  ASSERT_TRUE(ChangeState(&Stub::CompleteActivity, a.id()).ok());
  auto missed = Started(v);
  now_ += 3 * kHour;
  ASSERT_TRUE(ChangeState(&Stub::CompleteActivity, missed.id()).ok());

  v1::GetServiceRecordRequest req;
  req.set_volunteer_id(v);
  v1::ServiceRecord r;
  ASSERT_TRUE(stub_->GetServiceRecord(As(officer_).get(), req, &r).ok());
  ASSERT_EQ(r.lines_size(), 2);
  EXPECT_EQ(r.lines(0).confirmed_minutes(), 120);
  EXPECT_EQ(r.lines(1).state(), v1::SIGN_UP_STATE_NO_SHOW);
  EXPECT_EQ(r.totals().confirmed_minutes(), 120);
  EXPECT_EQ(r.activities_attended(), 1);
  EXPECT_EQ(r.no_shows(), 1);
  v1::ServiceRecordExport csv;
  ASSERT_TRUE(stub_->ExportServiceRecord(As(officer_).get(), req, &csv).ok());
  EXPECT_EQ(csv.csv().substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(csv.csv().find("2.00"), std::string::npos);
  EXPECT_NE(csv.csv().find("留守儿童关爱走访"), std::string::npos);
  req.set_from("2026-12-02");
  req.set_to("2026-12-01");
  EXPECT_EQ(stub_->GetServiceRecord(As(officer_).get(), req, &r).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_P(HoursApiTest, SummaryCountsActivitiesPeopleAndConfirmedHours) {
  if (!t_) return;
  std::string v1_ = NewVolunteer(1), v2 = NewVolunteer(2);
  NewVolunteer(3);
  auto a = OpenActivity(ActivityProto(10, kHour, 2 * kHour));
  ASSERT_TRUE(SignUp(a.id(), v1_).ok());
  ASSERT_TRUE(SignUp(a.id(), v2).ok());
  now_ += kHour;
  for (const auto& v : {v1_, v2}) ASSERT_TRUE(Attend(&Stub::CheckIn, a.id(), v, 0).ok());
  now_ += 2 * kHour;
  for (const auto& v : {v1_, v2}) ASSERT_TRUE(Attend(&Stub::CheckOut, a.id(), v, 0).ok());
  v1::HoursEntry e;
  ASSERT_TRUE(Decide(&Stub::ConfirmHours, HoursOf(v1_).entries(0).id(), "", &e).ok());
  ASSERT_TRUE(ChangeState(&Stub::CompleteActivity, a.id()).ok());

  v1::SummarizeVolunteersRequest req;
  req.set_division_prefix("500116");
  req.set_from("2026-12-01");
  req.set_to("2026-12-31");
  v1::VolunteersSummary s;
  ASSERT_TRUE(stub_->SummarizeVolunteers(As(officer_).get(), req, &s).ok());
  EXPECT_EQ(s.active_volunteers(), 3);
  ASSERT_EQ(s.activities_held_size(), 1);
  EXPECT_EQ(s.activities_held(0).type(), v1::ACTIVITY_TYPE_CHILD_CARE_VISIT);
  EXPECT_EQ(s.activities_held(0).held(), 1);
  EXPECT_EQ(s.participations(), 2);
  EXPECT_EQ(s.distinct_volunteers(), 2);
  EXPECT_EQ(s.confirmed_minutes(), 120);
  req.set_from("");
  EXPECT_EQ(stub_->SummarizeVolunteers(As(officer_).get(), req, &s).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  req.set_from("2026-11-01");
  req.set_to("2026-11-30");
  ASSERT_TRUE(stub_->SummarizeVolunteers(As(officer_).get(), req, &s).ok());
  EXPECT_EQ(s.participations(), 0);
}

// Division totals read the daily rollup; it must agree with the entries at every prefix length
// after claims, confirmations, a dispute resolved by adjustment and a direct adjustment.
TEST_P(HoursApiTest, DivisionTotalsFromTheRollupAgreeWithTheEntries) {
  if (!t_) return;
  std::vector<std::string> vs = {NewVolunteer(1), NewVolunteer(2, "500116002003"), NewVolunteer(3)};
  auto a = OpenActivity(ActivityProto(10, kHour, 2 * kHour));
  for (const auto& v : vs) ASSERT_TRUE(SignUp(a.id(), v).ok());
  now_ += kHour;
  for (const auto& v : vs) ASSERT_TRUE(Attend(&Stub::CheckIn, a.id(), v, 0).ok());
  now_ += 90 * 60;
  for (const auto& v : vs) ASSERT_TRUE(Attend(&Stub::CheckOut, a.id(), v, 0).ok());
  v1::HoursEntry e;
  ASSERT_TRUE(Decide(&Stub::ConfirmHours, HoursOf(vs[0]).entries(0).id(), "", &e).ok());
  ASSERT_TRUE(Decide(&Stub::DisputeHours, HoursOf(vs[1]).entries(0).id(), "少算了", &e).ok());
  v1::ResolveHoursRequest resolve;
  resolve.set_request_id(Rid());
  resolve.set_id(e.id());
  resolve.set_final_minutes(100);
  resolve.set_note("核实");
  ASSERT_TRUE(stub_->ResolveHours(As(coordinator_).get(), resolve, &e).ok());
  v1::AdjustHoursRequest adjust;
  adjust.set_request_id(Rid());
  adjust.set_volunteer_id(vs[2]);
  adjust.set_activity_id(a.id());
  adjust.set_minutes(-15);
  adjust.set_reason("提前离开未登记");
  ASSERT_TRUE(stub_->AdjustHours(As(coordinator_).get(), adjust, &e).ok());
  for (std::string prefix : {"", "5", "50", "500116", "5001160", "500116001", "500116001001", "500116002"}) {
    for (auto [from, to] : {std::pair{"", ""}, std::pair{"2026-12-01", "2026-12-01"}, std::pair{"2026-12-02", ""}}) {
      store::Totals rollup, entries;
      t_->db().Read([&](db::Tx& tx) {
        rollup = store::SumHours(tx, {prefix, "", "", from, to});
        entries = store::SumEntries(tx, {prefix, "", "", from, to});
      });
      EXPECT_EQ(rollup.confirmed_minutes, entries.confirmed_minutes) << prefix << " " << from;
      EXPECT_EQ(rollup.claimed_minutes, entries.claimed_minutes) << prefix << " " << from;
      EXPECT_EQ(rollup.disputed_minutes, entries.disputed_minutes) << prefix;
      EXPECT_EQ(rollup.entries, entries.entries) << prefix;
    }
  }
  v1::GetHoursTotalsRequest req;
  req.set_division_prefix("500116");
  v1::HoursTotals district;
  ASSERT_TRUE(stub_->GetHoursTotals(As(officer_).get(), req, &district).ok());
  EXPECT_EQ(district.confirmed_minutes(), 90 + 100 - 15);
  EXPECT_EQ(district.claimed_minutes(), 90);
}

INSTANTIATE_TEST_SUITE_P(Backends, HoursApiTest, ::testing::Values("sqlite", "mysql"), testing::BackendParamName);

}  // namespace
}  // namespace carehub::volunteers
