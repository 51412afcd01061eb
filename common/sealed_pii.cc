#include "common/sealed_pii.h"

#include "common/resident_id.h"

namespace carehub {

SealedResidentId SealResidentId(const crypto::PiiCipher& cipher, std::string_view normalised) {
  return {MaskResidentId(normalised), cipher.Encrypt(normalised), cipher.BlindIndex(normalised)};
}

SealedMobile SealMobile(const crypto::PiiCipher& cipher, std::string_view mobile) {
  return {mobile.empty() ? "" : MaskMobile(mobile), cipher.Encrypt(mobile)};
}

}  // namespace carehub
