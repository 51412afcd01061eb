#pragma once
// Personal identifiers as every service keeps them (registry people, volunteers): masked for
// display, sealed with the PII key, and for ID numbers the blind index that keeps one record
// per person without storing the number.
#include <string>
#include <string_view>

#include "common/crypto.h"

namespace carehub {

struct SealedResidentId {
  std::string masked;  // 500116********123X
  std::string cipher;
  std::string index;  // the blind index a unique key holds
};
SealedResidentId SealResidentId(const crypto::PiiCipher& cipher, std::string_view normalised);

struct SealedMobile {
  std::string masked;  // 138****5678, "" when no mobile was given
  std::string cipher;
};
SealedMobile SealMobile(const crypto::PiiCipher& cipher, std::string_view mobile);

}  // namespace carehub
