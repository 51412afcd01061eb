#include "services/registry/store/summary_rows.h"

#include <map>
#include <set>

#include "common/reach.h"

namespace carehub::registry::store {
namespace {

int64_t One(db::Tx& tx, const std::string& sql, const std::vector<db::Value>& params) {
  return db::AsInt(tx.Query(sql, params)[0][0]);
}

// One pass over a table's people in the range (an index holding every column it reads): by
// `group` (a child's category, a woman's cancer flag), those on the register now who were
// registered before the period's end, and those registered in the period.
struct PeopleCounts {
  std::map<int64_t, int64_t> active_now, entered;
};
PeopleCounts CountPeople(db::Tx& tx, const SummaryQuery& q, const std::string& table, const std::string& group) {
  auto range = RangeOf(q.prefix);
  PeopleCounts out;
  for (const auto& row : tx.Query("SELECT " + group +
                                      ", SUM(CASE WHEN created_at < ? AND status = 1 THEN 1 ELSE 0 END), SUM(CASE "
                                      "WHEN created_at >= ? AND created_at < ? THEN 1 ELSE 0 END) FROM " +
                                      table + " WHERE division_code >= ? AND division_code < ? GROUP BY " + group,
                                  {q.before, q.from, q.before, range.begin, range.end})) {
    out.active_now[db::AsInt(row[0])] = db::AsInt(row[1]);
    out.entered[db::AsInt(row[0])] = db::AsInt(row[2]);
  }
  return out;
}

// On the register at the period's end, by `group`: those registered before the end and active
// now, corrected by every status change since the end (an exit since means active then, a
// return since means gone then). Exact, and it reads only the changes after the end, never
// each person's whole history.
std::map<int64_t, int64_t> ActiveAtEnd(db::Tx& tx, const SummaryQuery& q, const std::string& table,
                                       const std::string& type, const std::string& group,
                                       std::map<int64_t, int64_t> active_now) {
  auto range = RangeOf(q.prefix);
  for (const auto& row : tx.Query("SELECT p." + group + ", pc.status, COUNT(*) FROM person_changes pc JOIN " + table +
                                      " p ON p.id = pc.person_id WHERE pc.division_code >= ? AND pc.division_code < "
                                      "? AND pc.person_type = ? AND pc.field = 'status' AND pc.changed_at >= ? AND "
                                      "p.created_at < ? GROUP BY p." +
                                      group + ", pc.status",
                                  {range.begin, range.end, type, q.before, q.before})) {
    active_now[db::AsInt(row[0])] += db::AsInt(row[1]) == 1 ? -db::AsInt(row[2]) : db::AsInt(row[2]);
  }
  return active_now;
}

int64_t Sum(const std::map<int64_t, int64_t>& m) {
  int64_t n = 0;
  for (const auto& [key, count] : m) n += count;
  return n;
}

int64_t Exited(db::Tx& tx, const SummaryQuery& q, const std::string& type) {
  auto range = RangeOf(q.prefix);
  return One(tx,
             "SELECT COUNT(*) FROM person_changes WHERE division_code >= ? AND division_code < ? AND person_type = ? "
             "AND field = 'status' AND status = 2 AND changed_at >= ? AND changed_at < ?",
             {range.begin, range.end, type, q.from, q.before});
}

// Exits of the period by reason, from each person's history (kept with the reason given).
std::map<int, int64_t> ExitsByReason(db::Tx& tx, const SummaryQuery& q, const std::string& table) {
  auto range = RangeOf(q.prefix);
  std::map<int, int64_t> out;
  for (const auto& row : tx.Query("SELECT h.reason, COUNT(*) FROM person_history h JOIN " + table +
                                      " p ON p.id = h.person_id WHERE p.division_code >= ? AND p.division_code < ? "
                                      "AND h.from_status = 1 AND h.to_status = 2 AND h.changed_at >= ? AND "
                                      "h.changed_at < ? GROUP BY h.reason",
                                  {range.begin, range.end, q.from, q.before})) {
    out[static_cast<int>(db::AsInt(row[0]))] = db::AsInt(row[1]);
  }
  return out;
}

}  // namespace

RegistryFigures Summarize(db::Tx& tx, const SummaryQuery& q, size_t next_level_length) {
  RegistryFigures f;
  auto children = CountPeople(tx, q, "children", "category");
  auto by_category = ActiveAtEnd(tx, q, "children", "child", "category", children.active_now);
  f.children_left_behind = by_category[1];
  f.children_in_difficulty = by_category[2];
  f.children_entered = Sum(children.entered);
  f.children_exited = Exited(tx, q, "child");
  auto women = CountPeople(tx, q, "women", "cancer_patient");
  auto by_patient = ActiveAtEnd(tx, q, "women", "woman", "cancer_patient", women.active_now);
  f.women_active = Sum(by_patient);
  f.cancer_patients = by_patient[1];
  f.women_entered = Sum(women.entered);
  f.women_exited = Exited(tx, q, "woman");
  f.children_exited_by_reason = ExitsByReason(tx, q, "children");
  f.women_exited_by_reason = ExitsByReason(tx, q, "women");
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
