#include "services/funds/app/budget_app.h"

#include <nlohmann/json.hpp>

#include <cstdlib>

#include "common/audit.h"
#include "common/errors.h"
#include "common/instant.h"
#include "common/resident_id.h"
#include "services/funds/store/grant_rows.h"
#include "services/funds/store/ledger_rows.h"
#include "services/funds/store/program_rows.h"

namespace carehub::funds {
namespace {

std::string EntryAuditJson(const LedgerEntry& e) {
  return AuditJson(nlohmann::json{{"entry_id", e.id},
                                  {"kind", EntryKindName(e.kind)},
                                  {"from", e.from_account},
                                  {"to", e.to_account},
                                  {"amount_fen", e.amount_fen},
                                  {"reason", e.reason}});
}

std::vector<std::string> AccountsOf(const std::string& program_id) {
  return {ProgramAccount(program_id, AccountKind::kAvailable), ProgramAccount(program_id, AccountKind::kHeld),
          ProgramAccount(program_id, AccountKind::kSpent)};
}

}  // namespace

LedgerEntry BudgetApp::Allocate(db::Tx& tx, const Caller& caller, const std::string& program_id, int64_t amount_fen,
                                const std::string& reason) const {
  Program p = store::Programs().Lock(tx, program_id, caller.reach, "program_id");
  LedgerEntry e = store::Post(tx, Allocation(p, amount_fen, reason), caller.subject, caller.trace_id);
  RecordAudit(tx, {AuditBy(caller, "budget.allocate", {"program", p.id, p.division_code}, "", EntryAuditJson(e))});
  return e;
}

LedgerEntry BudgetApp::Transfer(db::Tx& tx, const Caller& caller, const std::string& from_program_id,
                                const std::string& to_program_id, int64_t amount_fen, const std::string& reason) const {
  if (from_program_id == to_program_id) ThrowInvalid("to_program_id", "is the program the money comes from");
  auto lock = [&](const std::string& id, const char* field) {
    return store::Programs().Lock(tx, id, caller.reach, field);
  };
  // Both programs locked in id order, so two opposite transfers wait rather than deadlock.
  std::optional<Program> from, to;
  if (from_program_id < to_program_id) {
    from = lock(from_program_id, "from_program_id");
    to = lock(to_program_id, "to_program_id");
  } else {
    to = lock(to_program_id, "to_program_id");
    from = lock(from_program_id, "from_program_id");
  }
  LedgerEntry e = store::Post(tx, funds::Transfer(*from, *to, amount_fen, reason), caller.subject, caller.trace_id);
  std::string json = EntryAuditJson(e);
  std::vector<AuditEvent> events = {
      AuditBy(caller, "budget.transfer_out", {"program", from->id, from->division_code}, "", json),
      AuditBy(caller, "budget.transfer_in", {"program", to->id, to->division_code}, "", json)};
  RecordAudit(tx, std::move(events));
  return e;
}

BudgetView BudgetApp::Budget(const Caller& caller, const std::string& program_id) const {
  BudgetView v;
  db_.Read([&](db::Tx& tx) {
    if (!store::Programs().Get(tx, program_id, caller.reach))
      Throw(ErrorCode::kNotFound, "program_id", "no such program");
    auto balances = store::Balances(tx, AccountsOf(program_id));
    v.program_id = program_id;
    v.available_fen = balances[ProgramAccount(program_id, AccountKind::kAvailable)];
    v.held_fen = balances[ProgramAccount(program_id, AccountKind::kHeld)];
    v.spent_fen = balances[ProgramAccount(program_id, AccountKind::kSpent)];
    v.allocated_fen = store::SumInto(tx, program_id, EntryKind::kAllocate) +
                      store::SumInto(tx, program_id, EntryKind::kTransfer) -
                      store::SumOutOf(tx, program_id, EntryKind::kTransfer);
  });
  return v;
}

std::vector<LedgerEntry> BudgetApp::Journal(const Caller& caller, const JournalQuery& q) const {
  store::EntryQuery sq{q.program_id, caller.reach, "", "", q.after_id, q.limit};
  if (!q.posted_from.empty()) sq.posted_from = ChinaDayStartUtc("posted_from", q.posted_from, 0);
  if (!q.posted_to.empty()) sq.posted_before = ChinaDayStartUtc("posted_to", q.posted_to, 1);
  std::vector<LedgerEntry> out;
  db_.Read([&](db::Tx& tx) {
    if (!q.program_id.empty() && !store::Programs().Get(tx, q.program_id, caller.reach)) {
      Throw(ErrorCode::kNotFound, "program_id", "no such program");
    }
    out = store::ListEntries(tx, sq);
  });
  return out;
}

int64_t Reconciliation::DifferenceFen() const {
  int64_t off = 0;
  for (const auto& d : differences) off += std::llabs(d.stored_fen - d.from_journal_fen);
  return off;
}

Reconciliation BudgetApp::Reconcile(const Caller& caller, const std::string& program_id) const {
  Reconciliation r;
  db_.Read([&](db::Tx& tx) {
    std::vector<std::string> programs;
    if (!program_id.empty()) {
      if (!store::Programs().Get(tx, program_id, caller.reach))
        Throw(ErrorCode::kNotFound, "program_id", "no such program");
      programs.push_back(program_id);
    } else {
      db::PageQuery q{caller.reach, {}, 500, {}};
      for (auto page = store::Programs().List(tx, q); !page.empty(); page = store::Programs().List(tx, q)) {
        for (const auto& p : page) programs.push_back(p.id);
        q.after = {page.back().division_code, page.back().id};
      }
    }
    for (const auto& id : programs) {
      auto accounts = AccountsOf(id);
      auto stored = store::Balances(tx, accounts);
      auto journal = store::JournalBalances(tx, accounts);
      for (const auto& a : accounts) {
        if (stored[a] != journal[a]) r.differences.push_back({a, stored[a], journal[a]});
        r.total_in_programs_fen += stored[a];
      }
      // The grants must explain the held and spent balances too: held = Σ approved and unpaid,
      // spent = Σ disbursed and not reversed.
      auto grants = store::TotalsOf(tx, id);
      for (auto [kind, expected] :
           {std::pair{AccountKind::kHeld, grants.held_fen}, {AccountKind::kSpent, grants.spent_fen}}) {
        std::string account = ProgramAccount(id, kind);
        if (stored[account] != expected) r.differences.push_back({account + " (grants)", stored[account], expected});
      }
      r.total_allocated_fen += store::SumInto(tx, id, EntryKind::kAllocate);
      r.accounts += static_cast<int>(accounts.size());
    }
    r.programs = static_cast<int>(programs.size());
    r.entries = store::CountEntries(tx, programs);
  });
  return r;
}

}  // namespace carehub::funds
