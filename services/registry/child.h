#pragma once
// A child in the registry and the rules a registration must satisfy (DOMAIN.md), free of gRPC
// and SQL.
#include <chrono>
#include <optional>
#include <string>

#include "common/errors.h"
#include "common/principal.h"
#include "services/registry/resident_id.h"

namespace carehub::registry {

enum class ChildCategory { kLeftBehind = 1, kInDifficulty = 2 };
enum class GuardianRelation { kFather = 1, kMother, kGrandparent, kSibling, kOtherRelative, kOther };

inline constexpr size_t kMaxNameCodePoints = 64;
inline constexpr int kLeftBehindAgeLimit = 16;  // 留守儿童: under 16
inline constexpr int kChildAgeLimit = 18;

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
};

// The first rule the application breaks (field paths relative to the child message, prefixed
// by `prefix`), or the validated child.
ValidChild ValidateChild(const ChildApplication& a, std::chrono::year_month_day today,
                         const std::string& prefix = "child.");

bool IsDivisionCode(std::string_view code);  // 12 digits
bool IsMainlandMobile(std::string_view m);   // 1[3-9] + 9 digits

// Who may do what with children (DESIGN.md roles).
bool CanRegisterChildren(const Principal& p);
bool CanReadChildren(const Principal& p);

}  // namespace carehub::registry
