#include "services/volunteers/api/volunteers_api.h"

#include "common/api.h"
#include "common/audit_api.h"
#include "common/field_checks.h"
#include "common/ids.h"
#include "common/instant.h"
#include "common/metrics.h"
#include "common/paging.h"
#include "common/resident_id.h"
#include "common/service_info.h"
#include "services/volunteers/api/id_checks.h"
#include "services/volunteers/api/volunteer_proto.h"
#include "services/volunteers/domain/permissions.h"
#include "services/volunteers/store/volunteer_rows.h"

namespace carehub::volunteers {
VolunteersApi::VolunteersApi(BackendRuntime runtime, VolunteersOptions options,
                             std::unique_ptr<BeneficiaryDirectory> registry, std::unique_ptr<PersonChangeSource> feed,
                             std::unique_ptr<ChildRiskWriter> child_risk)
    : runtime_(std::move(runtime)),
      options_(std::move(options)),
      cipher_(options_.pii_key),
      volunteers_(runtime_.Db(), cipher_),
      activities_(runtime_.Db(), {options_.no_show_limit, options_.now ? options_.now : Clock(NowSeconds)}),
      hours_(runtime_.Db()),
      registry_(std::move(registry)),
      care_(runtime_.Db(), options_.care),
      feed_(std::move(feed)),
      child_risk_(std::move(child_risk)) {
  if (feed_ && options_.feed_poll.count() > 0) {
    follower_ = std::make_unique<FeedFollower>(runtime_.Db(), care_, *feed_, activities_.NowClock());
    follower_->Start(options_.feed_poll);
  }
  if (runtime_.figures_every.count() > 0 && runtime_.env.metrics) {
    overdue_counter_ = std::make_unique<PeriodicTask>("overdue visits", runtime_.figures_every, [this] {
      runtime_.env.metrics->SetFigure("carehub_volunteers_visits_overdue",
                                      "Children in care whose next visit is past due",
                                      static_cast<double>(care_.CountOverdue(FormatDate(Today()))));
    });
  }
}

std::chrono::year_month_day VolunteersApi::Today() const { return ChinaDateOf(activities_.Now()); }

grpc::Status VolunteersApi::Run(Ctx* ctx, const char* method, const std::function<void(const Caller&)>& handler) {
  return ServeRpc(ctx, v1::VolunteersService::service_full_name(), method, runtime_.env, handler);
}

void VolunteersApi::Answer(const Caller& caller, const std::vector<Volunteer>& volunteers,
                           google::protobuf::RepeatedPtrField<v1::Volunteer>* out) const {
  std::vector<OpenedIdentifiers> opened;
  if (caller.Has(role::kPii)) opened = volunteers_.Reveal(caller, volunteers);
  for (size_t i = 0; i < volunteers.size(); ++i) {
    ToProto(volunteers[i], options_.no_show_limit, opened.empty() ? nullptr : &opened[i], out->Add());
  }
}

void VolunteersApi::Answer(const Caller& caller, const Volunteer& v, v1::Volunteer* out) const {
  google::protobuf::RepeatedPtrField<v1::Volunteer> one;
  Answer(caller, {v}, &one);
  out->Swap(&one[0]);
}

Period VolunteersApi::CheckPeriod(const std::string& from, const std::string& to, bool required) const {
  CheckDateRange(from, to, required);
  return {from, to};
}

grpc::Status VolunteersApi::CreateVolunteer(Ctx* ctx, const v1::CreateVolunteerRequest* req, v1::Volunteer* resp) {
  return Run(ctx, "CreateVolunteer", [&](const Caller& c) {
    RequireCoordinator(c);
    auto key = IdempotencyKeyOf(c, *req, "CreateVolunteer");
    if (!req->has_volunteer()) ThrowInvalid("volunteer", "is required");
    NewVolunteer v = volunteers_.Prepare(c, ValidateVolunteer(VolunteerFromProto(req->volunteer())));
    // Answered masked even to `pii` holders: the caller has just typed the numbers.
    AnswerOnce(runtime_.Db(), key, resp,
               [&](db::Tx& tx) { ToProto(volunteers_.Register(tx, c, v), options_.no_show_limit, nullptr, resp); });
  });
}

grpc::Status VolunteersApi::GetVolunteer(Ctx* ctx, const v1::GetVolunteerRequest* req, v1::Volunteer* resp) {
  return Run(ctx, "GetVolunteer", [&](const Caller& c) {
    RequireVolunteersReader(c);
    CheckVolunteerId(req->id(), "id");
    auto v = volunteers_.Get(c, req->id());
    if (!v) Throw(ErrorCode::kNotFound, "id", "no such volunteer");
    Answer(c, *v, resp);
  });
}

grpc::Status VolunteersApi::ListVolunteers(Ctx* ctx, const v1::ListVolunteersRequest* req,
                                           v1::ListVolunteersResponse* resp) {
  return Run(ctx, "ListVolunteers", [&](const Caller& c) {
    RequireVolunteersReader(c);
    CheckDivisionFilter(req->division_prefix());
    if (req->status() < 0 || req->status() > 3) ThrowInvalid("status", "is not a VOLUNTEER_STATUS_ value");
    if (req->skill().size() > 128) ThrowInvalid("skill", "is too long");
    store::VolunteerFilter f{req->status(), req->skill()};
    auto page = StartPage(
        req->page_size(), req->page_token(),
        FilterKey({"volunteers", req->division_prefix(), c.reach, c.subject, std::to_string(f.status), f.skill}),
        store::ToSql(f));
    auto rows = volunteers_.List(c, req->division_prefix(), page.query);
    resp->set_next_page_token(FinishPage(rows, page));
    Answer(c, rows, resp->mutable_volunteers());
  });
}

grpc::Status VolunteersApi::ChangeVolunteerStatus(Ctx* ctx, const v1::ChangeVolunteerStatusRequest* req,
                                                  v1::Volunteer* resp) {
  return Run(ctx, "ChangeVolunteerStatus", [&](const Caller& c) {
    RequireCoordinator(c);
    auto key = IdempotencyKeyOf(c, *req, "ChangeVolunteerStatus");
    CheckVolunteerId(req->id(), "id");
    if (req->status() < 1 || req->status() > 3) ThrowInvalid("status", "is not a VOLUNTEER_STATUS_ value");
    CheckNote(req->note(), true);
    StatusChange change{req->id(), static_cast<VolunteerStatus>(req->status()), req->note()};
    AnswerOnce(runtime_.Db(), key, resp, [&](db::Tx& tx) {
      ToProto(volunteers_.ChangeStatus(tx, c, change), options_.no_show_limit, nullptr, resp);
    });
  });
}

grpc::Status VolunteersApi::ClearNoShows(Ctx* ctx, const v1::ClearNoShowsRequest* req, v1::Volunteer* resp) {
  return Run(ctx, "ClearNoShows", [&](const Caller& c) {
    RequireCoordinator(c);
    auto key = IdempotencyKeyOf(c, *req, "ClearNoShows");
    CheckVolunteerId(req->id(), "id");
    CheckNote(req->note(), true);
    AnswerOnce(runtime_.Db(), key, resp, [&](db::Tx& tx) {
      ToProto(volunteers_.ClearNoShows(tx, c, req->id(), req->note()), options_.no_show_limit, nullptr, resp);
    });
  });
}

grpc::Status VolunteersApi::CreateTeam(Ctx* ctx, const v1::CreateTeamRequest* req, v1::Team* resp) {
  return Run(ctx, "CreateTeam", [&](const Caller& c) {
    RequireCoordinator(c);
    auto key = IdempotencyKeyOf(c, *req, "CreateTeam");
    if (!req->has_team()) ThrowInvalid("team", "is required");
    TeamPlan plan = ValidateTeam({req->team().name(), req->team().division_code(), req->team().leader_id()});
    AnswerOnce(runtime_.Db(), key, resp, [&](db::Tx& tx) { ToProto(volunteers_.CreateTeam(tx, c, plan), resp); });
  });
}

grpc::Status VolunteersApi::GetTeam(Ctx* ctx, const v1::GetTeamRequest* req, v1::Team* resp) {
  return Run(ctx, "GetTeam", [&](const Caller& c) {
    RequireVolunteersReader(c);
    CheckTeamId(req->id(), "id");
    auto t = volunteers_.GetTeam(c, req->id());
    if (!t) Throw(ErrorCode::kNotFound, "id", "no such team");
    ToProto(*t, resp);
  });
}

grpc::Status VolunteersApi::ListTeams(Ctx* ctx, const v1::ListTeamsRequest* req, v1::ListTeamsResponse* resp) {
  return Run(ctx, "ListTeams", [&](const Caller& c) {
    RequireVolunteersReader(c);
    CheckDivisionFilter(req->division_prefix());
    auto page = StartPage(req->page_size(), req->page_token(),
                          FilterKey({"teams", req->division_prefix(), c.reach, c.subject}), {});
    auto rows = volunteers_.ListTeams(c, req->division_prefix(), page.query);
    resp->set_next_page_token(FinishPage(rows, page));
    for (const auto& t : rows) ToProto(t, resp->add_teams());
  });
}

grpc::Status VolunteersApi::AddTeamMember(Ctx* ctx, const v1::TeamMemberRequest* req, v1::Team* resp) {
  return Run(ctx, "AddTeamMember", [&](const Caller& c) {
    RequireCoordinator(c);
    auto key = IdempotencyKeyOf(c, *req, "AddTeamMember");
    CheckTeamId(req->team_id(), "team_id");
    CheckVolunteerId(req->volunteer_id());
    AnswerOnce(runtime_.Db(), key, resp, [&](db::Tx& tx) {
      ToProto(volunteers_.AddMember(tx, c, {req->team_id(), req->volunteer_id()}), resp);
    });
  });
}

grpc::Status VolunteersApi::RemoveTeamMember(Ctx* ctx, const v1::TeamMemberRequest* req, v1::Team* resp) {
  return Run(ctx, "RemoveTeamMember", [&](const Caller& c) {
    RequireCoordinator(c);
    auto key = IdempotencyKeyOf(c, *req, "RemoveTeamMember");
    CheckTeamId(req->team_id(), "team_id");
    CheckVolunteerId(req->volunteer_id());
    AnswerOnce(runtime_.Db(), key, resp, [&](db::Tx& tx) {
      ToProto(volunteers_.RemoveMember(tx, c, {req->team_id(), req->volunteer_id()}), resp);
    });
  });
}

grpc::Status VolunteersApi::ListTeamMembers(Ctx* ctx, const v1::ListTeamMembersRequest* req,
                                            v1::ListVolunteersResponse* resp) {
  return Run(ctx, "ListTeamMembers", [&](const Caller& c) {
    RequireVolunteersReader(c);
    CheckTeamId(req->team_id(), "team_id");
    int size = ResolvePageSize(req->page_size());
    std::string filters = FilterKey({"members", req->team_id(), c.reach, c.subject});
    auto rows = volunteers_.Members(c, req->team_id(), DecodePageToken(req->page_token(), filters), size + 1);
    resp->set_next_page_token(NextPageToken(rows, size, filters, [](const Volunteer& v) { return v.id; }));
    Answer(c, rows, resp->mutable_volunteers());
  });
}

grpc::Status VolunteersApi::GetServiceInfo(Ctx* ctx, const common::v1::GetServiceInfoRequest*,
                                           common::v1::ServiceInfo* resp) {
  return ServiceInfoRpc(ctx, runtime_, v1::VolunteersService::service_full_name(), resp);
}

grpc::Status VolunteersApi::ListAuditEvents(Ctx* ctx, const common::v1::ListAuditEventsRequest* req,
                                            common::v1::ListAuditEventsResponse* resp) {
  return Run(ctx, "ListAuditEvents", [&](const Caller& c) {
    RequireAuditReader(c);
    AnswerAuditEvents(runtime_.Db(), c, *req, resp);
  });
}

}  // namespace carehub::volunteers
