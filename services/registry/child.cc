#include "services/registry/child.h"

#include "common/reach.h"
#include "common/text.h"

namespace carehub::registry {
namespace {
[[noreturn]] void Invalid(const std::string& field, const std::string& why) {
  throw DomainError(ErrorCode::kInvalidArgument, field, why);
}
void CheckName(const std::string& field, const std::string& value) {
  if (auto why = text::CheckName(value, kMaxNameCodePoints)) Invalid(field, *why);
}
}  // namespace

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
  return c;
}

namespace {
void CheckNote(const std::string& note, bool required) {
  if (required && note.find_first_not_of(" \t\r\n") == std::string::npos) Invalid("note", "is required");
  if (!text::IsValidUtf8(note)) Invalid("note", "must be valid UTF-8");
  if (text::CodePoints(note) > kMaxNoteCodePoints) Invalid("note", "is too long (500 characters at most)");
}
}  // namespace

void ValidateChanges(const ChildChanges& c, std::chrono::year_month_day birth, std::chrono::year_month_day today,
                     const std::string& p) {
  if (c.name) CheckName(p + "name", *c.name);
  if (c.category) {
    if (*c.category != 1 && *c.category != 2) {
      Invalid(p + "category", "must be CHILD_CATEGORY_LEFT_BEHIND or CHILD_CATEGORY_IN_DIFFICULTY");
    }
    if (*c.category == 1 && AgeOn(birth, today) >= kLeftBehindAgeLimit) {
      Invalid(p + "category", "a left-behind child must be under 16");
    }
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
