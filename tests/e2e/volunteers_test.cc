// Sign-ups through the real gateway: two volunteers replicas on one database (MariaDB in the
// MySQL tier, one SQLite file otherwise), real parallel clients. 100 simultaneous sign-ups for 20
// places sign up exactly 20 and waitlist 80 in one gapless queue; 10 simultaneous cancellations
// promote exactly the first 10 waiting.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <set>
#include <thread>

#include "carehub/volunteers/v1/volunteers_service.grpc.pb.h"
#include "common/instant.h"
#include "tests/e2e/replicated_suite.h"
#include "tests/support/registry_fixtures.h"
#include "tests/support/test_db.h"

namespace carehub::testing {
namespace {

namespace vv1 = volunteers::v1;

class VolunteersThroughTheGateway : public ::testing::TestWithParam<std::string> {
 protected:
  static constexpr int kClients = 10;

  void SetUp() override {
    db_ = TestDatabase::Make(GetParam());
    if (!db_) return;
    suite_.Start({"volunteers", db_->url(), {"coordinator"}});
  }
  std::unique_ptr<vv1::VolunteersService::Stub> Stub() { return vv1::VolunteersService::NewStub(suite_.Channel()); }
  std::string Rid() { return "rq-e2e-" + std::to_string(++rid_) + "-" + std::to_string(rand()); }

  // Runs `work(i)` for i in [0, n) on kClients parallel clients, each with a connection of its own.
  void InParallel(int n, const std::function<void(vv1::VolunteersService::Stub&, int)>& work) {
    std::vector<std::thread> threads;
    for (int c = 0; c < kClients; ++c) {
      threads.emplace_back([&, c] {
        auto stub = Stub();
        for (int i = c; i < n; i += kClients) work(*stub, i);
      });
    }
    for (auto& t : threads) t.join();
  }

  std::unique_ptr<TestDatabase> db_;
  ReplicatedSuite suite_;
  std::atomic<int> rid_{0};
};

TEST_P(VolunteersThroughTheGateway, AHundredSignUpsForTwentyPlacesAndTenCancellations) {
  if (!db_ || !suite_.started()) return;
  constexpr int kVolunteers = 100, kPlaces = 20, kCancels = 10;
  std::vector<std::string> ids(kVolunteers);
  InParallel(kVolunteers, [&](vv1::VolunteersService::Stub& stub, int i) {
    vv1::CreateVolunteerRequest req;
    req.set_request_id(Rid());
    auto* v = req.mutable_volunteer();
    v->set_name("志愿者" + std::to_string(i));
    v->set_mobile("139" + std::to_string(20000000 + i));
    v->set_resident_id_number(IdNumber("19850101", i));
    v->set_division_code("500116001001");
    vv1::Volunteer out;
    auto s = stub.CreateVolunteer(suite_.As("coordinator").get(), req, &out);
    ASSERT_TRUE(s.ok()) << s.error_message();
    ids[i] = out.id();
  });

  vv1::CreateActivityRequest create;
  create.set_request_id(Rid());
  auto* a = create.mutable_activity();
  a->set_title("防溺水宣传进校园");
  a->set_type(vv1::ACTIVITY_TYPE_DROWNING_PREVENTION);
  a->set_division_code("500116001001");
  a->set_starts_at(FormatInstantChina(NowSeconds() + 86400));
  a->set_ends_at(FormatInstantChina(NowSeconds() + 86400 + 7200));
  a->set_capacity(kPlaces);
  vv1::Activity activity;
  ASSERT_TRUE(Stub()->CreateActivity(suite_.As("coordinator").get(), create, &activity).ok());
  vv1::ChangeActivityStateRequest open;
  open.set_request_id(Rid());
  open.set_id(activity.id());
  ASSERT_TRUE(Stub()->OpenActivity(suite_.As("coordinator").get(), open, &activity).ok());

  std::vector<vv1::ActivitySignUp> got(kVolunteers);
  InParallel(kVolunteers, [&](vv1::VolunteersService::Stub& stub, int i) {
    vv1::SignUpRequest req;
    req.set_request_id(Rid());
    req.set_activity_id(activity.id());
    req.set_volunteer_id(ids[i]);
    auto s = stub.SignUp(suite_.As("coordinator").get(), req, &got[i]);
    EXPECT_TRUE(s.ok()) << s.error_message();
  });
  std::vector<std::string> placed;
  std::map<int, std::string> queue;
  for (const auto& s : got) {
    if (s.state() == vv1::SIGN_UP_STATE_SIGNED_UP) placed.push_back(s.volunteer_id());
    if (s.state() == vv1::SIGN_UP_STATE_WAITLISTED) queue[s.waitlist_position()] = s.volunteer_id();
  }
  ASSERT_EQ(placed.size(), size_t{kPlaces});
  ASSERT_EQ(queue.size(), size_t{kVolunteers - kPlaces});
  EXPECT_EQ(queue.begin()->first, 1);
  EXPECT_EQ(queue.rbegin()->first, kVolunteers - kPlaces);

  std::vector<std::string> promoted(kCancels);
  InParallel(kCancels, [&](vv1::VolunteersService::Stub& stub, int i) {
    vv1::CancelSignUpRequest req;
    req.set_request_id(Rid());
    req.set_activity_id(activity.id());
    req.set_volunteer_id(placed[i]);
    vv1::CancelSignUpResponse r;
    auto s = stub.CancelSignUp(suite_.As("coordinator").get(), req, &r);
    EXPECT_TRUE(s.ok()) << s.error_message();
    promoted[i] = r.promoted().volunteer_id();
  });
  std::set<std::string> first_waiting, actual(promoted.begin(), promoted.end());
  for (int p = 1; p <= kCancels; ++p) first_waiting.insert(queue[p]);
  EXPECT_EQ(actual, first_waiting);

  vv1::GetActivityRequest get;
  get.set_id(activity.id());
  ASSERT_TRUE(Stub()->GetActivity(suite_.As("coordinator").get(), get, &activity).ok());
  EXPECT_EQ(activity.signed_up(), kPlaces);
  EXPECT_EQ(activity.waitlisted(), kVolunteers - kPlaces - kCancels);
  vv1::ListSignUpsRequest list;
  list.set_activity_id(activity.id());
  list.set_state(vv1::SIGN_UP_STATE_WAITLISTED);
  list.set_page_size(1);
  vv1::ListSignUpsResponse first;
  ASSERT_TRUE(Stub()->ListSignUps(suite_.As("coordinator").get(), list, &first).ok());
  ASSERT_EQ(first.sign_ups_size(), 1);
  EXPECT_EQ(first.sign_ups(0).volunteer_id(), queue[kCancels + 1]);
  EXPECT_EQ(first.sign_ups(0).waitlist_position(), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, VolunteersThroughTheGateway, ::testing::Values("sqlite", "mysql"), BackendParamName);

}  // namespace
}  // namespace carehub::testing
