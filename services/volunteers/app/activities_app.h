#pragma once
// The use cases of activities, sign-ups and attendance. Every change to an activity's sign-ups
// locks the activity's row first, then the volunteer's (one order everywhere, so no deadlock),
// and a place is taken by a conditional UPDATE: capacity holds across replicas. Writes run on
// the caller's open (idempotent) transaction; reads open their own.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/caller.h"
#include "common/db/database.h"
#include "common/db/in_reach.h"
#include "services/volunteers/domain/activity.h"
#include "services/volunteers/domain/hours.h"

namespace carehub::volunteers {

// Seconds since the epoch; tests pass a clock they move.
using Clock = std::function<int64_t()>;

struct ActivitiesOptions {
  int no_show_limit = 3;  // no-shows that block sign-ups until cleared; 0: never
  Clock now;
};

struct Enrolment {
  std::string activity_id, volunteer_id;
};

struct Withdrawal {
  std::string activity_id, volunteer_id, note;
};
struct CancelResult {
  SignUp cancelled;
  std::optional<SignUp> promoted;
};

struct Attendance {
  std::string activity_id, volunteer_id;
  int64_t at = 0;             // 0: now
  std::string check_in_code;  // needed unless the caller may attest attendance
};

struct StateChange {
  std::string id;
  ActivityState to = ActivityState::kOpen;
  std::string note;
};

class ActivitiesApp {
 public:
  ActivitiesApp(db::Database& db, ActivitiesOptions options) : db_(db), options_(std::move(options)) {}

  // PERMISSION_DENIED on activity.division_code outside reach; NOT_FOUND on activity.team_id. Audited.
  Activity Create(db::Tx& tx, const Caller& caller, const ActivityTerms& terms) const;
  // open, complete (no-shows counted, missing check-outs credited) or cancel (every sign-up too).
  Activity ChangeState(db::Tx& tx, const Caller& caller, const StateChange& change) const;

  SignUp Enrol(db::Tx& tx, const Caller& caller, const Enrolment& e) const;
  CancelResult Withdraw(db::Tx& tx, const Caller& caller, const Withdrawal& w) const;
  SignUp CheckIn(db::Tx& tx, const Caller& caller, const Attendance& a) const;
  SignUp CheckOut(db::Tx& tx, const Caller& caller, const Attendance& a) const;

  std::optional<Activity> Get(const Caller& caller, const std::string& id) const;
  std::vector<Activity> List(const Caller& caller, const std::string& division_filter, const db::PageQuery& q) const;
  // One page of the activity's sign-ups (waitlist positions filled in).
  std::vector<SignUp> SignUps(const Caller& caller, const std::string& activity_id, int state, const std::string& after,
                              int limit) const;

  int64_t Now() const { return options_.now(); }
  const Clock& NowClock() const { return options_.now; }

 private:
  Activity Complete(db::Tx& tx, const Caller& caller, const Activity& a) const;
  Activity Cancel(db::Tx& tx, const Caller& caller, const Activity& a) const;
  // The activity locked, and the volunteer's sign-up; the code checked for callers who need one.
  std::pair<Activity, SignUp> LockAttendance(db::Tx& tx, const Caller& caller, const Attendance& a) const;

  db::Database& db_;
  ActivitiesOptions options_;
};

// A new activity's six-digit check-in code.
std::string NewCheckInCode();

}  // namespace carehub::volunteers
