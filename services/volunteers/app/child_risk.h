#pragma once
// Raising a child's risk level in the registry when an officer acknowledges a risk report: the
// registry's own UpdateChild, called as that officer (reach and roles apply there). Tests replace
// it with a fake.
#include <string>

#include "common/caller.h"

namespace carehub::volunteers {

struct RiskRaise {
  std::string child_id;
  int risk_level = 0;  // 1 low, 2 medium, 3 high
  std::string note;
  std::string request_id;  // the registry's idempotency key: a retry changes nothing twice
};

class ChildRiskWriter {
 public:
  virtual ~ChildRiskWriter() = default;
  // DomainError as the registry answers (NOT_FOUND, PERMISSION_DENIED, UNAVAILABLE …) on `field`.
  virtual void Raise(const Caller& caller, const RiskRaise& r, const std::string& field) const = 0;
};

}  // namespace carehub::volunteers
