#pragma once
// Checks on caller-supplied text, shared by every service's request validation.
#include <cstddef>
#include <optional>
#include <string_view>

namespace carehub::text {

bool IsValidUtf8(std::string_view s);
// Number of code points; only meaningful for valid UTF-8.
size_t CodePoints(std::string_view s);
bool IsDigits(std::string_view s);
// No C0/C1 control characters (tabs and newlines included): names and codes are one line.
bool HasNoControlChars(std::string_view s);

// A short human-readable name: valid UTF-8, 1..max_code_points after trimming nothing,
// no control characters, not blank. Returns the reason when it is not.
std::optional<const char*> CheckName(std::string_view s, size_t max_code_points);

}  // namespace carehub::text
