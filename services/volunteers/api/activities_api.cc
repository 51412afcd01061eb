// The activity, sign-up and attendance RPCs of VolunteersApi (volunteers_api.h).
#include "common/api.h"
#include "common/field_checks.h"
#include "common/ids.h"
#include "common/instant.h"
#include "common/paging.h"
#include "services/volunteers/api/id_checks.h"
#include "services/volunteers/api/volunteer_proto.h"
#include "services/volunteers/api/volunteers_api.h"
#include "services/volunteers/domain/permissions.h"
#include "services/volunteers/store/activity_rows.h"

namespace carehub::volunteers {
grpc::Status VolunteersApi::CreateActivity(Ctx* ctx, const v1::CreateActivityRequest* req, v1::Activity* resp) {
  return Run(ctx, "CreateActivity", [&](const Caller& c) {
    RequireCoordinator(c);
    auto key = IdempotencyKeyOf(c, *req, "CreateActivity");
    if (!req->has_activity()) ThrowInvalid("activity", "is required");
    ActivityTerms terms = ValidateActivity(ActivityFromProto(req->activity()));
    AnswerOnce(runtime_.Db(), key, resp, [&](db::Tx& tx) { ToProto(activities_.Create(tx, c, terms), true, resp); });
  });
}

grpc::Status VolunteersApi::GetActivity(Ctx* ctx, const v1::GetActivityRequest* req, v1::Activity* resp) {
  return Run(ctx, "GetActivity", [&](const Caller& c) {
    RequireActivityReader(c);
    CheckActivityId(req->id(), "id");
    auto a = activities_.Get(c, req->id());
    if (!a) Throw(ErrorCode::kNotFound, "id", "no such activity");
    ToProto(*a, MaySeeCheckInCode(c), resp);
  });
}

grpc::Status VolunteersApi::ListActivities(Ctx* ctx, const v1::ListActivitiesRequest* req,
                                           v1::ListActivitiesResponse* resp) {
  return Run(ctx, "ListActivities", [&](const Caller& c) {
    RequireActivityReader(c);
    CheckDivisionFilter(req->division_prefix());
    if (req->state() < 0 || req->state() > 4) ThrowInvalid("state", "is not an ACTIVITY_STATE_ value");
    if (req->type() < 0 || req->type() > kActivityTypes) ThrowInvalid("type", "is not an ACTIVITY_TYPE_ value");
    store::ActivityFilter f{req->state(), req->type()};
    auto page = StartPage(req->page_size(), req->page_token(),
                          FilterKey({"activities", req->division_prefix(), c.reach, c.subject, std::to_string(f.state),
                                     std::to_string(f.type)}),
                          store::ToSql(f));
    auto rows = activities_.List(c, req->division_prefix(), page.query);
    resp->set_next_page_token(FinishPage(rows, page));
    for (const auto& a : rows) ToProto(a, MaySeeCheckInCode(c), resp->add_activities());
  });
}

grpc::Status VolunteersApi::ChangeState(Ctx* ctx, const char* method, const v1::ChangeActivityStateRequest& req,
                                        ActivityState wanted, v1::Activity* resp) {
  return Run(ctx, method, [&](const Caller& c) {
    RequireCoordinator(c);
    auto key = IdempotencyKeyOf(c, req, method);
    CheckActivityId(req.id(), "id");
    CheckNote(req.note(), false);
    AnswerOnce(runtime_.Db(), key, resp, [&](db::Tx& tx) {
      ToProto(activities_.ChangeState(tx, c, {req.id(), wanted, req.note()}), true, resp);
    });
  });
}

grpc::Status VolunteersApi::OpenActivity(Ctx* ctx, const v1::ChangeActivityStateRequest* req, v1::Activity* resp) {
  return ChangeState(ctx, "OpenActivity", *req, ActivityState::kOpen, resp);
}

grpc::Status VolunteersApi::CompleteActivity(Ctx* ctx, const v1::ChangeActivityStateRequest* req, v1::Activity* resp) {
  return ChangeState(ctx, "CompleteActivity", *req, ActivityState::kCompleted, resp);
}

grpc::Status VolunteersApi::CancelActivity(Ctx* ctx, const v1::ChangeActivityStateRequest* req, v1::Activity* resp) {
  return ChangeState(ctx, "CancelActivity", *req, ActivityState::kCancelled, resp);
}

grpc::Status VolunteersApi::SignUp(Ctx* ctx, const v1::SignUpRequest* req, v1::ActivitySignUp* resp) {
  return Run(ctx, "SignUp", [&](const Caller& c) {
    RequireSignUpAgent(c);
    auto key = IdempotencyKeyOf(c, *req, "SignUp");
    CheckActivityId(req->activity_id(), "activity_id");
    CheckVolunteerId(req->volunteer_id());
    AnswerOnce(runtime_.Db(), key, resp, [&](db::Tx& tx) {
      ToProto(activities_.Enrol(tx, c, {req->activity_id(), req->volunteer_id()}), resp);
    });
  });
}

grpc::Status VolunteersApi::CancelSignUp(Ctx* ctx, const v1::CancelSignUpRequest* req, v1::CancelSignUpResponse* resp) {
  return Run(ctx, "CancelSignUp", [&](const Caller& c) {
    RequireSignUpAgent(c);
    auto key = IdempotencyKeyOf(c, *req, "CancelSignUp");
    CheckActivityId(req->activity_id(), "activity_id");
    CheckVolunteerId(req->volunteer_id());
    CheckNote(req->note(), false);
    AnswerOnce(runtime_.Db(), key, resp, [&](db::Tx& tx) {
      auto r = activities_.Withdraw(tx, c, {req->activity_id(), req->volunteer_id(), req->note()});
      ToProto(r.cancelled, resp->mutable_cancelled());
      if (r.promoted) ToProto(*r.promoted, resp->mutable_promoted());
    });
  });
}

grpc::Status VolunteersApi::ListSignUps(Ctx* ctx, const v1::ListSignUpsRequest* req, v1::ListSignUpsResponse* resp) {
  return Run(ctx, "ListSignUps", [&](const Caller& c) {
    RequireVolunteersReader(c);
    CheckActivityId(req->activity_id(), "activity_id");
    if (req->state() < 0 || req->state() > 5) ThrowInvalid("state", "is not a SIGN_UP_STATE_ value");
    int size = ResolvePageSize(req->page_size());
    std::string filters = FilterKey({"signups", req->activity_id(), std::to_string(req->state()), c.reach, c.subject});
    auto rows =
        activities_.SignUps(c, req->activity_id(), req->state(), DecodePageToken(req->page_token(), filters), size + 1);
    resp->set_next_page_token(NextPageToken(rows, size, filters, store::SignUpCursor));
    for (const auto& s : rows) ToProto(s, resp->add_sign_ups());
  });
}

grpc::Status VolunteersApi::Attend(Ctx* ctx, const char* method, const v1::AttendanceRequest& req,
                                   carehub::volunteers::SignUp (ActivitiesApp::*use_case)(db::Tx&, const Caller&,
                                                                                          const Attendance&) const,
                                   v1::ActivitySignUp* resp) {
  return Run(ctx, method, [&](const Caller& c) {
    RequireSignUpAgent(c);
    auto key = IdempotencyKeyOf(c, req, method);
    CheckActivityId(req.activity_id(), "activity_id");
    CheckVolunteerId(req.volunteer_id());
    Attendance a{req.activity_id(), req.volunteer_id(), 0, req.check_in_code()};
    if (!req.at().empty()) {
      auto at = ParseInstant(req.at());
      if (!at) ThrowInvalid("at", "must be an RFC 3339 time with an offset");
      a.at = *at;
    }
    if (!MayAttestAttendance(c) && req.check_in_code().empty()) ThrowInvalid("check_in_code", "is required");
    AnswerOnce(runtime_.Db(), key, resp, [&](db::Tx& tx) { ToProto((activities_.*use_case)(tx, c, a), resp); });
  });
}

grpc::Status VolunteersApi::CheckIn(Ctx* ctx, const v1::AttendanceRequest* req, v1::ActivitySignUp* resp) {
  return Attend(ctx, "CheckIn", *req, &ActivitiesApp::CheckIn, resp);
}

grpc::Status VolunteersApi::CheckOut(Ctx* ctx, const v1::AttendanceRequest* req, v1::ActivitySignUp* resp) {
  return Attend(ctx, "CheckOut", *req, &ActivitiesApp::CheckOut, resp);
}

}  // namespace carehub::volunteers
