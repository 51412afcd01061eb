#include "services/registry/domain/child.h"

#include <algorithm>

#include "common/errors.h"
#include "common/text.h"

namespace carehub::registry {
namespace {

ChildCategory CheckCategory(const std::string& field, int v) {
  if (v != 1 && v != 2) ThrowInvalid(field, "must be CHILD_CATEGORY_LEFT_BEHIND or CHILD_CATEGORY_IN_DIFFICULTY");
  return static_cast<ChildCategory>(v);
}
GuardianRelation CheckRelation(const std::string& field, int v) {
  if (v < 1 || v > 6) ThrowInvalid(field, "is required");
  return static_cast<GuardianRelation>(v);
}
void CheckMobile(const std::string& field, const std::string& v) {
  if (!IsMainlandMobile(v)) ThrowInvalid(field, "must be an 11-digit mainland mobile number");
}
ParentLocation CheckLocation(const std::string& field, int v) {
  if (v < 0 || v > 3) ThrowInvalid(field, "is not a PARENT_LOCATION_");
  return static_cast<ParentLocation>(v);
}
RiskLevel CheckRisk(const std::string& field, int v) {
  if (v < 1 || v > 3) ThrowInvalid(field, "is required (RISK_LEVEL_LOW, _MEDIUM or _HIGH)");
  return static_cast<RiskLevel>(v);
}
std::vector<int> CheckHardshipReasons(const std::string& field, std::vector<int> r) {
  for (int h : r) {
    if (h < 1 || h > 3) ThrowInvalid(field, "holds a value that is not a HARDSHIP_REASON_");
  }
  std::sort(r.begin(), r.end());
  if (std::adjacent_find(r.begin(), r.end()) != r.end()) ThrowInvalid(field, "names a reason twice");
  return r;
}

struct TextLimit {
  const char* field;
  size_t max;
  bool one_line;
};
constexpr TextLimit kAddress{"address", 200, true}, kSchool{"school", 64, true},
    kNotes{"notes", kMaxNoteCodePoints, false}, kFatherPlace{"father.place", 64, true},
    kMotherPlace{"mother.place", 64, true};
void CheckLimited(const std::string& p, const TextLimit& l, const std::string& v) {
  CheckText(p + l.field, v, l.max, l.one_line);
}

// The category rules on the child as it is (or will be): a left-behind child is under 16 (when
// `check_age`) and has its parents away; a child in difficulty has a hardship reason.
void CheckCategoryRules(const ChildDetails& c, bool check_age, std::chrono::year_month_day today,
                        const std::string& p) {
  if (c.category == ChildCategory::kLeftBehind) {
    if (check_age && AgeOn(c.birth_date, today) >= kLeftBehindAgeLimit) {
      ThrowInvalid(p + "category", "a left-behind child must be under 16");
    }
    if (!QualifiesAsLeftBehind(c.father_location, c.mother_location, c.guardian_able_to_care)) {
      ThrowInvalid(p + "category",
                   "a left-behind child needs both parents working away, or one away and a guardian unable to care");
    }
  } else if (c.hardship_reasons.empty()) {
    ThrowInvalid(p + "hardship_reasons", "a child in difficulty needs at least one hardship reason");
  }
}

}  // namespace

bool QualifiesAsLeftBehind(ParentLocation father, ParentLocation mother, bool guardian_able_to_care) {
  bool father_away = father == ParentLocation::kWorkingAway;
  bool mother_away = mother == ParentLocation::kWorkingAway;
  return (father_away && mother_away) || ((father_away || mother_away) && !guardian_able_to_care);
}

ValidChild ValidateChild(const ChildApplication& a, std::chrono::year_month_day today, const std::string& p) {
  ValidChild c;
  CheckName(p + "name", a.name);
  c.name = a.name;
  if (a.sex != 1 && a.sex != 2) ThrowInvalid(p + "sex", "must be SEX_MALE or SEX_FEMALE");
  c.sex = static_cast<Sex>(a.sex);
  if (a.resident_id_number.empty()) ThrowInvalid(p + "resident_id_number", "is required");
  std::string why;
  auto id = ParseResidentId(a.resident_id_number, today, &why);
  if (!id) ThrowInvalid(p + "resident_id_number", why);
  if (id->sex != c.sex) ThrowInvalid(p + "resident_id_number", "sex digit does not agree with the stated sex");
  c.resident_id_number = id->number;
  if (a.birth_date.empty()) ThrowInvalid(p + "birth_date", "is required (YYYY-MM-DD)");
  auto birth = ParseDate(a.birth_date);
  if (!birth) ThrowInvalid(p + "birth_date", "must be a real date as YYYY-MM-DD");
  if (*birth != id->birth_date) ThrowInvalid(p + "birth_date", "does not agree with the resident ID number");
  c.birth_date = *birth;
  if (AgeOn(c.birth_date, today) >= kChildAgeLimit) ThrowInvalid(p + "birth_date", "is of an adult, not a child");
  if (!IsDivisionCode(a.division_code)) ThrowInvalid(p + "division_code", "must be a 12-digit division code");
  c.division_code = a.division_code;
  c.category = CheckCategory(p + "category", a.category);
  if (c.category == ChildCategory::kLeftBehind && AgeOn(c.birth_date, today) >= kLeftBehindAgeLimit) {
    ThrowInvalid(p + "category", "a left-behind child must be under 16");
  }
  CheckName(p + "guardian.name", a.guardian_name);
  c.guardian_name = a.guardian_name;
  c.guardian_relation = CheckRelation(p + "guardian.relation", a.guardian_relation);
  CheckMobile(p + "guardian.mobile", a.guardian_mobile);
  c.guardian_mobile = a.guardian_mobile;
  c.guardian_able_to_care = a.guardian_able_to_care;
  for (const auto& [limit, value] : {std::pair{kAddress, &a.address},
                                     {kSchool, &a.school},
                                     {kNotes, &a.notes},
                                     {kFatherPlace, &a.father_place},
                                     {kMotherPlace, &a.mother_place}}) {
    CheckLimited(p, limit, *value);
  }
  c.address = a.address, c.school = a.school, c.notes = a.notes;
  c.father_place = a.father_place, c.mother_place = a.mother_place;
  c.hardship_reasons = CheckHardshipReasons(p + "hardship_reasons", a.hardship_reasons);
  c.father_location = CheckLocation(p + "father.location", a.father_location);
  c.mother_location = CheckLocation(p + "mother.location", a.mother_location);
  CheckCategoryRules(c, /*check_age=*/false, today, p);  // the age was checked above, first
  c.risk_level = CheckRisk(p + "risk_level", a.risk_level);
  return c;
}

void ValidateChanges(ChildChanges& c, const ChildDetails& stored, std::chrono::year_month_day today,
                     const std::string& p) {
  if (c.name) CheckName(p + "name", *c.name);
  if (c.category) CheckCategory(p + "category", *c.category);
  if (c.division_code && !IsDivisionCode(*c.division_code)) {
    ThrowInvalid(p + "division_code", "must be a 12-digit division code");
  }
  if (c.guardian_name) CheckName(p + "guardian.name", *c.guardian_name);
  if (c.guardian_relation) CheckRelation(p + "guardian.relation", *c.guardian_relation);
  if (c.guardian_mobile) CheckMobile(p + "guardian.mobile", *c.guardian_mobile);
  for (const auto& [limit, value] : {std::pair{kAddress, &c.address},
                                     {kSchool, &c.school},
                                     {kNotes, &c.notes},
                                     {kFatherPlace, &c.father_place},
                                     {kMotherPlace, &c.mother_place}}) {
    if (*value) CheckLimited(p, limit, **value);
  }
  if (c.risk_level && (*c.risk_level < 1 || *c.risk_level > 3)) {
    ThrowInvalid(p + "risk_level", "must be RISK_LEVEL_LOW, _MEDIUM or _HIGH");
  }
  if (c.father_location) CheckLocation(p + "father.location", *c.father_location);
  if (c.mother_location) CheckLocation(p + "mother.location", *c.mother_location);
  if (c.hardship_reasons) c.hardship_reasons = CheckHardshipReasons(p + "hardship_reasons", *c.hardship_reasons);
  // The category rules hold for the child as it will be, checked when the change touches what
  // they depend on (records from before these facts were kept stay editable otherwise).
  if (c.category || c.father_location || c.mother_location || c.guardian_able_to_care || c.hardship_reasons) {
    CheckCategoryRules(ApplyChanges(stored, c), /*check_age=*/c.category.has_value(), today, p);
  }
}

ChildDetails ApplyChanges(const ChildDetails& before, const ChildChanges& c) {
  ChildDetails after = before;
  auto set = [](auto& field, const auto& change) {
    if (change) field = *change;
  };
  auto set_enum = [](auto& field, const std::optional<int>& change) {
    if (change) field = static_cast<std::remove_reference_t<decltype(field)>>(*change);
  };
  set(after.name, c.name);
  set_enum(after.category, c.category);
  set(after.division_code, c.division_code);
  set(after.guardian_name, c.guardian_name);
  set_enum(after.guardian_relation, c.guardian_relation);
  set(after.guardian_able_to_care, c.guardian_able_to_care);
  set(after.address, c.address);
  set(after.school, c.school);
  set(after.notes, c.notes);
  set_enum(after.risk_level, c.risk_level);
  set(after.hardship_reasons, c.hardship_reasons);
  set_enum(after.father_location, c.father_location);
  set(after.father_place, c.father_place);
  set_enum(after.mother_location, c.mother_location);
  set(after.mother_place, c.mother_place);
  return after;
}

StatusChange DecideExit(const ChildRecord& c, int reason, const std::string& note, std::chrono::year_month_day today) {
  if (reason < 1 || reason > 5) ThrowInvalid("reason", "must be one of the EXIT_REASON_ values");
  auto r = static_cast<ExitReason>(reason);
  CheckNote(note, r == ExitReason::kOther);
  RequireStatusChange(c.status, PersonStatus::kExited, "the child has already left the register");
  if (r == ExitReason::kTurned16 &&
      (c.category != ChildCategory::kLeftBehind || AgeOn(c.birth_date, today) < kLeftBehindAgeLimit)) {
    Throw(ErrorCode::kFailedPrecondition, "reason",
          "only a left-behind child who has turned 16 leaves for that reason");
  }
  return {PersonStatus::kExited, r, note};
}

StatusChange DecideReactivate(const ChildRecord& c, const std::string& note, std::chrono::year_month_day today) {
  CheckNote(note, true);
  RequireStatusChange(c.status, PersonStatus::kActive, "the child is already on the register");
  int age = AgeOn(c.birth_date, today);
  if ((c.category == ChildCategory::kLeftBehind && age >= kLeftBehindAgeLimit) || age >= kChildAgeLimit) {
    Throw(ErrorCode::kFailedPrecondition, "id", "the child is past the age this category covers");
  }
  return {PersonStatus::kActive, ExitReason::kNone, note};
}

std::chrono::year_month_day TurnedSixteenCutoff(std::chrono::year_month_day today) {
  using namespace std::chrono;
  year_month_day cutoff = today - years{kLeftBehindAgeLimit};
  // 29 February: the birthday falls on 1 March in common years; the day before still counts.
  if (!cutoff.ok()) cutoff = year_month_day{cutoff.year(), cutoff.month(), day{28}};
  return cutoff;
}

}  // namespace carehub::registry
