#pragma once
// The use cases of care: pair a volunteer with a child the registry knows (as the caller), end or
// hand over a pairing, record visits that move the child's schedule, and list what is overdue or
// due. Writes run on the caller's open (idempotent) transaction; the registry is asked before.
#include <optional>
#include <string>
#include <vector>

#include "common/caller.h"
#include "common/clients/beneficiary_directory.h"
#include "common/db/database.h"
#include "common/db/in_reach.h"
#include "services/volunteers/domain/care.h"
#include "services/volunteers/store/care_rows.h"

namespace carehub::volunteers {

struct CareOptions {
  int caseload_cap = 5;
  CadencePolicy cadence{};
  EscalationPolicy escalation{};
  RiskSla risk_sla{};
};

struct PairingRequest {
  std::string volunteer_id, child_id;
};
struct PairingEnding {
  std::string id;
  PairingEnd reason = PairingEnd::kOther;
  std::string note;
};
struct Handover {
  std::string id, to_volunteer_id, note;
};
struct NewVisit {
  std::string pairing_id;
  VisitReport report;
  std::string today;  // when a serious finding's risk report opens
};

struct RiskDecision {
  std::string id;
  RiskReportState to = RiskReportState::kAcknowledged;
  std::string note;
  std::string today, now;  // the service clock: China date, and RFC 3339 in China time
};

// A plan as the overdue and due lists show it.
struct DueChild {
  CarePlan plan;
  int days_overdue = 0;
  int escalation = 0;  // 0 none, 1 team leader, 2 town, 3 district
};

struct PersonChange;

class CareApp {
 public:
  CareApp(db::Database& db, CareOptions options) : db_(db), options_(std::move(options)) {}

  // The child's facts (looked up before, as the caller) must say: a child, active, in reach.
  // FAILED_PRECONDITION on volunteer_id when the caseload is full. Audited.
  Pairing Pair(db::Tx& tx, const Caller& caller, const PairingRequest& r, const BeneficiaryFacts& child,
               const std::string& today) const;
  Pairing End(db::Tx& tx, const Caller& caller, const PairingEnding& e, const std::string& today) const;
  // Ends the pairing and starts the child's next with another volunteer in one transaction; the
  // child's schedule carries on. Returns the new pairing.
  Pairing HandOver(db::Tx& tx, const Caller& caller, const Handover& h, const std::string& today) const;
  // A visit with a serious finding (guardian unable to care, signs of abuse or neglect) opens a
  // risk report in the same transaction.
  Visit Record(db::Tx& tx, const Caller& caller, const NewVisit& v) const;
  // Acknowledge or resolve, each step due by the SLA. Audited.
  RiskReport DecideRisk(db::Tx& tx, const Caller& caller, const RiskDecision& d) const;

  std::optional<Pairing> Get(const Caller& caller, const std::string& id) const;
  std::vector<Pairing> List(const Caller& caller, const std::string& division_filter, const db::PageQuery& q) const;
  std::vector<Visit> Visits(const Caller& caller, const std::string& division_filter, const db::PageQuery& q) const;
  std::vector<DueChild> Overdue(const Caller& caller, store::OverduePage page) const;
  // Children in every division whose visit is overdue on `today` (the figure operators watch).
  int64_t CountOverdue(const std::string& today) const;
  std::vector<DueChild> Due(const Caller& caller, const std::string& volunteer_id, const std::string& until,
                            std::chrono::year_month_day today) const;
  // A change of a child in the registry's feed: leaving ends its active pairings (and its schedule),
  // a new risk level or category re-plans the next visit. Idempotent: what is already so is left
  // alone, and only what changed is audited.
  void FollowChildChange(db::Tx& tx, const Caller& self, const PersonChange& change, const std::string& today) const;

  std::optional<RiskReport> GetRisk(const Caller& caller, const std::string& id) const;
  std::vector<RiskReport> RiskReports(const Caller& caller, store::RiskPage page) const;
  store::CareSummary Summarize(const Caller& caller, const std::string& prefix, const std::string& from,
                               const std::string& to, const std::string& today) const;

 private:
  DueChild WithEscalation(const CarePlan& p, std::chrono::year_month_day today) const;

  db::Database& db_;
  CareOptions options_;
};

}  // namespace carehub::volunteers
