// Volunteers and teams through the real gRPC face on both backends: bad input refused with the
// field named and nothing stored, one volunteer per ID number, identifiers masked unless `pii`
// (each look audited), reach, roles, teams and members.
#include "tests/volunteers/api/volunteers_fixture.h"

namespace carehub::volunteers {
namespace {

TEST_P(VolunteersApiTest, BadVolunteersAreRefusedNamingTheFieldAndNothingIsStored) {
  if (!t_) return;
  struct Case {
    const char* field;
    std::function<void(v1::Volunteer&)> spoil;
  };
  std::vector<Case> cases = {
      {"volunteer.name", [](v1::Volunteer& v) { v.set_name(""); }},
      {"volunteer.mobile", [](v1::Volunteer& v) { v.set_mobile("1234"); }},
      {"volunteer.mobile", [](v1::Volunteer& v) { v.set_mobile("12912345678"); }},
      {"volunteer.resident_id_number",
       [](v1::Volunteer& v) {
         std::string id = testing::IdNumber("19800101", 1);
         id.back() = id.back() == '1' ? '2' : '1';  // a wrong check character
         v.set_resident_id_number(id);
       }},
      {"volunteer.resident_id_number",
       [](v1::Volunteer& v) { v.set_resident_id_number(testing::IdNumber("20150101", 1)); }},  // a child
      {"volunteer.resident_id_number", [](v1::Volunteer& v) { v.set_resident_id_number("abc"); }},
      {"volunteer.division_code", [](v1::Volunteer& v) { v.set_division_code("5001"); }},
      {"volunteer.skills", [](v1::Volunteer& v) { v.add_skills("a,b"); }},
      {"volunteer.skills",
       [](v1::Volunteer& v) {
         for (int i = 0; i < 17; ++i) v.add_skills("skill" + std::to_string(i));
       }},
  };
  for (const auto& c : cases) {
    v1::Volunteer v = VolunteerProto(1), out;
    c.spoil(v);
    auto s = CreateVolunteer(v, &out);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << c.field;
    EXPECT_NE(s.error_message().find(c.field), std::string::npos) << s.error_message();
  }
  EXPECT_EQ(Count("volunteers"), 0);
  EXPECT_EQ(Count("volunteer_identities"), 0);
  EXPECT_EQ(Count("audit_events"), 0);
}

TEST_P(VolunteersApiTest, OnePersonIsOneVolunteerAndIdentifiersAreMaskedUnlessPii) {
  if (!t_) return;
  v1::Volunteer first, again;
  ASSERT_TRUE(CreateVolunteer(VolunteerProto(7), &first).ok());
  const std::string masked_id = MaskResidentId(testing::IdNumber("19800101", 7));
  EXPECT_EQ(first.resident_id_number(), masked_id);
  EXPECT_EQ(first.mobile(), "139****0007");
  EXPECT_EQ(first.status(), v1::VOLUNTEER_STATUS_ACTIVE);
  auto dup = VolunteerProto(7, "500116002002");
  dup.set_name("另一个名字");
  auto s = CreateVolunteer(dup, &again);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_NE(s.error_message().find("volunteer.resident_id_number"), std::string::npos);
  EXPECT_EQ(Count("volunteers"), 1);

  v1::GetVolunteerRequest get;
  get.set_id(first.id());
  v1::Volunteer masked, opened;
  ASSERT_TRUE(stub_->GetVolunteer(As(officer_).get(), get, &masked).ok());
  EXPECT_EQ(masked.resident_id_number(), masked_id);
  ASSERT_TRUE(stub_->GetVolunteer(As(pii_officer_).get(), get, &opened).ok());
  EXPECT_EQ(opened.resident_id_number(), testing::IdNumber("19800101", 7));
  EXPECT_EQ(opened.mobile(), "13910000007");
  int64_t looks = 0;
  t_->db().Read([&](db::Tx& tx) {
    looks =
        db::AsInt(tx.Query("SELECT COUNT(*) FROM audit_events WHERE action = 'volunteer.read_unmasked' AND "
                           "actor = 'officer-pii' AND record_id = ?",
                           {first.id()})[0][0]);
  });
  EXPECT_EQ(looks, 1);
}

TEST_P(VolunteersApiTest, ReachAndRolesAreEnforced) {
  if (!t_) return;
  std::string mine = NewVolunteer(1);
  v1::Volunteer out;
  auto s = CreateVolunteer(VolunteerProto(2, "500112001001"), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(CreateVolunteer(VolunteerProto(3), &out, &officer_).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  v1::GetVolunteerRequest get;
  get.set_id(mine);
  EXPECT_EQ(stub_->GetVolunteer(As(other_coordinator_).get(), get, &out).error_code(), grpc::StatusCode::NOT_FOUND);
  v1::ListVolunteersRequest list;
  v1::ListVolunteersResponse page;
  ASSERT_TRUE(stub_->ListVolunteers(As(other_coordinator_).get(), list, &page).ok());
  EXPECT_EQ(page.volunteers_size(), 0);
  ASSERT_TRUE(stub_->ListVolunteers(As(officer_).get(), list, &page).ok());
  EXPECT_EQ(page.volunteers_size(), 1);
}

TEST_P(VolunteersApiTest, ListsPageAndFilterBySkillAndStatus) {
  if (!t_) return;
  for (int i = 0; i < 5; ++i) {
    auto v = VolunteerProto(10 + i);
    if (i % 2) v.add_skills("急救");
    v1::Volunteer out;
    ASSERT_TRUE(CreateVolunteer(v, &out).ok());
  }
  v1::ListVolunteersRequest req;
  req.set_skill("急救");
  req.set_page_size(1);
  int seen = 0;
  do {
    v1::ListVolunteersResponse page;
    ASSERT_TRUE(stub_->ListVolunteers(As(officer_).get(), req, &page).ok());
    seen += page.volunteers_size();
    req.set_page_token(page.next_page_token());
  } while (!req.page_token().empty());
  EXPECT_EQ(seen, 2);
  req.set_skill("急");  // a whole skill, not a part of one
  req.set_page_token("");
  v1::ListVolunteersResponse none;
  ASSERT_TRUE(stub_->ListVolunteers(As(officer_).get(), req, &none).ok());
  EXPECT_EQ(none.volunteers_size(), 0);
}

TEST_P(VolunteersApiTest, StatusChangesFollowTheRulesAndAreAudited) {
  if (!t_) return;
  std::string id = NewVolunteer(1);
  auto change = [&](v1::VolunteerStatus to, const std::string& note) {
    v1::ChangeVolunteerStatusRequest req;
    req.set_request_id(Rid());
    req.set_id(id);
    req.set_status(to);
    req.set_note(note);
    v1::Volunteer out;
    return stub_->ChangeVolunteerStatus(As(coordinator_).get(), req, &out);
  };
  EXPECT_EQ(change(v1::VOLUNTEER_STATUS_SUSPENDED, "").error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(change(v1::VOLUNTEER_STATUS_SUSPENDED, "投诉核查中").ok());
  EXPECT_EQ(change(v1::VOLUNTEER_STATUS_SUSPENDED, "again").error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_TRUE(change(v1::VOLUNTEER_STATUS_ACTIVE, "核查完毕").ok());
  EXPECT_TRUE(change(v1::VOLUNTEER_STATUS_LEFT, "本人申请退出").ok());
  EXPECT_EQ(change(v1::VOLUNTEER_STATUS_ACTIVE, "回来").error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  int64_t events = 0;
  t_->db().Read([&](db::Tx& tx) {
    events = db::AsInt(tx.Query("SELECT COUNT(*) FROM audit_events WHERE record_id = ?", {id})[0][0]);
  });
  EXPECT_EQ(events, 4);  // create + three changes
}

TEST_P(VolunteersApiTest, TeamsHaveALeaderAndMembersInSeveralTeams) {
  if (!t_) return;
  std::string leader = NewVolunteer(1), member = NewVolunteer(2);
  auto create = [&](const std::string& name, const std::string& lead, v1::Team* out) {
    v1::CreateTeamRequest req;
    req.set_request_id(Rid());
    req.mutable_team()->set_name(name);
    req.mutable_team()->set_division_code("500116001001");
    req.mutable_team()->set_leader_id(lead);
    return stub_->CreateTeam(As(coordinator_).get(), req, out);
  };
  v1::Team a, b, dup;
  ASSERT_TRUE(create("几江巾帼志愿服务队", leader, &a).ok());
  EXPECT_EQ(a.member_count(), 1);
  ASSERT_TRUE(create("几江普法小分队", member, &b).ok());
  EXPECT_EQ(create("几江巾帼志愿服务队", member, &dup).error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(create("无人", "vo_missing", &dup).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  auto member_rpc = [&](auto rpc, const std::string& team, const std::string& v) {
    v1::TeamMemberRequest req;
    req.set_request_id(Rid());
    req.set_team_id(team);
    req.set_volunteer_id(v);
    v1::Team out;
    auto s = (stub_.get()->*rpc)(As(coordinator_).get(), req, &out);
    return std::make_pair(s, out.member_count());
  };
  auto add = &v1::VolunteersService::Stub::AddTeamMember;
  auto remove = &v1::VolunteersService::Stub::RemoveTeamMember;
  EXPECT_EQ(member_rpc(add, a.id(), member).second, 2);
  EXPECT_EQ(member_rpc(add, a.id(), member).first.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(member_rpc(remove, a.id(), leader).first.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  v1::ListTeamMembersRequest list;
  list.set_team_id(a.id());
  v1::ListVolunteersResponse members;
  ASSERT_TRUE(stub_->ListTeamMembers(As(officer_).get(), list, &members).ok());
  EXPECT_EQ(members.volunteers_size(), 2);
  EXPECT_EQ(member_rpc(remove, a.id(), member).second, 1);
  EXPECT_EQ(member_rpc(remove, a.id(), member).first.error_code(), grpc::StatusCode::NOT_FOUND);
}

INSTANTIATE_TEST_SUITE_P(Backends, VolunteersApiTest, ::testing::Values("sqlite", "mysql"), testing::BackendParamName);

}  // namespace
}  // namespace carehub::volunteers
