#pragma once
// The use cases of paying by file: gathering approved bank-transfer grants into a payment batch,
// the file for the bank (account numbers opened for it, the export audited), and applying the
// bank's results file in one transaction, once.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/caller.h"
#include "common/crypto.h"
#include "common/db/database.h"
#include "services/funds/domain/payment.h"

namespace carehub::funds {

struct PaymentBatchRequest {
  std::string program_id;
  std::vector<std::string> grant_ids;
  std::string division_prefix;
  std::string note;
};

struct ResultsOutcome {
  PaymentBatch batch;
  int64_t paid = 0, paid_fen = 0, failed = 0, failed_fen = 0, unchanged = 0;
  std::vector<Rejection> rejected;
  bool already_imported = false;
};

class PaymentsApp {
 public:
  PaymentsApp(db::Database& db, const crypto::PiiCipher& cipher) : db_(db), cipher_(cipher) {}

  PaymentBatch Create(db::Tx& tx, const Caller& caller, const PaymentBatchRequest& r) const;
  // The bank's file, handed to `write` in pieces until it returns false. The first export makes
  // the batch's grants sent; every export is audited before any account number leaves.
  void Export(const Caller& caller, const std::string& id, const std::function<bool(const std::string&)>& write) const;
  // Applies a results file whole or not at all; the same file again answers what it did then.
  ResultsOutcome ImportResults(const Caller& caller, const std::string& file) const;
  std::optional<PaymentBatch> Get(const Caller& caller, const std::string& id) const;

 private:
  db::Database& db_;
  const crypto::PiiCipher& cipher_;
};

}  // namespace carehub::funds
