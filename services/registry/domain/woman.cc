#include "services/registry/domain/woman.h"

#include "common/errors.h"
#include "common/resident_id.h"
#include "common/text.h"

namespace carehub::registry {
namespace {

void CheckMobile(const std::string& field, const std::string& mobile) {
  if (!mobile.empty() && !IsMainlandMobile(mobile)) ThrowInvalid(field, "must be an 11-digit mainland mobile number");
}
void CheckHousehold(const std::string& field, int64_t size) {
  if (size < 1 || size > kMaxHouseholdSize) ThrowInvalid(field, "must be 1 to 30 people");
}
void CheckIncome(const std::string& field, int64_t fen) {
  if (fen < 0) ThrowInvalid(field, "is required (fen per month, 0 or more)");
  if (fen > kMaxMonthlyIncomeFen) ThrowInvalid(field, "is implausibly large (fen, not yuan?)");
}
void CheckNotes(const std::string& field, const std::string& notes) {
  CheckText(field, notes, kMaxNoteCodePoints, false);
}

}  // namespace

int HardshipMask(const std::vector<int>& categories, const std::string& field) {
  if (categories.empty()) ThrowInvalid(field, "needs at least one hardship category");
  int mask = 0;
  for (int c : categories) {
    if (c < 1 || c > kWomanHardshipCount) ThrowInvalid(field, "holds a value that is not a WOMAN_HARDSHIP_");
    if (mask & (1 << c)) ThrowInvalid(field, "names a category twice");
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
  static const char* kNames[] = {"",
                                 "minimum_living_allowance",
                                 "extreme_hardship",
                                 "disabled",
                                 "single_mother",
                                 "left_behind",
                                 "serious_illness"};
  return category >= 1 && category <= kWomanHardshipCount ? kNames[category] : "";
}

ValidWoman ValidateWoman(const WomanApplication& a, std::chrono::year_month_day today, const std::string& p) {
  ValidWoman w;
  CheckName(p + "name", a.name);
  w.name = a.name;
  if (a.resident_id_number.empty()) ThrowInvalid(p + "resident_id_number", "is required");
  std::string why;
  auto id = ParseResidentId(a.resident_id_number, today, &why);
  if (!id) ThrowInvalid(p + "resident_id_number", why);
  if (id->sex != Sex::kFemale) ThrowInvalid(p + "resident_id_number", "sex digit is not female");
  w.resident_id_number = id->number;
  if (a.birth_date.empty()) ThrowInvalid(p + "birth_date", "is required (YYYY-MM-DD)");
  auto birth = ParseDate(a.birth_date);
  if (!birth) ThrowInvalid(p + "birth_date", "must be a real date as YYYY-MM-DD");
  if (*birth != id->birth_date) ThrowInvalid(p + "birth_date", "does not agree with the resident ID number");
  if (AgeOn(*birth, today) < kChildAgeLimit)
    ThrowInvalid(p + "birth_date", "is of a girl under 18: register her as a child");
  w.birth_date = *birth;
  if (!IsDivisionCode(a.division_code)) ThrowInvalid(p + "division_code", "must be a 12-digit division code");
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
    ThrowInvalid(p + "division_code", "must be a 12-digit division code");
  }
  if (c.mobile) CheckMobile(p + "mobile", *c.mobile);
  if (c.hardship_categories) c.hardship_mask = HardshipMask(*c.hardship_categories, p + "hardship_categories");
  if (c.household_size) CheckHousehold(p + "household_size", *c.household_size);
  if (c.monthly_income_fen) CheckIncome(p + "monthly_income_fen", *c.monthly_income_fen);
  if (c.notes) CheckNotes(p + "notes", *c.notes);
}

WomanDetails ApplyChanges(const WomanDetails& before, const WomanChanges& c) {
  WomanDetails after = before;
  if (c.name) after.name = *c.name;
  if (c.division_code) after.division_code = *c.division_code;
  if (c.hardship_mask) after.hardship_mask = *c.hardship_mask;
  if (c.household_size) after.household_size = static_cast<int>(*c.household_size);
  if (c.monthly_income_fen) after.monthly_income_fen = *c.monthly_income_fen;
  if (c.notes) after.notes = *c.notes;
  return after;
}

StatusChange DecideExit(const WomanRecord& w, int reason, const std::string& note) {
  auto r = static_cast<ExitReason>(reason);
  if (r != ExitReason::kMovedAway && r != ExitReason::kDeceased && r != ExitReason::kOutOfHardship &&
      r != ExitReason::kOther) {
    ThrowInvalid("reason", "must be EXIT_REASON_MOVED_AWAY, _DECEASED, _OUT_OF_HARDSHIP or _OTHER");
  }
  CheckNote(note, r == ExitReason::kOther);
  RequireStatusChange(w.status, PersonStatus::kExited, "she has already left the register");
  return {PersonStatus::kExited, r, note};
}

StatusChange DecideReactivate(const WomanRecord& w, const std::string& note) {
  CheckNote(note, true);
  RequireStatusChange(w.status, PersonStatus::kActive, "she is already on the register");
  return {PersonStatus::kActive, ExitReason::kNone, note};
}

Screening ValidateScreening(const ScreeningApplication& s, const WomanRecord& woman, std::chrono::year_month_day today,
                            const std::string& p) {
  auto on = ParseDate(s.screened_on);
  if (!on) ThrowInvalid(p + "screened_on", "must be a real date as YYYY-MM-DD");
  if (std::chrono::sys_days{*on} > std::chrono::sys_days{today}) ThrowInvalid(p + "screened_on", "is in the future");
  if (std::chrono::sys_days{*on} < std::chrono::sys_days{woman.birth_date}) {
    ThrowInvalid(p + "screened_on", "is before her birth");
  }
  if (s.type != 1 && s.type != 2) ThrowInvalid(p + "type", "must be SCREENING_TYPE_CERVICAL or SCREENING_TYPE_BREAST");
  if (s.result < 1 || s.result > 3) ThrowInvalid(p + "result", "must be NORMAL, SUSPECTED or CONFIRMED");
  if (auto why = text::CheckName(s.facility, 64)) ThrowInvalid(p + "facility", *why);
  Screening out;
  out.woman_id = woman.id;
  out.screened_on = *on;
  out.type = static_cast<ScreeningType>(s.type);
  out.result = static_cast<ScreeningResult>(s.result);
  out.facility = s.facility;
  return out;
}

}  // namespace carehub::registry
