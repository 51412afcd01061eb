#include <gtest/gtest.h>

#include "services/registry/domain/child.h"
#include "services/registry/domain/permissions.h"

namespace carehub::registry {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
const std::chrono::year_month_day kToday{year{2026}, month{11}, day{22}};

ChildApplication Valid() {
  ChildApplication a;
  a.name = "张小明";
  a.sex = 1;
  a.birth_date = "2015-03-04";
  a.resident_id_number = std::string("50011620150304123") + ResidentIdCheckChar("50011620150304123");
  a.division_code = "500116001001";
  a.category = 1;
  a.guardian_name = "张奶奶";
  a.guardian_relation = 3;
  a.guardian_mobile = "13812345678";
  a.father_location = 2;
  a.mother_location = 2;
  a.risk_level = 1;
  return a;
}

std::string FieldOf(const ChildApplication& a) {
  try {
    ValidateChild(a, kToday);
  } catch (const DomainError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidArgument);
    return e.field();
  }
  return "";
}

TEST(ChildRules, ValidApplicationPasses) { EXPECT_EQ(FieldOf(Valid()), ""); }

TEST(ChildRules, EachBrokenRuleNamesItsField) {
  auto a = Valid();
  a.name = "";
  EXPECT_EQ(FieldOf(a), "child.name");
  a = Valid();
  a.name = std::string(10 * 1024, 'a');
  EXPECT_EQ(FieldOf(a), "child.name");
  a = Valid();
  a.name = "\xff\xfe";
  EXPECT_EQ(FieldOf(a), "child.name");
  a = Valid();
  a.name = "a\nb";
  EXPECT_EQ(FieldOf(a), "child.name");
  a = Valid();
  a.sex = 7;
  EXPECT_EQ(FieldOf(a), "child.sex");
  a = Valid();
  a.sex = 2;
  EXPECT_EQ(FieldOf(a), "child.resident_id_number");  // sex digit disagrees
  a = Valid();
  a.birth_date = "2015-03-05";
  EXPECT_EQ(FieldOf(a), "child.birth_date");
  a = Valid();
  a.division_code = "50011600100";
  EXPECT_EQ(FieldOf(a), "child.division_code");
  a = Valid();
  a.division_code = "50011600100A";
  EXPECT_EQ(FieldOf(a), "child.division_code");
  a = Valid();
  a.category = 0;
  EXPECT_EQ(FieldOf(a), "child.category");
  a = Valid();
  a.category = 99;
  EXPECT_EQ(FieldOf(a), "child.category");
  a = Valid();
  a.guardian_relation = 0;
  EXPECT_EQ(FieldOf(a), "child.guardian.relation");
  a = Valid();
  a.guardian_mobile = "12812345678";
  EXPECT_EQ(FieldOf(a), "child.guardian.mobile");
  a = Valid();
  a.guardian_mobile = "1381234567";
  EXPECT_EQ(FieldOf(a), "child.guardian.mobile");
}

TEST(ChildRules, LeftBehindNeedsParentsAwayOrAGuardianUnableToCare) {
  auto a = Valid();
  a.mother_location = 1;  // mother at home
  a.guardian_able_to_care = true;
  EXPECT_EQ(FieldOf(a), "child.category");
  a.guardian_able_to_care = false;  // one away, the guardian at home cannot care
  EXPECT_EQ(FieldOf(a), "");
  a.father_location = 1;  // both at home
  EXPECT_EQ(FieldOf(a), "child.category");
  a.category = 2;  // in difficulty: needs a hardship reason instead
  EXPECT_EQ(FieldOf(a), "child.hardship_reasons");
  a.hardship_reasons = {3, 1};
  EXPECT_EQ(FieldOf(a), "");
  a.hardship_reasons = {1, 1};
  EXPECT_EQ(FieldOf(a), "child.hardship_reasons");
  a.hardship_reasons = {7};
  EXPECT_EQ(FieldOf(a), "child.hardship_reasons");
}

TEST(ChildRules, DetailsAreChecked) {
  auto a = Valid();
  a.risk_level = 0;
  EXPECT_EQ(FieldOf(a), "child.risk_level");
  a = Valid();
  a.risk_level = 4;
  EXPECT_EQ(FieldOf(a), "child.risk_level");
  a = Valid();
  a.address = std::string(201, 'x');
  EXPECT_EQ(FieldOf(a), "child.address");
  a = Valid();
  a.school = "a\nb";
  EXPECT_EQ(FieldOf(a), "child.school");
  a = Valid();
  a.notes = std::string(501, 'x');
  EXPECT_EQ(FieldOf(a), "child.notes");
  a = Valid();
  a.father_location = 9;
  EXPECT_EQ(FieldOf(a), "child.father.location");
  a = Valid();
  a.mother_place = "\xff";
  EXPECT_EQ(FieldOf(a), "child.mother.place");
}

TEST(ChildRules, LeftBehindMustBeUnderSixteen) {
  auto a = Valid();
  a.birth_date = "2010-11-22";  // sixteen today
  a.resident_id_number = std::string("50011620101122123") + ResidentIdCheckChar("50011620101122123");
  EXPECT_EQ(FieldOf(a), "child.category");
  a.category = 2;  // in difficulty: children up to 18
  a.hardship_reasons = {1};
  EXPECT_EQ(FieldOf(a), "");
}

TEST(ChildRules, AdultsAreNotChildren) {
  auto a = Valid();
  a.category = 2;
  a.hardship_reasons = {1};
  a.birth_date = "2008-11-22";
  a.resident_id_number = std::string("50011620081122123") + ResidentIdCheckChar("50011620081122123");
  EXPECT_EQ(FieldOf(a), "child.birth_date");
}

TEST(ChildRules, Roles) {
  Caller officer{"o", {"officer"}, ""};
  Caller auditor{"a", {"auditor"}, ""};
  Caller integration{"i", {"integration"}, ""};
  EXPECT_TRUE(CanRegisterChildren(officer));
  EXPECT_FALSE(CanRegisterChildren(auditor));
  EXPECT_TRUE(CanReadChildren(auditor));
  EXPECT_FALSE(CanReadChildren(integration));
}

}  // namespace
}  // namespace carehub::registry
