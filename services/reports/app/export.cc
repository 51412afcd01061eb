#include "services/reports/app/export.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "common/csv.h"
#include "common/money.h"

namespace carehub::reports {
namespace {

constexpr const char* kUnavailable = "—";

std::string Text(const Indicator& i, const Figures& f) {
  auto it = f.find(i.code);
  if (it == f.end()) return kUnavailable;
  return i.Money() ? FormatYuan(it->second) : std::to_string(it->second);
}

std::string PeriodText(const std::optional<DateRange>& r) { return r ? r->From() + " 至 " + r->To() : ""; }

std::vector<const Indicator*> OfDomain(const std::string& domain) {
  std::vector<const Indicator*> out;
  for (const auto& i : Catalogue()) {
    if (i.domain == domain) out.push_back(&i);
  }
  return out;
}

// libxlsxwriter writes to a file (1.1.4, Debian bookworm's, has no memory target): a private
// temporary file, read back and removed.
class TempFile {
 public:
  TempFile() {
    int fd = mkstemp(path_);
    if (fd < 0) throw std::runtime_error("cannot create a temporary file for the workbook");
    close(fd);
  }
  ~TempFile() { std::remove(path_); }
  const char* path() const { return path_; }
  std::string Read() const {
    std::ifstream in(path_, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }

 private:
  char path_[32] = "/tmp/carehub-report-XXXXXX";
};

class Sheet {
 public:
  Sheet(lxw_workbook* wb, const std::string& name, lxw_format* bold, lxw_format* money)
      : ws_(workbook_add_worksheet(wb, name.c_str())), name_(name), bold_(bold), money_(money) {
    worksheet_set_column(ws_, 0, 0, 16, nullptr);
    worksheet_set_column(ws_, 1, 1, 22, nullptr);
    worksheet_set_column(ws_, 2, 12, 14, nullptr);
  }
  void Label(lxw_row_t row, lxw_col_t col, const std::string& text, bool bold = false) {
    worksheet_write_string(ws_, row, col, text.c_str(), bold ? bold_ : nullptr);
  }
  void Figure(lxw_row_t row, lxw_col_t col, const Indicator& i, const Figures& f) {
    auto it = f.find(i.code);
    if (it == f.end())
      Label(row, col, kUnavailable);
    else if (i.Money())
      worksheet_write_number(ws_, row, col, static_cast<double>(it->second) / 100.0, money_);
    else
      worksheet_write_number(ws_, row, col, static_cast<double>(it->second), nullptr);
  }
  lxw_worksheet* ws() const { return ws_; }
  const std::string& name() const { return name_; }

 private:
  lxw_worksheet* ws_;
  std::string name_;
  lxw_format* bold_;
  lxw_format* money_;
};

// Rows of `indicators`: code, name, unit, this period, the previous, a year before.
lxw_row_t FiguresTable(Sheet& s, lxw_row_t row, const Report& r, const std::vector<const Indicator*>& indicators) {
  const char* heads[] = {"指标代码", "指标", "单位", "本期", "上期", "去年同期"};
  for (lxw_col_t c = 0; c < 6; ++c) s.Label(row, c, heads[c], true);
  for (const auto* i : indicators) {
    ++row;
    s.Label(row, 0, i->code);
    s.Label(row, 1, i->name);
    s.Label(row, 2, i->unit);
    s.Figure(row, 3, *i, r.values);
    s.Figure(row, 4, *i, r.previous);
    s.Figure(row, 5, *i, r.year_ago);
  }
  return row + 2;
}

}  // namespace

std::string ReportCsv(const Report& r) {
  std::string out = "\xEF\xBB\xBF";
  out += CsvLine({"一表通", r.division_code, r.period.From() + " 至 " + r.period.To()});
  out += CsvLine({"上期", PeriodText(r.previous_period), "去年同期", PeriodText(r.year_ago_period)});
  for (const auto& m : r.missing_sources) out += CsvLine({"缺失来源", m});
  out += CsvLine({"指标代码", "指标", "单位", "本期", "上期", "去年同期", "本级"});
  for (const auto& i : Catalogue()) {
    bool residual = r.residual.contains(i.code);
    out += CsvLine({i.code, i.name, i.unit, Text(i, r.values), Text(i, r.previous), Text(i, r.year_ago),
                    residual ? Text(i, r.residual) : ""});
  }
  if (!r.breakdown.empty()) {
    out += "\r\n";
    std::vector<std::string> head = {"区划"};
    for (const auto& i : Catalogue()) head.push_back(i.name + "（" + i.unit + "）");
    out += CsvLine(head);
    for (const auto& d : r.breakdown) {
      std::vector<std::string> row = {PaddedCode(d.prefix)};
      for (const auto& i : Catalogue()) row.push_back(Text(i, d.values));
      out += CsvLine(row);
    }
  }
  return out;
}

std::string ReportXlsx(const Report& r) {
  TempFile file;
  lxw_workbook* wb = workbook_new(file.path());
  if (!wb) throw std::runtime_error("cannot start a workbook");
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  lxw_format* money = workbook_add_format(wb);
  format_set_num_format(money, "#,##0.00");

  Sheet summary(wb, "总表", bold, money);
  summary.Label(0, 0, "一表通", true);
  summary.Label(0, 1, r.division_code);
  summary.Label(1, 0, "期间", true);
  summary.Label(1, 1, r.period.From() + " 至 " + r.period.To());
  lxw_row_t row = 2;
  for (const auto& m : r.missing_sources) summary.Label(row++, 1, "缺失来源：" + m);
  std::vector<const Indicator*> all;
  for (const auto& i : Catalogue()) all.push_back(&i);
  FiguresTable(summary, row + 1, r, all);

  for (const auto& domain : Domains()) {
    auto indicators = OfDomain(domain);
    Sheet s(wb, domain, bold, money);
    row = FiguresTable(s, 0, r, indicators);
    if (r.breakdown.empty()) continue;
    // The breakdown: a division per row, the domain's indicators across, then its own level.
    lxw_row_t head = row;
    s.Label(head, 0, "区划", true);
    for (size_t k = 0; k < indicators.size(); ++k) {
      s.Label(head, static_cast<lxw_col_t>(k + 1), indicators[k]->name + "（" + indicators[k]->unit + "）", true);
    }
    for (const auto& d : r.breakdown) {
      ++row;
      s.Label(row, 0, PaddedCode(d.prefix));
      for (size_t k = 0; k < indicators.size(); ++k)
        s.Figure(row, static_cast<lxw_col_t>(k + 1), *indicators[k], d.values);
    }
    lxw_row_t last = row;
    ++row;
    s.Label(row, 0, "本级", true);
    for (size_t k = 0; k < indicators.size(); ++k) {
      if (indicators[k]->Additive()) s.Figure(row, static_cast<lxw_col_t>(k + 1), *indicators[k], r.residual);
    }
    lxw_chart* chart = workbook_add_chart(wb, LXW_CHART_COLUMN);
    lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
    chart_series_set_categories(series, s.name().c_str(), head + 1, 0, last, 0);
    chart_series_set_values(series, s.name().c_str(), head + 1, 1, last, 1);
    chart_series_set_name(series, indicators[0]->name.c_str());
    chart_title_set_name(chart, (domain + "：" + indicators[0]->name).c_str());
    chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
    worksheet_insert_chart(s.ws(), row + 2, 1, chart);
  }
  if (lxw_error e = workbook_close(wb); e != LXW_NO_ERROR) {
    throw std::runtime_error(std::string("cannot write the workbook: ") + lxw_strerror(e));
  }
  return file.Read();
}

}  // namespace carehub::reports
