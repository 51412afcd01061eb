#pragma once
// The pairings, care_plans and visits tables, each declared once, and the statements that keep a
// volunteer's caseload: a pairing is taken by one conditional UPDATE (active_pairings < cap), so
// the cap holds across replicas. SQL only; every function runs on the caller's open transaction.
#include <optional>
#include <string>
#include <vector>

#include "common/db/in_reach.h"
#include "common/db/record_table.h"
#include "services/volunteers/domain/care.h"

namespace carehub::volunteers::store {

inline constexpr char kNotDue[] = "9999-12-31";

const db::RecordTable<Pairing>& Pairings();
const db::RecordTable<CarePlan>& CarePlans();
const db::RecordTable<Visit>& Visits();
const db::RecordTable<RiskReport>& RiskReports();

// Risk reports inside `prefix`, by the current step's due date: of one state (0: open or
// acknowledged), or only those past due on `overdue_on` when it is set.
struct RiskPage {
  std::string prefix;
  int state = 0;
  std::string overdue_on{};
  std::string after_due{}, after_id{};
  int limit = 50;
};
std::vector<RiskReport> ListRiskReports(db::Tx& tx, const RiskPage& page);

// One more pairing for the volunteer when under `cap`: false when the caseload is full.
bool TakeCaseload(db::Tx& tx, const std::string& volunteer_id, int cap);
void ReleaseCaseload(db::Tx& tx, const std::string& volunteer_id);
// ALREADY_EXISTS on `field` when the volunteer already has an active pairing with the child.
void InsertPairing(db::Tx& tx, const Pairing& p, const std::string& field);
// Ends it: state, end date, reason, note; frees its active key.
void EndPairing(db::Tx& tx, const Pairing& before, const Pairing& after);

// The child's active pairings.
std::vector<Pairing> ActivePairingsOf(db::Tx& tx, const std::string& child_id);

// The child's plan, locked; nullopt when the child has none yet.
std::optional<CarePlan> LockPlan(db::Tx& tx, const std::string& child_id);
void SavePlan(db::Tx& tx, const CarePlan& plan, bool is_new);

// Plans inside `prefix` with a visit due before `today`, most overdue first, after the keyset
// position (next_due_on, id).
struct OverduePage {
  std::string prefix;
  std::string today;
  std::string after_due{}, after_id{};
  int limit = 50;
};
std::vector<CarePlan> Overdue(db::Tx& tx, const OverduePage& page);
// How many plans inside `prefix` have a visit due before `today`.
int64_t CountOverdue(db::Tx& tx, const std::string& prefix, const std::string& today);
// Plans of the volunteer's active pairings due on or before `until`, soonest first.
std::vector<CarePlan> DueFor(db::Tx& tx, const std::string& volunteer_id, const std::string& until);

// Stores a visit and, when contact was made, counts it in the daily and yearly rollups.
void InsertVisit(db::Tx& tx, const Visit& v);
// Refills the rollups from the visits (for data loaded around the service).
void RebuildVisitRollups(db::Tx& tx);

struct CareSummary {
  int64_t visits = 0;  // person-times with contact made
  std::vector<std::pair<int, int64_t>> distinct_children_by_category;
  std::vector<std::pair<int, int64_t>> visits_by_kind;
  int64_t goods_fen = 0;
  int64_t active_pairings = 0;  // a stock: active at the period's end
  int64_t overdue = 0;          // plans overdue on `overdue_on` (plans hold today's schedule)
  int64_t risk_reports_opened = 0, risk_reports_resolved = 0;
};
CareSummary SummarizeCare(db::Tx& tx, const std::string& prefix, const std::string& from, const std::string& to,
                          const std::string& overdue_on);

}  // namespace carehub::volunteers::store
