#include "services/gateway/roles.h"

#include <fnmatch.h>

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "common/files.h"
#include "services/gateway/api_keys.h"

namespace carehub::gateway {

RoleTable RoleTable::Defaults() {
  const std::string reg = "/carehub.registry.v1.RegistryService/";
  const std::string funds = "/carehub.funds.v1.FundsService/";
  const std::string vol = "/carehub.volunteers.v1.VolunteersService/";
  const std::string reports = "/carehub.reports.v1.ReportsService/";
  const std::vector<std::string> reads = {"*/Get*", "*/List*"};
  RoleTable t;
  t.patterns_["admin"] = {"*"};
  t.patterns_["officer"] = {reg + "*", funds + "*", vol + "*", reports + "*"};
  t.patterns_["approver"] = {funds + "*", reg + "Get*", reg + "List*", reports + "*"};
  t.patterns_["finance"] = {funds + "*", reg + "Get*", reg + "List*", reports + "*"};
  t.patterns_["coordinator"] = {vol + "*", reg + "Get*", reg + "List*", reports + "*"};
  t.patterns_["auditor"] = reads;
  // Auditors read figures and the disbursements file besides records.
  t.patterns_["auditor"].push_back("*/Summarize*");
  t.patterns_["auditor"].push_back(funds + "ExportDisbursements");
  t.patterns_["auditor"].push_back(reports + "ExportReport");
  t.patterns_["auditor"].push_back(reports + "DiffReport");
  // A volunteer-facing app: sign-ups, attendance with the check-in code, disputes of hours. Other
  // integration keys carry the roles they need; pii is a permission, not a set of methods.
  for (const char* m : {"SignUp", "CancelSignUp", "CheckIn", "CheckOut", "DisputeHours", "GetActivity",
                        "ListActivities", "ListHours"}) {
    t.patterns_["integration"].push_back(vol + m);
  }
  for (auto& [role, list] : t.patterns_) list.push_back("*/GetServiceInfo");
  return t;
}

RoleTable RoleTable::Load(const std::string& path) { return FromJson(ReadFileOrThrow(path, "role table"), path); }

RoleTable RoleTable::FromJson(std::string_view json, const std::string& source) {
  auto j = nlohmann::json::parse(json, nullptr, false);
  auto fail = [&](const std::string& why) { return std::runtime_error("role table " + source + ": " + why); };
  if (!j.is_object() || !j.contains("roles") || !j["roles"].is_object()) {
    throw fail("must be a JSON object with a \"roles\" object");
  }
  RoleTable t;
  for (const auto& [role, list] : j["roles"].items()) {
    if (!IsKnownRole(role)) throw fail("unknown role " + role);
    if (!list.is_array()) throw fail("role " + role + " needs an array of method patterns");
    for (const auto& p : list) {
      if (!p.is_string() || p.get<std::string>().empty() ||
          (p.get<std::string>()[0] != '/' && p.get<std::string>()[0] != '*')) {
        throw fail("role " + role + ": patterns are method names like /pkg.Service/Method, globs allowed");
      }
      t.patterns_[role].push_back(p.get<std::string>());
    }
  }
  return t;
}

bool RoleTable::Allows(const Principal& p, const std::string& method) const {
  for (const auto& role : p.roles) {
    auto it = patterns_.find(role);
    if (it == patterns_.end()) continue;
    for (const auto& pattern : it->second) {
      if (fnmatch(pattern.c_str(), method.c_str(), 0) == 0) return true;
    }
  }
  return false;
}

}  // namespace carehub::gateway
