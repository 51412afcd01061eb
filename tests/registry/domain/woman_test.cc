// The women's rules, tested directly as the children's are.
#include "services/registry/domain/woman.h"

#include <gtest/gtest.h>

#include "common/errors.h"
#include "common/resident_id.h"

namespace carehub::registry {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
const std::chrono::year_month_day kToday{year{2026}, month{11}, day{22}};

WomanApplication Valid() {
  WomanApplication a;
  a.name = "李秀英";
  a.birth_date = "1985-06-01";
  a.resident_id_number = std::string("50011619850601122") + ResidentIdCheckChar("50011619850601122");
  a.division_code = "500116001001";
  a.hardship_categories = {1, 4};
  a.household_size = 3;
  a.monthly_income_fen = 120000;
  return a;
}

std::string FieldOf(const WomanApplication& a) {
  try {
    ValidateWoman(a, kToday);
  } catch (const DomainError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidArgument);
    return e.field();
  }
  return "";
}

TEST(WomanRules, EachBrokenRuleNamesItsField) {
  EXPECT_EQ(FieldOf(Valid()), "");
  auto a = Valid();
  a.name = "";
  EXPECT_EQ(FieldOf(a), "woman.name");
  a = Valid();
  a.resident_id_number = std::string("50011619850601123") + ResidentIdCheckChar("50011619850601123");
  EXPECT_EQ(FieldOf(a), "woman.resident_id_number");  // a man's sex digit
  a = Valid();
  a.birth_date = "1985-06-02";
  EXPECT_EQ(FieldOf(a), "woman.birth_date");
  a = Valid();
  a.division_code = "5001";
  EXPECT_EQ(FieldOf(a), "woman.division_code");
  a = Valid();
  a.mobile = "12345";
  EXPECT_EQ(FieldOf(a), "woman.mobile");
  a = Valid();
  a.hardship_categories = {};
  EXPECT_EQ(FieldOf(a), "woman.hardship_categories");
  a = Valid();
  a.hardship_categories = {2, 2};
  EXPECT_EQ(FieldOf(a), "woman.hardship_categories");
  a = Valid();
  a.hardship_categories = {7};
  EXPECT_EQ(FieldOf(a), "woman.hardship_categories");
  a = Valid();
  a.household_size = 0;
  EXPECT_EQ(FieldOf(a), "woman.household_size");
  a = Valid();
  a.monthly_income_fen = -1;
  EXPECT_EQ(FieldOf(a), "woman.monthly_income_fen");
  a = Valid();
  a.monthly_income_fen = kMaxMonthlyIncomeFen + 1;
  EXPECT_EQ(FieldOf(a), "woman.monthly_income_fen");
  a = Valid();
  a.notes = std::string(501, 'x');
  EXPECT_EQ(FieldOf(a), "woman.notes");
}

TEST(WomanRules, AGirlUnderEighteenIsAChild) {
  auto a = Valid();
  a.birth_date = "2010-01-01";
  a.resident_id_number = std::string("50011620100101122") + ResidentIdCheckChar("50011620100101122");
  EXPECT_EQ(FieldOf(a), "woman.birth_date");
}

TEST(WomanRules, LeavingAndReturningFollowHerStatus) {
  WomanRecord w;
  EXPECT_THROW(DecideExit(w, static_cast<int>(ExitReason::kTurned16), ""), DomainError);  // a child's reason
  EXPECT_THROW(DecideExit(w, static_cast<int>(ExitReason::kOther), " "), DomainError);    // other needs a note
  auto change = DecideExit(w, static_cast<int>(ExitReason::kOutOfHardship), "");
  EXPECT_EQ(change.to, PersonStatus::kExited);
  w.status = PersonStatus::kExited;
  try {
    DecideExit(w, static_cast<int>(ExitReason::kMovedAway), "");
    ADD_FAILURE();
  } catch (const DomainError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kFailedPrecondition);
  }
  EXPECT_THROW(DecideReactivate(w, ""), DomainError);  // a return needs its reason written down
  EXPECT_EQ(DecideReactivate(w, "回到低保户名单").to, PersonStatus::kActive);
}

TEST(WomanRules, ScreeningsAreCheckedAgainstHerAndToday) {
  WomanRecord w;
  w.id = "wm_x";
  w.birth_date = *ParseDate("1985-06-01");
  auto field = [&](ScreeningApplication s) {
    try {
      ValidateScreening(s, w, kToday);
    } catch (const DomainError& e) {
      return e.field();
    }
    return std::string();
  };
  EXPECT_EQ(field({"2026-05-01", 1, 3, "江津区妇幼保健院"}), "");
  EXPECT_EQ(field({"2026-12-01", 1, 3, "江津区妇幼保健院"}), "screening.screened_on");
  EXPECT_EQ(field({"1980-01-01", 1, 3, "江津区妇幼保健院"}), "screening.screened_on");
  EXPECT_EQ(field({"2026-05-01", 3, 3, "江津区妇幼保健院"}), "screening.type");
  EXPECT_EQ(field({"2026-05-01", 1, 0, "江津区妇幼保健院"}), "screening.result");
  EXPECT_EQ(field({"2026-05-01", 1, 1, ""}), "screening.facility");
}

TEST(WomanRules, HardshipCategoriesRoundTripAsABitSet) {
  int mask = HardshipMask({4, 1}, "f");
  EXPECT_EQ(HardshipList(mask), (std::vector<int>{1, 4}));
  EXPECT_STREQ(HardshipName(4), "single_mother");
}

}  // namespace
}  // namespace carehub::registry
