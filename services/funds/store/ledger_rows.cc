#include "services/funds/store/ledger_rows.h"

#include <limits>

#include "common/db/bulk.h"
#include "common/db/row_mapping.h"
#include "common/errors.h"
#include "common/ids.h"
#include "common/log.h"
#include "common/money.h"
#include "common/reach.h"

namespace carehub::funds::store {
namespace {

const db::RowMapping<LedgerEntry>& EntryColumns() {
  using E = LedgerEntry;
  static const auto kColumns = db::RowMapping<E>()
                                   .Text("id", &E::id)
                                   .Text("posted_at", &E::posted_at)
                                   .Enum<EntryKind>("kind", &E::kind)
                                   .Text("from_account", &E::from_account)
                                   .Text("to_account", &E::to_account)
                                   .Int("amount_fen", &E::amount_fen)
                                   .Text("program_id", &E::program_id)
                                   .Text("other_program_id", &E::other_program_id)
                                   .Text("grant_id", &E::grant_id)
                                   .Text("reason", &E::reason)
                                   .Text("actor", &E::actor)
                                   .Text("request_id", &E::trace_id)
                                   .Text("division_code", &E::division_code)
                                   .Text("other_division_code", &E::other_division_code);
  return kColumns;
}

int64_t BalanceOf(db::Tx& tx, const std::string& account) {
  auto rows = tx.Query("SELECT balance_fen FROM accounts WHERE id = ?", {account});
  if (rows.empty()) throw std::logic_error("no account " + account);
  return db::AsInt(rows[0][0]);
}

// The debit refuses in the same statement that applies it: no read-then-write window.
void Debit(db::Tx& tx, const std::string& account, int64_t amount) {
  if (tx.Exec("UPDATE accounts SET balance_fen = balance_fen - ? WHERE id = ? AND (balance_fen >= ? OR may_go_negative "
              "= 1)",
              {amount, account, amount}) == 1) {
    return;
  }
  Throw(ErrorCode::kFailedPrecondition, "amount_fen",
        "exceeds what " + account + " holds (" + FormatYuan(BalanceOf(tx, account)) + " yuan)");
}

void Credit(db::Tx& tx, const std::string& account, int64_t amount) {
  // A balance that would overflow is refused rather than wrapped.
  if (tx.Exec("UPDATE accounts SET balance_fen = balance_fen + ? WHERE id = ? AND balance_fen <= ?",
              {amount, account, std::numeric_limits<int64_t>::max() - amount}) != 1) {
    Throw(ErrorCode::kFailedPrecondition, "amount_fen", "would overflow " + account);
  }
}

// Σ amount of the entries whose `column` (to_account or from_account) is each account: one
// index range per account, summed by the database.
std::map<std::string, int64_t> SumBy(db::Tx& tx, const std::string& column, const std::vector<std::string>& accounts) {
  std::map<std::string, int64_t> out;
  const std::string sql = "SELECT COALESCE(SUM(amount_fen), 0) FROM ledger_entries WHERE " + column + " = ?";
  for (const auto& a : accounts) out[a] = db::AsInt(tx.Query(sql, {a})[0][0]);
  return out;
}

}  // namespace

LedgerEntry Post(db::Tx& tx, const Movement& m, const std::string& actor, const std::string& trace_id) {
  // Touch the two rows in a fixed order so two opposite transfers cannot deadlock each other.
  if (m.from_account < m.to_account) {
    Debit(tx, m.from_account, m.amount_fen);
    Credit(tx, m.to_account, m.amount_fen);
  } else {
    Credit(tx, m.to_account, m.amount_fen);
    Debit(tx, m.from_account, m.amount_fen);
  }
  LedgerEntry e;
  static_cast<Movement&>(e) = m;
  e.id = NewId("le");
  e.actor = actor;
  e.trace_id = trace_id;
  e.posted_at = log::NowRfc3339();
  static const std::string kInsert = "INSERT INTO ledger_entries (" + EntryColumns().ColumnList() + ") VALUES ";
  std::vector<db::Value> row;
  EntryColumns().Append(e, row);
  db::InsertRows(tx, kInsert, EntryColumns().size(), row);
  return e;
}

std::map<std::string, int64_t> Balances(db::Tx& tx, const std::vector<std::string>& accounts) {
  std::map<std::string, int64_t> out;
  std::vector<db::Value> keys(accounts.begin(), accounts.end());
  for (const auto& row : db::QueryIn(tx, "SELECT id, balance_fen FROM accounts WHERE id IN ", keys)) {
    out[db::AsText(row[0])] = db::AsInt(row[1]);
  }
  return out;
}

std::map<std::string, int64_t> JournalBalances(db::Tx& tx, const std::vector<std::string>& accounts) {
  std::map<std::string, int64_t> out;
  for (const auto& a : accounts) out[a] = 0;
  for (const auto& [a, in] : SumBy(tx, "to_account", accounts)) out[a] += in;
  for (const auto& [a, gone] : SumBy(tx, "from_account", accounts)) out[a] -= gone;
  return out;
}

int64_t SumInto(db::Tx& tx, const std::string& program_id, EntryKind kind) {
  auto rows = tx.Query("SELECT COALESCE(SUM(amount_fen), 0) FROM ledger_entries WHERE program_id = ? AND kind = ?",
                       {program_id, static_cast<int64_t>(kind)});
  return db::AsInt(rows[0][0]);
}

int64_t SumOutOf(db::Tx& tx, const std::string& program_id, EntryKind kind) {
  auto rows =
      tx.Query("SELECT COALESCE(SUM(amount_fen), 0) FROM ledger_entries WHERE other_program_id = ? AND kind = ?",
               {program_id, static_cast<int64_t>(kind)});
  return db::AsInt(rows[0][0]);
}

int64_t CountEntries(db::Tx& tx, const std::vector<std::string>& program_ids) {
  int64_t n = 0;
  for (const auto& id : program_ids) {
    n += db::AsInt(tx.Query("SELECT COUNT(*) FROM ledger_entries WHERE program_id = ?", {id})[0][0]);
  }
  return n;
}

std::vector<LedgerEntry> ListEntries(db::Tx& tx, const EntryQuery& q) {
  std::string sql = "SELECT " + EntryColumns().ColumnList() + " FROM ledger_entries WHERE id > ?";
  std::vector<db::Value> params = {q.after_id};
  if (!q.program_id.empty()) {
    sql += " AND (program_id = ? OR other_program_id = ?)";
    params.insert(params.end(), {q.program_id, q.program_id});
  } else {
    // Every program in reach: the receiving or the giving program's division lies inside it.
    auto r = RangeOf(q.reach);
    sql +=
        " AND ((division_code >= ? AND division_code < ?) OR (other_division_code >= ? AND other_division_code < ?))";
    params.insert(params.end(), {r.begin, r.end, r.begin, r.end});
  }
  if (!q.posted_from.empty()) sql += " AND posted_at >= ?", params.emplace_back(q.posted_from);
  if (!q.posted_before.empty()) sql += " AND posted_at < ?", params.emplace_back(q.posted_before);
  sql += " ORDER BY id LIMIT ?";
  params.emplace_back(int64_t{q.limit});
  std::vector<LedgerEntry> out;
  for (const auto& row : tx.Query(sql, params)) out.push_back(EntryColumns().Read(row));
  return out;
}

}  // namespace carehub::funds::store
