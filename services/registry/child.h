#pragma once
// A child in the registry and the rules a registration must satisfy (DOMAIN.md), free of gRPC
// and SQL.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "common/errors.h"
#include "common/principal.h"
#include "services/registry/resident_id.h"

namespace carehub::registry {

enum class ChildCategory { kLeftBehind = 1, kInDifficulty = 2 };
enum class ChildStatus { kActive = 1, kExited = 2 };
enum class ExitReason { kNone = 0, kTurned16 = 1, kParentReturned, kMovedAway, kDeceased, kOther, kOutOfHardship };
enum class GuardianRelation { kFather = 1, kMother, kGrandparent, kSibling, kOtherRelative, kOther };
enum class ParentLocation { kUnknown = 0, kAtHome = 1, kWorkingAway = 2, kDeceasedOrAbsent = 3 };
enum class RiskLevel { kLow = 1, kMedium = 2, kHigh = 3 };

inline constexpr size_t kMaxNameCodePoints = 64;
inline constexpr int kLeftBehindAgeLimit = 16;  // 留守儿童: under 16
inline constexpr int kChildAgeLimit = 18;
inline constexpr size_t kMaxNoteCodePoints = 500;

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

// A registration that passed every rule, normalised.
struct ValidChild {
  std::string name;
  Sex sex;
  std::chrono::year_month_day birth_date;
  std::string resident_id_number;
  std::string division_code;
  ChildCategory category;
  std::string guardian_name;
  GuardianRelation guardian_relation;
  std::string guardian_mobile;
  bool guardian_able_to_care;
  std::string address;
  std::string school;
  std::vector<int> hardship_reasons;  // sorted, distinct, each 1..3
  ParentLocation father_location;
  std::string father_place;
  ParentLocation mother_location;
  std::string mother_place;
  RiskLevel risk_level;
  std::string notes;
};

// 留守儿童: both parents working away, or one away and the guardian at home unable to care.
bool QualifiesAsLeftBehind(ParentLocation father, ParentLocation mother, bool guardian_able_to_care);

// The first rule the application breaks (field paths relative to the child message, prefixed
// by `prefix`), or the validated child.
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
};

// What the rules need to know of the child as stored.
struct StoredChildFacts {
  std::chrono::year_month_day birth_date;
  int category;
  std::vector<int> hardship_reasons;
  int father_location;
  int mother_location;
  bool guardian_able_to_care;
};

// Validates the present fields, and the category rules on the child as it would be after the
// change (field paths prefixed by `prefix`); throws DomainError INVALID_ARGUMENT naming the field.
// Hardship reasons come back sorted.
void ValidateChanges(ChildChanges& c, const StoredChildFacts& stored, std::chrono::year_month_day today,
                     const std::string& prefix = "child.");

// Leaving the register (动态管理). Both throw DomainError: INVALID_ARGUMENT on `reason` or
// `note` for a malformed request, FAILED_PRECONDITION when the child's state does not allow it.
ExitReason CheckExit(ChildStatus current, ChildCategory category, std::chrono::year_month_day birth, int reason,
                     const std::string& note, std::chrono::year_month_day today);
void CheckReactivate(ChildStatus current, ChildCategory category, std::chrono::year_month_day birth,
                     const std::string& note, std::chrono::year_month_day today);
// Left-behind children born on or before this date have turned 16 by `today`.
std::chrono::year_month_day TurnedSixteenCutoff(std::chrono::year_month_day today);

bool IsDivisionCode(std::string_view code);  // 12 digits
// A person's name (1..64 characters, one line) and a status note (up to 500 characters,
// `required`: not blank); INVALID_ARGUMENT on the field otherwise.
void CheckName(const std::string& field, const std::string& value);
void CheckNote(const std::string& note, bool required);
bool IsMainlandMobile(std::string_view m);   // 1[3-9] + 9 digits

// Who may do what with children (DESIGN.md roles).
bool CanRegisterChildren(const Principal& p);
bool CanReadChildren(const Principal& p);

}  // namespace carehub::registry
