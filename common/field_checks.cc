#include "common/field_checks.h"

#include "common/errors.h"
#include "common/text.h"

namespace carehub {

bool IsMainlandMobile(std::string_view m) {
  return m.size() == 11 && text::IsDigits(m) && m[0] == '1' && m[1] >= '3' && m[1] <= '9';
}

void CheckName(const std::string& field, const std::string& value) {
  if (auto why = text::CheckName(value, kMaxNameCodePoints)) ThrowInvalid(field, *why);
}

void CheckRemark(const std::string& field, const std::string& text, bool required) {
  if (required && text.find_first_not_of(" \t\r\n") == std::string::npos) ThrowInvalid(field, "is required: say why");
  if (!text::IsValidUtf8(text)) ThrowInvalid(field, "must be valid UTF-8");
  if (text::CodePoints(text) > kMaxNoteCodePoints) ThrowInvalid(field, "is too long (500 characters at most)");
}

void CheckText(const std::string& field, const std::string& value, size_t max, bool one_line) {
  if (value.empty()) return;
  if (!text::IsValidUtf8(value)) ThrowInvalid(field, "must be valid UTF-8");
  if (text::CodePoints(value) > max)
    ThrowInvalid(field, "is too long (" + std::to_string(max) + " characters at most)");
  if (one_line && !text::HasNoControlChars(value)) ThrowInvalid(field, "must be one line");
}

}  // namespace carehub
