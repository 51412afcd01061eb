#include "common/resident_id.h"

#include <gtest/gtest.h>

namespace carehub::registry {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

const std::chrono::year_month_day kToday{year{2026}, month{11}, day{22}};

// Builds a valid number from 17 digits by appending the check character.
std::string WithCheck(const std::string& first17) { return first17 + ResidentIdCheckChar(first17); }

TEST(ResidentId, AcceptsValidNumberAndReadsIt) {
  std::string why;
  auto id = ParseResidentId(WithCheck("50011620150304123"), kToday, &why);
  ASSERT_TRUE(id) << why;
  EXPECT_EQ(id->birth_date, (std::chrono::year_month_day{year{2015}, month{3}, day{4}}));
  EXPECT_EQ(id->sex, Sex::kMale);  // 17th digit 3 is odd
  EXPECT_EQ(id->birth_division, "500116");
}

TEST(ResidentId, KnownPublishedExampleChecks) {
  // The standard's worked example: 11010519491231002X (female, check X).
  std::string why;
  auto id = ParseResidentId("11010519491231002X", kToday, &why);
  ASSERT_TRUE(id) << why;
  EXPECT_EQ(id->sex, Sex::kFemale);
}

TEST(ResidentId, LowercaseXIsAcceptedAndNormalised) {
  std::string why;
  auto id = ParseResidentId("11010519491231002x", kToday, &why);
  ASSERT_TRUE(id) << why;
  EXPECT_EQ(id->number, "11010519491231002X");
}

TEST(ResidentId, RejectsBadChecksum) {
  std::string good = WithCheck("50011620150304123");
  std::string bad = good;
  bad[17] = good[17] == '0' ? '1' : '0';
  std::string why;
  EXPECT_FALSE(ParseResidentId(bad, kToday, &why));
  EXPECT_EQ(why, "has a wrong check character");
}

TEST(ResidentId, RejectsImpossibleDate) {
  std::string why;
  EXPECT_FALSE(ParseResidentId(WithCheck("50011620150230123"), kToday, &why));  // 30 February
  EXPECT_EQ(why, "holds an impossible birth date");
  EXPECT_FALSE(ParseResidentId(WithCheck("50011620151301123"), kToday, &why));        // month 13
  EXPECT_FALSE(ParseResidentId(WithCheck("50011620150229123"), kToday, &why));        // 2015 not leap
  EXPECT_TRUE(ParseResidentId(WithCheck("50011620160229123"), kToday, &why)) << why;  // 2016 is
}

TEST(ResidentId, RejectsFutureDate) {
  std::string why;
  EXPECT_FALSE(ParseResidentId(WithCheck("50011620261123123"), kToday, &why));
  EXPECT_EQ(why, "holds a birth date in the future");
  EXPECT_TRUE(ParseResidentId(WithCheck("50011620261122123"), kToday, &why)) << why;  // born today
}

TEST(ResidentId, RejectsWrongLength) {
  std::string why;
  std::string good = WithCheck("50011620150304123");
  EXPECT_FALSE(ParseResidentId(good.substr(0, 17), kToday, &why));
  EXPECT_EQ(why, "must be 18 characters");
  EXPECT_FALSE(ParseResidentId(good + "1", kToday, &why));
  EXPECT_FALSE(ParseResidentId("", kToday, &why));
  EXPECT_FALSE(ParseResidentId("500116201503041", kToday, &why));  // old 15-digit form
}

TEST(ResidentId, RejectsNonDigits) {
  std::string why;
  EXPECT_FALSE(ParseResidentId("5001162015030412X3", kToday, &why));
  EXPECT_FALSE(ParseResidentId("50011620150304123Y", kToday, &why));
  EXPECT_FALSE(ParseResidentId("５00116201503041234", kToday, &why));  // full-width digit: bytes, not 18 chars
}

TEST(ResidentId, SexDigit) {
  std::string why;
  EXPECT_EQ(ParseResidentId(WithCheck("50011620150304124"), kToday, &why)->sex, Sex::kFemale);
  EXPECT_EQ(ParseResidentId(WithCheck("50011620150304129"), kToday, &why)->sex, Sex::kMale);
}

TEST(ResidentId, Masks) {
  EXPECT_EQ(MaskResidentId("11010519491231002X"), "110105********002X");
  EXPECT_EQ(MaskMobile("13812345678"), "138****5678");
}

TEST(CivilDate, ParsesAndAges) {
  EXPECT_FALSE(ParseDate("2015-3-04"));
  EXPECT_FALSE(ParseDate("2015-02-29"));
  EXPECT_FALSE(ParseDate("20150304"));
  auto d = ParseDate("2010-11-23");
  ASSERT_TRUE(d);
  EXPECT_EQ(AgeOn(*d, kToday), 15);  // sixteenth birthday is tomorrow
  EXPECT_EQ(AgeOn(*ParseDate("2010-11-22"), kToday), 16);
  EXPECT_EQ(FormatDate(*d), "2010-11-23");
}

}  // namespace
}  // namespace carehub::registry
