#pragma once
// The checks on free text and identifiers every service applies alike, each refusing with
// INVALID_ARGUMENT on the field it names (common/errors.h). Validators never change their input.
#include <cstddef>
#include <string>
#include <string_view>

namespace carehub {

inline constexpr size_t kMaxNameCodePoints = 64;
inline constexpr size_t kMaxNoteCodePoints = 500;

bool IsMainlandMobile(std::string_view m);  // 1[3-9] + 9 digits
// A person's name: 1..64 characters, one line.
void CheckName(const std::string& field, const std::string& value);
// A note or reason for a change (up to 500 characters; `required`: not blank), on `field`.
void CheckRemark(const std::string& field, const std::string& text, bool required);
inline void CheckNote(const std::string& note, bool required) { CheckRemark("note", note, required); }
// Optional free text: valid UTF-8, at most `max` characters, and one line when `one_line`.
void CheckText(const std::string& field, const std::string& value, size_t max, bool one_line);

}  // namespace carehub
