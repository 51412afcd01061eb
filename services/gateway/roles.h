#pragma once
// Which roles may call which methods, checked by the gateway before any backend is called.
// Backends check again (defence in depth); this table keeps whole services away from roles
// that have no business there. Patterns are shell globs over full method names,
// e.g. "/carehub.registry.v1.RegistryService/*" or "*/Get*".
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/principal.h"

namespace carehub::gateway {

class RoleTable {
 public:
  // The defaults documented in docs/GATEWAY.md.
  static RoleTable Defaults();
  // {"roles": {"officer": ["/carehub.registry.v1.RegistryService/*", …], …}}; roles not named
  // keep no permissions. Throws std::runtime_error naming the file and the fault.
  static RoleTable Load(const std::string& path);
  static RoleTable FromJson(std::string_view json, const std::string& source);

  bool Allows(const Principal& p, const std::string& method) const;

 private:
  std::map<std::string, std::vector<std::string>> patterns_;
};

}  // namespace carehub::gateway
