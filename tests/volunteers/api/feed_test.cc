// Following the registry's change feed on both backends, with a fake feed: a child leaving ends
// its pairings, a risk change re-plans; a follower stopped after part of the feed and started
// again applies the rest once; a hole in the sequence is waited on, then passed when it is old.
#include "services/volunteers/app/feed.h"

#include "common/ids.h"
#include "services/volunteers/store/care_rows.h"
#include "tests/volunteers/api/volunteers_fixture.h"

namespace carehub::volunteers {
namespace {

// The first `visible` changes of a list, as the registry would give them after a sequence number.
class FakeFeed final : public PersonChangeSource {
 public:
  std::vector<PersonChange> changes;
  size_t visible = SIZE_MAX;
  std::vector<PersonChange> After(int64_t seq, int limit) const override {
    std::vector<PersonChange> out;
    for (size_t i = 0; i < changes.size() && i < visible && static_cast<int>(out.size()) < limit; ++i) {
      if (changes[i].seq > seq) out.push_back(changes[i]);
    }
    return out;
  }
};

class FeedTest : public VolunteersApiTest {
 protected:
  std::string Child(int risk) {
    BeneficiaryFacts f;
    f.id = NewId("ch");
    f.kind = BeneficiaryKind::kChild;
    f.active = true;
    f.categories = {"left_behind"};
    f.division_code = "500116001001";
    f.risk_level = risk;
    registry_.Put(f);
    return f.id;
  }
  std::string Pair(const std::string& volunteer, const std::string& child) {
    v1::CreatePairingRequest req;
    req.set_request_id(Rid());
    req.set_volunteer_id(volunteer);
    req.set_child_id(child);
    v1::Pairing out;
    EXPECT_TRUE(stub_->CreatePairing(As(coordinator_).get(), req, &out).ok());
    return out.id();
  }
  v1::Pairing GetPairing(const std::string& id) {
    v1::GetPairingRequest req;
    req.set_id(id);
    v1::Pairing out;
    EXPECT_TRUE(stub_->GetPairing(As(officer_).get(), req, &out).ok());
    return out;
  }
  std::string NextDue(const std::string& child) {
    std::string due;
    t_->db().Read([&](db::Tx& tx) {
      due = db::AsText(tx.Query("SELECT next_due_on FROM care_plans WHERE id = ?", {child}).at(0)[0]);
    });
    return due;
  }
  int64_t Events(const std::string& action) {
    int64_t n = 0;
    t_->db().Read([&](db::Tx& tx) {
      n = db::AsInt(tx.Query("SELECT COUNT(*) FROM audit_events WHERE action = ?", {action})[0][0]);
    });
    return n;
  }
  std::unique_ptr<FeedFollower> Follower() {
    if (!care_) care_ = std::make_unique<CareApp>(t_->db(), CareOptions{});
    return std::make_unique<FeedFollower>(t_->db(), *care_, feed_, [this] { return now_.load(); });
  }
  PersonChange Change(int64_t seq, const std::string& child, const std::string& field, int status, int value,
                      int64_t age_seconds = 0) {
    return {seq, child, "child", "500116001001", field, status, value, FormatInstantChina(now_ - age_seconds)};
  }

  FakeFeed feed_;
  std::unique_ptr<CareApp> care_;  // made once the database is
};

TEST_P(FeedTest, AChildLeavingEndsItsPairingsAndARiskChangeReplans) {
  if (!t_) return;
  std::string a = NewVolunteer(1), b = NewVolunteer(2);
  std::string leaving = Child(1), staying = Child(1);
  std::string p1 = Pair(a, leaving), p2 = Pair(b, leaving), p3 = Pair(a, staying);
  EXPECT_EQ(NextDue(staying), "2026-12-31");  // low: 30 days
  feed_.changes = {Change(1, leaving, "status", 2, 0), Change(2, staying, "risk_level", 1, 3)};
  auto follower = Follower();
  EXPECT_EQ(follower->Poll(), 2);
  EXPECT_EQ(GetPairing(p1).state(), v1::PAIRING_STATE_ENDED);
  EXPECT_EQ(GetPairing(p1).end_reason(), v1::PAIRING_END_CHILD_EXITED);
  EXPECT_EQ(GetPairing(p2).state(), v1::PAIRING_STATE_ENDED);
  EXPECT_EQ(GetPairing(p3).state(), v1::PAIRING_STATE_ACTIVE);
  EXPECT_EQ(NextDue(leaving), store::kNotDue);
  EXPECT_EQ(NextDue(staying), "2026-12-08");  // high: 7 days from today
  EXPECT_EQ(follower->Cursor(), 2);
  // Read again (another replica, a restart): nothing repeats.
  EXPECT_EQ(follower->Poll(), 0);
  EXPECT_EQ(Events("pairing.end"), 2);
  EXPECT_EQ(Events("care_plan.replan"), 1);
}

TEST_P(FeedTest, AFollowerStoppedMidStreamResumesWithoutLosingOrRepeating) {
  if (!t_) return;
  std::vector<std::string> vs = {NewVolunteer(1), NewVolunteer(2)}, children;
  for (int i = 0; i < 6; ++i) children.push_back(Child(1));
  for (int i = 0; i < 6; ++i) Pair(vs[i % 2], children[i]);
  for (int i = 0; i < 6; ++i) {
    feed_.changes.push_back(i % 2 ? Change(i + 1, children[i], "status", 2, 0)
                                  : Change(i + 1, children[i], "risk_level", 1, 2));
  }
  feed_.visible = 3;  // the first follower sees half, then is gone
  EXPECT_EQ(Follower()->Poll(), 3);
  feed_.visible = SIZE_MAX;
  auto second = Follower();
  EXPECT_EQ(second->Poll(), 3);
  EXPECT_EQ(second->Cursor(), 6);
  EXPECT_EQ(Events("pairing.end"), 3);
  EXPECT_EQ(Events("care_plan.replan"), 3);
}

TEST_P(FeedTest, AHoleInTheSequenceIsWaitedOnUntilItIsOld) {
  if (!t_) return;
  std::string v = NewVolunteer(1), c1 = Child(1), c2 = Child(1);
  Pair(v, c1);
  Pair(v, c2);
  feed_.changes = {Change(1, c1, "risk_level", 1, 3), Change(3, c2, "risk_level", 1, 3)};  // 2 not committed yet
  auto follower = Follower();
  EXPECT_EQ(follower->Poll(), 1);
  EXPECT_EQ(follower->Cursor(), 1);
  feed_.changes[1] = Change(3, c2, "risk_level", 1, 3, FeedFollower::kGapGraceSeconds + 1);
  EXPECT_EQ(follower->Poll(), 1);  // 2 rolled back long ago
  EXPECT_EQ(follower->Cursor(), 3);
}

INSTANTIATE_TEST_SUITE_P(Backends, FeedTest, ::testing::Values("sqlite", "mysql"), testing::BackendParamName);

}  // namespace
}  // namespace carehub::volunteers
