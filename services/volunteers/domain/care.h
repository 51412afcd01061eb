#pragma once
// Caring-mother pairings (结对帮扶), home visits (走访) and the cadence that makes the next visit
// due: a child's interval follows its category and risk level, and one definition of overdue
// serves every list and figure. Plain C++: no gRPC, no SQL.
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "common/errors.h"

namespace carehub::volunteers {

// The registry's numbering (registry ChildCategory, RiskLevel).
enum class ChildCategory { kLeftBehind = 1, kInDifficulty = 2 };
enum class RiskLevel { kLow = 1, kMedium = 2, kHigh = 3 };

// Days between visits per (category, risk level); a level without a category-specific entry
// uses the default for its risk level.
class CadencePolicy {
 public:
  // High every 7 days, medium 14, low 30, for every category.
  CadencePolicy();
  // "high=7,medium=14,low=30,in-difficulty:high=5": later entries override; std::invalid_argument
  // naming the bad entry otherwise (a configuration error, found at start-up).
  static CadencePolicy Parse(const std::string& text);
  int IntervalDays(ChildCategory category, RiskLevel risk) const;

 private:
  std::map<std::pair<int, int>, int> days_;  // (category or 0, risk) → days
};

// Days overdue at which escalation reaches the team leader, the town federation, the district.
struct EscalationPolicy {
  int team_leader = 1, town = 7, district = 14;
  // "1,7,14"; std::invalid_argument unless three increasing non-negative numbers.
  static EscalationPolicy Parse(const std::string& text);
  // 0 none, 1 team leader, 2 town, 3 district.
  int LevelFor(int days_overdue) const;
};

enum class PairingState { kActive = 1, kEnded = 2 };
enum class PairingEnd { kNone = 0, kHandedOver = 1, kChildExited = 2, kVolunteerLeft = 3, kOther = 4 };

struct Pairing {
  std::string id;
  std::string volunteer_id, child_id;
  std::string division_code;  // the child's
  PairingState state = PairingState::kActive;
  std::string started_on, ended_on;  // YYYY-MM-DD
  PairingEnd end_reason = PairingEnd::kNone;
  std::string end_note;
  int64_t version = 1;
  std::string created_at, created_by;
};

// A child's visiting plan: what the cadence needs and when the next visit is due. Kept while the
// child has an active pairing; a handover keeps it.
struct CarePlan {
  std::string id;  // the child's id
  std::string division_code;
  ChildCategory category = ChildCategory::kLeftBehind;
  RiskLevel risk = RiskLevel::kLow;
  std::string last_contact_on;  // "" until a visit made contact
  std::string next_due_on;
  int active_pairings = 0;
  int64_t version = 1;
};
// The next visit is due an interval after the last visit that made contact, or after `since`
// (the first pairing) when none has.
std::string NextDueOn(const CarePlan& plan, const CadencePolicy& policy, const std::string& since);
// Whole days from `due` to `today` (0 when not overdue).
int DaysOverdue(const std::string& due, std::chrono::year_month_day today);

enum class VisitKind { kHome = 1, kPhone = 2, kVideo = 3, kSchool = 4 };
// Findings as bits; 0 is "none".
enum Finding : int {
  kGuardianUnable = 1,
  kSafetyHazard = 2,
  kSchooling = 4,
  kHealth = 8,
  kAbuseOrNeglect = 16,
};
inline constexpr int kAllFindings = 31;

struct VisitReport {
  std::string visited_on;
  int kind = 0;
  bool contact_made = false;
  int64_t duration_minutes = 0;
  int findings = 0;
  int64_t goods_fen = 0;
  std::string services, note;
  bool follow_up = false;
};

struct Visit {
  std::string id, pairing_id, child_id, volunteer_id, division_code;
  std::string visited_on;
  VisitKind kind = VisitKind::kHome;
  bool contact_made = false;
  int duration_minutes = 0;
  int findings = 0;
  int64_t goods_fen = 0;
  std::string services, note;
  bool follow_up = false;
  std::string created_at, created_by;
};
// INVALID_ARGUMENT on visit.<field>: a real date not after `today`, a kind, duration 0..1440,
// known findings, goods 0..1,000,000 yuan, short texts.
void CheckVisit(const VisitReport& v, std::chrono::year_month_day today);
// A visit must fall inside the pairing's active dates (FAILED_PRECONDITION on visit.visited_on).
void CheckVisitInPairing(const Pairing& p, const std::string& visited_on);

}  // namespace carehub::volunteers

namespace carehub::volunteers {

// A risk report (发现报告) a serious finding opens: open → acknowledged → resolved, each step by an
// officer with a note, each due within its SLA days.
enum class RiskReportState { kOpen = 1, kAcknowledged = 2, kResolved = 3 };
inline constexpr int kSeriousFindings = kGuardianUnable | kAbuseOrNeglect;

struct RiskSla {
  int acknowledge_days = 1, resolve_days = 7;
  // "1,7"; std::invalid_argument otherwise.
  static RiskSla Parse(const std::string& text);
};

struct RiskReport {
  std::string id;
  std::string child_id, visit_id, pairing_id;
  std::string division_code;
  int findings = 0;
  RiskReportState state = RiskReportState::kOpen;
  std::string opened_on, due_on;  // due_on: the current step's deadline
  std::string acknowledged_at, acknowledged_by, acknowledge_note;
  std::string resolved_at, resolved_by, resolve_note;
  int64_t version = 1;
  std::string created_at, created_by;
};
// open → acknowledged → resolved; FAILED_PRECONDITION on "id" otherwise.
RiskReportState NextRiskState(RiskReportState current, RiskReportState wanted);
// `day` + `days`, as YYYY-MM-DD.
std::string DaysAfter(const std::string& day, int days);

}  // namespace carehub::volunteers
