#include "services/volunteers/domain/volunteer.h"

#include <algorithm>

#include "common/field_checks.h"
#include "common/ids.h"
#include "common/reach.h"
#include "common/resident_id.h"
#include "common/text.h"

namespace carehub::volunteers {

ValidVolunteer ValidateVolunteer(const VolunteerApplication& a) {
  ValidVolunteer v;
  CheckName("volunteer.name", a.name);
  v.name = a.name;
  if (!IsMainlandMobile(a.mobile)) ThrowInvalid("volunteer.mobile", "must be an 11-digit mainland mobile number");
  v.mobile = a.mobile;
  std::string why;
  auto id = ParseResidentId(a.resident_id_number, TodayInChina(), &why);
  if (!id) ThrowInvalid("volunteer.resident_id_number", why);
  if (AgeOn(id->birth_date, TodayInChina()) < 16) {
    ThrowInvalid("volunteer.resident_id_number", "a volunteer must be 16 or older");
  }
  v.resident_id_number = id->number;
  if (!IsDivisionCode(a.division_code)) ThrowInvalid("volunteer.division_code", "must be a 12-digit division code");
  v.division_code = a.division_code;
  if (a.skills.size() > kMaxSkills) ThrowInvalid("volunteer.skills", "at most 16 skills");
  for (const auto& s : a.skills) {
    if (s.empty()) ThrowInvalid("volunteer.skills", "a skill may not be empty");
    if (s.find(',') != std::string::npos) ThrowInvalid("volunteer.skills", "a skill may not contain a comma");
    CheckText("volunteer.skills", s, kMaxSkillCodePoints, true);
    if (std::find(v.skills.begin(), v.skills.end(), s) == v.skills.end()) v.skills.push_back(s);
  }
  return v;
}

VolunteerStatus NextStatus(VolunteerStatus current, VolunteerStatus wanted) {
  if (current == VolunteerStatus::kLeft) Throw(ErrorCode::kFailedPrecondition, "status", "the volunteer has left");
  if (current == wanted) {
    Throw(ErrorCode::kFailedPrecondition, "status", std::string("the volunteer is already ") + StatusName(wanted));
  }
  return wanted;
}

const char* StatusName(VolunteerStatus s) {
  switch (s) {
    case VolunteerStatus::kActive:
      return "active";
    case VolunteerStatus::kSuspended:
      return "suspended";
    case VolunteerStatus::kLeft:
      return "left";
  }
  return "unknown";
}

bool BlockedByNoShows(const Volunteer& v, int limit) { return limit > 0 && v.no_show_count >= limit; }

TeamPlan ValidateTeam(const TeamPlan& t) {
  CheckText("team.name", t.name, kMaxNameCodePoints, true);
  if (t.name.find_first_not_of(' ') == std::string::npos) ThrowInvalid("team.name", "is required");
  if (!IsDivisionCode(t.division_code)) ThrowInvalid("team.division_code", "must be a 12-digit division code");
  if (!IsValidId(t.leader_id, "vo")) ThrowInvalid("team.leader_id", "is not a volunteer id (vo_…)");
  return t;
}

}  // namespace carehub::volunteers
