#include "services/volunteers/api/volunteer_proto.h"

#include "common/instant.h"

namespace carehub::volunteers {
namespace {
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

}  // namespace carehub::volunteers
