// carehubctl report show|file|filed|list|diff|indicators: the one form (docs/REPORTS.md). `show`
// prints a table by default, or writes CSV / XLSX with -o; a partial form exits 3.
#include <google/protobuf/util/json_util.h>

#include <nlohmann/json.hpp>

#include <fstream>
#include <iostream>

#include "carehub/reports/v1/reports_service.grpc.pb.h"
#include "common/money.h"
#include "tools/carehubctl/commands.h"
#include "tools/carehubctl/output.h"

namespace carehub::ctl {
namespace {

namespace rv1 = reports::v1;

struct PeriodOpts {
  int year = 0, quarter = 0, month = 0;
  std::string from, to;
};

void AddPeriodOptions(CLI::App* cmd, PeriodOpts& p) {
  cmd->add_option("--year", p.year, "a year, or the year of --quarter / --month");
  cmd->add_option("--quarter", p.quarter, "1 to 4")->check(CLI::Range(1, 4));
  cmd->add_option("--month", p.month, "1 to 12")->check(CLI::Range(1, 12));
  cmd->add_option("--from", p.from, "a range's first day, YYYY-MM-DD");
  cmd->add_option("--to", p.to, "a range's last day, YYYY-MM-DD");
}

rv1::Period PeriodOf(const PeriodOpts& o) {
  rv1::Period p;
  if (!o.from.empty() || !o.to.empty()) {
    p.set_kind(rv1::PERIOD_KIND_RANGE);
    p.set_from(o.from);
    p.set_to(o.to);
  } else {
    p.set_kind(o.quarter ? rv1::PERIOD_KIND_QUARTER : o.month ? rv1::PERIOD_KIND_MONTH : rv1::PERIOD_KIND_YEAR);
    p.set_year(o.year);
    p.set_quarter(o.quarter);
    p.set_month(o.month);
  }
  return p;
}

std::string Figure(const rv1::Value& v, const std::string& unit) {
  if (!v.available()) return "—";
  return unit == "元" ? FormatYuan(v.value()) : std::to_string(v.value());
}

// The form as a terminal table: indicator, this period, the previous, a year before, own level.
void PrintTable(const rv1::DivisionReport& r, const rv1::ListIndicatorsResponse& catalogue) {
  std::cout << "一表通 " << r.division_code() << "  " << r.from() << " 至 " << r.to() << "\n";
  if (!r.previous_from().empty()) std::cout << "上期 " << r.previous_from() << " 至 " << r.previous_to() << "\n";
  for (const auto& m : r.missing_sources()) std::cout << "缺失来源: " << m << "\n";
  auto find = [](const auto& values, const std::string& code) -> const rv1::Value* {
    for (const auto& v : values) {
      if (v.code() == code) return &v;
    }
    return nullptr;
  };
  std::cout << "\n  " << PadTo("", 36, false);
  for (const char* head : {"本期", "上期", "去年同期", "本级"}) std::cout << PadTo(head, 14, true);
  std::cout << "\n";
  std::string domain;
  for (const auto& i : catalogue.indicators()) {
    if (i.domain() != domain) {
      domain = i.domain();
      std::cout << "\n[" << domain << "]\n";
    }
    std::cout << "  " << PadTo(i.name() + "（" + i.unit() + "）", 36, false);
    for (const auto* values : {&r.values(), &r.previous(), &r.year_ago(), &r.residual()}) {
      const auto* v = find(*values, i.code());
      std::cout << PadTo(v ? Figure(*v, i.unit()) : "", 14, true);
    }
    std::cout << "\n";
  }
  if (r.breakdown_size() > 0) {
    std::cout << "\n下级: ";
    for (const auto& d : r.breakdown()) std::cout << d.division_prefix() << " ";
    std::cout << "(--format csv or xlsx for the breakdown table)\n";
  }
}

int Show(const Connection& conn, const rv1::GetDivisionReportRequest& req, const std::string& format,
         const std::string& out) {
  auto stub = rv1::ReportsService::NewStub(Channel(conn));
  if (format == "csv" || format == "xlsx") {
    if (out.empty()) {
      std::cerr << "error: --format " << format << " needs --out FILE\n";
      return 1;
    }
    rv1::ExportReportRequest e;
    *e.mutable_report() = req;
    e.set_format(format == "csv" ? rv1::EXPORT_FORMAT_CSV : rv1::EXPORT_FORMAT_XLSX);
    return DownloadTo<rv1::FileChunk>(conn, out, [&](grpc::ClientContext* ctx) { return stub->ExportReport(ctx, e); });
  }
  grpc::ClientContext ctx;
  PrepareLong(ctx, conn);
  CancelOnInterrupt interrupt(ctx);
  rv1::DivisionReport r;
  grpc::Status s;
  {
    Progress bar("building the form for " + req.division_code(), 0);
    bar.Tick();
    s = stub->GetDivisionReport(&ctx, req, &r);
  }
  if (interrupt.interrupted()) {
    std::cerr << "cancelled: a form shown is only read, so nothing changed\n";
    return kInterruptedExit;
  }
  if (!s.ok() || format == "json" || CurrentFormat() != Format::kTable) {
    int rc = PrintOrFail(s, r);
    return rc == 0 && r.missing_sources_size() > 0 ? 3 : rc;
  }
  grpc::ClientContext ictx;
  Prepare(ictx, conn);
  rv1::ListIndicatorsResponse catalogue;
  if (auto st = stub->ListIndicators(&ictx, rv1::ListIndicatorsRequest{}, &catalogue); !st.ok()) {
    return PrintOrFail(st, catalogue);
  }
  PrintTable(r, catalogue);
  return r.missing_sources_size() > 0 ? 3 : 0;
}

}  // namespace

void AddReportCommands(CLI::App& app, Cli& cli) {
  auto* report = app.add_subcommand("report", "the one form for a division and a period (一表通)");
  report->require_subcommand(1);
  struct Opts {
    std::string division, format = "table", out, note, id;
    PeriodOpts period;
    bool no_breakdown = false, no_compare = false;
  };
  auto o = std::make_shared<Opts>();
  auto* show = report->add_subcommand("show", "the form: every indicator, the level below, comparisons");
  show->add_option("division", o->division, "12-digit division code, e.g. 500116000000")->required();
  AddPeriodOptions(show, o->period);
  show->add_option("--format", o->format, "table, json, csv or xlsx")
      ->check(CLI::IsMember({"table", "json", "csv", "xlsx"}));
  show->add_option("--out", o->out, "file for --format csv and xlsx");
  show->add_flag("--no-breakdown", o->no_breakdown, "leave out the level below");
  show->add_flag("--no-compare", o->no_compare, "leave out the previous period and the year before");
  show->callback([&cli, o] {
    rv1::GetDivisionReportRequest req;
    req.set_division_code(o->division);
    *req.mutable_period() = PeriodOf(o->period);
    req.set_skip_breakdown(o->no_breakdown);
    req.set_skip_comparisons(o->no_compare);
    cli.rc = Show(cli.conn, req, o->format, o->out);
  });
  auto* file = report->add_subcommand("file", "freeze the form as filed (officers)");
  file->add_option("division", o->division, "12-digit division code")->required();
  AddPeriodOptions(file, o->period);
  file->add_option("--note", o->note, "e.g. 2026年度一表通");
  file->callback([&cli, o] {
    std::string period;
    google::protobuf::util::MessageToJsonString(PeriodOf(o->period), &period);
    cli.rc = CallJson(
        cli.conn, "FileReport",
        nlohmann::json{{"division_code", o->division}, {"period", nlohmann::json::parse(period)}, {"note", o->note}}
            .dump());
  });
  AddGet(report, cli, "GetFiledReport", "id");
  auto* list = report->add_subcommand("list", "filed reports in reach");
  list->add_option("--division", o->division, "12-digit division code");
  list->callback([&cli, o] {
    cli.rc = CallJson(cli.conn, "ListFiledReports", nlohmann::json{{"division_code", o->division}}.dump());
  });
  auto* diff = report->add_subcommand("diff", "what changed since a form was filed (restatements)");
  diff->add_option("id", o->id, "rp_… id")->required();
  diff->callback([&cli, o] { cli.rc = CallJson(cli.conn, "DiffReport", nlohmann::json{{"id", o->id}}.dump()); });
  auto* indicators = report->add_subcommand("indicators", "the catalogue: codes, names, units, sources");
  indicators->callback([&cli] { cli.rc = CallJson(cli.conn, "ListIndicators", "{}"); });
}

}  // namespace carehub::ctl
