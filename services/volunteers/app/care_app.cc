#include "services/volunteers/app/care_app.h"

#include <nlohmann/json.hpp>

#include "common/audit.h"
#include "common/ids.h"
#include "common/log.h"
#include "common/reach.h"
#include "common/resident_id.h"
#include "services/volunteers/app/feed.h"
#include "services/volunteers/app/volunteers_app.h"
#include "services/volunteers/store/volunteer_rows.h"

namespace carehub::volunteers {
namespace {

nlohmann::json PairingView(const Pairing& p) {
  return {{"volunteer_id", p.volunteer_id}, {"child_id", p.child_id}, {"state", static_cast<int>(p.state)},
          {"started_on", p.started_on},     {"ended_on", p.ended_on}, {"end_reason", static_cast<int>(p.end_reason)},
          {"end_note", p.end_note}};
}

AuditSubject SubjectOf(const Pairing& p) { return {"pairing", p.id, p.division_code}; }

void TakeCaseload(db::Tx& tx, const std::string& volunteer_id, int cap, const std::string& field) {
  if (!store::TakeCaseload(tx, volunteer_id, cap)) {
    Throw(ErrorCode::kFailedPrecondition, field,
          "the volunteer's caseload is full (" + std::to_string(cap) + " children)");
  }
}

Pairing NewPairing(const Caller& caller, const std::string& volunteer_id, const std::string& child_id,
                   const std::string& division_code, const std::string& today) {
  Pairing p;
  p.id = NewId("pr");
  p.volunteer_id = volunteer_id;
  p.child_id = child_id;
  p.division_code = division_code;
  p.started_on = today;
  p.created_at = log::NowRfc3339();
  p.created_by = caller.subject;
  return p;
}

}  // namespace

Pairing CareApp::Pair(db::Tx& tx, const Caller& caller, const PairingRequest& r, const BeneficiaryFacts& child,
                      const std::string& today) const {
  LockActiveVolunteer(tx, caller, r.volunteer_id, "volunteer_id");
  if (child.kind != BeneficiaryKind::kChild) Throw(ErrorCode::kInvalidArgument, "child_id", "is not a child");
  if (!child.active) Throw(ErrorCode::kFailedPrecondition, "child_id", "the child has left the registry");
  TakeCaseload(tx, r.volunteer_id, options_.caseload_cap, "volunteer_id");
  Pairing p = NewPairing(caller, r.volunteer_id, r.child_id, child.division_code, today);
  store::InsertPairing(tx, p, "child_id");

  auto existing = store::LockPlan(tx, r.child_id);
  CarePlan plan = existing.value_or(CarePlan{});
  plan.id = r.child_id;
  plan.division_code = child.division_code;
  plan.category = child.HasCategory("in_difficulty") ? ChildCategory::kInDifficulty : ChildCategory::kLeftBehind;
  plan.risk =
      child.risk_level >= 1 && child.risk_level <= 3 ? static_cast<RiskLevel>(child.risk_level) : RiskLevel::kLow;
  // The first pairing starts the schedule; another one joins it as it stands.
  if (plan.active_pairings++ == 0) plan.next_due_on = NextDueOn(plan, options_.cadence, today);
  store::SavePlan(tx, plan, !existing);
  AuditChangeOf(tx, caller, "pairing.create", SubjectOf(p), nullptr, PairingView(p));
  return p;
}

Pairing CareApp::End(db::Tx& tx, const Caller& caller, const PairingEnding& e, const std::string& today) const {
  Pairing before = store::Pairings().Lock(tx, e.id, caller.reach);
  if (before.state != PairingState::kActive) Throw(ErrorCode::kFailedPrecondition, "id", "the pairing has ended");
  Pairing after = before;
  after.state = PairingState::kEnded;
  after.ended_on = today;
  after.end_reason = e.reason;
  after.end_note = e.note;
  after.version = before.version + 1;
  store::EndPairing(tx, before, after);
  store::ReleaseCaseload(tx, before.volunteer_id);
  if (e.reason != PairingEnd::kHandedOver) {
    if (auto plan = store::LockPlan(tx, before.child_id)) {
      if (--plan->active_pairings == 0) plan->next_due_on = store::kNotDue;
      store::SavePlan(tx, *plan, false);
    }
  }
  AuditChangeOf(tx, caller, "pairing.end", SubjectOf(before), PairingView(before), PairingView(after));
  return after;
}

Pairing CareApp::HandOver(db::Tx& tx, const Caller& caller, const Handover& h, const std::string& today) const {
  Pairing old = store::Pairings().Lock(tx, h.id, caller.reach);
  LockActiveVolunteer(tx, caller, h.to_volunteer_id, "to_volunteer_id");
  if (h.to_volunteer_id == old.volunteer_id) {
    Throw(ErrorCode::kInvalidArgument, "to_volunteer_id", "is the volunteer already paired");
  }
  End(tx, caller, {h.id, PairingEnd::kHandedOver, h.note}, today);
  TakeCaseload(tx, h.to_volunteer_id, options_.caseload_cap, "to_volunteer_id");
  Pairing next = NewPairing(caller, h.to_volunteer_id, old.child_id, old.division_code, today);
  store::InsertPairing(tx, next, "to_volunteer_id");
  AuditChangeOf(tx, caller, "pairing.hand_over", SubjectOf(next), PairingView(old), PairingView(next));
  return next;
}

Visit CareApp::Record(db::Tx& tx, const Caller& caller, const NewVisit& nv) const {
  Pairing p = store::Pairings().Lock(tx, nv.pairing_id, caller.reach, "pairing_id");
  CheckVisitInPairing(p, nv.report.visited_on);
  const VisitReport& r = nv.report;
  Visit v;
  v.id = NewId("vi");
  v.pairing_id = p.id;
  v.child_id = p.child_id;
  v.volunteer_id = p.volunteer_id;
  v.division_code = p.division_code;
  v.visited_on = r.visited_on;
  v.kind = static_cast<VisitKind>(r.kind);
  v.contact_made = r.contact_made;
  v.duration_minutes = static_cast<int>(r.duration_minutes);
  v.findings = r.findings;
  v.goods_fen = r.goods_fen;
  v.services = r.services;
  v.note = r.note;
  v.follow_up = r.follow_up;
  v.created_at = log::NowRfc3339();
  v.created_by = caller.subject;
  store::InsertVisit(tx, v);
  auto plan = store::LockPlan(tx, p.child_id);
  if (plan && v.contact_made && v.visited_on > plan->last_contact_on) {
    plan->last_contact_on = v.visited_on;
    if (plan->active_pairings > 0) plan->next_due_on = NextDueOn(*plan, options_.cadence, p.started_on);
    store::SavePlan(tx, *plan, false);
  }
  if (v.findings & kSeriousFindings) {
    RiskReport r;
    r.id = NewId("rr");
    r.child_id = v.child_id;
    r.visit_id = v.id;
    r.pairing_id = v.pairing_id;
    r.division_code = v.division_code;
    r.findings = v.findings;
    r.opened_on = nv.today;
    r.due_on = DaysAfter(nv.today, options_.risk_sla.acknowledge_days);
    r.created_at = v.created_at;
    r.created_by = caller.subject;
    store::RiskReports().Insert(tx, {&r});
    AuditChangeOf(tx, caller, "risk_report.open", {"risk_report", r.id, r.division_code}, nullptr,
                  {{"child_id", r.child_id}, {"visit_id", r.visit_id}, {"findings", r.findings}});
  }
  AuditChangeOf(tx, caller, "visit.create", {"visit", v.id, v.division_code}, nullptr,
                {{"pairing_id", v.pairing_id},
                 {"visited_on", v.visited_on},
                 {"kind", static_cast<int>(v.kind)},
                 {"contact_made", v.contact_made},
                 {"findings", v.findings},
                 {"goods_fen", v.goods_fen}});
  return v;
}

void CareApp::FollowChildChange(db::Tx& tx, const Caller& self, const PersonChange& change,
                                const std::string& today) const {
  if (change.field == "status" && change.status == 2) {
    for (const Pairing& p : store::ActivePairingsOf(tx, change.person_id)) {
      End(tx, self, {p.id, PairingEnd::kChildExited, "the child left the registry"}, today);
    }
    return;
  }
  if (change.field != "risk_level" && change.field != "category") return;
  auto plan = store::LockPlan(tx, change.person_id);
  if (!plan) return;
  CarePlan before = *plan;
  if (change.field == "risk_level" && change.value >= 1 && change.value <= 3)
    plan->risk = static_cast<RiskLevel>(change.value);
  if (change.field == "category" && change.value >= 1 && change.value <= 2) {
    plan->category = static_cast<ChildCategory>(change.value);
  }
  if (plan->risk == before.risk && plan->category == before.category) return;
  if (plan->active_pairings > 0) {
    // From the last contact, or from today when there was none: a new risk starts its own clock.
    plan->next_due_on =
        NextDueOn(*plan, options_.cadence, plan->last_contact_on.empty() ? today : plan->last_contact_on);
  }
  store::SavePlan(tx, *plan, false);
  AuditChangeOf(tx, self, "care_plan.replan", {"care_plan", plan->id, plan->division_code},
                {{"risk", static_cast<int>(before.risk)},
                 {"category", static_cast<int>(before.category)},
                 {"next_due_on", before.next_due_on}},
                {{"risk", static_cast<int>(plan->risk)},
                 {"category", static_cast<int>(plan->category)},
                 {"next_due_on", plan->next_due_on}});
}

RiskReport CareApp::DecideRisk(db::Tx& tx, const Caller& caller, const RiskDecision& d) const {
  RiskReport before = store::RiskReports().Lock(tx, d.id, caller.reach);
  RiskReport after = before;
  after.state = NextRiskState(before.state, d.to);
  if (d.to == RiskReportState::kAcknowledged) {
    after.acknowledged_at = d.now, after.acknowledged_by = caller.subject, after.acknowledge_note = d.note;
    after.due_on = DaysAfter(d.today, options_.risk_sla.resolve_days);
  } else {
    after.resolved_at = d.now, after.resolved_by = caller.subject, after.resolve_note = d.note;
    after.due_on = store::kNotDue;
  }
  after.version = before.version + 1;
  store::RiskReports().Update(tx, after, before.version, "id");
  auto view = [](const RiskReport& r) {
    return nlohmann::json{{"state", static_cast<int>(r.state)}, {"due_on", r.due_on}};
  };
  nlohmann::json now = view(after);
  now["note"] = d.note;
  AuditChangeOf(tx, caller, d.to == RiskReportState::kAcknowledged ? "risk_report.acknowledge" : "risk_report.resolve",
                {"risk_report", before.id, before.division_code}, view(before), now);
  return after;
}

std::optional<RiskReport> CareApp::GetRisk(const Caller& caller, const std::string& id) const {
  return store::RiskReports().Find(db_, id, caller.reach);
}

std::vector<RiskReport> CareApp::RiskReports(const Caller& caller, store::RiskPage page) const {
  auto prefix = NarrowReach(caller.reach, page.prefix);
  if (!prefix) return {};
  page.prefix = *prefix;
  std::vector<RiskReport> out;
  db_.Read([&](db::Tx& tx) { out = store::ListRiskReports(tx, page); });
  return out;
}

std::optional<Pairing> CareApp::Get(const Caller& caller, const std::string& id) const {
  return store::Pairings().Find(db_, id, caller.reach);
}

std::vector<Pairing> CareApp::List(const Caller& caller, const std::string& division_filter,
                                   const db::PageQuery& q) const {
  return store::Pairings().ListNarrowed(db_, caller.reach, division_filter, q);
}

std::vector<Visit> CareApp::Visits(const Caller& caller, const std::string& division_filter,
                                   const db::PageQuery& q) const {
  return store::Visits().ListNarrowed(db_, caller.reach, division_filter, q);
}

DueChild CareApp::WithEscalation(const CarePlan& p, std::chrono::year_month_day today) const {
  int days = DaysOverdue(p.next_due_on, today);
  return {p, days, options_.escalation.LevelFor(days)};
}

std::vector<DueChild> CareApp::Overdue(const Caller& caller, store::OverduePage page) const {
  auto prefix = NarrowReach(caller.reach, page.prefix);
  if (!prefix) return {};
  page.prefix = *prefix;
  std::vector<CarePlan> plans;
  db_.Read([&](db::Tx& tx) { plans = store::Overdue(tx, page); });
  std::vector<DueChild> out;
  auto today = *ParseDate(page.today);
  for (const auto& p : plans) out.push_back(WithEscalation(p, today));
  return out;
}

int64_t CareApp::CountOverdue(const std::string& today) const {
  int64_t n = 0;
  db_.Read([&](db::Tx& tx) { n = store::CountOverdue(tx, "", today); });
  return n;
}

std::vector<DueChild> CareApp::Due(const Caller& caller, const std::string& volunteer_id, const std::string& until,
                                   std::chrono::year_month_day today) const {
  std::vector<CarePlan> plans;
  db_.Read([&](db::Tx& tx) {
    if (!store::Volunteers().Get(tx, volunteer_id, caller.reach)) {
      Throw(ErrorCode::kNotFound, "volunteer_id", "no such volunteer");
    }
    plans = store::DueFor(tx, volunteer_id, until);
  });
  std::vector<DueChild> out;
  for (const auto& p : plans) out.push_back(WithEscalation(p, today));
  return out;
}

store::CareSummary CareApp::Summarize(const Caller& caller, const std::string& prefix, const std::string& from,
                                      const std::string& to, const std::string& today) const {
  auto narrowed = NarrowReach(caller.reach, prefix);
  if (!narrowed) return {};
  store::CareSummary out;
  db_.Read([&](db::Tx& tx) { out = store::SummarizeCare(tx, *narrowed, from, to, std::min(to, today)); });
  return out;
}

}  // namespace carehub::volunteers
