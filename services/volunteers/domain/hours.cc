#include "services/volunteers/domain/hours.h"

#include <algorithm>

namespace carehub::volunteers {

Credit CreditAttendance(Span activity, Span attended, const std::vector<Span>& already_credited) {
  Span clipped{std::max(activity.from, attended.from), std::min(activity.to, attended.to)};
  if (clipped.to <= clipped.from) return {};
  // Remove what other credits cover: sort them, walk the clipped span once.
  std::vector<Span> others;
  for (const Span& s : already_credited) {
    if (s.to > clipped.from && s.from < clipped.to) others.push_back(s);
  }
  std::sort(others.begin(), others.end(), [](const Span& a, const Span& b) { return a.from < b.from; });
  int64_t seconds = 0, cursor = clipped.from;
  for (const Span& s : others) {
    if (s.from > cursor) seconds += std::min(s.from, clipped.to) - cursor;
    cursor = std::max(cursor, s.to);
    if (cursor >= clipped.to) break;
  }
  if (cursor < clipped.to) seconds += clipped.to - cursor;
  if (seconds <= 0) return {};
  return {clipped, static_cast<int>(seconds / 60)};
}

const char* HoursStateName(HoursState s) {
  switch (s) {
    case HoursState::kClaimed:
      return "claimed";
    case HoursState::kConfirmed:
      return "confirmed";
    case HoursState::kDisputed:
      return "disputed";
    case HoursState::kResolved:
      return "resolved";
  }
  return "unknown";
}

HoursState NextHoursState(const HoursEntry& e, HoursState wanted) {
  auto refuse = [&](const char* why) {
    Throw(ErrorCode::kFailedPrecondition, "id", std::string("the entry is ") + HoursStateName(e.state) + why);
  };
  if (e.kind == HoursKind::kAdjustment) refuse(": an adjustment stands as made; correct it with another");
  switch (wanted) {
    case HoursState::kConfirmed:
      if (e.state != HoursState::kClaimed) refuse(": only a claim is confirmed");
      break;
    case HoursState::kDisputed:
      if (e.state != HoursState::kClaimed && e.state != HoursState::kConfirmed) refuse(": it cannot be disputed");
      break;
    case HoursState::kResolved:
      if (e.state != HoursState::kDisputed) refuse(": only a disputed entry is resolved");
      break;
    case HoursState::kClaimed:
      refuse(": nothing goes back to claimed");
  }
  return wanted;
}

void CheckAdjustment(const std::string& field, int64_t minutes, int64_t activity_seconds) {
  if (minutes == 0) ThrowInvalid(field, "must not be zero");
  if (minutes > activity_seconds / 60 || minutes < -(activity_seconds / 60)) {
    ThrowInvalid(field,
                 "must be no more than the activity lasted (" + std::to_string(activity_seconds / 60) + " minutes)");
  }
}

void CheckFinalMinutes(int64_t minutes, int64_t activity_seconds) {
  if (minutes < 0 || minutes > activity_seconds / 60) {
    ThrowInvalid("final_minutes",
                 "must be 0 to the activity's length (" + std::to_string(activity_seconds / 60) + " minutes)");
  }
}

}  // namespace carehub::volunteers
