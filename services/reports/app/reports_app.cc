#include "services/reports/app/reports_app.h"

#include <atomic>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "common/audit.h"
#include "common/crypto.h"
#include "common/errors.h"
#include "common/ids.h"
#include "common/log.h"
#include "common/reach.h"
#include "services/reports/store/filed_rows.h"

namespace carehub::reports {
namespace {

// At most this many summary calls in flight for one form: a district's breakdown over 30 towns
// is 120 calls, and the services behind answer each from indexes in milliseconds.
constexpr size_t kParallelCalls = 16;

// One summary call: which source, which division, which period; what it answered.
struct Call {
  const FigureSource* source;
  std::string prefix;
  DateRange period;
  SourceAnswer answer{};
  std::string error{};
};

void RunAll(std::vector<Call>& calls, const Caller& caller) {
  std::atomic<size_t> next{0};
  std::vector<std::thread> workers;
  for (size_t w = 0; w < std::min(kParallelCalls, calls.size()); ++w) {
    workers.emplace_back([&] {
      for (size_t i = next++; i < calls.size(); i = next++) {
        auto& c = calls[i];
        try {
          c.answer = c.source->Summarize(caller, c.prefix, c.period);
        } catch (const DomainError& e) {
          c.error = e.what();
        } catch (const std::exception& e) {
          log::Warn(std::string("report source ") + SourceName(c.source->source()) + ": " + e.what());
          c.error = "failed";
        }
      }
    });
  }
  for (auto& w : workers) w.join();
}

void Merge(Figures& into, const Figures& from) {
  for (const auto& [code, value] : from) into[code] = value;
}

}  // namespace

std::string ContentHash(const Report& r) {
  nlohmann::json j = {{"division", r.prefix}, {"from", r.period.From()}, {"to", r.period.To()}, {"values", r.values}};
  for (const auto& d : r.breakdown) j["breakdown"][d.prefix] = d.values;
  return crypto::HexEncode(crypto::Sha256(j.dump()));
}

Report ReportsApp::Compose(const Caller& caller, const ReportRequest& r) const {
  Report out;
  out.division_code = r.division_code;
  out.prefix = CheckDivisionCode(r.division_code);
  out.period = Resolve(r.period);
  if (!caller.Reaches(r.division_code)) {
    Throw(ErrorCode::kPermissionDenied, "division_code", "lies outside the caller's reach");
  }
  if (r.comparisons) {
    out.previous_period = Previous(r.period, out.period);
    out.year_ago_period = YearAgo(out.period);
  }
  std::vector<Call> calls;
  for (const auto& s : sources_) {
    calls.push_back({s.get(), out.prefix, out.period});
    if (r.comparisons) {
      calls.push_back({s.get(), out.prefix, *out.previous_period});
      // A year's previous period is the year before: asked once.
      if (!(*out.year_ago_period == *out.previous_period)) calls.push_back({s.get(), out.prefix, *out.year_ago_period});
    }
  }
  RunAll(calls, caller);
  // A source is missing when any of its calls failed: a form never mixes answered and unanswered.
  std::map<Source, std::string> failed;
  std::vector<std::string> next_level;
  for (const auto& c : calls) {
    if (!c.error.empty()) failed.emplace(c.source->source(), c.error);
    // The registry knows where anyone lives: its divisions one level down make the breakdown.
    if (c.source->source() == Source::kRegistry && c.period == out.period) next_level = c.answer.next_level;
  }
  std::vector<Call> below;
  if (r.breakdown) {
    for (const auto& prefix : next_level) {
      for (const auto& s : sources_) {
        if (!failed.contains(s->source())) below.push_back({s.get(), prefix, out.period});
      }
    }
    RunAll(below, caller);
    for (const auto& c : below) {
      if (!c.error.empty()) failed.emplace(c.source->source(), c.error);
    }
  }
  for (const auto& c : calls) {
    if (failed.contains(c.source->source())) continue;
    if (c.period == out.period) Merge(out.values, c.answer.values);
    if (out.previous_period && c.period == *out.previous_period) Merge(out.previous, c.answer.values);
    if (out.year_ago_period && c.period == *out.year_ago_period) Merge(out.year_ago, c.answer.values);
  }
  std::map<std::string, Figures> by_division;
  for (const auto& c : below) {
    if (!failed.contains(c.source->source())) Merge(by_division[c.prefix], c.answer.values);
  }
  for (const auto& prefix : next_level) {
    if (r.breakdown) out.breakdown.push_back({prefix, by_division[prefix]});
  }
  out.residual = Residuals(out.values, out.breakdown);
  for (const auto& [source, why] : failed) out.missing_sources.push_back(std::string(SourceName(source)) + ": " + why);
  out.generated_at = log::NowRfc3339();
  return out;
}

FiledReport ReportsApp::File(db::Tx& tx, const Caller& caller, const Report& report, const std::string& note) const {
  if (report.Partial()) {
    std::string names;
    for (const auto& m : report.missing_sources) names += (names.empty() ? "" : "; ") + m;
    Throw(ErrorCode::kFailedPrecondition, "division_code", "a partial report is not filed (" + names + ")");
  }
  FiledReport f;
  f.id = NewId("rp");
  f.division_code = report.division_code;
  f.from = report.period.From();
  f.to = report.period.To();
  f.version = store::LatestVersion(tx, f.division_code, f.from, f.to) + 1;
  f.report = report;
  f.content_hash = ContentHash(report);
  f.filed_by = caller.subject;
  f.filed_at = log::NowRfc3339();
  f.note = note;
  store::InsertFiled(tx, f);
  AuditChangeOf(tx, caller, "report.file", {"report", f.id, f.division_code}, nullptr,
                {{"from", f.from}, {"to", f.to}, {"version", f.version}, {"content_hash", f.content_hash}});
  return f;
}

std::optional<FiledReport> ReportsApp::GetFiled(const Caller& caller, const std::string& id) const {
  return store::FiledReports().Find(db_, id, caller.reach);
}

std::vector<FiledReport> ReportsApp::ListFiled(const Caller& caller, const std::string& division_filter,
                                               const db::PageQuery& q) const {
  return store::FiledReports().ListNarrowed(db_, caller.reach, division_filter, q);
}

}  // namespace carehub::reports
