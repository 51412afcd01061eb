#include "services/volunteers/store/care_rows.h"

#include "common/db/bulk.h"
#include "common/errors.h"
#include "common/reach.h"

namespace carehub::volunteers::store {
namespace {

db::Value ActiveKey(const Pairing& p) {
  return p.state == PairingState::kActive ? db::Value(p.volunteer_id + ":" + p.child_id) : db::Value();
}
void IgnoreActiveKey(Pairing&, const db::Value&) {}

db::RowMapping<Pairing> PairingColumns() {
  using P = Pairing;
  return db::RowMapping<P>()
      .Text("id", &P::id)
      .Text("volunteer_id", &P::volunteer_id)
      .Text("child_id", &P::child_id)
      .Text("division_code", &P::division_code)
      .Enum<PairingState>("state", &P::state)
      .Text("started_on", &P::started_on)
      .Text("ended_on", &P::ended_on)
      .Enum<PairingEnd>("end_reason", &P::end_reason)
      .Text("end_note", &P::end_note)
      .Custom("active_key", ActiveKey, IgnoreActiveKey)
      .Int("version", &P::version)
      .Text("created_at", &P::created_at)
      .Text("created_by", &P::created_by);
}

db::RowMapping<CarePlan> PlanColumns() {
  using C = CarePlan;
  return db::RowMapping<C>()
      .Text("id", &C::id)
      .Text("division_code", &C::division_code)
      .Enum<ChildCategory>("category", &C::category)
      .Enum<RiskLevel>("risk", &C::risk)
      .Text("last_contact_on", &C::last_contact_on)
      .Text("next_due_on", &C::next_due_on)
      .Int("active_pairings", &C::active_pairings)
      .Int("version", &C::version);
}

db::RowMapping<Visit> VisitColumns() {
  using V = Visit;
  return db::RowMapping<V>()
      .Text("id", &V::id)
      .Text("pairing_id", &V::pairing_id)
      .Text("child_id", &V::child_id)
      .Text("volunteer_id", &V::volunteer_id)
      .Text("division_code", &V::division_code)
      .Text("visited_on", &V::visited_on)
      .Enum<VisitKind>("kind", &V::kind)
      .Bool("contact_made", &V::contact_made)
      .Int("duration_minutes", &V::duration_minutes)
      .Int("findings", &V::findings)
      .Int("goods_fen", &V::goods_fen)
      .Text("services", &V::services)
      .Text("note", &V::note)
      .Bool("follow_up", &V::follow_up)
      .Text("created_at", &V::created_at)
      .Text("created_by", &V::created_by);
}

db::RowMapping<RiskReport> RiskColumns() {
  using R = RiskReport;
  return db::RowMapping<R>()
      .Text("id", &R::id)
      .Text("child_id", &R::child_id)
      .Text("visit_id", &R::visit_id)
      .Text("pairing_id", &R::pairing_id)
      .Text("division_code", &R::division_code)
      .Int("findings", &R::findings)
      .Enum<RiskReportState>("state", &R::state)
      .Text("opened_on", &R::opened_on)
      .Text("due_on", &R::due_on)
      .Text("acknowledged_at", &R::acknowledged_at)
      .Text("acknowledged_by", &R::acknowledged_by)
      .Text("acknowledge_note", &R::acknowledge_note)
      .Text("resolved_at", &R::resolved_at)
      .Text("resolved_by", &R::resolved_by)
      .Text("resolve_note", &R::resolve_note)
      .Int("version", &R::version)
      .Text("created_at", &R::created_at)
      .Text("created_by", &R::created_by);
}

std::vector<CarePlan> ReadPlans(const std::vector<db::Row>& rows) {
  std::vector<CarePlan> out;
  for (const auto& row : rows) out.push_back(CarePlans().columns().Read(row));
  return out;
}

std::vector<std::pair<int, int64_t>> Pairs(const std::vector<db::Row>& rows) {
  std::vector<std::pair<int, int64_t>> out;
  for (const auto& row : rows) out.emplace_back(static_cast<int>(db::AsInt(row[0])), db::AsInt(row[1]));
  return out;
}

// The day after `to`, so a timestamp on `to` (2026-12-31T23:59:59Z) falls before it.
std::string DaysAfterText(const std::string& to) { return DaysAfter(to, 1); }

int64_t YearOf(const std::string& date) { return std::stoll(date.substr(0, 4)); }

// A period [from, to] as the calendar years it wholly holds and the days left at either end.
struct YearSplit {
  int first_year = 0, last_year = -1;  // none when first > last
  std::vector<std::pair<std::string, std::string>> days{};
};
YearSplit SplitByYears(const std::string& from, const std::string& to) {
  YearSplit out;
  int from_year = static_cast<int>(YearOf(from)), to_year = static_cast<int>(YearOf(to));
  out.first_year = from.substr(5) == "01-01" ? from_year : from_year + 1;
  out.last_year = to.substr(5) == "12-31" ? to_year : to_year - 1;
  if (out.first_year > out.last_year) {
    out.days.emplace_back(from, to);
    return out;
  }
  if (out.first_year != from_year) out.days.emplace_back(from, std::to_string(from_year) + "-12-31");
  if (out.last_year != to_year) out.days.emplace_back(std::to_string(to_year) + "-01-01", to);
  return out;
}

const db::CounterTable kVisitDays{"visit_rollup", {"level", "prefix", "visited_on", "kind"}, {"visits", "goods_fen"}};
const db::CounterTable kVisitChildren{"visit_children", {"level", "prefix", "year", "child_id"}};

}  // namespace

const db::RecordTable<Pairing>& Pairings() {
  static const db::RecordTable<Pairing> kTable("pairings", "no such pairing", PairingColumns(),
                                               {"id", "volunteer_id", "child_id", "created_at", "created_by"});
  return kTable;
}

const db::RecordTable<CarePlan>& CarePlans() {
  static const db::RecordTable<CarePlan> kTable("care_plans", "no such care plan", PlanColumns(), {"id"});
  return kTable;
}

const db::RecordTable<Visit>& Visits() {
  static const db::RecordTable<Visit> kTable("visits", "no such visit", VisitColumns(), {"id"});
  return kTable;
}

const db::RecordTable<RiskReport>& RiskReports() {
  static const db::RecordTable<RiskReport> kTable("risk_reports", "no such risk report", RiskColumns(),
                                                  {"id", "child_id", "visit_id", "pairing_id", "division_code",
                                                   "findings", "opened_on", "created_at", "created_by"});
  return kTable;
}

std::vector<RiskReport> ListRiskReports(db::Tx& tx, const RiskPage& page) {
  auto range = RangeOf(page.prefix);
  std::string sql = "SELECT " + RiskReports().spec().columns +
                    " FROM risk_reports WHERE division_code >= ? AND division_code < ? "
                    "AND due_on >= ? AND (due_on > ? OR id > ?)";
  std::vector<db::Value> params = {range.begin, range.end, page.after_due, page.after_due, page.after_id};
  if (page.state) {
    sql += " AND state = ?";
    params.emplace_back(int64_t{page.state});
  } else {
    sql += " AND state IN (1, 2)";
  }
  if (!page.overdue_on.empty()) sql += " AND due_on < ?", params.emplace_back(page.overdue_on);
  sql += " ORDER BY due_on, id LIMIT ?";
  params.emplace_back(int64_t{page.limit});
  std::vector<RiskReport> out;
  for (const auto& row : tx.Query(sql, params)) out.push_back(RiskReports().columns().Read(row));
  return out;
}

bool TakeCaseload(db::Tx& tx, const std::string& volunteer_id, int cap) {
  return tx.Exec("UPDATE volunteers SET active_pairings = active_pairings + 1 WHERE id = ? AND active_pairings < ?",
                 {volunteer_id, int64_t{cap}}) == 1;
}

void ReleaseCaseload(db::Tx& tx, const std::string& volunteer_id) {
  tx.Exec("UPDATE volunteers SET active_pairings = active_pairings - 1 WHERE id = ? AND active_pairings > 0",
          {volunteer_id});
}

void InsertPairing(db::Tx& tx, const Pairing& p, const std::string& field) {
  try {
    Pairings().Insert(tx, {&p});
  } catch (const db::DbError& e) {
    if (e.kind() == db::DbError::Kind::kDuplicate)
      Throw(ErrorCode::kAlreadyExists, field, "the volunteer is already paired with this child");
    throw;
  }
}

void EndPairing(db::Tx& tx, const Pairing& before, const Pairing& after) {
  Pairings().Update(tx, after, before.version, "id");
}

std::vector<Pairing> ActivePairingsOf(db::Tx& tx, const std::string& child_id) {
  std::vector<Pairing> out;
  for (const auto& row : tx.Query(
           "SELECT " + Pairings().spec().columns + " FROM pairings WHERE child_id = ? AND state = 1", {child_id})) {
    out.push_back(Pairings().columns().Read(row));
  }
  return out;
}

std::optional<CarePlan> LockPlan(db::Tx& tx, const std::string& child_id) {
  std::string sql = "SELECT " + CarePlans().spec().columns + " FROM care_plans WHERE id = ?";
  if (tx.backend() == db::Backend::kMysql) sql += " FOR UPDATE";
  auto plans = ReadPlans(tx.Query(sql, {child_id}));
  if (plans.empty()) return std::nullopt;
  return plans.front();
}

void SavePlan(db::Tx& tx, const CarePlan& plan, bool is_new) {
  if (is_new) {
    CarePlans().Insert(tx, {&plan});
  } else {
    CarePlan next = plan;
    next.version = plan.version + 1;
    CarePlans().Update(tx, next, plan.version, "child_id");
  }
}

// The keyset position is one range (due >= after) plus a filter rather than an OR of two ranges,
// so the (due, id) index serves the order and the scan stops at the page's end.
std::vector<CarePlan> Overdue(db::Tx& tx, const OverduePage& page) {
  auto range = RangeOf(page.prefix);
  // MariaDB prefers the (division, due) index for a town and sorts the town's overdue children;
  // walking (due, id) in order and stopping at the page's end is cheaper at every level.
  const char* hint = tx.backend() == db::Backend::kMysql ? " FORCE INDEX (care_plans_due)" : "";
  return ReadPlans(tx.Query(
      "SELECT " + CarePlans().spec().columns + " FROM care_plans" + hint +
          " WHERE next_due_on < ? AND division_code >= ? AND division_code < ? "
          "AND next_due_on >= ? AND (next_due_on > ? OR id > ?) "
          "ORDER BY next_due_on, id LIMIT ?",
      {page.today, range.begin, range.end, page.after_due, page.after_due, page.after_id, int64_t{page.limit}}));
}

std::vector<CarePlan> DueFor(db::Tx& tx, const std::string& volunteer_id, const std::string& until) {
  return ReadPlans(tx.Query("SELECT " + CarePlans().columns().ColumnList("c.") +
                                " FROM pairings p JOIN care_plans c ON c.id = p.child_id WHERE p.volunteer_id = ? "
                                "AND p.state = 1 AND c.next_due_on <= ? ORDER BY c.next_due_on, c.id LIMIT 500",
                            {volunteer_id, until}));
}

void InsertVisit(db::Tx& tx, const Visit& v) {
  Visits().Insert(tx, {&v});
  if (!v.contact_made) return;
  std::vector<db::Value> days, children;
  for (size_t level : kLevelLengths) {
    auto prefix = v.division_code.substr(0, level);
    for (db::Value x : {db::Value(static_cast<int64_t>(level)), db::Value(prefix), db::Value(v.visited_on),
                        db::Value(int64_t{static_cast<int>(v.kind)}), db::Value(int64_t{1}), db::Value(v.goods_fen)}) {
      days.push_back(std::move(x));
    }
    for (db::Value x : {db::Value(static_cast<int64_t>(level)), db::Value(prefix), db::Value(YearOf(v.visited_on)),
                        db::Value(v.child_id)}) {
      children.push_back(std::move(x));
    }
  }
  // Levels ascend and each level's prefix is the code's, so both lists are in key order already.
  db::AddRows(tx, kVisitDays, days);
  db::AddRows(tx, kVisitChildren, children);
}

void RebuildVisitRollups(db::Tx& tx) {
  tx.Exec("DELETE FROM visit_rollup");
  tx.Exec("DELETE FROM visit_children");
  const std::string year = tx.backend() == db::Backend::kMysql ? "CAST(SUBSTR(visited_on, 1, 4) AS SIGNED)"
                                                               : "CAST(SUBSTR(visited_on, 1, 4) AS INTEGER)";
  for (size_t level : kLevelLengths) {
    db::Value l(static_cast<int64_t>(level));
    tx.Exec(
        "INSERT INTO visit_rollup (level, prefix, visited_on, kind, visits, goods_fen) SELECT ?, "
        "SUBSTR(division_code, 1, ?), visited_on, kind, COUNT(*), SUM(goods_fen) FROM visits WHERE "
        "contact_made = 1 GROUP BY SUBSTR(division_code, 1, ?), visited_on, kind",
        {l, l, l});
    tx.Exec(
        "INSERT INTO visit_children (level, prefix, year, child_id) SELECT DISTINCT ?, SUBSTR(division_code, 1, ?), " +
            year + ", child_id FROM visits WHERE contact_made = 1",
        {l, l});
  }
}

int64_t CountOverdue(db::Tx& tx, const std::string& prefix, const std::string& today) {
  auto range = RangeOf(prefix);
  return db::AsInt(tx.Query("SELECT COUNT(*) FROM care_plans WHERE next_due_on < ? AND division_code >= ? AND "
                            "division_code < ?",
                            {today, range.begin, range.end})
                       .at(0)[0]);
}

CareSummary SummarizeCare(db::Tx& tx, const std::string& prefix, const std::string& from, const std::string& to,
                          const std::string& overdue_on) {
  auto range = RangeOf(prefix);
  db::Value level(static_cast<int64_t>(LevelLengthFor(prefix.size())));
  CareSummary s;
  // Visits, goods and visits by kind from the daily rollup.
  for (const auto& row : tx.Query("SELECT kind, SUM(visits), SUM(goods_fen) FROM visit_rollup WHERE level = ? AND "
                                  "prefix >= ? AND prefix < ? AND visited_on >= ? AND visited_on <= ? GROUP BY kind "
                                  "ORDER BY kind",
                                  {level, range.begin, range.end, from, to})) {
    s.visits_by_kind.emplace_back(static_cast<int>(db::AsInt(row[0])), db::AsInt(row[1]));
    s.visits += db::AsInt(row[1]);
    s.goods_fen += db::AsInt(row[2]);
  }
  // The children reached: the period's whole calendar years from the yearly sets, the days left
  // at either end from the visits' covering index; then one plan lookup per child for its category.
  auto split = SplitByYears(from, to);
  std::vector<std::string> parts;
  std::vector<db::Value> params;
  if (split.first_year <= split.last_year) {
    parts.push_back(
        "SELECT child_id FROM visit_children WHERE level = ? AND prefix >= ? AND prefix < ? AND year >= ? "
        "AND year <= ?");
    params.insert(params.end(), {level, range.begin, range.end, int64_t{split.first_year}, int64_t{split.last_year}});
  }
  for (const auto& [days_from, days_to] : split.days) {
    parts.push_back(
        "SELECT child_id FROM visits WHERE division_code >= ? AND division_code < ? AND visited_on >= ? "
        "AND visited_on <= ? AND contact_made = 1");
    params.insert(params.end(), {range.begin, range.end, days_from, days_to});
  }
  // A child may come from two parts, two years or two prefixes: counted distinct after the join
  // (a plan has one category). MariaDB materialised a DISTINCT or UNION derived table into a temporary
  // table seven times slower than this.
  std::string reached;
  for (const auto& part : parts) reached += (reached.empty() ? "" : " UNION ALL ") + part;
  s.distinct_children_by_category =
      Pairs(tx.Query("SELECT c.category, COUNT(DISTINCT k.child_id) FROM (" + reached +
                         ") k JOIN care_plans c ON c.id = k.child_id GROUP BY c.category ORDER BY c.category",
                     params));
  s.active_pairings = db::AsInt(tx.Query("SELECT COUNT(*) FROM pairings WHERE division_code >= ? AND division_code < ? "
                                         "AND started_on <= ? AND (ended_on = '' OR ended_on > ?)",
                                         {range.begin, range.end, to, to})
                                    .at(0)[0]);
  s.overdue = CountOverdue(tx, prefix, overdue_on);
  s.risk_reports_opened = db::AsInt(tx.Query("SELECT COUNT(*) FROM risk_reports WHERE division_code >= ? AND "
                                             "division_code < ? AND opened_on >= ? AND opened_on <= ?",
                                             {range.begin, range.end, from, to})
                                        .at(0)[0]);
  s.risk_reports_resolved = db::AsInt(tx.Query("SELECT COUNT(*) FROM risk_reports WHERE division_code >= ? AND "
                                               "division_code < ? AND state = 3 AND resolved_at >= ? AND "
                                               "resolved_at < ?",
                                               {range.begin, range.end, from, DaysAfterText(to)})
                                          .at(0)[0]);
  return s;
}

}  // namespace carehub::volunteers::store
