#include "common/money.h"

#include <gtest/gtest.h>

#include <cstdint>

#include "common/errors.h"

namespace carehub {
namespace {

std::string FieldOf(std::string_view yuan) {
  try {
    ParseYuan(yuan, "amount_yuan");
  } catch (const DomainError& e) {
    return e.field();
  }
  return "";
}

TEST(Money, YuanParsesExactlyToFen) {
  EXPECT_EQ(ParseYuan("1234", "f"), 123400);
  EXPECT_EQ(ParseYuan("1234.5", "f"), 123450);
  EXPECT_EQ(ParseYuan("0.07", "f"), 7);
  EXPECT_EQ(ParseYuan("10000.00", "f"), 1000000);
  for (auto bad : {"", "-1", "1.234", "1,000", "1.", ".5", "1e3", "12a", "99999999999999"}) {
    EXPECT_EQ(FieldOf(bad), "amount_yuan") << bad;
  }
}

TEST(Money, FormatsAndRefusesToOverflow) {
  EXPECT_EQ(FormatYuan(123456), "1234.56");
  EXPECT_EQ(FormatYuan(5), "0.05");
  EXPECT_EQ(FormatYuan(-150), "-1.50");
  EXPECT_EQ(FormatYuan(INT64_MIN), "-92233720368547758.08");
  EXPECT_EQ(AddFen(1, 2), 3);
  EXPECT_FALSE(AddFen(INT64_MAX, 1));
  EXPECT_FALSE(SubtractFen(INT64_MIN, 1));
  EXPECT_THROW(CheckAmountFen(0, "amount_fen"), DomainError);
  EXPECT_THROW(CheckAmountFen(-5, "amount_fen"), DomainError);
  EXPECT_THROW(CheckAmountFen(kMaxFen + 1, "amount_fen"), DomainError);
  EXPECT_EQ(CheckAmountFen(1'000'000, "amount_fen"), 1'000'000);
}

}  // namespace
}  // namespace carehub
