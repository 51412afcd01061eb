#include "services/volunteers/api/volunteer_proto.h"

#include "common/instant.h"

namespace carehub::volunteers {
namespace {
void AddFindings(int bits, google::protobuf::RepeatedField<int>* out) {
  for (int bit = 0; bit < 5; ++bit) {
    if (bits & (1 << bit)) out->Add(bit + 1);
  }
}
std::string InstantOrEmpty(int64_t t) { return t ? FormatInstantChina(t) : ""; }
}  // namespace

VolunteerApplication VolunteerFromProto(const v1::Volunteer& v) {
  return {v.name(), v.mobile(), v.resident_id_number(), v.division_code(), {v.skills().begin(), v.skills().end()}};
}

void ToProto(const Volunteer& v, int no_show_limit, const OpenedIdentifiers* opened, v1::Volunteer* out) {
  out->set_id(v.id);
  out->set_name(v.name);
  out->set_mobile(opened ? opened->mobile : v.mobile_masked);
  out->set_resident_id_number(opened ? opened->resident_id_number : v.id_number_masked);
  out->set_division_code(v.division_code);
  for (const auto& s : v.skills) out->add_skills(s);
  out->set_status(static_cast<v1::VolunteerStatus>(v.status));
  out->set_no_show_count(v.no_show_count);
  out->set_blocked_by_no_shows(BlockedByNoShows(v, no_show_limit));
  out->set_version(v.version);
  out->set_created_at(v.created_at);
  out->set_created_by(v.created_by);
}

void ToProto(const Team& t, v1::Team* out) {
  out->set_id(t.id);
  out->set_name(t.name);
  out->set_division_code(t.division_code);
  out->set_leader_id(t.leader_id);
  out->set_member_count(t.member_count);
  out->set_version(t.version);
  out->set_created_at(t.created_at);
  out->set_created_by(t.created_by);
}

ActivityPlan ActivityFromProto(const v1::Activity& a) {
  return {a.title(), a.type(), a.division_code(), a.starts_at(), a.ends_at(), a.location(), a.capacity(), a.team_id()};
}

void ToProto(const Activity& a, bool with_code, v1::Activity* out) {
  out->set_id(a.id);
  out->set_title(a.title);
  out->set_type(static_cast<v1::ActivityType>(a.type));
  out->set_division_code(a.division_code);
  out->set_starts_at(FormatInstantChina(a.starts_at));
  out->set_ends_at(FormatInstantChina(a.ends_at));
  out->set_location(a.location);
  out->set_capacity(a.capacity);
  out->set_team_id(a.team_id);
  out->set_state(static_cast<v1::ActivityState>(a.state));
  out->set_signed_up(a.signed_up);
  out->set_waitlisted(a.waitlisted);
  if (with_code) out->set_check_in_code(a.check_in_code);
  out->set_version(a.version);
  out->set_created_at(a.created_at);
  out->set_created_by(a.created_by);
}

void ToProto(const SignUp& s, v1::ActivitySignUp* out) {
  out->set_id(s.id);
  out->set_activity_id(s.activity_id);
  out->set_volunteer_id(s.volunteer_id);
  out->set_state(static_cast<v1::SignUpState>(s.state));
  out->set_waitlist_position(s.waitlist_position);
  out->set_checked_in_at(InstantOrEmpty(s.checked_in_at));
  out->set_checked_out_at(InstantOrEmpty(s.checked_out_at));
  out->set_credited_minutes(s.credited_minutes);
  out->set_created_at(s.created_at);
}

void ToProto(const HoursEntry& e, v1::HoursEntry* out) {
  out->set_id(e.id);
  out->set_volunteer_id(e.volunteer_id);
  out->set_activity_id(e.activity_id);
  out->set_team_id(e.team_id);
  out->set_division_code(e.division_code);
  out->set_kind(static_cast<v1::HoursKind>(e.kind));
  out->set_state(static_cast<v1::HoursState>(e.state));
  out->set_minutes(e.minutes);
  out->set_credited_from(InstantOrEmpty(e.credited_from));
  out->set_credited_to(InstantOrEmpty(e.credited_to));
  out->set_service_date(e.service_date);
  out->set_check_out_missing(e.check_out_missing);
  out->set_adjusts_entry_id(e.adjusts_entry_id);
  out->set_reason(e.reason);
  out->set_created_at(e.created_at);
  out->set_created_by(e.created_by);
  out->set_decided_at(e.decided_at);
  out->set_decided_by(e.decided_by);
  out->set_version(e.version);
}

void ToProto(const store::Totals& t, v1::HoursTotals* out) {
  out->set_confirmed_minutes(t.confirmed_minutes);
  out->set_claimed_minutes(t.claimed_minutes);
  out->set_disputed_minutes(t.disputed_minutes);
  out->set_entries(t.entries);
}

void ToProto(const store::RecordLine& l, v1::ServiceRecordLine* out) {
  out->set_activity_id(l.activity.id);
  out->set_title(l.activity.title);
  out->set_type(static_cast<v1::ActivityType>(l.activity.type));
  out->set_starts_at(FormatInstantChina(l.activity.starts_at));
  out->set_ends_at(FormatInstantChina(l.activity.ends_at));
  out->set_state(static_cast<v1::SignUpState>(l.state));
  out->set_confirmed_minutes(l.confirmed_minutes);
  out->set_pending_minutes(l.pending_minutes);
}

void ToProto(const store::Summary& s, v1::VolunteersSummary* out) {
  out->set_active_volunteers(s.active_volunteers);
  out->set_teams(s.teams);
  for (const auto& [type, held] : s.activities_held) {
    auto* c = out->add_activities_held();
    c->set_type(static_cast<v1::ActivityType>(type));
    c->set_held(held);
  }
  out->set_participations(s.participations);
  out->set_distinct_volunteers(s.distinct_volunteers);
  out->set_confirmed_minutes(s.confirmed_minutes);
}

void ToProto(const Pairing& p, v1::Pairing* out) {
  out->set_id(p.id);
  out->set_volunteer_id(p.volunteer_id);
  out->set_child_id(p.child_id);
  out->set_division_code(p.division_code);
  out->set_state(static_cast<v1::PairingState>(p.state));
  out->set_started_on(p.started_on);
  out->set_ended_on(p.ended_on);
  out->set_end_reason(static_cast<v1::PairingEnd>(p.end_reason));
  out->set_end_note(p.end_note);
  out->set_version(p.version);
  out->set_created_at(p.created_at);
  out->set_created_by(p.created_by);
}

// Findings travel as a list of enum values and are kept as bits (FINDING_x ↔ 1 << (x - 1)); an
// unknown value becomes a bit CheckVisit refuses.
VisitReport VisitFromProto(const v1::Visit& v) {
  VisitReport r{v.visited_on(), v.kind(),     v.contact_made(), v.duration_minutes(), 0,
                v.goods_fen(),  v.services(), v.note(),         v.follow_up_needed()};
  for (int f : v.findings()) {
    if (f < 0 || f > 30) r.findings = -1;
    if (f > 0 && r.findings >= 0) r.findings |= 1 << (f - 1);
  }
  return r;
}

void ToProto(const Visit& v, v1::Visit* out) {
  out->set_id(v.id);
  out->set_pairing_id(v.pairing_id);
  out->set_child_id(v.child_id);
  out->set_volunteer_id(v.volunteer_id);
  out->set_division_code(v.division_code);
  out->set_visited_on(v.visited_on);
  out->set_kind(static_cast<v1::VisitKind>(v.kind));
  out->set_contact_made(v.contact_made);
  out->set_duration_minutes(v.duration_minutes);
  AddFindings(v.findings, out->mutable_findings());
  out->set_goods_fen(v.goods_fen);
  out->set_services(v.services);
  out->set_follow_up_needed(v.follow_up);
  out->set_note(v.note);
  out->set_created_at(v.created_at);
  out->set_created_by(v.created_by);
}

void ToProto(const DueChild& d, v1::DueVisit* out) {
  out->set_child_id(d.plan.id);
  out->set_division_code(d.plan.division_code);
  out->set_next_due_on(d.plan.next_due_on);
  out->set_last_contact_on(d.plan.last_contact_on);
  out->set_days_overdue(d.days_overdue);
  out->set_escalation_level(d.escalation);
}

void ToProto(const store::CareSummary& s, v1::CareSummary* out) {
  out->set_visits(s.visits);
  for (const auto& [category, children] : s.distinct_children_by_category) {
    auto* c = out->add_distinct_children_visited();
    c->set_category(category == static_cast<int>(ChildCategory::kInDifficulty) ? "in_difficulty" : "left_behind");
    c->set_children(children);
  }
  for (const auto& [kind, visits] : s.visits_by_kind) {
    auto* k = out->add_visits_by_kind();
    k->set_kind(static_cast<v1::VisitKind>(kind));
    k->set_visits(visits);
  }
  out->set_goods_fen(s.goods_fen);
  out->set_active_pairings(s.active_pairings);
  out->set_overdue_visits(s.overdue);
  out->set_risk_reports_opened(s.risk_reports_opened);
  out->set_risk_reports_resolved(s.risk_reports_resolved);
}

void ToProto(const RiskReport& r, std::chrono::year_month_day today, v1::RiskReport* out) {
  out->set_id(r.id);
  out->set_child_id(r.child_id);
  out->set_visit_id(r.visit_id);
  out->set_pairing_id(r.pairing_id);
  out->set_division_code(r.division_code);
  AddFindings(r.findings, out->mutable_findings());
  out->set_state(static_cast<v1::RiskReportState>(r.state));
  out->set_opened_on(r.opened_on);
  out->set_due_on(r.due_on);
  out->set_days_overdue(DaysOverdue(r.due_on, today));
  out->set_acknowledged_at(r.acknowledged_at);
  out->set_acknowledged_by(r.acknowledged_by);
  out->set_acknowledge_note(r.acknowledge_note);
  out->set_resolved_at(r.resolved_at);
  out->set_resolved_by(r.resolved_by);
  out->set_resolve_note(r.resolve_note);
  out->set_version(r.version);
}

}  // namespace carehub::volunteers
