#include "services/registry/woman.h"

#include "common/text.h"

namespace carehub::registry {
namespace {

[[noreturn]] void Invalid(const std::string& field, const std::string& why) {
  throw DomainError(ErrorCode::kInvalidArgument, field, why);
}

void CheckMobile(const std::string& field, const std::string& mobile) {
  if (!mobile.empty() && !IsMainlandMobile(mobile)) Invalid(field, "must be an 11-digit mainland mobile number");
}
void CheckHousehold(const std::string& field, int64_t size) {
  if (size < 1 || size > kMaxHouseholdSize) Invalid(field, "must be 1 to 30 people");
}
void CheckIncome(const std::string& field, int64_t fen) {
  if (fen < 0) Invalid(field, "is required (fen per month, 0 or more)");
  if (fen > kMaxMonthlyIncomeFen) Invalid(field, "is implausibly large (fen, not yuan?)");
}
void CheckNotes(const std::string& field, const std::string& notes) {
  if (!text::IsValidUtf8(notes)) Invalid(field, "must be valid UTF-8");
  if (text::CodePoints(notes) > kMaxNoteCodePoints) Invalid(field, "is too long (500 characters at most)");
}

}  // namespace

int HardshipMask(const std::vector<int>& categories, const std::string& field) {
  if (categories.empty()) Invalid(field, "needs at least one hardship category");
  int mask = 0;
  for (int c : categories) {
    if (c < 1 || c > kWomanHardshipCount) Invalid(field, "holds a value that is not a WOMAN_HARDSHIP_");
    if (mask & (1 << c)) Invalid(field, "names a category twice");
    mask |= 1 << c;
  }
  return mask;
}

std::vector<int> HardshipList(int mask) {
  std::vector<int> out;
  for (int c = 1; c <= kWomanHardshipCount; ++c) {
    if (mask & (1 << c)) out.push_back(c);
  }
  return out;
}

const char* HardshipName(int category) {
  static const char* kNames[] = {"",       "minimum_living_allowance", "extreme_hardship", "disabled",
                                 "single_mother", "left_behind",              "serious_illness"};
  return category >= 1 && category <= kWomanHardshipCount ? kNames[category] : "";
}

ValidWoman ValidateWoman(const WomanApplication& a, std::chrono::year_month_day today, const std::string& p) {
  ValidWoman w;
  CheckName(p + "name", a.name);
  w.name = a.name;

  if (a.resident_id_number.empty()) Invalid(p + "resident_id_number", "is required");
  std::string why;
  auto id = ParseResidentId(a.resident_id_number, today, &why);
  if (!id) Invalid(p + "resident_id_number", why);
  if (id->sex != Sex::kFemale) Invalid(p + "resident_id_number", "sex digit is not female");
  w.resident_id_number = id->number;

  if (a.birth_date.empty()) Invalid(p + "birth_date", "is required (YYYY-MM-DD)");
  auto birth = ParseDate(a.birth_date);
  if (!birth) Invalid(p + "birth_date", "must be a real date as YYYY-MM-DD");
  if (*birth != id->birth_date) Invalid(p + "birth_date", "does not agree with the resident ID number");
  if (AgeOn(*birth, today) < kChildAgeLimit) Invalid(p + "birth_date", "is of a girl under 18: register her as a child");
  w.birth_date = *birth;

  if (!IsDivisionCode(a.division_code)) Invalid(p + "division_code", "must be a 12-digit division code");
  w.division_code = a.division_code;
  CheckMobile(p + "mobile", a.mobile);
  w.mobile = a.mobile;
  w.hardship_mask = HardshipMask(a.hardship_categories, p + "hardship_categories");
  CheckHousehold(p + "household_size", a.household_size);
  w.household_size = static_cast<int>(a.household_size);
  CheckIncome(p + "monthly_income_fen", a.monthly_income_fen);
  w.monthly_income_fen = a.monthly_income_fen;
  CheckNotes(p + "notes", a.notes);
  w.notes = a.notes;
  return w;
}

void ValidateWomanChanges(WomanChanges& c, const std::string& p) {
  if (c.name) CheckName(p + "name", *c.name);
  if (c.division_code && !IsDivisionCode(*c.division_code)) {
    Invalid(p + "division_code", "must be a 12-digit division code");
  }
  if (c.mobile) CheckMobile(p + "mobile", *c.mobile);
  if (c.hardship_categories) c.hardship_mask = HardshipMask(*c.hardship_categories, p + "hardship_categories");
  if (c.household_size) CheckHousehold(p + "household_size", *c.household_size);
  if (c.monthly_income_fen) CheckIncome(p + "monthly_income_fen", *c.monthly_income_fen);
  if (c.notes) CheckNotes(p + "notes", *c.notes);
}

ExitReason CheckWomanExit(ChildStatus current, int reason, const std::string& note) {
  auto r = static_cast<ExitReason>(reason);
  if (r != ExitReason::kMovedAway && r != ExitReason::kDeceased && r != ExitReason::kOutOfHardship &&
      r != ExitReason::kOther) {
    Invalid("reason", "must be EXIT_REASON_MOVED_AWAY, _DECEASED, _OUT_OF_HARDSHIP or _OTHER");
  }
  CheckNote(note, r == ExitReason::kOther);
  if (current == ChildStatus::kExited) {
    throw DomainError(ErrorCode::kFailedPrecondition, "id", "she has already left the register");
  }
  return r;
}

void CheckWomanReactivate(ChildStatus current, const std::string& note) {
  CheckNote(note, true);
  if (current == ChildStatus::kActive) {
    throw DomainError(ErrorCode::kFailedPrecondition, "id", "she is already on the register");
  }
}

void ValidateScreening(const ScreeningApplication& s, std::chrono::year_month_day birth,
                       std::chrono::year_month_day today, const std::string& p) {
  auto on = ParseDate(s.screened_on);
  if (!on) Invalid(p + "screened_on", "must be a real date as YYYY-MM-DD");
  if (std::chrono::sys_days{*on} > std::chrono::sys_days{today}) Invalid(p + "screened_on", "is in the future");
  if (std::chrono::sys_days{*on} < std::chrono::sys_days{birth}) Invalid(p + "screened_on", "is before her birth");
  if (s.type != 1 && s.type != 2) Invalid(p + "type", "must be SCREENING_TYPE_CERVICAL or SCREENING_TYPE_BREAST");
  if (s.result < 1 || s.result > 3) Invalid(p + "result", "must be NORMAL, SUSPECTED or CONFIRMED");
  if (auto why = text::CheckName(s.facility, 64)) Invalid(p + "facility", *why);
}

}  // namespace carehub::registry
