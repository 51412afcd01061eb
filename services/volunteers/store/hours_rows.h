#pragma once
// The hours_entries table (the ledger: rows are added, only their state moves), and the
// read-side queries over volunteers, activities, sign-ups and hours: totals, a volunteer's
// service record, the summary reports compose. SQL only.
#include <string>
#include <vector>

#include "common/db/in_reach.h"
#include "common/db/record_table.h"
#include "services/volunteers/domain/activity.h"
#include "services/volunteers/domain/hours.h"

namespace carehub::volunteers::store {

const db::RecordTable<HoursEntry>& HoursEntries();

// Writes a new entry and adds it to the daily rollup.
void InsertEntry(db::Tx& tx, const HoursEntry& e);
// Writes `after` (state and decision moved, version advanced) over `before` and moves its minutes
// between the rollup's states. ABORTED on "id" when the entry changed meanwhile.
void MoveEntry(db::Tx& tx, const HoursEntry& before, const HoursEntry& after);
// Recomputes the rollup from the entries (after a bulk load that bypassed InsertEntry).
void RebuildRollup(db::Tx& tx);

// Time already credited to the volunteer by attendance entries that overlap `around`.
std::vector<Span> CreditedSpans(db::Tx& tx, const std::string& volunteer_id, Span around);

// Entries whose service date lies in [from, to] (YYYY-MM-DD, "" unbounded), inside `reach`,
// narrowed to one volunteer or one team when given.
struct HoursScope {
  std::string reach;
  std::string volunteer_id{};
  std::string team_id{};
  std::string from{}, to{};
};
struct Totals {
  int64_t confirmed_minutes = 0, claimed_minutes = 0, disputed_minutes = 0, entries = 0;
};
// A volunteer's or a team's totals add up their entries; a division's read the daily rollup.
Totals SumHours(db::Tx& tx, const HoursScope& scope);
// The same division totals added up from the entries themselves (the rollup's check).
Totals SumEntries(db::Tx& tx, const HoursScope& scope);

// One page of entries, by id, after `after_id`; of one volunteer or one activity.
struct HoursPage {
  std::string reach;
  std::string volunteer_id{}, activity_id{};
  std::string after_id{};
  int limit = 50;
};
std::vector<HoursEntry> ListHours(db::Tx& tx, const HoursPage& page);

// A line of a volunteer's service record: one activity signed up for.
struct RecordLine {
  Activity activity;
  SignUpState state = SignUpState::kSignedUp;
  int confirmed_minutes = 0, pending_minutes = 0;
};
inline constexpr int kMaxRecordLines = 5000;
// The volunteer's sign-ups (not cancelled) on activities starting in [from, to) instants, by
// start, with their hours; at most kMaxRecordLines.
std::vector<RecordLine> ServiceRecordLines(db::Tx& tx, const std::string& volunteer_id, int64_t from, int64_t to);

struct Summary {
  int64_t active_volunteers = 0, teams = 0;
  std::vector<std::pair<ActivityType, int64_t>> activities_held;
  int64_t participations = 0, distinct_volunteers = 0, confirmed_minutes = 0;
};
// Figures of the divisions in `range`, activities starting in [from, to) instants, hours of
// service dates [from_date, to_date].
struct SummaryQuery {
  std::string prefix;
  int64_t from = 0, to = 0;
  std::string from_date, to_date;
};
Summary Summarize(db::Tx& tx, const SummaryQuery& q);

}  // namespace carehub::volunteers::store
