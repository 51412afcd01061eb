#pragma once
// A low-income woman (低收入妇女) in the registry, her cancer screenings (两癌筛查), and the rules
// both must satisfy (DOMAIN.md). Plain C++: no gRPC, no SQL.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "services/registry/domain/person.h"

namespace carehub::registry {

enum class WomanHardship {
  kMinimumLivingAllowance = 1,  // 低保
  kExtremeHardship,             // 特困
  kDisabled,                    // 残疾
  kSingleMother,                // 单亲母亲
  kLeftBehind,                  // 留守妇女
  kSeriousIllness,              // 重病
};
inline constexpr int kWomanHardshipCount = 6;
inline constexpr int kMaxHouseholdSize = 30;
// A sanity bound, not a policy: ten million yuan a month is a typing error.
inline constexpr int64_t kMaxMonthlyIncomeFen = 1'000'000'000;

struct WomanApplication {
  std::string name;
  std::string birth_date;
  std::string resident_id_number;
  std::string division_code;
  std::string mobile;                    // optional
  std::vector<int> hardship_categories;  // WomanHardship wire numbers
  int64_t household_size = 0;
  int64_t monthly_income_fen = -1;  // -1: not given
  std::string notes;
};

// The facts about a woman that are not identifiers.
struct WomanDetails {
  std::string name;
  std::chrono::year_month_day birth_date{};
  std::string division_code;
  int hardship_mask = 0;  // bit n set for category n
  int household_size = 0;
  int64_t monthly_income_fen = 0;
  std::string notes;
};

struct ValidWoman : WomanDetails {
  std::string resident_id_number;
  std::string mobile;  // may be empty
};

// A registered woman: identifiers only masked and sealed; `cancer_patient` is set by a
// confirmed screening and never cleared by itself.
struct WomanRecord : WomanDetails, PersonState {
  std::string id;
  std::string id_number_masked;
  std::string mobile_masked;
  std::string id_number_cipher;
  std::string mobile_cipher;
  bool cancer_patient = false;
  std::string created_at;
  std::string created_by;
};

// The first rule the application breaks (INVALID_ARGUMENT naming the field, prefixed by
// `prefix`), or the validated woman.
ValidWoman ValidateWoman(const WomanApplication& a, std::chrono::year_month_day today,
                         const std::string& prefix = "woman.");

// Hardship categories as a bit set and back (sorted); INVALID_ARGUMENT on `field` for an
// unknown, repeated or missing category.
int HardshipMask(const std::vector<int>& categories, const std::string& field);
std::vector<int> HardshipList(int mask);
const char* HardshipName(int category);  // "minimum_living_allowance", …

// A change to a registered woman: only the fields present change. Birth date and ID number
// define who she is and are not among them.
struct WomanChanges {
  std::optional<std::string> name;
  std::optional<std::string> division_code;
  std::optional<std::string> mobile;
  std::optional<std::vector<int>> hardship_categories;
  std::optional<int64_t> household_size;
  std::optional<int64_t> monthly_income_fen;
  std::optional<std::string> notes;
  // Filled by ValidateWomanChanges from hardship_categories.
  std::optional<int> hardship_mask;

  bool TouchesHistory() const { return hardship_categories.has_value(); }
};
void ValidateWomanChanges(WomanChanges& c, const std::string& prefix = "woman.");
WomanDetails ApplyChanges(const WomanDetails& before, const WomanChanges& c);

// Leaving and rejoining the register; as for children, INVALID_ARGUMENT for a malformed request
// and FAILED_PRECONDITION when her status does not allow it.
StatusChange DecideExit(const WomanRecord& w, int reason, const std::string& note);
StatusChange DecideReactivate(const WomanRecord& w, const std::string& note);

enum class ScreeningType { kCervical = 1, kBreast = 2 };
enum class ScreeningResult { kNormal = 1, kSuspected = 2, kConfirmed = 3 };

struct ScreeningApplication {
  std::string screened_on;
  int type = 0;
  int result = 0;
  std::string facility;
};
struct Screening {
  std::string id, woman_id;
  std::chrono::year_month_day screened_on{};
  ScreeningType type = ScreeningType::kCervical;
  ScreeningResult result = ScreeningResult::kNormal;
  std::string facility, recorded_at, recorded_by;
};
// Checks a screening of a woman born on `birth` (INVALID_ARGUMENT naming the field, prefixed);
// the screening with its woman, ready to record.
Screening ValidateScreening(const ScreeningApplication& s, const WomanRecord& woman, std::chrono::year_month_day today,
                            const std::string& prefix = "screening.");

}  // namespace carehub::registry
