#pragma once
// The volunteers service over a real gRPC channel on a test database, with a clock the test
// moves, and the calls every volunteers test makes.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "common/instant.h"
#include "services/volunteers/api/volunteers_api.h"
#include "services/volunteers/migrations.h"
#include "tests/support/fake_directory.h"
#include "tests/support/registry_fixtures.h"
#include "tests/support/service_harness.h"
#include "tests/support/test_db.h"

namespace carehub::volunteers {

// Records the risk raises asked of the registry; "unreachable" refuses them.
class FakeChildRisk final : public ChildRiskWriter {
 public:
  mutable std::vector<RiskRaise> raised;
  bool reachable = true;
  void Raise(const Caller&, const RiskRaise& r, const std::string& field) const override {
    if (!reachable) Throw(ErrorCode::kUnavailable, field, "the registry cannot answer now; retry later");
    raised.push_back(r);
  }
};
class ChildRiskRef final : public ChildRiskWriter {
 public:
  explicit ChildRiskRef(const ChildRiskWriter& target) : target_(target) {}
  void Raise(const Caller& c, const RiskRaise& r, const std::string& field) const override {
    target_.Raise(c, r, field);
  }

 private:
  const ChildRiskWriter& target_;
};

class VolunteersApiTest : public ::testing::TestWithParam<std::string> {
 protected:
  static constexpr int64_t kHour = 3600;

  void SetUp() override {
    t_ = testing::TestDatabase::Make(GetParam(), 16);
    if (!t_) return;
    harness_ = std::make_unique<testing::ServiceHarness>(
        testing::ServiceHarness::Options{
            .name = "carehub-volunteers", .db = &t_->db(), .migrations = VolunteersMigrations, .metrics = &metrics_},
        [this](BackendRuntime& rt) {
          VolunteersOptions o{crypto::RandomBytes(32), 3, [this] { return now_.load(); }};
          o.care.caseload_cap = 3;
          return std::make_unique<VolunteersApi>(rt, o, std::make_unique<testing::DirectoryRef>(registry_), nullptr,
                                                 std::make_unique<ChildRiskRef>(child_risk_));
        });
    stub_ = v1::VolunteersService::NewStub(harness_->channel());
  }
  auto As(const Principal& p) { return harness_->As(p); }
  std::string Rid() { return "rq-" + std::to_string(++rid_) + "-" + std::to_string(rand()); }

  static v1::Volunteer VolunteerProto(int n, const std::string& division = "500116001001") {
    v1::Volunteer v;
    v.set_name("志愿者" + std::to_string(n));
    v.set_mobile("139" + std::to_string(10000000 + n));
    v.set_resident_id_number(testing::IdNumber("19800101", n));
    v.set_division_code(division);
    v.add_skills("心理疏导");
    return v;
  }
  grpc::Status CreateVolunteer(const v1::Volunteer& v, v1::Volunteer* out, const Principal* who = nullptr) {
    v1::CreateVolunteerRequest req;
    req.set_request_id(Rid());
    *req.mutable_volunteer() = v;
    return stub_->CreateVolunteer(As(who ? *who : coordinator_).get(), req, out);
  }
  std::string NewVolunteer(int n, const std::string& division = "500116001001") {
    v1::Volunteer out;
    auto s = CreateVolunteer(VolunteerProto(n, division), &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out.id();
  }

  // An activity starting `starts_in` seconds from the test's now, lasting `seconds`.
  v1::Activity ActivityProto(int capacity, int64_t starts_in = 24 * kHour, int64_t seconds = 2 * kHour) {
    v1::Activity a;
    a.set_title("留守儿童关爱走访");
    a.set_type(v1::ACTIVITY_TYPE_CHILD_CARE_VISIT);
    a.set_division_code("500116001001");
    a.set_starts_at(FormatInstantChina(now_ + starts_in));
    a.set_ends_at(FormatInstantChina(now_ + starts_in + seconds));
    a.set_location("江津区几江街道");
    a.set_capacity(capacity);
    return a;
  }
  grpc::Status CreateActivity(const v1::Activity& a, v1::Activity* out) {
    v1::CreateActivityRequest req;
    req.set_request_id(Rid());
    *req.mutable_activity() = a;
    return stub_->CreateActivity(As(coordinator_).get(), req, out);
  }
  // Created and opened.
  v1::Activity OpenActivity(const v1::Activity& proto) {
    v1::Activity a;
    auto s = CreateActivity(proto, &a);
    EXPECT_TRUE(s.ok()) << s.error_message();
    EXPECT_TRUE(ChangeState(&v1::VolunteersService::Stub::OpenActivity, a.id(), &a).ok());
    return a;
  }
  using StateRpc = grpc::Status (v1::VolunteersService::Stub::*)(grpc::ClientContext*,
                                                                 const v1::ChangeActivityStateRequest&, v1::Activity*);
  grpc::Status ChangeState(StateRpc rpc, const std::string& id, v1::Activity* out = nullptr) {
    v1::ChangeActivityStateRequest req;
    req.set_request_id(Rid());
    req.set_id(id);
    v1::Activity ignored;
    return (stub_.get()->*rpc)(As(coordinator_).get(), req, out ? out : &ignored);
  }
  grpc::Status SignUp(const std::string& activity, const std::string& volunteer, v1::ActivitySignUp* out = nullptr,
                      v1::VolunteersService::Stub* stub = nullptr) {
    v1::SignUpRequest req;
    req.set_request_id(Rid());
    req.set_activity_id(activity);
    req.set_volunteer_id(volunteer);
    v1::ActivitySignUp ignored;
    return (stub ? stub : stub_.get())->SignUp(As(coordinator_).get(), req, out ? out : &ignored);
  }
  grpc::Status Cancel(const std::string& activity, const std::string& volunteer, v1::CancelSignUpResponse* out,
                      v1::VolunteersService::Stub* stub = nullptr) {
    v1::CancelSignUpRequest req;
    req.set_request_id(Rid());
    req.set_activity_id(activity);
    req.set_volunteer_id(volunteer);
    return (stub ? stub : stub_.get())->CancelSignUp(As(coordinator_).get(), req, out);
  }
  using AttendRpc = grpc::Status (v1::VolunteersService::Stub::*)(grpc::ClientContext*, const v1::AttendanceRequest&,
                                                                  v1::ActivitySignUp*);
  // Check-in or out at `at` (seconds since the epoch; 0: now) by the coordinator.
  grpc::Status Attend(AttendRpc rpc, const std::string& activity, const std::string& volunteer, int64_t at,
                      v1::ActivitySignUp* out = nullptr) {
    v1::AttendanceRequest req;
    req.set_request_id(Rid());
    req.set_activity_id(activity);
    req.set_volunteer_id(volunteer);
    if (at) req.set_at(FormatInstantChina(at));
    v1::ActivitySignUp ignored;
    return (stub_.get()->*rpc)(As(coordinator_).get(), req, out ? out : &ignored);
  }
  v1::ListHoursResponse HoursOf(const std::string& volunteer) {
    v1::ListHoursRequest req;
    req.set_volunteer_id(volunteer);
    v1::ListHoursResponse out;
    EXPECT_TRUE(stub_->ListHours(As(coordinator_).get(), req, &out).ok());
    return out;
  }
  v1::HoursTotals TotalsOf(const std::string& volunteer) {
    v1::GetHoursTotalsRequest req;
    req.set_volunteer_id(volunteer);
    v1::HoursTotals out;
    EXPECT_TRUE(stub_->GetHoursTotals(As(officer_).get(), req, &out).ok());
    return out;
  }
  // A domain figure as /metrics would serve it (measured every second); -1 before the first.
  double Figure(const std::string& name) {
    for (const auto& family : metrics_.registry().Collect()) {
      if (family.name == name && !family.metric.empty()) return family.metric[0].gauge.value;
    }
    return -1;
  }
  // Waits up to 10 s for the figure to reach `want`.
  bool FigureReaches(const std::string& name, double want) {
    for (int i = 0; i < 100 && Figure(name) != want; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    return Figure(name) == want;
  }
  int64_t Count(const std::string& table) {
    int64_t n = 0;
    t_->db().Read([&](db::Tx& tx) { n = db::AsInt(tx.Query("SELECT COUNT(*) FROM " + table)[0][0]); });
    return n;
  }

  testing::FakeDirectory registry_;
  FakeChildRisk child_risk_;
  std::atomic<int64_t> now_{ParseInstant("2026-12-01T08:00:00+08:00").value()};
  Principal coordinator_{"coord-jj", {"coordinator"}, "500116", "rq"};
  Principal officer_{"officer-jj", {"officer"}, "500116", "rq"};
  Principal pii_officer_{"officer-pii", {"officer", "pii"}, "500116", "rq"};
  Principal app_{"volunteer-app", {"integration"}, "500116", "rq"};
  Principal auditor_{"auditor-jj", {"auditor"}, "500116", "rq"};
  Principal other_coordinator_{"coord-yb", {"coordinator"}, "500112", "rq"};
  std::unique_ptr<testing::TestDatabase> t_;
  Metrics metrics_{"carehub-volunteers"};
  std::unique_ptr<testing::ServiceHarness> harness_;
  std::unique_ptr<v1::VolunteersService::Stub> stub_;
  std::atomic<int> rid_{0};
};

}  // namespace carehub::volunteers
