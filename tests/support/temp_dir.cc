#include "tests/support/temp_dir.h"

#include <filesystem>

#include "common/crypto.h"

namespace carehub::testing {

std::string MakeTempDir(const std::string& tag) {
  auto dir =
      std::filesystem::temp_directory_path() / ("carehub-" + tag + "-" + crypto::HexEncode(crypto::RandomBytes(6)));
  std::filesystem::create_directories(dir);
  return dir.string();
}

}  // namespace carehub::testing
