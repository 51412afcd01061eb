#pragma once
// A child in the registry (留守儿童, 困境儿童) and the rules a registration, a change and a
// status change must satisfy (DOMAIN.md). Plain C++: no gRPC, no SQL.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "common/resident_id.h"
#include "services/registry/domain/person.h"

namespace carehub::registry {

enum class ChildCategory { kLeftBehind = 1, kInDifficulty = 2 };
enum class GuardianRelation { kFather = 1, kMother, kGrandparent, kSibling, kOtherRelative, kOther };
enum class ParentLocation { kUnknown = 0, kAtHome = 1, kWorkingAway = 2, kDeceasedOrAbsent = 3 };
enum class RiskLevel { kLow = 1, kMedium = 2, kHigh = 3 };

inline constexpr int kLeftBehindAgeLimit = 16;  // 留守儿童: under 16

// What a caller asks to register; enum fields hold the raw wire numbers until validated.
struct ChildApplication {
  std::string name;
  int sex = 0;
  std::string birth_date;
  std::string resident_id_number;
  std::string division_code;
  int category = 0;
  std::string guardian_name;
  int guardian_relation = 0;
  std::string guardian_mobile;
  bool guardian_able_to_care = false;
  std::string address;
  std::string school;
  std::vector<int> hardship_reasons;  // HardshipReason wire numbers
  int father_location = 0;
  std::string father_place;
  int mother_location = 0;
  std::string mother_place;
  int risk_level = 0;
  std::string notes;
};

// The facts about a child that are not identifiers, as registered and as stored.
struct ChildDetails {
  std::string name;
  Sex sex = Sex::kMale;
  std::chrono::year_month_day birth_date{};
  std::string division_code;
  ChildCategory category = ChildCategory::kLeftBehind;
  std::string guardian_name;
  GuardianRelation guardian_relation = GuardianRelation::kOther;
  bool guardian_able_to_care = false;
  std::string address;
  std::string school;
  std::vector<int> hardship_reasons;  // sorted, distinct, each 1..3
  ParentLocation father_location = ParentLocation::kUnknown;
  std::string father_place;
  ParentLocation mother_location = ParentLocation::kUnknown;
  std::string mother_place;
  RiskLevel risk_level = RiskLevel::kLow;
  std::string notes;
};

// A registration that passed every rule, normalised, with its identifiers in plain text.
struct ValidChild : ChildDetails {
  std::string resident_id_number;
  std::string guardian_mobile;
};

// A registered child: identifiers only masked (for display) and sealed (AES-GCM).
struct ChildRecord : ChildDetails, PersonState {
  std::string id;
  std::string id_number_masked;
  std::string guardian_mobile_masked;
  std::string id_number_cipher;
  std::string guardian_mobile_cipher;
  std::string created_at;
  std::string created_by;
};

// 留守儿童: both parents working away, or one away and the guardian at home unable to care.
bool QualifiesAsLeftBehind(ParentLocation father, ParentLocation mother, bool guardian_able_to_care);

// The first rule the application breaks (INVALID_ARGUMENT, field paths prefixed by `prefix`),
// or the validated child.
ValidChild ValidateChild(const ChildApplication& a, std::chrono::year_month_day today,
                         const std::string& prefix = "child.");

// A change to a registered child: only the fields present change. Identity fields (sex, birth
// date, resident ID number) are not among them: they define who the child is.
struct ChildChanges {
  std::optional<std::string> name;
  std::optional<int> category;
  std::optional<std::string> division_code;
  std::optional<std::string> guardian_name;
  std::optional<int> guardian_relation;
  std::optional<std::string> guardian_mobile;
  std::optional<bool> guardian_able_to_care;
  std::optional<std::string> address;
  std::optional<std::string> school;
  std::optional<std::string> notes;
  std::optional<int> risk_level;
  std::optional<std::vector<int>> hardship_reasons;
  std::optional<int> father_location;
  std::optional<std::string> father_place;
  std::optional<int> mother_location;
  std::optional<std::string> mother_place;

  // Whether the history keeps this change, so it needs a note (category or risk level).
  bool TouchesHistory() const { return category || risk_level; }
};

// Checks the present fields, and the category rules on the child as it would be after the
// change; INVALID_ARGUMENT naming the field (prefixed). Hardship reasons come back sorted.
void ValidateChanges(ChildChanges& c, const ChildDetails& stored, std::chrono::year_month_day today,
                     const std::string& prefix = "child.");
// The child's details after a validated change (the guardian's mobile is the caller's to seal).
ChildDetails ApplyChanges(const ChildDetails& before, const ChildChanges& c);

// Leaving and rejoining the register (动态管理): INVALID_ARGUMENT on `reason` or `note` for a
// malformed request, FAILED_PRECONDITION when the child's state does not allow it.
StatusChange DecideExit(const ChildRecord& c, int reason, const std::string& note, std::chrono::year_month_day today);
StatusChange DecideReactivate(const ChildRecord& c, const std::string& note, std::chrono::year_month_day today);
// Left-behind children born on or before this date have turned 16 by `today`.
std::chrono::year_month_day TurnedSixteenCutoff(std::chrono::year_month_day today);

}  // namespace carehub::registry
