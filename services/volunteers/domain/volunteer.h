#pragma once
// A volunteer (巾帼志愿者) and a team (志愿服务队): who they are, where they belong, and the
// status that decides whether they may sign up. Plain C++: no gRPC, no SQL.
#include <cstdint>
#include <string>
#include <vector>

#include "common/errors.h"

namespace carehub::volunteers {

enum class VolunteerStatus { kActive = 1, kSuspended = 2, kLeft = 3 };

inline constexpr size_t kMaxSkills = 16;
inline constexpr size_t kMaxSkillCodePoints = 32;

// A volunteer as a caller describes one, unchecked.
struct VolunteerApplication {
  std::string name;
  std::string mobile;
  std::string resident_id_number;
  std::string division_code;
  std::vector<std::string> skills;
};

// The same, checked: the ID number normalised (upper-case X), skills trimmed of duplicates.
struct ValidVolunteer {
  std::string name;
  std::string mobile;
  std::string resident_id_number;
  std::string division_code;
  std::vector<std::string> skills;
};
// INVALID_ARGUMENT on volunteer.<field> for a bad name, mobile, ID number, division or skill.
ValidVolunteer ValidateVolunteer(const VolunteerApplication& a);

struct Volunteer {
  std::string id;
  std::string name;
  std::string division_code;
  std::vector<std::string> skills;
  std::string mobile_masked, mobile_cipher;
  std::string id_number_masked, id_number_cipher;
  VolunteerStatus status = VolunteerStatus::kActive;
  int no_show_count = 0;
  int64_t version = 1;
  std::string created_at, created_by;
};

// active ⇄ suspended, either → left; leaving is final. FAILED_PRECONDITION on "status" otherwise.
VolunteerStatus NextStatus(VolunteerStatus current, VolunteerStatus wanted);
const char* StatusName(VolunteerStatus s);
// Whether past no-shows block new sign-ups (`limit` 0: never).
bool BlockedByNoShows(const Volunteer& v, int limit);

struct TeamPlan {
  std::string name;
  std::string division_code;
  std::string leader_id;
};
// INVALID_ARGUMENT on team.<field>.
TeamPlan ValidateTeam(const TeamPlan& t);

struct Team : TeamPlan {
  std::string id;
  int member_count = 0;
  int64_t version = 1;
  std::string created_at, created_by;
};

}  // namespace carehub::volunteers
