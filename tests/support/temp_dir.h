#pragma once
#include <string>

namespace carehub::testing {

// A fresh temporary directory, removed by the caller.
std::string MakeTempDir(const std::string& tag);

}  // namespace carehub::testing
