#include "common/errors.h"

namespace carehub {

std::string DomainError::Describe() const {
  if (field_.empty()) return what();
  return field_ + ": " + what();
}

void ThrowInvalid(const std::string& field, const std::string& why) {
  throw DomainError(ErrorCode::kInvalidArgument, field, why);
}

void Throw(ErrorCode code, const std::string& field, const std::string& why) { throw DomainError(code, field, why); }

}  // namespace carehub
