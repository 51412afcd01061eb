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
#include "common/crypto.h"
#include "common/db/database.h"
#include "common/db/in_reach.h"
#include "services/funds/domain/grant.h"
#include "services/funds/domain/payment.h"
#include "services/funds/store/grant_rows.h"

namespace carehub::funds {

// The limits a grant applied for on `applied_on` counts against: the program's (per person, per
// year or ever) and its benefit class's across programs.
std::vector<store::UsageLimit> UsageLimitsOf(db::Tx& tx, const Program& p, std::chrono::year_month_day applied_on);

struct GrantApplication {
  std::string program_id;
  std::string beneficiary_id;
  int64_t amount_fen = 0;
  std::string note;
  std::optional<PayeeDetails> payee{};  // paid by bank transfer to this account
  std::string goods{};                  // given as goods of this description
};

struct Disbursement {
  std::string id;
  int channel = 0;
  std::string reference;
};

class GrantsApp {
 public:
  GrantsApp(db::Database& db, const BeneficiaryDirectory& registry, const crypto::PiiCipher& cipher)
      : db_(db), registry_(registry), cipher_(cipher) {}

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

  // Sets the payee of a grant not yet in a payment batch (a failed payment's account corrected).
  Grant SetPayee(db::Tx& tx, const Caller& caller, const std::string& id, const PayeeDetails& payee) const;
  // The account numbers of `grants` opened for a `pii` holder, each look audited first ("" for
  // a grant without a payee).
  std::vector<std::string> RevealAccounts(const Caller& caller, const std::vector<Grant>& grants) const;

  std::optional<Grant> Get(const Caller& caller, const std::string& id) const;
  std::vector<Grant> List(const Caller& caller, const std::string& division_filter, const db::PageQuery& q) const;

 private:
  db::Database& db_;
  const BeneficiaryDirectory& registry_;
  const crypto::PiiCipher& cipher_;
};

}  // namespace carehub::funds
