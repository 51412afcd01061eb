#include "services/volunteers/app/volunteers_app.h"

#include <nlohmann/json.hpp>

#include "common/audit.h"
#include "common/ids.h"
#include "common/log.h"
#include "common/sealed_pii.h"
#include "services/volunteers/store/volunteer_rows.h"

namespace carehub::volunteers {
namespace {

// What the audit trail shows of a volunteer: never the identifiers, only their masks.
nlohmann::json AuditView(const Volunteer& v) {
  return {{"name", v.name},
          {"division_code", v.division_code},
          {"skills", v.skills},
          {"mobile", v.mobile_masked},
          {"resident_id_number", v.id_number_masked},
          {"status", StatusName(v.status)},
          {"no_show_count", v.no_show_count}};
}

}  // namespace

Volunteer LockActiveVolunteer(db::Tx& tx, const Caller& caller, const std::string& id, const std::string& field) {
  Volunteer v = store::Volunteers().Lock(tx, id, caller.reach, field);
  if (v.status != VolunteerStatus::kActive) {
    Throw(ErrorCode::kFailedPrecondition, field, std::string("the volunteer is ") + StatusName(v.status));
  }
  return v;
}

NewVolunteer VolunteersApp::Prepare(const Caller& caller, const ValidVolunteer& valid) const {
  if (!caller.Reaches(valid.division_code)) {
    Throw(ErrorCode::kPermissionDenied, "volunteer.division_code", "lies outside the caller's reach");
  }
  NewVolunteer out;
  Volunteer& v = out.record;
  v.id = NewId("vo");
  v.name = valid.name;
  v.division_code = valid.division_code;
  v.skills = valid.skills;
  SealedMobile mobile = SealMobile(cipher_, valid.mobile);
  v.mobile_masked = std::move(mobile.masked);
  v.mobile_cipher = std::move(mobile.cipher);
  SealedResidentId id_number = SealResidentId(cipher_, valid.resident_id_number);
  v.id_number_masked = std::move(id_number.masked);
  v.id_number_cipher = std::move(id_number.cipher);
  out.id_index = std::move(id_number.index);
  v.created_at = log::NowRfc3339();
  v.created_by = caller.subject;
  return out;
}

Volunteer VolunteersApp::Register(db::Tx& tx, const Caller& caller, const NewVolunteer& v) const {
  store::InsertVolunteer(tx, v.record, v.id_index);
  AuditChangeOf(tx, caller, "volunteer.create", {"volunteer", v.record.id, v.record.division_code}, nullptr,
                AuditView(v.record));
  return v.record;
}

Volunteer VolunteersApp::ChangeStatus(db::Tx& tx, const Caller& caller, const StatusChange& change) const {
  Volunteer before = store::Volunteers().Lock(tx, change.id, caller.reach);
  Volunteer after = before;
  after.status = NextStatus(before.status, change.to);
  after.version = before.version + 1;
  store::Volunteers().Update(tx, after, before.version, "id");
  AuditChangeOf(tx, caller, std::string("volunteer.") + StatusName(change.to),
                {"volunteer", before.id, before.division_code}, {{"status", StatusName(before.status)}},
                {{"status", StatusName(after.status)}, {"note", change.note}});
  return after;
}

Volunteer VolunteersApp::ClearNoShows(db::Tx& tx, const Caller& caller, const std::string& id,
                                      const std::string& note) const {
  Volunteer before = store::Volunteers().Lock(tx, id, caller.reach);
  if (before.no_show_count == 0) Throw(ErrorCode::kFailedPrecondition, "id", "the volunteer has no no-shows to clear");
  Volunteer after = before;
  after.no_show_count = 0;
  after.version = before.version + 1;
  store::Volunteers().Update(tx, after, before.version, "id");
  AuditChangeOf(tx, caller, "volunteer.clear_no_shows", {"volunteer", id, before.division_code},
                {{"no_show_count", before.no_show_count}}, {{"no_show_count", 0}, {"note", note}});
  return after;
}

std::optional<Volunteer> VolunteersApp::Get(const Caller& caller, const std::string& id) const {
  return store::Volunteers().Find(db_, id, caller.reach);
}

std::vector<Volunteer> VolunteersApp::List(const Caller& caller, const std::string& division_filter,
                                           const db::PageQuery& q) const {
  return store::Volunteers().ListNarrowed(db_, caller.reach, division_filter, q);
}

std::vector<OpenedIdentifiers> VolunteersApp::Reveal(const Caller& caller,
                                                     const std::vector<Volunteer>& volunteers) const {
  std::vector<AuditEvent> looks;
  std::vector<std::string> sealed;
  for (const auto& v : volunteers) {
    looks.push_back(AuditBy(caller, "volunteer.read_unmasked", {"volunteer", v.id, v.division_code}));
    sealed.push_back(v.id_number_cipher);
    sealed.push_back(v.mobile_cipher);
  }
  auto opened = OpenAudited(db_, cipher_, std::move(looks), sealed);
  std::vector<OpenedIdentifiers> out;
  for (size_t i = 0; i < volunteers.size(); ++i) out.push_back({opened[2 * i], opened[2 * i + 1]});
  return out;
}

Team VolunteersApp::CreateTeam(db::Tx& tx, const Caller& caller, const TeamPlan& plan) const {
  if (!caller.Reaches(plan.division_code)) {
    Throw(ErrorCode::kPermissionDenied, "team.division_code", "lies outside the caller's reach");
  }
  LockActiveVolunteer(tx, caller, plan.leader_id, "team.leader_id");
  Team t;
  static_cast<TeamPlan&>(t) = plan;
  t.id = NewId("tm");
  t.created_at = log::NowRfc3339();
  t.created_by = caller.subject;
  store::InsertTeam(tx, t);
  store::AddMember(tx, t.id, plan.leader_id, caller.subject);
  t.member_count = 1;
  AuditChangeOf(tx, caller, "team.create", {"team", t.id, t.division_code}, nullptr,
                {{"name", t.name}, {"leader_id", t.leader_id}});
  return t;
}

Team VolunteersApp::AddMember(db::Tx& tx, const Caller& caller, const Membership& m) const {
  Team team = store::Teams().Lock(tx, m.team_id, caller.reach, "team_id");
  LockActiveVolunteer(tx, caller, m.volunteer_id, "volunteer_id");
  if (!store::AddMember(tx, m.team_id, m.volunteer_id, caller.subject)) {
    Throw(ErrorCode::kAlreadyExists, "volunteer_id", "the volunteer is a member already");
  }
  ++team.member_count;
  AuditChangeOf(tx, caller, "team.add_member", {"team", team.id, team.division_code}, nullptr,
                {{"volunteer_id", m.volunteer_id}});
  return team;
}

Team VolunteersApp::RemoveMember(db::Tx& tx, const Caller& caller, const Membership& m) const {
  Team team = store::Teams().Lock(tx, m.team_id, caller.reach, "team_id");
  if (m.volunteer_id == team.leader_id) {
    Throw(ErrorCode::kFailedPrecondition, "volunteer_id", "the leader cannot leave the team");
  }
  if (!store::RemoveMember(tx, m.team_id, m.volunteer_id)) {
    Throw(ErrorCode::kNotFound, "volunteer_id", "the volunteer is not a member");
  }
  --team.member_count;
  AuditChangeOf(tx, caller, "team.remove_member", {"team", team.id, team.division_code},
                {{"volunteer_id", m.volunteer_id}}, nlohmann::json::object());
  return team;
}

std::optional<Team> VolunteersApp::GetTeam(const Caller& caller, const std::string& id) const {
  return store::Teams().Find(db_, id, caller.reach);
}

std::vector<Team> VolunteersApp::ListTeams(const Caller& caller, const std::string& division_filter,
                                           const db::PageQuery& q) const {
  return store::Teams().ListNarrowed(db_, caller.reach, division_filter, q);
}

std::vector<Volunteer> VolunteersApp::Members(const Caller& caller, const std::string& team_id,
                                              const std::string& after_id, int limit) const {
  std::vector<Volunteer> out;
  db_.Read([&](db::Tx& tx) {
    if (!store::Teams().Get(tx, team_id, caller.reach)) Throw(ErrorCode::kNotFound, "team_id", "no such team");
    out = store::Members(tx, team_id, after_id, limit);
  });
  return out;
}

}  // namespace carehub::volunteers
