#pragma once
// The use cases of grants, each one transaction read top to bottom: lock the grant in reach →
// check the rules → move the money → count the limits → write the grant → audit. The
// registry's facts are fetched before the transaction (as the caller), never while rows are
// locked.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "common/caller.h"
#include "common/clients/beneficiary_directory.h"
#include "common/db/database.h"
#include "common/db/in_reach.h"
#include "services/funds/domain/grant.h"

namespace carehub::funds {

struct GrantApplication {
  std::string program_id;
  std::string beneficiary_id;
  int64_t amount_fen = 0;
  std::string note;
};

struct Disbursement {
  std::string id;
  int channel = 0;
  std::string reference;
};

class GrantsApp {
 public:
  GrantsApp(db::Database& db, const BeneficiaryDirectory& registry) : db_(db), registry_(registry) {}

  // The person's facts from the registry as `caller` sees them (NOT_FOUND, UNAVAILABLE …).
  BeneficiarySnapshot LookUp(const Caller& caller, const std::string& beneficiary_id,
                             std::chrono::year_month_day applied_on) const;

  Grant Submit(db::Tx& tx, const Caller& caller, const GrantApplication& a, const BeneficiarySnapshot& facts,
               std::chrono::year_month_day today) const;
  // `facts` are the registry's now: the final approval decides on them and keeps them.
  Grant Approve(db::Tx& tx, const Caller& caller, const std::string& id, const std::string& note,
                const BeneficiarySnapshot& facts) const;
  Grant Reject(db::Tx& tx, const Caller& caller, const std::string& id, const std::string& reason) const;
  Grant Disburse(db::Tx& tx, const Caller& caller, const Disbursement& d) const;
  Grant Cancel(db::Tx& tx, const Caller& caller, const std::string& id, const std::string& reason) const;
  Grant Reverse(db::Tx& tx, const Caller& caller, const std::string& id, const std::string& reason) const;

  std::optional<Grant> Get(const Caller& caller, const std::string& id) const;
  std::vector<Grant> List(const Caller& caller, const std::string& division_filter, const db::PageQuery& q) const;

 private:
  db::Database& db_;
  const BeneficiaryDirectory& registry_;
};

}  // namespace carehub::funds
