#include "services/volunteers/app/activities_app.h"

#include <nlohmann/json.hpp>

#include "common/audit.h"
#include "common/crypto.h"
#include "common/ids.h"
#include "common/instant.h"
#include "common/log.h"
#include "services/volunteers/app/hours_app.h"
#include "services/volunteers/domain/permissions.h"
#include "services/volunteers/store/activity_rows.h"
#include "services/volunteers/store/volunteer_rows.h"

namespace carehub::volunteers {
namespace {

nlohmann::json SignUpView(const SignUp& s) {
  return {{"activity_id", s.activity_id},       {"volunteer_id", s.volunteer_id},
          {"state", static_cast<int>(s.state)}, {"checked_in_at", s.checked_in_at},
          {"checked_out_at", s.checked_out_at}, {"credited_minutes", s.credited_minutes}};
}

AuditSubject SubjectOf(const SignUp& s) { return {"signup", s.id, s.division_code}; }

// Writes `after` over `before` (version advanced) and audits the change as `action`.
SignUp Save(db::Tx& tx, const Caller& caller, const char* action, const SignUp& before, SignUp after) {
  after.version = before.version + 1;
  store::SignUps().Update(tx, after, before.version, "volunteer_id");
  AuditChangeOf(tx, caller, action, SubjectOf(after), SignUpView(before), SignUpView(after));
  return after;
}

}  // namespace

std::string NewCheckInCode() {
  std::string bytes = crypto::RandomBytes(6), code;
  for (unsigned char b : bytes) code += static_cast<char>('0' + b % 10);
  return code;
}

Activity ActivitiesApp::Create(db::Tx& tx, const Caller& caller, const ActivityTerms& terms) const {
  if (!caller.Reaches(terms.division_code)) {
    Throw(ErrorCode::kPermissionDenied, "activity.division_code", "lies outside the caller's reach");
  }
  if (!terms.team_id.empty() && !store::Teams().Get(tx, terms.team_id, caller.reach)) {
    Throw(ErrorCode::kNotFound, "activity.team_id", "no such team");
  }
  Activity a;
  static_cast<ActivityTerms&>(a) = terms;
  a.id = NewId("ac");
  a.check_in_code = NewCheckInCode();
  a.created_at = log::NowRfc3339();
  a.created_by = caller.subject;
  store::Activities().Insert(tx, {&a});
  AuditChangeOf(tx, caller, "activity.create", {"activity", a.id, a.division_code}, nullptr,
                {{"title", a.title},
                 {"type", static_cast<int>(a.type)},
                 {"starts_at", FormatInstantChina(a.starts_at)},
                 {"ends_at", FormatInstantChina(a.ends_at)},
                 {"location", a.location},
                 {"capacity", a.capacity},
                 {"team_id", a.team_id}});
  return a;
}

Activity ActivitiesApp::ChangeState(db::Tx& tx, const Caller& caller, const StateChange& change) const {
  Activity before = store::Activities().Lock(tx, change.id, caller.reach);
  Activity after = before;
  after.state = NextActivityState(before, change.to, Now());
  after.version = before.version + 1;
  store::Activities().Update(tx, after, before.version, "id");
  AuditChangeOf(tx, caller, std::string("activity.") + ActivityStateName(change.to),
                {"activity", before.id, before.division_code}, {{"state", ActivityStateName(before.state)}},
                {{"state", ActivityStateName(after.state)}, {"note", change.note}});
  if (change.to == ActivityState::kCompleted) return Complete(tx, caller, after);
  if (change.to == ActivityState::kCancelled) return Cancel(tx, caller, after);
  return after;
}

// Signed up without a check-in: a no-show, counted on the volunteer. Checked in without a
// check-out: credited to the activity's end and flagged. Still waiting: the place never came.
Activity ActivitiesApp::Complete(db::Tx& tx, const Caller& caller, const Activity& a) const {
  std::vector<std::string> no_shows;
  for (const SignUp& s : store::Holding(tx, a.id)) {
    SignUp after = s;
    if (s.state == SignUpState::kWaitlisted) {
      after.state = SignUpState::kCancelled;
    } else if (s.checked_in_at == 0) {
      after.state = SignUpState::kNoShow;
      no_shows.push_back(s.volunteer_id);
    } else {
      HoursEntry claim = ClaimAttendance(tx, caller, a, s, {s.checked_in_at, a.ends_at}, true);
      after.state = SignUpState::kAttended;
      after.credited_minutes = claim.minutes;
    }
    Save(tx, caller, "signup.complete", s, after);
  }
  store::CountNoShows(tx, no_shows);
  store::MoveCounts(tx, a.id, 0, -a.waitlisted);
  return *store::Activities().Get(tx, a.id, caller.reach);
}

Activity ActivitiesApp::Cancel(db::Tx& tx, const Caller& caller, const Activity& a) const {
  for (const SignUp& s : store::Holding(tx, a.id)) {
    SignUp after = s;
    after.state = SignUpState::kCancelled;
    Save(tx, caller, "signup.cancel", s, after);
  }
  store::MoveCounts(tx, a.id, -a.signed_up, -a.waitlisted);
  return *store::Activities().Get(tx, a.id, caller.reach);
}

SignUp ActivitiesApp::Enrol(db::Tx& tx, const Caller& caller, const Enrolment& e) const {
  Activity a = store::Activities().Lock(tx, e.activity_id, caller.reach, "activity_id");
  Volunteer v = store::Volunteers().Lock(tx, e.volunteer_id, caller.reach, "volunteer_id");
  CheckMaySignUp(a, v, options_.no_show_limit, Now());
  auto existing = store::FindSignUp(tx, a.id, v.id);
  if (existing && existing->state != SignUpState::kCancelled) {
    Throw(ErrorCode::kAlreadyExists, "volunteer_id", "the volunteer is signed up for this activity already");
  }
  if (store::HoldsOverlapping(tx, v.id, a.id, a.starts_at, a.ends_at)) {
    Throw(ErrorCode::kFailedPrecondition, "volunteer_id", "the volunteer holds another activity at the same time");
  }
  SignUp s = existing.value_or(SignUp{});
  s.queue_no = store::NextQueueNo(tx, a.id);
  s.state = store::TakePlace(tx, a.id) ? SignUpState::kSignedUp : SignUpState::kWaitlisted;
  if (s.state == SignUpState::kWaitlisted) store::MoveCounts(tx, a.id, 0, 1);
  if (existing) {
    s = Save(tx, caller, "signup.renew", *existing, s);
  } else {
    s.id = NewId("su");
    s.activity_id = a.id;
    s.volunteer_id = v.id;
    s.division_code = a.division_code;
    s.created_at = log::NowRfc3339();
    s.created_by = caller.subject;
    store::SignUps().Insert(tx, {&s});
    AuditChangeOf(tx, caller, "signup.create", SubjectOf(s), nullptr, SignUpView(s));
  }
  if (s.state == SignUpState::kWaitlisted) s.waitlist_position = store::WaitlistPosition(tx, s);
  return s;
}

CancelResult ActivitiesApp::Withdraw(db::Tx& tx, const Caller& caller, const Withdrawal& w) const {
  Activity a = store::Activities().Lock(tx, w.activity_id, caller.reach, "activity_id");
  auto s = store::FindSignUp(tx, a.id, w.volunteer_id);
  if (!s) Throw(ErrorCode::kNotFound, "volunteer_id", "the volunteer has not signed up for this activity");
  CheckMayCancel(a, *s, Now());
  SignUp cancelled = *s;
  cancelled.state = SignUpState::kCancelled;
  CancelResult out{Save(tx, caller, "signup.cancel", *s, cancelled), std::nullopt};
  if (s->state == SignUpState::kWaitlisted) {
    store::MoveCounts(tx, a.id, 0, -1);
    return out;
  }
  store::MoveCounts(tx, a.id, -1, 0);
  // The freed place goes to the first one waiting, in this same transaction.
  if (auto next = store::FirstWaiting(tx, a.id); next && store::TakePlace(tx, a.id)) {
    SignUp promoted = *next;
    promoted.state = SignUpState::kSignedUp;
    store::MoveCounts(tx, a.id, 0, -1);
    out.promoted = Save(tx, caller, "signup.promote", *next, promoted);
  }
  return out;
}

std::pair<Activity, SignUp> ActivitiesApp::LockAttendance(db::Tx& tx, const Caller& caller,
                                                          const Attendance& at) const {
  Activity a = store::Activities().Lock(tx, at.activity_id, caller.reach, "activity_id");
  if (!MayAttestAttendance(caller) && !crypto::ConstantTimeEquals(at.check_in_code, a.check_in_code)) {
    Throw(ErrorCode::kPermissionDenied, "check_in_code", "does not match the activity's code");
  }
  auto s = store::FindSignUp(tx, a.id, at.volunteer_id);
  if (!s) Throw(ErrorCode::kFailedPrecondition, "volunteer_id", "the volunteer holds no place on this activity");
  return {a, *s};
}

SignUp ActivitiesApp::CheckIn(db::Tx& tx, const Caller& caller, const Attendance& at) const {
  auto [a, s] = LockAttendance(tx, caller, at);
  int64_t now = Now(), when = at.at ? at.at : now;
  CheckMayCheckIn(a, s, when, now);
  SignUp after = s;
  after.checked_in_at = when;
  return Save(tx, caller, "attendance.check_in", s, after);
}

SignUp ActivitiesApp::CheckOut(db::Tx& tx, const Caller& caller, const Attendance& at) const {
  auto [a, s] = LockAttendance(tx, caller, at);
  int64_t now = Now(), when = at.at ? at.at : now;
  CheckMayCheckOut(a, s, when, now);
  HoursEntry claim = ClaimAttendance(tx, caller, a, s, {s.checked_in_at, when}, false);
  SignUp after = s;
  after.checked_out_at = when;
  after.state = SignUpState::kAttended;
  after.credited_minutes = claim.minutes;
  return Save(tx, caller, "attendance.check_out", s, after);
}

std::optional<Activity> ActivitiesApp::Get(const Caller& caller, const std::string& id) const {
  return store::Activities().Find(db_, id, caller.reach);
}

std::vector<Activity> ActivitiesApp::List(const Caller& caller, const std::string& division_filter,
                                          const db::PageQuery& q) const {
  return store::Activities().ListNarrowed(db_, caller.reach, division_filter, q);
}

std::vector<SignUp> ActivitiesApp::SignUps(const Caller& caller, const std::string& activity_id, int state,
                                           const std::string& after, int limit) const {
  std::vector<SignUp> out;
  db_.Read([&](db::Tx& tx) {
    if (!store::Activities().Get(tx, activity_id, caller.reach)) {
      Throw(ErrorCode::kNotFound, "activity_id", "no such activity");
    }
    out = store::ListSignUps(tx, {activity_id, state, after, limit});
    for (auto& s : out) {
      if (s.state == SignUpState::kWaitlisted) s.waitlist_position = store::WaitlistPosition(tx, s);
    }
  });
  return out;
}

}  // namespace carehub::volunteers
