#include "services/registry/child.h"

#include <algorithm>

#include "common/reach.h"
#include "common/text.h"

namespace carehub::registry {
namespace {
[[noreturn]] void Invalid(const std::string& field, const std::string& why) {
  throw DomainError(ErrorCode::kInvalidArgument, field, why);
}
}  // namespace

void CheckName(const std::string& field, const std::string& value) {
  if (auto why = text::CheckName(value, kMaxNameCodePoints)) Invalid(field, *why);
}

bool IsDivisionCode(std::string_view code) { return code.size() == 12 && text::IsDigits(code); }

bool IsMainlandMobile(std::string_view m) {
  return m.size() == 11 && text::IsDigits(m) && m[0] == '1' && m[1] >= '3' && m[1] <= '9';
}

ValidChild ValidateChild(const ChildApplication& a, std::chrono::year_month_day today, const std::string& p) {
  ValidChild c;
  CheckName(p + "name", a.name);
  c.name = a.name;

  if (a.sex != 1 && a.sex != 2) Invalid(p + "sex", "must be SEX_MALE or SEX_FEMALE");
  c.sex = static_cast<Sex>(a.sex);

  if (a.resident_id_number.empty()) Invalid(p + "resident_id_number", "is required");
  std::string why;
  auto id = ParseResidentId(a.resident_id_number, today, &why);
  if (!id) Invalid(p + "resident_id_number", why);
  if (id->sex != c.sex) Invalid(p + "resident_id_number", "sex digit does not agree with the stated sex");
  c.resident_id_number = id->number;

  if (a.birth_date.empty()) Invalid(p + "birth_date", "is required (YYYY-MM-DD)");
  auto birth = ParseDate(a.birth_date);
  if (!birth) Invalid(p + "birth_date", "must be a real date as YYYY-MM-DD");
  if (*birth != id->birth_date) Invalid(p + "birth_date", "does not agree with the resident ID number");
  c.birth_date = *birth;
  if (AgeOn(c.birth_date, today) >= kChildAgeLimit) Invalid(p + "birth_date", "is of an adult, not a child");

  if (!IsDivisionCode(a.division_code)) Invalid(p + "division_code", "must be a 12-digit division code");
  c.division_code = a.division_code;

  if (a.category != 1 && a.category != 2) {
    Invalid(p + "category", "must be CHILD_CATEGORY_LEFT_BEHIND or CHILD_CATEGORY_IN_DIFFICULTY");
  }
  c.category = static_cast<ChildCategory>(a.category);
  if (c.category == ChildCategory::kLeftBehind && AgeOn(c.birth_date, today) >= kLeftBehindAgeLimit) {
    Invalid(p + "category", "a left-behind child must be under 16");
  }

  CheckName(p + "guardian.name", a.guardian_name);
  c.guardian_name = a.guardian_name;
  if (a.guardian_relation < 1 || a.guardian_relation > 6) Invalid(p + "guardian.relation", "is required");
  c.guardian_relation = static_cast<GuardianRelation>(a.guardian_relation);
  if (!IsMainlandMobile(a.guardian_mobile)) {
    Invalid(p + "guardian.mobile", "must be an 11-digit mainland mobile number");
  }
  c.guardian_mobile = a.guardian_mobile;
  c.guardian_able_to_care = a.guardian_able_to_care;

  auto optional_text = [&](const std::string& field, const std::string& value, size_t max) {
    if (value.empty()) return;
    if (!text::IsValidUtf8(value)) Invalid(p + field, "must be valid UTF-8");
    if (text::CodePoints(value) > max) Invalid(p + field, "is too long (" + std::to_string(max) + " characters at most)");
  };
  optional_text("address", a.address, 200);
  optional_text("school", a.school, 64);
  optional_text("notes", a.notes, kMaxNoteCodePoints);
  optional_text("father.place", a.father_place, 64);
  optional_text("mother.place", a.mother_place, 64);
  if (!text::HasNoControlChars(a.address) || !text::HasNoControlChars(a.school)) {
    Invalid(p + (text::HasNoControlChars(a.address) ? "school" : "address"), "must be one line");
  }
  c.address = a.address;
  c.school = a.school;
  c.notes = a.notes;
  c.father_place = a.father_place;
  c.mother_place = a.mother_place;

  for (int r : a.hardship_reasons) {
    if (r < 1 || r > 3) Invalid(p + "hardship_reasons", "holds a value that is not a HARDSHIP_REASON_");
  }
  c.hardship_reasons = a.hardship_reasons;
  std::sort(c.hardship_reasons.begin(), c.hardship_reasons.end());
  if (std::adjacent_find(c.hardship_reasons.begin(), c.hardship_reasons.end()) != c.hardship_reasons.end()) {
    Invalid(p + "hardship_reasons", "names a reason twice");
  }
  if (c.category == ChildCategory::kInDifficulty && c.hardship_reasons.empty()) {
    Invalid(p + "hardship_reasons", "a child in difficulty needs at least one hardship reason");
  }
  if (a.father_location < 0 || a.father_location > 3) Invalid(p + "father.location", "is not a PARENT_LOCATION_");
  if (a.mother_location < 0 || a.mother_location > 3) Invalid(p + "mother.location", "is not a PARENT_LOCATION_");
  c.father_location = static_cast<ParentLocation>(a.father_location);
  c.mother_location = static_cast<ParentLocation>(a.mother_location);
  if (c.category == ChildCategory::kLeftBehind &&
      !QualifiesAsLeftBehind(c.father_location, c.mother_location, c.guardian_able_to_care)) {
    Invalid(p + "category",
            "a left-behind child needs both parents working away, or one away and a guardian unable to care");
  }
  if (a.risk_level < 1 || a.risk_level > 3) Invalid(p + "risk_level", "is required (RISK_LEVEL_LOW, _MEDIUM or _HIGH)");
  c.risk_level = static_cast<RiskLevel>(a.risk_level);
  return c;
}

bool QualifiesAsLeftBehind(ParentLocation father, ParentLocation mother, bool guardian_able_to_care) {
  bool father_away = father == ParentLocation::kWorkingAway;
  bool mother_away = mother == ParentLocation::kWorkingAway;
  return (father_away && mother_away) || ((father_away || mother_away) && !guardian_able_to_care);
}

void CheckNote(const std::string& note, bool required) {
  if (required && note.find_first_not_of(" \t\r\n") == std::string::npos) Invalid("note", "is required");
  if (!text::IsValidUtf8(note)) Invalid("note", "must be valid UTF-8");
  if (text::CodePoints(note) > kMaxNoteCodePoints) Invalid("note", "is too long (500 characters at most)");
}

void ValidateChanges(ChildChanges& c, const StoredChildFacts& stored, std::chrono::year_month_day today,
                     const std::string& p) {
  if (c.name) CheckName(p + "name", *c.name);
  if (c.category && *c.category != 1 && *c.category != 2) {
    Invalid(p + "category", "must be CHILD_CATEGORY_LEFT_BEHIND or CHILD_CATEGORY_IN_DIFFICULTY");
  }
  if (c.division_code && !IsDivisionCode(*c.division_code)) {
    Invalid(p + "division_code", "must be a 12-digit division code");
  }
  if (c.guardian_name) CheckName(p + "guardian.name", *c.guardian_name);
  if (c.guardian_relation && (*c.guardian_relation < 1 || *c.guardian_relation > 6)) {
    Invalid(p + "guardian.relation", "is required");
  }
  if (c.guardian_mobile && !IsMainlandMobile(*c.guardian_mobile)) {
    Invalid(p + "guardian.mobile", "must be an 11-digit mainland mobile number");
  }
  auto text_field = [&](const char* field, const std::optional<std::string>& v, size_t max, bool one_line) {
    if (!v) return;
    if (!text::IsValidUtf8(*v)) Invalid(p + field, "must be valid UTF-8");
    if (text::CodePoints(*v) > max) Invalid(p + field, "is too long (" + std::to_string(max) + " characters at most)");
    if (one_line && !text::HasNoControlChars(*v)) Invalid(p + field, "must be one line");
  };
  text_field("address", c.address, 200, true);
  text_field("school", c.school, 64, true);
  text_field("notes", c.notes, kMaxNoteCodePoints, false);
  text_field("father.place", c.father_place, 64, true);
  text_field("mother.place", c.mother_place, 64, true);
  if (c.risk_level && (*c.risk_level < 1 || *c.risk_level > 3)) {
    Invalid(p + "risk_level", "must be RISK_LEVEL_LOW, _MEDIUM or _HIGH");
  }
  for (auto* loc : {&c.father_location, &c.mother_location}) {
    if (*loc && (**loc < 0 || **loc > 3)) {
      Invalid(p + (loc == &c.father_location ? "father.location" : "mother.location"), "is not a PARENT_LOCATION_");
    }
  }
  if (c.hardship_reasons) {
    auto& r = *c.hardship_reasons;
    for (int h : r) {
      if (h < 1 || h > 3) Invalid(p + "hardship_reasons", "holds a value that is not a HARDSHIP_REASON_");
    }
    std::sort(r.begin(), r.end());
    if (std::adjacent_find(r.begin(), r.end()) != r.end()) Invalid(p + "hardship_reasons", "names a reason twice");
  }
  // The category rules hold for the child as it will be, checked when the change touches what
  // they depend on (records from before these facts were kept stay editable otherwise).
  if (!c.category && !c.father_location && !c.mother_location && !c.guardian_able_to_care && !c.hardship_reasons) {
    return;
  }
  int category = c.category.value_or(stored.category);
  if (category == 1) {
    if (c.category && AgeOn(stored.birth_date, today) >= kLeftBehindAgeLimit) {
      Invalid(p + "category", "a left-behind child must be under 16");
    }
    auto father = static_cast<ParentLocation>(c.father_location.value_or(stored.father_location));
    auto mother = static_cast<ParentLocation>(c.mother_location.value_or(stored.mother_location));
    if (!QualifiesAsLeftBehind(father, mother, c.guardian_able_to_care.value_or(stored.guardian_able_to_care))) {
      Invalid(p + "category",
              "a left-behind child needs both parents working away, or one away and a guardian unable to care");
    }
  } else if (c.hardship_reasons.value_or(stored.hardship_reasons).empty()) {
    Invalid(p + "hardship_reasons", "a child in difficulty needs at least one hardship reason");
  }
}

ExitReason CheckExit(ChildStatus current, ChildCategory category, std::chrono::year_month_day birth, int reason,
                     const std::string& note, std::chrono::year_month_day today) {
  if (reason < 1 || reason > 5) Invalid("reason", "must be one of the EXIT_REASON_ values");
  auto r = static_cast<ExitReason>(reason);
  CheckNote(note, r == ExitReason::kOther);
  if (current == ChildStatus::kExited) {
    throw DomainError(ErrorCode::kFailedPrecondition, "id", "the child has already left the register");
  }
  if (r == ExitReason::kTurned16 && (category != ChildCategory::kLeftBehind || AgeOn(birth, today) < 16)) {
    throw DomainError(ErrorCode::kFailedPrecondition, "reason",
                      "only a left-behind child who has turned 16 leaves for that reason");
  }
  return r;
}

void CheckReactivate(ChildStatus current, ChildCategory category, std::chrono::year_month_day birth,
                     const std::string& note, std::chrono::year_month_day today) {
  CheckNote(note, true);
  if (current == ChildStatus::kActive) {
    throw DomainError(ErrorCode::kFailedPrecondition, "id", "the child is already on the register");
  }
  int age = AgeOn(birth, today);
  if ((category == ChildCategory::kLeftBehind && age >= kLeftBehindAgeLimit) || age >= kChildAgeLimit) {
    throw DomainError(ErrorCode::kFailedPrecondition, "id", "the child is past the age this category covers");
  }
}

std::chrono::year_month_day TurnedSixteenCutoff(std::chrono::year_month_day today) {
  using namespace std::chrono;
  year_month_day cutoff = today - years{kLeftBehindAgeLimit};
  // 29 February: the birthday falls on 1 March in common years; the day before still counts.
  if (!cutoff.ok()) cutoff = year_month_day{cutoff.year(), cutoff.month(), day{28}};
  return cutoff;
}

bool CanRegisterChildren(const Principal& p) { return p.HasAnyRole({"admin", "officer"}); }

bool CanReadChildren(const Principal& p) {
  return p.HasAnyRole({"admin", "officer", "auditor", "approver", "finance", "coordinator"});
}

}  // namespace carehub::registry
