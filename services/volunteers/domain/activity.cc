#include "services/volunteers/domain/activity.h"

#include "common/field_checks.h"
#include "common/ids.h"
#include "common/instant.h"
#include "common/reach.h"

namespace carehub::volunteers {
namespace {

[[noreturn]] void Refuse(const std::string& field, const std::string& why) {
  Throw(ErrorCode::kFailedPrecondition, field, why);
}

int64_t TimeOf(const std::string& field, const std::string& text) {
  auto t = ParseInstant(text);
  if (!t) ThrowInvalid(field, "must be an RFC 3339 time with an offset (2026-12-05T09:00:00+08:00)");
  return *t;
}

void CheckWhen(int64_t at, int64_t now) {
  if (at > now + kClockSkewSeconds) ThrowInvalid("at", "lies in the future");
}

}  // namespace

ActivityTerms ValidateActivity(const ActivityPlan& p) {
  ActivityTerms t;
  CheckText("activity.title", p.title, 100, true);
  if (p.title.find_first_not_of(' ') == std::string::npos) ThrowInvalid("activity.title", "is required");
  t.title = p.title;
  if (p.type < 1 || p.type > kActivityTypes) ThrowInvalid("activity.type", "is not an ACTIVITY_TYPE_ value");
  t.type = static_cast<ActivityType>(p.type);
  if (!IsDivisionCode(p.division_code)) ThrowInvalid("activity.division_code", "must be a 12-digit division code");
  t.division_code = p.division_code;
  t.starts_at = TimeOf("activity.starts_at", p.starts_at);
  t.ends_at = TimeOf("activity.ends_at", p.ends_at);
  if (t.ends_at <= t.starts_at) ThrowInvalid("activity.ends_at", "must be after starts_at");
  if (t.ends_at - t.starts_at > kMaxActivitySeconds)
    ThrowInvalid("activity.ends_at", "an activity lasts 7 days at most");
  CheckText("activity.location", p.location, 200, true);
  t.location = p.location;
  if (p.capacity < 1 || p.capacity > kMaxCapacity) ThrowInvalid("activity.capacity", "must be 1 to 10000 places");
  t.capacity = static_cast<int>(p.capacity);
  if (!p.team_id.empty() && !IsValidId(p.team_id, "tm")) ThrowInvalid("activity.team_id", "is not a team id (tm_…)");
  t.team_id = p.team_id;
  return t;
}

const char* ActivityStateName(ActivityState s) {
  switch (s) {
    case ActivityState::kPlanned:
      return "planned";
    case ActivityState::kOpen:
      return "open";
    case ActivityState::kCompleted:
      return "completed";
    case ActivityState::kCancelled:
      return "cancelled";
  }
  return "unknown";
}

ActivityState NextActivityState(const Activity& a, ActivityState wanted, int64_t now) {
  auto refuse = [&](const char* why) {
    Refuse("id", std::string("the activity is ") + ActivityStateName(a.state) + why);
  };
  switch (wanted) {
    case ActivityState::kOpen:
      if (a.state != ActivityState::kPlanned) refuse(": only a planned activity opens");
      if (now >= a.starts_at) refuse(" and has already started: sign-ups would be closed");
      break;
    case ActivityState::kCompleted:
      if (a.state != ActivityState::kOpen) refuse(": only an open activity completes");
      if (now < a.starts_at) refuse(" and has not started yet");
      break;
    case ActivityState::kCancelled:
      if (a.state != ActivityState::kPlanned && a.state != ActivityState::kOpen) refuse(" already");
      break;
    case ActivityState::kPlanned:
      refuse(": nothing goes back to planned");
  }
  return wanted;
}

void CheckMaySignUp(const Activity& a, const Volunteer& v, int no_show_limit, int64_t now) {
  if (a.state != ActivityState::kOpen) {
    Refuse("activity_id", std::string("sign-ups are not open: the activity is ") + ActivityStateName(a.state));
  }
  if (now >= a.starts_at) Refuse("activity_id", "sign-ups closed at the activity's start");
  if (v.status != VolunteerStatus::kActive) {
    Refuse("volunteer_id", std::string("the volunteer is ") + StatusName(v.status));
  }
  if (BlockedByNoShows(v, no_show_limit)) {
    Refuse("volunteer_id", "the volunteer missed " + std::to_string(v.no_show_count) +
                               " activities without notice; a coordinator must clear this first");
  }
}

void CheckMayCancel(const Activity& a, const SignUp& s, int64_t now) {
  if (!s.Holds()) Refuse("volunteer_id", "the volunteer holds no place or waitlist entry here");
  if (a.state != ActivityState::kOpen || now >= a.starts_at) {
    Refuse("activity_id", "the activity has started or closed: a missed activity is a no-show");
  }
}

void CheckMayCheckIn(const Activity& a, const SignUp& s, int64_t at, int64_t now) {
  CheckWhen(at, now);
  if (a.state != ActivityState::kOpen) {
    Refuse("activity_id", std::string("attendance is closed: the activity is ") + ActivityStateName(a.state));
  }
  if (s.state != SignUpState::kSignedUp) Refuse("volunteer_id", "the volunteer holds no place on this activity");
  if (s.checked_in_at != 0) Refuse("volunteer_id", "the volunteer is checked in already");
  if (at < a.starts_at - kEarliestCheckInSeconds) Refuse("at", "is more than 12 hours before the activity starts");
  if (at >= a.ends_at) Refuse("at", "is after the activity ended: nothing is left to attend");
}

void CheckMayCheckOut(const Activity& a, const SignUp& s, int64_t at, int64_t now) {
  CheckWhen(at, now);
  if (a.state != ActivityState::kOpen) {
    Refuse("activity_id", std::string("attendance is closed: the activity is ") + ActivityStateName(a.state));
  }
  if (s.state == SignUpState::kAttended) Refuse("volunteer_id", "the volunteer is checked out already");
  if (s.state != SignUpState::kSignedUp || s.checked_in_at == 0) {
    Refuse("volunteer_id", "the volunteer has not checked in");
  }
  if (at < s.checked_in_at) Refuse("at", "is before the check-in");
}

}  // namespace carehub::volunteers
