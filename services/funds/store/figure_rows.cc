#include "services/funds/store/figure_rows.h"

#include "common/db/in_reach.h"
#include "services/funds/store/grant_rows.h"

namespace carehub::funds::store {
namespace {

struct EventSql {
  const char* column;
  const char* also;
};
EventSql SqlOf(Event e) {
  switch (e) {
    case Event::kSubmitted:
      return {"submitted_at", ""};
    case Event::kApproved:
      return {"approved_at", ""};
    case Event::kDisbursed:
      return {"disbursed_at", ""};
    case Event::kReversed:
      return {"closed_at", " AND state = 7"};
    case Event::kReleased:
      return {"closed_at", " AND state = 6 AND approved_at <> ''"};
  }
  return {"submitted_at", ""};
}

}  // namespace

std::map<std::string, Measure> CountBy(db::Tx& tx, const FigureQuery& q, Event e) {
  auto sql = SqlOf(e);
  db::Filter f;
  f.StartsWith("division_code", q.prefix);
  f.Where(std::string(" AND ") + sql.column + " >= ? AND " + sql.column + " < ?" + sql.also, {q.from, q.before});
  std::map<std::string, Measure> out;
  for (const auto& row : tx.Query("SELECT program_id, COUNT(*), COALESCE(SUM(amount_fen), 0), COUNT(DISTINCT "
                                  "beneficiary_id), COALESCE(SUM(CASE WHEN goods <> '' THEN amount_fen ELSE 0 END), "
                                  "0) FROM grants WHERE 1 = 1" +
                                      f.sql() + " GROUP BY program_id",
                                  f.params())) {
    out[db::AsText(row[0])] = {db::AsInt(row[1]), db::AsInt(row[2]), db::AsInt(row[3]), db::AsInt(row[4])};
  }
  return out;
}

int64_t PeoplePaid(db::Tx& tx, const FigureQuery& q) {
  db::Filter f;
  f.StartsWith("division_code", q.prefix);
  f.Where(" AND disbursed_at >= ? AND disbursed_at < ?", {q.from, q.before});
  return db::AsInt(
      tx.Query("SELECT COUNT(DISTINCT beneficiary_id) FROM grants WHERE 1 = 1" + f.sql(), f.params())[0][0]);
}

std::map<std::string, int64_t> JournalBy(db::Tx& tx, const FigureQuery& q, int kind) {
  db::Filter f;
  f.StartsWith("division_code", q.prefix);
  std::map<std::string, int64_t> out;
  std::vector<db::Value> params = f.params();
  params.insert(params.end(), {int64_t{kind}, q.from, q.before});
  for (const auto& row :
       tx.Query("SELECT program_id, COALESCE(SUM(amount_fen), 0) FROM ledger_entries WHERE 1 = 1" + f.sql() +
                    " AND kind = ? AND posted_at >= ? AND posted_at < ? GROUP BY program_id",
                params)) {
    out[db::AsText(row[0])] = db::AsInt(row[1]);
  }
  return out;
}

std::vector<Grant> Disbursed(db::Tx& tx, const std::string& program_id, const FigureQuery& q, const std::string& after,
                             int limit) {
  db::Filter f;
  f.StartsWith("division_code", q.prefix);
  std::vector<db::Value> params = {program_id, q.from, q.before, after};
  params.insert(params.end(), f.params().begin(), f.params().end());
  params.emplace_back(int64_t{limit});
  std::vector<Grant> out;
  for (const auto& row :
       tx.Query("SELECT " + Grants().spec().columns +
                    " FROM grants WHERE program_id = ? AND disbursed_at >= ? AND disbursed_at < ? AND "
                    "id > ?" +
                    f.sql() + " ORDER BY id LIMIT ?",
                params)) {
    out.push_back(Grants().columns().Read(row));
  }
  return out;
}

}  // namespace carehub::funds::store
