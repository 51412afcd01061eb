#pragma once
// A form as files people open: CSV (BOM, formula-safe, money in yuan) and XLSX through
// libxlsxwriter (a summary sheet, then a sheet per domain with the breakdown as a table and a
// bar chart; Chinese labels). A figure whose source did not answer is written "—", never 0.
#include <string>

#include "services/reports/domain/report.h"

namespace carehub::reports {

std::string ReportCsv(const Report& r);
// std::runtime_error when the workbook cannot be written (no temporary space).
std::string ReportXlsx(const Report& r);

}  // namespace carehub::reports
