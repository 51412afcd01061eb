#pragma once
// A beneficiary directory for tests of services that look people up in the registry: facts set
// by the test, reach applied as the registry applies it, and an "unreachable" switch.
#include <map>
#include <mutex>
#include <string>

#include "common/clients/beneficiary_directory.h"
#include "common/errors.h"
#include "common/reach.h"

namespace carehub::testing {

class FakeDirectory final : public BeneficiaryDirectory {
 public:
  void Put(BeneficiaryFacts f) {
    std::lock_guard lock(mu_);
    people_[f.id] = std::move(f);
  }
  void SetReachable(bool reachable) {
    std::lock_guard lock(mu_);
    reachable_ = reachable;
  }
  BeneficiaryFacts Get(const Caller& caller, const std::string& id, const std::string& field) const override {
    std::lock_guard lock(mu_);
    if (!reachable_) Throw(ErrorCode::kUnavailable, field, "the registry cannot answer now; retry later");
    auto it = people_.find(id);
    if (it == people_.end() || !InReach(caller.reach, it->second.division_code)) {
      Throw(ErrorCode::kNotFound, field, "no such beneficiary in the registry");
    }
    return it->second;
  }

 private:
  mutable std::mutex mu_;
  std::map<std::string, BeneficiaryFacts> people_;
  bool reachable_ = true;
};

}  // namespace carehub::testing

namespace carehub::testing {

// Hands a service a directory the test keeps and changes.
class DirectoryRef final : public BeneficiaryDirectory {
 public:
  explicit DirectoryRef(const BeneficiaryDirectory& target) : target_(target) {}
  BeneficiaryFacts Get(const Caller& caller, const std::string& id, const std::string& field) const override {
    return target_.Get(caller, id, field);
  }

 private:
  const BeneficiaryDirectory& target_;
};

}  // namespace carehub::testing
