#include "common/files.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace carehub {

std::string ReadFileOrThrow(const std::string& path, const std::string& what) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + what + " " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace carehub
