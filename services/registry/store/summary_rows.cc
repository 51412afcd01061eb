#include "services/registry/store/summary_rows.h"

#include <set>

#include "common/reach.h"

namespace carehub::registry::store {
namespace {

int64_t One(db::Tx& tx, const std::string& sql, const std::vector<db::Value>& params) {
  return db::AsInt(tx.Query(sql, params)[0][0]);
}

// On the register at the period's end, in `table` (optionally one child category): those
// registered before the end and active now, corrected by every status change since the end (an
// exit since means active then, a return since means gone then). Exact, and it reads only the
// people of the range and the changes after the end, never each person's whole history.
int64_t ActiveAtEnd(db::Tx& tx, const SummaryQuery& q, const std::string& table, const std::string& type,
                    const std::string& also) {
  auto range = RangeOf(q.prefix);
  int64_t now = One(tx,
                    "SELECT COUNT(*) FROM " + table +
                        " WHERE division_code >= ? AND division_code < ? AND created_at < ? AND status = 1" + also,
                    {range.begin, range.end, q.before});
  for (const auto& row : tx.Query("SELECT pc.status, COUNT(*) FROM person_changes pc JOIN " + table + " ON " + table +
                                      ".id = pc.person_id WHERE pc.division_code >= ? AND pc.division_code < ? AND "
                                      "pc.person_type = ? AND pc.field = 'status' AND pc.changed_at >= ? AND " +
                                      table + ".created_at < ?" + also + " GROUP BY pc.status",
                                  {range.begin, range.end, type, q.before, q.before})) {
    now += db::AsInt(row[0]) == 1 ? -db::AsInt(row[1]) : db::AsInt(row[1]);
  }
  return now;
}

int64_t Entered(db::Tx& tx, const SummaryQuery& q, const std::string& table) {
  auto range = RangeOf(q.prefix);
  return One(tx,
             "SELECT COUNT(*) FROM " + table +
                 " WHERE division_code >= ? AND division_code < ? AND created_at >= ? AND created_at < ?",
             {range.begin, range.end, q.from, q.before});
}

int64_t Exited(db::Tx& tx, const SummaryQuery& q, const std::string& type) {
  auto range = RangeOf(q.prefix);
  return One(tx,
             "SELECT COUNT(*) FROM person_changes WHERE division_code >= ? AND division_code < ? AND person_type = ? "
             "AND field = 'status' AND status = 2 AND changed_at >= ? AND changed_at < ?",
             {range.begin, range.end, type, q.from, q.before});
}

}  // namespace

RegistryFigures Summarize(db::Tx& tx, const SummaryQuery& q, size_t next_level_length) {
  RegistryFigures f;
  f.children_left_behind = ActiveAtEnd(tx, q, "children", "child", " AND children.category = 1");
  f.children_in_difficulty = ActiveAtEnd(tx, q, "children", "child", " AND children.category = 2");
  f.children_entered = Entered(tx, q, "children");
  f.children_exited = Exited(tx, q, "child");
  f.women_active = ActiveAtEnd(tx, q, "women", "woman", "");
  f.cancer_patients = ActiveAtEnd(tx, q, "women", "woman", " AND women.cancer_patient = 1");
  f.women_entered = Entered(tx, q, "women");
  f.women_exited = Exited(tx, q, "woman");
  auto range = RangeOf(q.prefix);
  for (const auto& row : tx.Query(
           "SELECT s.result, COUNT(*) FROM screenings s JOIN women w ON w.id = s.woman_id WHERE w.division_code >= ? "
           "AND w.division_code < ? AND s.screened_on >= ? AND s.screened_on <= ? GROUP BY s.result",
           {range.begin, range.end, q.from_date, q.to_date})) {
    f.screenings += db::AsInt(row[1]);
    if (db::AsInt(row[0]) == 3) f.screenings_confirmed += db::AsInt(row[1]);
  }
  if (next_level_length > q.prefix.size()) {
    std::set<std::string> seen;
    for (const char* table : {"children", "women"}) {
      // Walks the (division_code, id) index one next-level division at a time: a seek per
      // division, not a scan of the people.
      std::string at = range.begin;
      for (;;) {
        auto rows = tx.Query(std::string("SELECT division_code FROM ") + table +
                                 " WHERE division_code >= ? AND division_code < ? ORDER BY division_code LIMIT 1",
                             {at, range.end});
        if (rows.empty()) break;
        std::string next = db::AsText(rows[0][0]).substr(0, next_level_length);
        seen.insert(next);
        at = next + ":";
      }
    }
    f.next_level.assign(seen.begin(), seen.end());
  }
  return f;
}

}  // namespace carehub::registry::store
