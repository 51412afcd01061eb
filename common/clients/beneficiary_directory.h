#pragma once
// What other services may know of a registered person (the registry's GetBeneficiary): kind,
// whether active, categories, division, birth date and sex; never identifiers. Funds and
// volunteers depend on this interface; tests substitute a fake.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/caller.h"
#include "common/service_client.h"

namespace carehub {

enum class BeneficiaryKind { kChild = 1, kWoman = 2 };

struct BeneficiaryFacts {
  std::string id;
  BeneficiaryKind kind = BeneficiaryKind::kChild;
  bool active = false;
  std::vector<std::string> categories;  // "left_behind", "minimum_living_allowance", "cancer_patient", …
  std::string division_code;
  std::string birth_date;  // YYYY-MM-DD
  bool female = false;
  int risk_level = 0;  // children: 1 low, 2 medium, 3 high (the registry's RiskLevel)

  bool HasCategory(std::string_view category) const;
};

// Everyone of one kind under a division prefix, in (division, id) order, resumed after `after`
// ("<division_code>/<id>" of the last one handed over; empty: from the start).
struct BeneficiaryScan {
  BeneficiaryKind kind = BeneficiaryKind::kWoman;
  std::string division_prefix;
  std::string after;
  bool active_only = false;
};

class BeneficiaryDirectory {
 public:
  virtual ~BeneficiaryDirectory() = default;
  // The person's facts as the registry shows them to `caller` (whose reach applies there).
  // DomainError NOT_FOUND on `field` when the registry has no such person inside the reach,
  // INVALID_ARGUMENT on `field` for a malformed id, UNAVAILABLE when the registry cannot answer.
  virtual BeneficiaryFacts Get(const Caller& caller, const std::string& id, const std::string& field) const = 0;
  // Hands each person of the scan, as `caller` may see them, to `visit` until it returns false
  // (the registry's StreamBeneficiaries: one call for a whole division). DomainError UNAVAILABLE
  // when the registry cannot answer or the stream breaks off; those already handed over stay
  // handed over, and a scan resumed after the last of them loses and repeats no one.
  virtual void Scan(const Caller& caller, const BeneficiaryScan& scan,
                    const std::function<bool(const BeneficiaryFacts&)>& visit) const = 0;
};

// The directory over gRPC, through a ServiceClient to the registry.
std::unique_ptr<BeneficiaryDirectory> RegistryBeneficiaries(ServiceClient client);

}  // namespace carehub
