#pragma once
// The use cases of reports: composing the form from every source in parallel (a source that
// fails makes it partial, naming it), filing it frozen, and restating a filed form.
#include <optional>
#include <string>
#include <vector>

#include "common/caller.h"
#include "common/db/database.h"
#include "common/db/in_reach.h"
#include "services/reports/app/sources.h"
#include "services/reports/domain/report.h"

namespace carehub::reports {

struct ReportRequest {
  std::string division_code;
  PeriodSpec period;
  bool breakdown = true;
  bool comparisons = true;
};

class ReportsApp {
 public:
  ReportsApp(db::Database& db, const Sources& sources) : db_(db), sources_(sources) {}

  // PERMISSION_DENIED on division_code outside the caller's reach.
  Report Compose(const Caller& caller, const ReportRequest& r) const;
  // Files `report` (composed just before, whole: FAILED_PRECONDITION when partial) as the next
  // version for its division and period.
  FiledReport File(db::Tx& tx, const Caller& caller, const Report& report, const std::string& note) const;
  std::optional<FiledReport> GetFiled(const Caller& caller, const std::string& id) const;
  std::vector<FiledReport> ListFiled(const Caller& caller, const std::string& division_filter,
                                     const db::PageQuery& q) const;

 private:
  db::Database& db_;
  const Sources& sources_;
};

// The figures of a form hashed as filed: SHA-256 (hex) of its figures in a canonical order.
std::string ContentHash(const Report& r);

}  // namespace carehub::reports
