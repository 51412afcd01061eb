#include "common/money.h"

#include "common/errors.h"
#include "common/text.h"

namespace carehub {

int64_t ParseYuan(std::string_view yuan, const std::string& field) {
  auto dot = yuan.find('.');
  std::string_view whole = yuan.substr(0, dot);
  std::string_view cents = dot == std::string_view::npos ? std::string_view() : yuan.substr(dot + 1);
  if (whole.empty() || whole.size() > 12 || !text::IsDigits(whole) || cents.size() > 2 ||
      (!cents.empty() && !text::IsDigits(cents)) || (dot != std::string_view::npos && cents.empty())) {
    ThrowInvalid(field, "must be yuan with at most two decimals, like 1234.50");
  }
  int64_t fen = 0;
  for (char c : whole) fen = fen * 10 + (c - '0');
  fen *= 100;
  if (!cents.empty()) fen += (cents[0] - '0') * 10 + (cents.size() == 2 ? cents[1] - '0' : 0);
  if (fen > kMaxFen) ThrowInvalid(field, "is implausibly large");
  return fen;
}

std::string FormatYuan(int64_t fen) {
  bool negative = fen < 0;
  // Magnitude as unsigned so INT64_MIN prints too.
  uint64_t m = negative ? uint64_t{0} - static_cast<uint64_t>(fen) : static_cast<uint64_t>(fen);
  std::string cents = std::to_string(m % 100);
  if (cents.size() == 1) cents = "0" + cents;
  return (negative ? "-" : "") + std::to_string(m / 100) + "." + cents;
}

std::optional<int64_t> AddFen(int64_t a, int64_t b) {
  int64_t out;
  if (__builtin_add_overflow(a, b, &out)) return std::nullopt;
  return out;
}

std::optional<int64_t> SubtractFen(int64_t a, int64_t b) {
  int64_t out;
  if (__builtin_sub_overflow(a, b, &out)) return std::nullopt;
  return out;
}

int64_t CheckAmountFen(int64_t fen, const std::string& field) {
  if (fen <= 0) ThrowInvalid(field, "must be a positive amount in fen");
  if (fen > kMaxFen) ThrowInvalid(field, "is implausibly large (fen, not yuan?)");
  return fen;
}

}  // namespace carehub
