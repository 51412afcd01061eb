#pragma once
// Funds figures for a division and a period (what the reports service composes) and the
// disbursements export auditors ask for.
#include <functional>
#include <string>
#include <vector>

#include "common/caller.h"
#include "common/db/database.h"
#include "services/funds/domain/program.h"

namespace carehub::funds {

struct CountAndFen {
  int64_t count = 0, fen = 0;
};
struct ProgramFigures {
  std::string program_id, program_code, program_name;
  FundingSource funding_source = FundingSource::kDistrict;
  CountAndFen submitted, approved, disbursed, reversed, released;
  int64_t beneficiaries_paid = 0;
  int64_t goods_fen = 0;
};
struct FundsFigures {
  std::string division_prefix, from, to;  // the prefix as narrowed to the caller's reach
  std::vector<ProgramFigures> programs;   // by program code
  ProgramFigures total;
  std::vector<std::string> ledger_differences;
};

struct Period {
  std::string from, to;  // YYYY-MM-DD, China dates, inclusive
};

class FiguresApp {
 public:
  explicit FiguresApp(db::Database& db) : db_(db) {}

  FundsFigures Summarize(const Caller& caller, const std::string& division_prefix, const Period& period) const;
  // The program's disbursements in the period as CSV, handed to `write` in pieces until it
  // returns false. Payees masked; NOT_FOUND on program_id outside reach.
  void ExportDisbursements(const Caller& caller, const std::string& program_id, const Period& period,
                           const std::function<bool(const std::string&)>& write) const;

 private:
  db::Database& db_;
};

}  // namespace carehub::funds
