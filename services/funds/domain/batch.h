#pragma once
// A batch of grants (a payment plan, as HOPE and OpenSPP call it): one grant for every eligible
// person of a program under a division, decided on the registry's facts streamed once, approved
// and held together. Who is left out and why is counted, never silently dropped. Plain C++: no
// gRPC, no SQL.
#include <array>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "common/caller.h"
#include "services/funds/domain/grant.h"
#include "services/funds/domain/program.h"

namespace carehub::funds {

struct SkipCounts {
  std::array<int64_t, static_cast<size_t>(SkipReason::kCount)> by_reason{};
  void Add(SkipReason r) { ++by_reason[static_cast<size_t>(r)]; }
  int64_t Of(SkipReason r) const { return by_reason[static_cast<size_t>(r)]; }
  SkipCounts& operator+=(const SkipCounts& o);
};

// What one pass over the people found: who qualifies, and the rest by reason.
struct BatchTally {
  int64_t scanned = 0;
  int64_t eligible = 0;
  int64_t total_fen = 0;
  SkipCounts skipped;
  BatchTally& operator+=(const BatchTally& o);
};

enum class BatchState { kFilling = 1, kFilled, kPartlyApproved, kApproved };
const char* BatchStateName(BatchState s);

// What a batch was asked for; the same for its preview.
struct BatchTerms {
  std::string program_id;
  std::string division_prefix;
  int64_t amount_fen = 0;  // each grant's (the program's fixed amount, or the capped amount asked)
  std::string goods;
  std::string note;
};

struct GrantBatch : BatchTerms {
  std::string id;
  std::string division_code;  // the program's: whose reach sees the batch
  BatchState state = BatchState::kFilling;
  BatchTally tally;    // so far, while filling
  std::string cursor;  // the registry position the fill has reached ("<division>/<id>")
  // The creator as the fill acts (reach and roles at creation): the stream is read as them.
  std::string creator_subject;
  std::vector<std::string> creator_roles;
  std::string creator_reach;
  int approvals_required = 1;
  std::vector<Approval> approvals;
  int64_t approved = 0, rejected = 0;
  std::string created_at, filled_at;
  std::string lease_owner;
  int64_t lease_until = 0;  // unix seconds
  int64_t version = 1;

  Caller Creator() const;
};

// A batch's terms checked against its program: open and taking applications today, the amount
// (INVALID_ARGUMENT on amount_fen), a goods description of sensible text.
BatchTerms CheckBatchTerms(const Program& program, BatchTerms terms, std::chrono::year_month_day today);
// One approval of a whole batch, with a single grant's four eyes: never its creator, never twice
// by one principal, the final from a principal whose reach covers the program's division.
void CheckBatchApprover(const GrantBatch& b, const Caller& approver, const Program& program);
bool IsFinalBatchApproval(const GrantBatch& b);
// The state after one more approval; FAILED_PRECONDITION naming the state when none is due.
BatchState AfterBatchApproval(const GrantBatch& b);

}  // namespace carehub::funds
