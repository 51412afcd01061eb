#include "services/reports/store/filed_rows.h"

#include <nlohmann/json.hpp>

#include "common/resident_id.h"

namespace carehub::reports::store {
namespace {

nlohmann::json RangeJson(const std::optional<DateRange>& r) {
  return r ? nlohmann::json{{"from", r->From()}, {"to", r->To()}} : nlohmann::json(nullptr);
}
std::optional<DateRange> RangeFrom(const nlohmann::json& j) {
  if (j.is_null()) return std::nullopt;
  return DateRange{*ParseDate(j.at("from").get<std::string>()), *ParseDate(j.at("to").get<std::string>())};
}

db::RowMapping<FiledReport> Columns() {
  using F = FiledReport;
  return db::RowMapping<F>()
      .Text("id", &F::id)
      .Text("division_code", &F::division_code)
      .Text("period_from", &F::from)
      .Text("period_to", &F::to)
      .Int("version", &F::version)
      .Custom(
          "report_json", [](const F& f) -> db::Value { return ReportJson(f.report); },
          [](F& f, const db::Value& v) { f.report = ReportFromJson(db::AsText(v)); })
      .Text("content_hash", &F::content_hash)
      .Text("filed_by", &F::filed_by)
      .Text("filed_at", &F::filed_at)
      .Text("note", &F::note);
}

}  // namespace

std::string ReportJson(const Report& r) {
  nlohmann::json breakdown = nlohmann::json::array();
  for (const auto& d : r.breakdown) breakdown.push_back({{"prefix", d.prefix}, {"values", d.values}});
  return nlohmann::json{{"division_code", r.division_code},
                        {"prefix", r.prefix},
                        {"period", RangeJson(r.period)},
                        {"values", r.values},
                        {"breakdown", breakdown},
                        {"residual", r.residual},
                        {"previous_period", RangeJson(r.previous_period)},
                        {"previous", r.previous},
                        {"year_ago_period", RangeJson(r.year_ago_period)},
                        {"year_ago", r.year_ago},
                        {"missing_sources", r.missing_sources},
                        {"generated_at", r.generated_at}}
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Report ReportFromJson(const std::string& text) {
  auto j = nlohmann::json::parse(text);
  Report r;
  r.division_code = j.at("division_code");
  r.prefix = j.at("prefix");
  r.period = *RangeFrom(j.at("period"));
  r.values = j.at("values").get<Figures>();
  for (const auto& d : j.at("breakdown")) r.breakdown.push_back({d.at("prefix"), d.at("values").get<Figures>()});
  r.residual = j.at("residual").get<Figures>();
  r.previous_period = RangeFrom(j.at("previous_period"));
  r.previous = j.at("previous").get<Figures>();
  r.year_ago_period = RangeFrom(j.at("year_ago_period"));
  r.year_ago = j.at("year_ago").get<Figures>();
  r.missing_sources = j.at("missing_sources").get<std::vector<std::string>>();
  r.generated_at = j.at("generated_at");
  return r;
}

const db::RecordTable<FiledReport>& FiledReports() {
  static const db::RecordTable<FiledReport> kTable("filed_reports", "no such filed report", Columns(),
                                                   {"id", "division_code", "period_from", "period_to", "version",
                                                    "report_json", "content_hash", "filed_by", "filed_at"});
  return kTable;
}

int LatestVersion(db::Tx& tx, const std::string& division_code, const std::string& from, const std::string& to) {
  return static_cast<int>(
      db::AsInt(tx.Query("SELECT COALESCE(MAX(version), 0) FROM filed_reports WHERE "
                         "division_code = ? AND period_from = ? AND period_to = ?",
                         {division_code, from, to})[0][0]));
}

void InsertFiled(db::Tx& tx, const FiledReport& f) {
  // Another filing of the same division and period may take this version first: run again.
  db::RetryOnDuplicate([&] { FiledReports().Insert(tx, {&f}); });
}

}  // namespace carehub::reports::store
