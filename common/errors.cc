#include "common/errors.h"

namespace carehub {

std::string DomainError::Describe() const {
  if (field_.empty()) return what();
  return field_ + ": " + what();
}

}  // namespace carehub
