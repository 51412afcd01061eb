#pragma once
// The form for one division and period, how its breakdown is checked, and what changed between
// a filed form and the figures of now. Plain C++: no gRPC, no SQL.
#include <optional>
#include <string>
#include <vector>

#include "services/reports/domain/indicators.h"
#include "services/reports/domain/period.h"

namespace carehub::reports {

struct DivisionFigures {
  std::string prefix;  // 500116001: the town 500116001000
  Figures values;
};

struct Report {
  std::string division_code, prefix;
  DateRange period;
  Figures values;
  std::vector<DivisionFigures> breakdown;
  Figures residual;
  std::optional<DateRange> previous_period, year_ago_period;
  Figures previous, year_ago;
  std::vector<std::string> missing_sources;
  std::string generated_at;

  bool Partial() const { return !missing_sources.empty(); }
};

// A form as filed: frozen, with who filed it and the hash of its figures.
struct FiledReport {
  std::string id;
  std::string division_code;  // whose reach sees it
  std::string from, to;
  int version = 1;
  Report report;
  std::string content_hash;
  std::string filed_by, filed_at, note;
};

// For each additive indicator the division and every division of its breakdown have: the
// division's figure minus their sum, which is what is recorded at the division's own level.
// Distinct counts are left out: one person may count in two divisions below.
Figures Residuals(const Figures& parent, const std::vector<DivisionFigures>& breakdown);

struct Change {
  std::string prefix, code;
  int64_t filed = 0, now = 0;
};
// Each figure (the division's and its breakdown's) that differs between `filed` and `now`, in
// catalogue order; figures missing from either side are not compared.
std::vector<Change> Restatements(const Report& filed, const Report& now);

// The 12-digit code a prefix stands for (500116001 → 500116001000).
std::string PaddedCode(const std::string& prefix);
// INVALID_ARGUMENT on division_code unless it is 12 digits; its prefix (DivisionPrefix).
std::string CheckDivisionCode(const std::string& code);

}  // namespace carehub::reports
