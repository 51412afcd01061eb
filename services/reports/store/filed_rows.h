#pragma once
// Filed reports, declared once: the form frozen as JSON beside its hash.
#include <string>

#include "common/db/record_table.h"
#include "services/reports/domain/report.h"

namespace carehub::reports::store {

const db::RecordTable<FiledReport>& FiledReports();
// The highest version filed for a division and period; 0 when none.
int LatestVersion(db::Tx& tx, const std::string& division_code, const std::string& from, const std::string& to);
// Inserts `f`; a version another filing took meanwhile runs the transaction again.
void InsertFiled(db::Tx& tx, const FiledReport& f);

// A form as JSON and back (what is filed; what an export of a filed form reads).
std::string ReportJson(const Report& r);
Report ReportFromJson(const std::string& text);

}  // namespace carehub::reports::store
