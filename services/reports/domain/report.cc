#include "services/reports/domain/report.h"

#include <map>

#include "common/errors.h"
#include "common/reach.h"

namespace carehub::reports {

Figures Residuals(const Figures& parent, const std::vector<DivisionFigures>& breakdown) {
  Figures out;
  for (const auto& indicator : Catalogue()) {
    if (!indicator.Additive()) continue;
    auto own = parent.find(indicator.code);
    if (own == parent.end()) continue;
    int64_t below = 0;
    bool complete = true;
    for (const auto& d : breakdown) {
      auto it = d.values.find(indicator.code);
      if (it == d.values.end()) {
        complete = false;
        break;
      }
      below += it->second;
    }
    if (complete) out[indicator.code] = own->second - below;
  }
  return out;
}

std::vector<Change> Restatements(const Report& filed, const Report& now) {
  std::vector<Change> out;
  auto compare = [&](const std::string& prefix, const Figures& then, const Figures& current) {
    for (const auto& indicator : Catalogue()) {
      auto a = then.find(indicator.code), b = current.find(indicator.code);
      if (a != then.end() && b != current.end() && a->second != b->second) {
        out.push_back({prefix, indicator.code, a->second, b->second});
      }
    }
  };
  compare(filed.prefix, filed.values, now.values);
  std::map<std::string, const Figures*> current;
  for (const auto& d : now.breakdown) current[d.prefix] = &d.values;
  static const Figures kNone;
  for (const auto& d : filed.breakdown) {
    auto it = current.find(d.prefix);
    compare(d.prefix, d.values, it == current.end() ? kNone : *it->second);
  }
  return out;
}

std::string PaddedCode(const std::string& prefix) {
  std::string code = prefix;
  code.resize(12, '0');
  return code;
}

std::string CheckDivisionCode(const std::string& code) {
  if (code.size() != 12 || code.find_first_not_of("0123456789") != std::string::npos) {
    ThrowInvalid("division_code", "must be a 12-digit division code, e.g. 500116000000");
  }
  std::string prefix(DivisionPrefix(code));
  if (prefix.size() < 2) ThrowInvalid("division_code", "must name a province or a division within one");
  return prefix;
}

}  // namespace carehub::reports
