#pragma once
#include <string>

namespace carehub {

// The whole file as bytes; std::runtime_error "cannot read <what> <path>" when it cannot be read.
std::string ReadFileOrThrow(const std::string& path, const std::string& what);

}  // namespace carehub
