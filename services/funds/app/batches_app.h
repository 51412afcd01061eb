#pragma once
// The use cases of grant batches. The registry is read as one stream (never one call per
// person) and never while rows are locked: a preview or a fill takes the people in chunks and
// decides each chunk in a transaction of its own; a final approval reads the stream first and
// then approves, rejects, counts and holds in one transaction.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/caller.h"
#include "common/clients/beneficiary_directory.h"
#include "common/db/database.h"
#include "common/db/in_reach.h"
#include "services/funds/domain/batch.h"

namespace carehub::funds {

struct BatchPreview {
  BatchTally tally;
  int64_t available_fen = 0;
};

// Who no longer qualifies by the registry's facts of now: beneficiary id → why.
using Disqualified = std::map<std::string, std::string>;

class BatchesApp {
 public:
  BatchesApp(db::Database& db, const BeneficiaryDirectory& registry) : db_(db), registry_(registry) {}

  static constexpr int kChunk = 500;

  BatchPreview Preview(const Caller& caller, const BatchTerms& terms) const;
  // The batch row only (state filling); a runner fills it.
  GrantBatch Create(db::Tx& tx, const Caller& caller, const BatchTerms& terms) const;
  // Fills batch `id` for runner `owner` from where its cursor stands to the end of the stream;
  // false when another runner holds it. Throws what the registry throws (the cursor keeps what
  // was done). Each chunk commits its grants, member keys and the cursor together.
  bool Fill(const std::string& id, const std::string& owner) const;
  // Fills every batch still filling (a runner's round, and what resumes after a restart).
  void FillPending(const std::string& owner) const;

  // Read before the approval's transaction: on the final approval, who no longer qualifies.
  Disqualified CheckAgain(const Caller& caller, const std::string& id) const;
  GrantBatch Approve(db::Tx& tx, const Caller& caller, const std::string& id, const std::string& note,
                     const Disqualified& disqualified) const;

  std::optional<GrantBatch> Get(const Caller& caller, const std::string& id) const;
  std::vector<GrantBatch> List(const Caller& caller, const db::PageQuery& q) const;

 private:
  db::Database& db_;
  const BeneficiaryDirectory& registry_;
};

}  // namespace carehub::funds
