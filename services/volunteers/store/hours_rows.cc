#include "services/volunteers/store/hours_rows.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "common/db/bulk.h"
#include "common/reach.h"
#include "services/volunteers/store/activity_rows.h"

namespace carehub::volunteers::store {
namespace {

// Adjustments carry no sign-up: NULL, so the one-claim-per-sign-up key ignores them.
db::Value SignUpOf(const HoursEntry& e) { return e.signup_id.empty() ? db::Value() : db::Value(e.signup_id); }
void ReadSignUpOf(HoursEntry& e, const db::Value& v) { e.signup_id = db::IsNull(v) ? "" : db::AsText(v); }

db::RowMapping<HoursEntry> Columns() {
  using H = HoursEntry;
  return db::RowMapping<H>()
      .Text("id", &H::id)
      .Text("volunteer_id", &H::volunteer_id)
      .Text("activity_id", &H::activity_id)
      .Custom("signup_id", SignUpOf, ReadSignUpOf)
      .Text("team_id", &H::team_id)
      .Text("division_code", &H::division_code)
      .Enum<HoursKind>("kind", &H::kind)
      .Enum<HoursState>("state", &H::state)
      .Int("minutes", &H::minutes)
      .Int("credited_from", &H::credited_from)
      .Int("credited_to", &H::credited_to)
      .Text("service_date", &H::service_date)
      .Bool("check_out_missing", &H::check_out_missing)
      .Text("adjusts_entry_id", &H::adjusts_entry_id)
      .Text("reason", &H::reason)
      .Text("created_at", &H::created_at)
      .Text("created_by", &H::created_by)
      .Text("decided_at", &H::decided_at)
      .Text("decided_by", &H::decided_by)
      .Int("version", &H::version);
}

// " AND division_code in reach AND service_date in [from, to]" and its parameters.
void InReachAndPeriod(const std::string& reach, const std::string& from, const std::string& to, std::string& sql,
                      std::vector<db::Value>& params) {
  auto range = RangeOf(reach);
  sql += " AND division_code >= ? AND division_code < ?";
  params.emplace_back(range.begin);
  params.emplace_back(range.end);
  if (!from.empty()) sql += " AND service_date >= ?", params.emplace_back(from);
  if (!to.empty()) sql += " AND service_date <= ?", params.emplace_back(to);
}

// The rollup level that answers a prefix.
int64_t LevelFor(const std::string& prefix) { return static_cast<int64_t>(LevelLengthFor(prefix.size())); }

// Adds `sign` × the entry's minutes (and one entry) at `state` on every level, as one upsert
// whose rows come in key order (two transactions touching the same rows take them in one order).
void AddToRollup(db::Tx& tx, std::vector<std::tuple<const HoursEntry*, HoursState, int>> moves) {
  std::vector<std::tuple<int64_t, std::string, std::string, int64_t, int64_t, int64_t>> rows;
  for (const auto& [e, state, sign] : moves) {
    for (size_t level : kLevelLengths) {
      rows.emplace_back(level, e->division_code.substr(0, level), e->service_date, static_cast<int64_t>(state),
                        int64_t{sign} * e->minutes, sign);
    }
  }
  std::sort(rows.begin(), rows.end());
  std::vector<db::Value> params;
  for (const auto& [level, prefix, date, state, minutes, entries] : rows) {
    for (db::Value v : {db::Value(level), db::Value(prefix), db::Value(date), db::Value(state), db::Value(minutes),
                        db::Value(entries)}) {
      params.push_back(std::move(v));
    }
  }
  static const db::CounterTable kRollup{
      "hours_rollup", {"level", "prefix", "service_date", "state"}, {"minutes", "entries"}};
  db::AddRows(tx, kRollup, params);
}

Totals ReadTotals(const std::vector<db::Row>& rows) {
  Totals t;
  for (const auto& row : rows) {
    int64_t minutes = db::IsNull(row[1]) ? 0 : db::AsInt(row[1]);
    switch (static_cast<HoursState>(db::AsInt(row[0]))) {
      case HoursState::kConfirmed:
      case HoursState::kResolved:
        t.confirmed_minutes += minutes;
        break;
      case HoursState::kClaimed:
        t.claimed_minutes += minutes;
        break;
      case HoursState::kDisputed:
        t.disputed_minutes += minutes;
        break;
    }
    t.entries += db::IsNull(row[2]) ? 0 : db::AsInt(row[2]);
  }
  return t;
}

int64_t Count(db::Tx& tx, const std::string& sql, const std::vector<db::Value>& params) {
  auto rows = tx.Query(sql, params);
  return rows.empty() || db::IsNull(rows[0][0]) ? 0 : db::AsInt(rows[0][0]);
}

}  // namespace

const db::RecordTable<HoursEntry>& HoursEntries() {
  // Minutes, spans and who made an entry never change: only its state and decision do.
  static const db::RecordTable<HoursEntry> kTable(
      "hours_entries", "no such hours entry", Columns(),
      {"id", "volunteer_id", "activity_id", "signup_id", "team_id", "division_code", "kind", "minutes", "credited_from",
       "credited_to", "service_date", "check_out_missing", "adjusts_entry_id", "created_at", "created_by"});
  return kTable;
}

std::vector<Span> CreditedSpans(db::Tx& tx, const std::string& volunteer_id, Span around) {
  std::vector<Span> out;
  for (const auto& row : tx.Query("SELECT credited_from, credited_to FROM hours_entries WHERE volunteer_id = ? "
                                  "AND kind = 1 AND minutes > 0 AND credited_to > ? AND credited_from < ?",
                                  {volunteer_id, around.from, around.to})) {
    out.push_back({db::AsInt(row[0]), db::AsInt(row[1])});
  }
  return out;
}

void InsertEntry(db::Tx& tx, const HoursEntry& e) {
  HoursEntries().Insert(tx, {&e});
  AddToRollup(tx, {{&e, e.state, 1}});
}

void MoveEntry(db::Tx& tx, const HoursEntry& before, const HoursEntry& after) {
  HoursEntries().Update(tx, after, before.version, "id");
  AddToRollup(tx, {{&before, before.state, -1}, {&after, after.state, 1}});
}

void RebuildRollup(db::Tx& tx) {
  tx.Exec("DELETE FROM hours_rollup");
  for (size_t level : kLevelLengths) {
    tx.Exec(
        "INSERT INTO hours_rollup (level, prefix, service_date, state, minutes, entries) SELECT ?, "
        "SUBSTR(division_code, 1, ?), service_date, state, SUM(minutes), COUNT(*) FROM hours_entries "
        "GROUP BY SUBSTR(division_code, 1, ?), service_date, state",
        {static_cast<int64_t>(level), static_cast<int64_t>(level), static_cast<int64_t>(level)});
  }
}

Totals SumEntries(db::Tx& tx, const HoursScope& scope) {
  std::string sql = "SELECT state, SUM(minutes), COUNT(*) FROM hours_entries WHERE 1 = 1";
  std::vector<db::Value> params;
  if (!scope.volunteer_id.empty()) sql += " AND volunteer_id = ?", params.emplace_back(scope.volunteer_id);
  if (!scope.team_id.empty()) sql += " AND team_id = ?", params.emplace_back(scope.team_id);
  InReachAndPeriod(scope.reach, scope.from, scope.to, sql, params);
  return ReadTotals(tx.Query(sql + " GROUP BY state", params));
}

Totals SumHours(db::Tx& tx, const HoursScope& scope) {
  if (!scope.volunteer_id.empty() || !scope.team_id.empty()) return SumEntries(tx, scope);
  auto range = RangeOf(scope.reach);
  std::string sql =
      "SELECT state, SUM(minutes), SUM(entries) FROM hours_rollup WHERE level = ? AND prefix >= ? AND prefix < ?";
  std::vector<db::Value> params = {LevelFor(scope.reach), range.begin, range.end};
  if (!scope.from.empty()) sql += " AND service_date >= ?", params.emplace_back(scope.from);
  if (!scope.to.empty()) sql += " AND service_date <= ?", params.emplace_back(scope.to);
  return ReadTotals(tx.Query(sql + " GROUP BY state", params));
}

std::vector<HoursEntry> ListHours(db::Tx& tx, const HoursPage& page) {
  std::string sql = "SELECT " + HoursEntries().spec().columns + " FROM hours_entries WHERE id > ?";
  std::vector<db::Value> params = {page.after_id};
  if (!page.volunteer_id.empty()) sql += " AND volunteer_id = ?", params.emplace_back(page.volunteer_id);
  if (!page.activity_id.empty()) sql += " AND activity_id = ?", params.emplace_back(page.activity_id);
  InReachAndPeriod(page.reach, "", "", sql, params);
  sql += " ORDER BY id LIMIT ?";
  params.emplace_back(int64_t{page.limit});
  std::vector<HoursEntry> out;
  for (const auto& row : tx.Query(sql, params)) out.push_back(HoursEntries().columns().Read(row));
  return out;
}

std::vector<RecordLine> ServiceRecordLines(db::Tx& tx, const std::string& volunteer_id, int64_t from, int64_t to) {
  std::vector<RecordLine> lines;
  std::map<std::string, size_t> by_activity;
  for (const auto& row :
       tx.Query("SELECT s.state, " + Activities().columns().ColumnList("a.") +
                    " FROM signups s JOIN activities a ON a.id = s.activity_id WHERE s.volunteer_id = ? "
                    "AND s.state <> 3 AND a.starts_at >= ? AND a.starts_at < ? ORDER BY a.starts_at, a.id LIMIT ?",
                {volunteer_id, from, to, int64_t{kMaxRecordLines}})) {
    RecordLine line;
    line.state = static_cast<SignUpState>(db::AsInt(row[0]));
    line.activity = Activities().columns().Read(db::Row(row.begin() + 1, row.end()));
    by_activity[line.activity.id] = lines.size();
    lines.push_back(std::move(line));
  }
  if (lines.empty()) return lines;
  for (const auto& row : tx.Query("SELECT h.activity_id, h.state, SUM(h.minutes) FROM hours_entries h "
                                  "JOIN activities a ON a.id = h.activity_id WHERE h.volunteer_id = ? "
                                  "AND a.starts_at >= ? AND a.starts_at < ? GROUP BY h.activity_id, h.state",
                                  {volunteer_id, from, to})) {
    auto it = by_activity.find(db::AsText(row[0]));
    if (it == by_activity.end()) continue;
    auto state = static_cast<HoursState>(db::AsInt(row[1]));
    int minutes = static_cast<int>(db::AsInt(row[2]));
    bool confirmed = state == HoursState::kConfirmed || state == HoursState::kResolved;
    (confirmed ? lines[it->second].confirmed_minutes : lines[it->second].pending_minutes) += minutes;
  }
  return lines;
}

Summary Summarize(db::Tx& tx, const SummaryQuery& q) {
  auto range = RangeOf(q.prefix);
  Summary s;
  s.active_volunteers =
      Count(tx, "SELECT COUNT(*) FROM volunteers WHERE division_code >= ? AND division_code < ? AND status = 1",
            {range.begin, range.end});
  s.teams =
      Count(tx, "SELECT COUNT(*) FROM teams WHERE division_code >= ? AND division_code < ?", {range.begin, range.end});
  std::vector<db::Value> held = {range.begin, range.end, q.from, q.to};
  std::string in_period =
      " a.division_code >= ? AND a.division_code < ? AND a.state = 3 AND a.starts_at >= ? AND a.starts_at < ?";
  for (const auto& row : tx.Query(
           "SELECT a.type, COUNT(*) FROM activities a WHERE" + in_period + " GROUP BY a.type ORDER BY a.type", held)) {
    s.activities_held.emplace_back(static_cast<ActivityType>(db::AsInt(row[0])), db::AsInt(row[1]));
  }
  auto people = tx.Query(
      "SELECT COUNT(*), COUNT(DISTINCT s.volunteer_id) FROM signups s JOIN activities a ON a.id = s.activity_id "
      "WHERE s.state = 5 AND" +
          in_period,
      held);
  s.participations = db::AsInt(people.at(0)[0]);
  s.distinct_volunteers = db::AsInt(people.at(0)[1]);
  s.confirmed_minutes = SumHours(tx, {q.prefix, "", "", q.from_date, q.to_date}).confirmed_minutes;
  return s;
}

}  // namespace carehub::volunteers::store
