// A grant's state machine, every state against every decision, and the eligibility rules, directly.
#include "services/funds/domain/grant.h"

#include <gtest/gtest.h>

#include <map>

namespace carehub::funds {
namespace {

TEST(GrantRules, EveryTransitionAllowedOrRefusedNamingTheState) {
  using S = GrantState;
  using D = Decision;
  // (state, decision, final approval) → the state it leads to; everything absent is refused.
  const std::map<std::tuple<S, D, bool>, S> allowed = {
      {{S::kSubmitted, D::kApprove, false}, S::kPartlyApproved},
      {{S::kSubmitted, D::kApprove, true}, S::kApproved},
      {{S::kPartlyApproved, D::kApprove, false}, S::kPartlyApproved},
      {{S::kPartlyApproved, D::kApprove, true}, S::kApproved},
      {{S::kSubmitted, D::kReject, false}, S::kRejected},
      {{S::kPartlyApproved, D::kReject, false}, S::kRejected},
      {{S::kSubmitted, D::kCancel, false}, S::kCancelled},
      {{S::kPartlyApproved, D::kCancel, false}, S::kCancelled},
      {{S::kApproved, D::kCancel, false}, S::kCancelled},
      {{S::kApproved, D::kDisburse, false}, S::kDisbursed},
      {{S::kDisbursed, D::kReverse, false}, S::kReversed},
  };
  for (int s = 1; s <= 7; ++s) {
    for (D d : {D::kApprove, D::kReject, D::kDisburse, D::kCancel, D::kReverse}) {
      for (bool final : {false, true}) {
        if (final && d != D::kApprove) continue;
        auto state = static_cast<S>(s);
        auto it = allowed.find({state, d, final});
        if (it != allowed.end()) {
          EXPECT_EQ(After(state, d, final), it->second) << GrantStateName(state);
          continue;
        }
        try {
          After(state, d, final);
          ADD_FAILURE() << "allowed from " << GrantStateName(state);
        } catch (const DomainError& e) {
          EXPECT_EQ(e.code(), ErrorCode::kFailedPrecondition);
          EXPECT_NE(std::string(e.what()).find(GrantStateName(state)), std::string::npos);
        }
      }
    }
  }
}

TEST(GrantRules, FourEyes) {
  Program p;
  p.division_code = "500116000000";
  Grant g;
  g.submitted_by = "officer-1";
  g.approvals_required = 2;
  Caller applicant{"officer-1", {"approver"}, "500116"}, town{"approver-town", {"approver"}, "500116001"},
      district{"approver-d", {"approver"}, "500116"};
  EXPECT_THROW(CheckApprover(g, applicant, p), DomainError);
  EXPECT_NO_THROW(CheckApprover(g, town, p)) << "a first approval may come from the town";
  g.approvals.push_back({"approver-town", "t", ""});
  EXPECT_THROW(CheckApprover(g, town, p), DomainError) << "not twice, and not the last from outside the district";
  EXPECT_NO_THROW(CheckApprover(g, district, p));
}

}  // namespace
}  // namespace carehub::funds
