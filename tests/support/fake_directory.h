#pragma once
// A beneficiary directory for tests of services that look people up in the registry: facts set
// by the test, reach applied as the registry applies it, and an "unreachable" switch.
#include <algorithm>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

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
  // As the registry streams: (division, id) order, inside reach and the prefix, after `after`.
  void Scan(const Caller& caller, const BeneficiaryScan& scan,
            const std::function<bool(const BeneficiaryFacts&)>& visit) const override {
    std::vector<BeneficiaryFacts> found;
    {
      std::lock_guard lock(mu_);
      if (!reachable_) Throw(ErrorCode::kUnavailable, "division_prefix", "the registry cannot answer now; retry later");
      for (const auto& [id, f] : people_) {
        if (f.kind != scan.kind || !InReach(caller.reach, f.division_code) ||
            !f.division_code.starts_with(scan.division_prefix) || (scan.active_only && !f.active) ||
            f.division_code + "/" + f.id <= scan.after) {
          continue;
        }
        found.push_back(f);
      }
    }
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
      return std::tie(a.division_code, a.id) < std::tie(b.division_code, b.id);
    });
    for (const auto& f : found) {
      if (!visit(f)) return;
    }
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
  void Scan(const Caller& caller, const BeneficiaryScan& scan,
            const std::function<bool(const BeneficiaryFacts&)>& visit) const override {
    target_.Scan(caller, scan, visit);
  }

 private:
  const BeneficiaryDirectory& target_;
};

}  // namespace carehub::testing
