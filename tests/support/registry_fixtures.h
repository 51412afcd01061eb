#pragma once
// Valid children for tests: real check characters, distinct ID numbers on demand.
#include <string>

#include "carehub/registry/v1/registry_service.pb.h"
#include "common/resident_id.h"

namespace carehub::testing {

// A valid resident ID number born on `birth` (YYYYMMDD) with sequence `seq` (0..999; odd = male).
inline std::string IdNumber(const std::string& birth, int seq, const std::string& division6 = "500116") {
  char s[16];
  std::snprintf(s, sizeof s, "%03d", seq % 1000);
  std::string first17 = division6 + birth + s;
  return first17 + ResidentIdCheckChar(first17);
}

// The n-th distinct valid boy for a division (n < 1,000,000).
inline registry::v1::Child ChildProto(int n, const std::string& division = "500116001001") {
  registry::v1::Child c;
  c.set_name("测试儿童" + std::to_string(n));
  c.set_sex(registry::v1::SEX_MALE);
  int day = 1 + n % 28, month = 1 + (n / 28) % 12, year = 2012 + (n / 336) % 3;
  char date[32], compact[32];
  std::snprintf(date, sizeof date, "%04d-%02d-%02d", year, month, day);
  std::snprintf(compact, sizeof compact, "%04d%02d%02d", year, month, day);
  c.set_birth_date(date);
  int seq = (n / 1008) * 2 + 1;  // odd: male; distinct per (date, n)
  c.set_resident_id_number(IdNumber(compact, seq, division.substr(0, 6)));
  c.set_division_code(division);
  c.set_category(registry::v1::CHILD_CATEGORY_LEFT_BEHIND);
  c.mutable_guardian()->set_name("监护人" + std::to_string(n));
  c.mutable_guardian()->set_relation(registry::v1::GUARDIAN_RELATION_GRANDPARENT);
  c.mutable_guardian()->set_mobile("13812345678");
  c.mutable_father()->set_location(registry::v1::PARENT_LOCATION_WORKING_AWAY);
  c.mutable_father()->set_place("广东东莞");
  c.mutable_mother()->set_location(registry::v1::PARENT_LOCATION_WORKING_AWAY);
  c.set_risk_level(registry::v1::RISK_LEVEL_LOW);
  c.set_address("重庆市江津区某村");
  return c;
}

// The n-th distinct valid woman for a division (n < 1,000,000), born in the 1980s.
inline registry::v1::Woman WomanProto(int n, const std::string& division = "500116001001") {
  registry::v1::Woman w;
  w.set_name("测试妇女" + std::to_string(n));
  int day = 1 + n % 28, month = 1 + (n / 28) % 12, year = 1980 + (n / 336) % 10;
  char date[32], compact[32];
  std::snprintf(date, sizeof date, "%04d-%02d-%02d", year, month, day);
  std::snprintf(compact, sizeof compact, "%04d%02d%02d", year, month, day);
  w.set_birth_date(date);
  w.set_resident_id_number(IdNumber(compact, (n / 3360) * 2, division.substr(0, 6)));  // even: female
  w.set_division_code(division);
  w.set_mobile("13912345678");
  w.add_hardship_categories(registry::v1::WOMAN_HARDSHIP_MINIMUM_LIVING_ALLOWANCE);
  w.add_hardship_categories(registry::v1::WOMAN_HARDSHIP_SINGLE_MOTHER);
  w.set_household_size(3);
  w.set_monthly_income_fen(120000);
  return w;
}

}  // namespace carehub::testing
