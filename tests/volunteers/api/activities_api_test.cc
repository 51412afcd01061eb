// Activities, sign-ups and attendance through the real gRPC face on both backends: capacity and
// the waitlist (also under parallel clients), promotion in order, overlapping and suspended
// volunteers refused, sign-ups closing at the start, no-shows blocking until cleared, and the
// check-in code.
#include <map>
#include <set>
#include <thread>

#include "tests/volunteers/api/volunteers_fixture.h"

namespace carehub::volunteers {
namespace {

using Stub = v1::VolunteersService::Stub;
class ActivitiesApiTest : public VolunteersApiTest {};

TEST_P(ActivitiesApiTest, BadActivitiesAreRefusedNamingTheFieldAndNothingIsStored) {
  if (!t_) return;
  struct Case {
    const char* field;
    std::function<void(v1::Activity&)> spoil;
  };
  std::vector<Case> cases = {
      {"activity.capacity", [](v1::Activity& a) { a.set_capacity(0); }},
      {"activity.capacity", [](v1::Activity& a) { a.set_capacity(-5); }},
      {"activity.ends_at", [&](v1::Activity& a) { a.set_ends_at(a.starts_at()); }},
      {"activity.ends_at", [&](v1::Activity& a) { a.set_ends_at(FormatInstantChina(now_ + 20 * 86400)); }},
      {"activity.starts_at", [](v1::Activity& a) { a.set_starts_at("2026-12-05 09:00"); }},
      {"activity.starts_at", [](v1::Activity& a) { a.set_starts_at("2026-12-05T09:00:00"); }},  // no offset
      {"activity.type", [](v1::Activity& a) { a.set_type(static_cast<v1::ActivityType>(42)); }},
      {"activity.type", [](v1::Activity& a) { a.set_type(v1::ACTIVITY_TYPE_UNSPECIFIED); }},
      {"activity.title", [](v1::Activity& a) { a.set_title(""); }},
      {"activity.division_code", [](v1::Activity& a) { a.set_division_code("50011"); }},
  };
  for (const auto& c : cases) {
    v1::Activity a = ActivityProto(10), out;
    c.spoil(a);
    auto s = CreateActivity(a, &out);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << c.field;
    EXPECT_NE(s.error_message().find(c.field), std::string::npos) << s.error_message();
  }
  EXPECT_EQ(Count("activities"), 0);
  EXPECT_EQ(Count("audit_events"), 0);
}

TEST_P(ActivitiesApiTest, AFullActivityWaitlistsAndACancellationPromotesTheFirstWaiting) {
  if (!t_) return;
  auto a = OpenActivity(ActivityProto(2));
  std::vector<std::string> v;
  for (int i = 0; i < 5; ++i) v.push_back(NewVolunteer(i + 1));
  std::vector<v1::ActivitySignUp> s(5);
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(SignUp(a.id(), v[i], &s[i]).ok());
  EXPECT_EQ(s[1].state(), v1::SIGN_UP_STATE_SIGNED_UP);
  EXPECT_EQ(s[2].state(), v1::SIGN_UP_STATE_WAITLISTED);
  EXPECT_EQ(s[2].waitlist_position(), 1);
  EXPECT_EQ(s[4].waitlist_position(), 3);
  EXPECT_EQ(SignUp(a.id(), v[0]).error_code(), grpc::StatusCode::ALREADY_EXISTS);

  v1::CancelSignUpResponse r;
  ASSERT_TRUE(Cancel(a.id(), v[3], &r).ok());  // a waitlist entry: nobody promoted
  EXPECT_FALSE(r.has_promoted());
  ASSERT_TRUE(Cancel(a.id(), v[0], &r).ok());
  ASSERT_TRUE(r.has_promoted());
  EXPECT_EQ(r.promoted().volunteer_id(), v[2]);
  EXPECT_EQ(r.promoted().state(), v1::SIGN_UP_STATE_SIGNED_UP);
  v1::GetActivityRequest get;
  get.set_id(a.id());
  ASSERT_TRUE(stub_->GetActivity(As(officer_).get(), get, &a).ok());
  EXPECT_EQ(a.signed_up(), 2);
  EXPECT_EQ(a.waitlisted(), 1);
  EXPECT_TRUE(a.check_in_code().empty());  // officers do not see the code

  v1::ListSignUpsRequest list;
  list.set_activity_id(a.id());
  v1::ListSignUpsResponse page;
  ASSERT_TRUE(stub_->ListSignUps(As(officer_).get(), list, &page).ok());
  ASSERT_EQ(page.sign_ups_size(), 5);
  EXPECT_EQ(page.sign_ups(2).volunteer_id(), v[4]);
  EXPECT_EQ(page.sign_ups(2).waitlist_position(), 1);

  // Signing up again after cancelling goes to the back of the queue.
  v1::ActivitySignUp again;
  ASSERT_TRUE(SignUp(a.id(), v[0], &again).ok());
  EXPECT_EQ(again.state(), v1::SIGN_UP_STATE_WAITLISTED);
  EXPECT_EQ(again.waitlist_position(), 2);
}

TEST_P(ActivitiesApiTest, OverlappingSuspendedAndLateSignUpsAreRefused) {
  if (!t_) return;
  auto morning = OpenActivity(ActivityProto(5, 24 * kHour, 3 * kHour));
  auto overlapping = OpenActivity(ActivityProto(5, 26 * kHour, 2 * kHour));
  auto afternoon = OpenActivity(ActivityProto(5, 27 * kHour, 2 * kHour));
  std::string v = NewVolunteer(1), suspended = NewVolunteer(2);
  ASSERT_TRUE(SignUp(morning.id(), v).ok());
  auto s = SignUp(overlapping.id(), v);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(s.error_message().find("volunteer_id"), std::string::npos);
  EXPECT_TRUE(SignUp(afternoon.id(), v).ok());  // ends meet, no overlap

  v1::ChangeVolunteerStatusRequest suspend;
  suspend.set_request_id(Rid());
  suspend.set_id(suspended);
  suspend.set_status(v1::VOLUNTEER_STATUS_SUSPENDED);
  suspend.set_note("核查");
  v1::Volunteer out;
  ASSERT_TRUE(stub_->ChangeVolunteerStatus(As(coordinator_).get(), suspend, &out).ok());
  EXPECT_EQ(SignUp(morning.id(), suspended).error_code(), grpc::StatusCode::FAILED_PRECONDITION);

  v1::Activity planned;
  ASSERT_TRUE(CreateActivity(ActivityProto(5, 48 * kHour), &planned).ok());
  EXPECT_EQ(SignUp(planned.id(), v).error_code(), grpc::StatusCode::FAILED_PRECONDITION);  // not open yet
  now_ += 24 * kHour;  // the morning activity starts
  std::string late = NewVolunteer(3);
  EXPECT_EQ(SignUp(morning.id(), late).error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  v1::CancelSignUpResponse r;
  EXPECT_EQ(Cancel(morning.id(), v, &r).error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Count("signups"), 2);
}

TEST_P(ActivitiesApiTest, NoShowsBlockSignUpsUntilACoordinatorClearsThem) {
  if (!t_) return;
  std::string v = NewVolunteer(1);
  for (int i = 0; i < 3; ++i) {
    auto a = OpenActivity(ActivityProto(5, kHour, kHour));
    ASSERT_TRUE(SignUp(a.id(), v).ok());
    now_ += kHour;
    ASSERT_TRUE(ChangeState(&Stub::CompleteActivity, a.id()).ok());
    now_ += 2 * kHour;
  }
  v1::GetVolunteerRequest get;
  get.set_id(v);
  v1::Volunteer vol;
  ASSERT_TRUE(stub_->GetVolunteer(As(officer_).get(), get, &vol).ok());
  EXPECT_EQ(vol.no_show_count(), 3);
  EXPECT_TRUE(vol.blocked_by_no_shows());
  auto next = OpenActivity(ActivityProto(5, kHour, kHour));
  auto s = SignUp(next.id(), v);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(s.error_message().find("coordinator"), std::string::npos);

  v1::ClearNoShowsRequest clear;
  clear.set_request_id(Rid());
  clear.set_id(v);
  clear.set_note("已电话确认原因");
  EXPECT_EQ(stub_->ClearNoShows(As(officer_).get(), clear, &vol).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(stub_->ClearNoShows(As(coordinator_).get(), clear, &vol).ok());
  EXPECT_EQ(vol.no_show_count(), 0);
  EXPECT_TRUE(SignUp(next.id(), v).ok());
}

TEST_P(ActivitiesApiTest, TheAppChecksInWithTheCodeOnly) {
  if (!t_) return;
  auto a = OpenActivity(ActivityProto(5, kHour, 2 * kHour));
  std::string v = NewVolunteer(1);
  v1::SignUpRequest sign;
  sign.set_request_id(Rid());
  sign.set_activity_id(a.id());
  sign.set_volunteer_id(v);
  v1::ActivitySignUp s;
  EXPECT_EQ(stub_->SignUp(As(officer_).get(), sign, &s).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(stub_->SignUp(As(app_).get(), sign, &s).ok());
  now_ += kHour;
  v1::AttendanceRequest in;
  in.set_request_id(Rid());
  in.set_activity_id(a.id());
  in.set_volunteer_id(v);
  EXPECT_EQ(stub_->CheckIn(As(app_).get(), in, &s).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  in.set_check_in_code(a.check_in_code() == "000000" ? "111111" : "000000");
  in.set_request_id(Rid());
  EXPECT_EQ(stub_->CheckIn(As(app_).get(), in, &s).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  in.set_check_in_code(a.check_in_code());
  in.set_request_id(Rid());
  ASSERT_TRUE(stub_->CheckIn(As(app_).get(), in, &s).ok());
  EXPECT_EQ(s.checked_in_at(), FormatInstantChina(now_));
}

// Many clients at once for few places: exactly `places` signed up, the rest waitlisted in a
// queue without gaps; parallel cancellations promote exactly as many, first waiting first.
TEST_P(ActivitiesApiTest, ParallelSignUpsNeverOverbook) {
  if (!t_) return;
  constexpr int kPlaces = 10, kVolunteers = 40, kClients = 8;
  auto a = OpenActivity(ActivityProto(kPlaces));
  std::vector<std::string> v;
  for (int i = 0; i < kVolunteers; ++i) v.push_back(NewVolunteer(100 + i));
  std::vector<v1::ActivitySignUp> got(kVolunteers);
  std::vector<std::thread> threads;
  for (int c = 0; c < kClients; ++c) {
    threads.emplace_back([&, c] {
      auto stub = v1::VolunteersService::NewStub(harness_->NewChannel());
      for (int i = c; i < kVolunteers; i += kClients) {
        auto s = SignUp(a.id(), v[i], &got[i], stub.get());
        EXPECT_TRUE(s.ok()) << s.error_message();
      }
    });
  }
  for (auto& t : threads) t.join();
  threads.clear();
  std::vector<std::string> signed_up;
  std::map<int, std::string> waiting;
  for (const auto& s : got) {
    if (s.state() == v1::SIGN_UP_STATE_SIGNED_UP) signed_up.push_back(s.volunteer_id());
    if (s.state() == v1::SIGN_UP_STATE_WAITLISTED) waiting[s.waitlist_position()] = s.volunteer_id();
  }
  ASSERT_EQ(signed_up.size(), size_t{kPlaces});
  ASSERT_EQ(waiting.size(), size_t{kVolunteers - kPlaces});  // positions 1..30, each once
  EXPECT_EQ(waiting.begin()->first, 1);
  EXPECT_EQ(waiting.rbegin()->first, kVolunteers - kPlaces);

  std::vector<std::string> promoted(5);
  for (int c = 0; c < 5; ++c) {
    threads.emplace_back([&, c] {
      auto stub = v1::VolunteersService::NewStub(harness_->NewChannel());
      v1::CancelSignUpResponse r;
      auto s = Cancel(a.id(), signed_up[c], &r, stub.get());
      EXPECT_TRUE(s.ok()) << s.error_message();
      promoted[c] = r.promoted().volunteer_id();
    });
  }
  for (auto& t : threads) t.join();
  std::set<std::string> expected, actual(promoted.begin(), promoted.end());
  for (int p = 1; p <= 5; ++p) expected.insert(waiting[p]);
  EXPECT_EQ(actual, expected);
  v1::GetActivityRequest get;
  get.set_id(a.id());
  ASSERT_TRUE(stub_->GetActivity(As(officer_).get(), get, &a).ok());
  EXPECT_EQ(a.signed_up(), kPlaces);
  EXPECT_EQ(a.waitlisted(), kVolunteers - kPlaces - 5);
}

INSTANTIATE_TEST_SUITE_P(Backends, ActivitiesApiTest, ::testing::Values("sqlite", "mysql"), testing::BackendParamName);

}  // namespace
}  // namespace carehub::volunteers
