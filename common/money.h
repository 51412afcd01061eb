#pragma once
// Money in whole fen (分), never floating point (DESIGN.md). Yuan as people write them
// ("1234", "1234.5", "1234.56") convert exactly; arithmetic refuses to overflow.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace carehub {

// A sanity bound on any one amount: a trillion yuan is a typing error in any program.
inline constexpr int64_t kMaxFen = 100'000'000'000'000;

// Yuan with at most two decimals as fen; INVALID_ARGUMENT on `field` for anything else (a sign,
// a comma, three decimals, an amount past kMaxFen).
int64_t ParseYuan(std::string_view yuan, const std::string& field);
// 123456 → "1234.56"; negative amounts keep their sign.
std::string FormatYuan(int64_t fen);

// a + b and a - b, or nullopt when the result would not fit in 64 bits.
std::optional<int64_t> AddFen(int64_t a, int64_t b);
std::optional<int64_t> SubtractFen(int64_t a, int64_t b);

// An amount a request names: positive and within kMaxFen, else INVALID_ARGUMENT on `field`.
int64_t CheckAmountFen(int64_t fen, const std::string& field);

}  // namespace carehub
