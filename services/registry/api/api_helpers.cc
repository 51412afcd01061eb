#include "services/registry/api/api_helpers.h"

#include "common/text.h"
#include "services/registry/domain/person.h"

namespace carehub::registry::api {

std::string CheckNamePrefix(const std::string& prefix) {
  if (!prefix.empty() && (!text::IsValidUtf8(prefix) || text::CodePoints(prefix) > kMaxNameCodePoints)) {
    ThrowInvalid("name_prefix", "must be valid text of at most 64 characters");
  }
  return prefix;
}

int CheckEnumFilter(int value, int max, const std::string& field, const char* kind) {
  if (value < 0 || value > max) ThrowInvalid(field, std::string("is not a ") + kind + " value");
  return value;
}

}  // namespace carehub::registry::api
