#include "services/funds/app/figures_app.h"

#include <algorithm>

#include "common/csv.h"
#include "common/errors.h"
#include "common/instant.h"
#include "common/money.h"
#include "common/reach.h"
#include "services/funds/app/budget_app.h"
#include "services/funds/domain/ledger.h"
#include "services/funds/store/figure_rows.h"
#include "services/funds/store/program_rows.h"

namespace carehub::funds {
namespace {

store::FigureQuery QueryOf(const std::string& prefix, const Period& p) {
  return {prefix, ChinaDayStartUtc("from", p.from, 0), ChinaDayStartUtc("to", p.to, 1)};
}

void Add(CountAndFen& to, const store::Measure& m) {
  to.count += m.count;
  to.fen += m.fen;
}

// A disbursed grant as the auditors' file shows it: China time, payee masked.
std::string DisbursementLine(const Grant& g) {
  static const char* kChannels[] = {"", "cash", "bank_transfer", "goods"};
  auto at = ParseInstant(g.disbursed_at);
  return CsvLine({g.id, g.beneficiary_id, g.division_code, std::to_string(g.amount_fen), FormatYuan(g.amount_fen),
                  kChannels[static_cast<int>(g.channel)], g.goods, g.payment_reference,
                  at ? FormatInstantChina(*at) : g.disbursed_at, g.disbursed_by, g.payee.account_masked,
                  GrantStateName(g.state), g.batch_id});
}

}  // namespace

FundsFigures FiguresApp::Summarize(const Caller& caller, const std::string& division_prefix,
                                   const Period& period) const {
  auto prefix = NarrowReach(caller.reach, division_prefix);
  if (!prefix) Throw(ErrorCode::kPermissionDenied, "division_prefix", "lies outside the caller's reach");
  auto q = QueryOf(*prefix, period);
  FundsFigures out{*prefix, period.from, period.to, {}, {}, {}};
  db_.Read([&](db::Tx& tx) {
    using store::Event;
    std::map<std::string, ProgramFigures> by_program;
    auto fold = [&](Event e, CountAndFen ProgramFigures::*field) {
      for (const auto& [id, m] : store::CountBy(tx, q, e)) {
        auto& f = by_program[id];
        Add(f.*field, m);
        Add(out.total.*field, m);
        if (e == Event::kDisbursed) {
          f.beneficiaries_paid += m.people;
          f.goods_fen += m.goods_fen;
          out.total.goods_fen += m.goods_fen;
        }
      }
    };
    fold(Event::kSubmitted, &ProgramFigures::submitted);
    fold(Event::kApproved, &ProgramFigures::approved);
    fold(Event::kDisbursed, &ProgramFigures::disbursed);
    fold(Event::kReversed, &ProgramFigures::reversed);
    fold(Event::kReleased, &ProgramFigures::released);
    out.total.beneficiaries_paid = store::PeoplePaid(tx, q);

    // The journal keeps a program's movements under the program's own division: where that lies
    // inside the prefix, the grants' figures must be its movements exactly.
    struct Check {
      EntryKind kind;
      CountAndFen ProgramFigures::*field;
    };
    const Check checks[] = {{EntryKind::kHold, &ProgramFigures::approved},
                            {EntryKind::kDisburse, &ProgramFigures::disbursed},
                            {EntryKind::kReverse, &ProgramFigures::reversed},
                            {EntryKind::kRelease, &ProgramFigures::released}};
    std::map<EntryKind, std::map<std::string, int64_t>> journal;
    for (const auto& c : checks) {
      journal[c.kind] = store::JournalBy(tx, q, static_cast<int>(c.kind));
      for (const auto& [id, fen] : journal[c.kind]) by_program[id];  // a movement with no grant behind it shows too
    }
    for (auto& [id, f] : by_program) {
      auto p = store::Programs().Get(tx, id, "");
      if (!p) continue;
      f.program_id = id, f.program_code = p->code, f.program_name = p->name, f.funding_source = p->funding_source;
      if (!p->division_code.starts_with(*prefix)) continue;
      for (const auto& c : checks) {
        auto it = journal[c.kind].find(id);
        int64_t moved = it == journal[c.kind].end() ? 0 : it->second;
        if (moved != (f.*c.field).fen) {
          out.ledger_differences.push_back(p->code + " " + EntryKindName(c.kind) + ": grants " +
                                           FormatYuan((f.*c.field).fen) + " yuan, journal " + FormatYuan(moved) +
                                           " yuan");
        }
      }
    }
    for (auto& [id, f] : by_program) {
      if (!f.program_id.empty()) out.programs.push_back(std::move(f));
    }
  });
  std::sort(out.programs.begin(), out.programs.end(),
            [](const ProgramFigures& a, const ProgramFigures& b) { return a.program_code < b.program_code; });
  return out;
}

void FiguresApp::ExportDisbursements(const Caller& caller, const std::string& program_id, const Period& period,
                                     const std::function<bool(const std::string&)>& write) const {
  auto q = QueryOf(caller.reach, period);
  db_.Read([&](db::Tx& tx) {
    if (!store::Programs().Get(tx, program_id, caller.reach))
      Throw(ErrorCode::kNotFound, "program_id", "no such program");
  });
  if (!write("\xEF\xBB\xBF" +
             CsvLine({"grant_id", "beneficiary_id", "division_code", "amount_fen", "amount_yuan", "channel", "goods",
                      "reference", "disbursed_at", "disbursed_by", "payee_account", "state", "batch_id"}))) {
    return;
  }
  std::string after;
  for (;;) {
    std::vector<Grant> rows;
    db_.Read([&](db::Tx& tx) { rows = store::Disbursed(tx, program_id, q, after, 2000); });
    if (rows.empty()) return;
    std::string piece;
    for (const auto& g : rows) piece += DisbursementLine(g);
    if (!write(piece)) return;
    after = rows.back().id;
  }
}

}  // namespace carehub::funds
