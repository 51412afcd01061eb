#pragma once
// The gRPC face of volunteers: each RPC checks who calls and what was sent, runs its use case
// (writes in the idempotent transaction of their request_id) and answers in protobuf. No rule
// lives here. The RPCs are spread over volunteers_api.cc (volunteers, teams), activities_api.cc
// (activities, sign-ups, attendance) and hours_api.cc (hours, records, summary).
#include "carehub/volunteers/v1/volunteers_service.grpc.pb.h"
#include "common/backend.h"
#include "common/clients/beneficiary_directory.h"
#include "common/crypto.h"
#include "services/volunteers/app/activities_app.h"
#include "services/volunteers/app/care_app.h"
#include "services/volunteers/app/child_risk.h"
#include "services/volunteers/app/feed.h"
#include "services/volunteers/app/hours_app.h"
#include "services/volunteers/app/volunteers_app.h"

namespace carehub::volunteers {

struct VolunteersOptions {
  std::string pii_key;  // seals ID numbers and mobiles (common/pii_key.h)
  int no_show_limit = 3;
  Clock now{};  // empty: the system clock
  CareOptions care{};
  std::chrono::milliseconds feed_poll{0};  // 0: do not follow the registry's change feed
};

class VolunteersApi final : public v1::VolunteersService::Service {
 public:
  // `registry`: where children are looked up for pairings (the registry over gRPC, or a fake).
  // `feed`: the registry's change feed, followed every options.feed_poll (nullptr: not followed).
  // `child_risk`: raises a child's risk level in the registry when a risk report is acknowledged.
  VolunteersApi(BackendRuntime runtime, VolunteersOptions options, std::unique_ptr<BeneficiaryDirectory> registry,
                std::unique_ptr<PersonChangeSource> feed = nullptr,
                std::unique_ptr<ChildRiskWriter> child_risk = nullptr);

  using Ctx = grpc::ServerContext;
  grpc::Status CreateVolunteer(Ctx* ctx, const v1::CreateVolunteerRequest* req, v1::Volunteer* resp) override;
  grpc::Status GetVolunteer(Ctx* ctx, const v1::GetVolunteerRequest* req, v1::Volunteer* resp) override;
  grpc::Status ListVolunteers(Ctx* ctx, const v1::ListVolunteersRequest* req,
                              v1::ListVolunteersResponse* resp) override;
  grpc::Status ChangeVolunteerStatus(Ctx* ctx, const v1::ChangeVolunteerStatusRequest* req,
                                     v1::Volunteer* resp) override;
  grpc::Status ClearNoShows(Ctx* ctx, const v1::ClearNoShowsRequest* req, v1::Volunteer* resp) override;
  grpc::Status CreateTeam(Ctx* ctx, const v1::CreateTeamRequest* req, v1::Team* resp) override;
  grpc::Status GetTeam(Ctx* ctx, const v1::GetTeamRequest* req, v1::Team* resp) override;
  grpc::Status ListTeams(Ctx* ctx, const v1::ListTeamsRequest* req, v1::ListTeamsResponse* resp) override;
  grpc::Status AddTeamMember(Ctx* ctx, const v1::TeamMemberRequest* req, v1::Team* resp) override;
  grpc::Status RemoveTeamMember(Ctx* ctx, const v1::TeamMemberRequest* req, v1::Team* resp) override;
  grpc::Status ListTeamMembers(Ctx* ctx, const v1::ListTeamMembersRequest* req,
                               v1::ListVolunteersResponse* resp) override;

  grpc::Status CreateActivity(Ctx* ctx, const v1::CreateActivityRequest* req, v1::Activity* resp) override;
  grpc::Status GetActivity(Ctx* ctx, const v1::GetActivityRequest* req, v1::Activity* resp) override;
  grpc::Status ListActivities(Ctx* ctx, const v1::ListActivitiesRequest* req,
                              v1::ListActivitiesResponse* resp) override;
  grpc::Status OpenActivity(Ctx* ctx, const v1::ChangeActivityStateRequest* req, v1::Activity* resp) override;
  grpc::Status CompleteActivity(Ctx* ctx, const v1::ChangeActivityStateRequest* req, v1::Activity* resp) override;
  grpc::Status CancelActivity(Ctx* ctx, const v1::ChangeActivityStateRequest* req, v1::Activity* resp) override;
  grpc::Status SignUp(Ctx* ctx, const v1::SignUpRequest* req, v1::ActivitySignUp* resp) override;
  grpc::Status CancelSignUp(Ctx* ctx, const v1::CancelSignUpRequest* req, v1::CancelSignUpResponse* resp) override;
  grpc::Status ListSignUps(Ctx* ctx, const v1::ListSignUpsRequest* req, v1::ListSignUpsResponse* resp) override;
  grpc::Status CheckIn(Ctx* ctx, const v1::AttendanceRequest* req, v1::ActivitySignUp* resp) override;
  grpc::Status CheckOut(Ctx* ctx, const v1::AttendanceRequest* req, v1::ActivitySignUp* resp) override;

  grpc::Status ConfirmHours(Ctx* ctx, const v1::DecideHoursRequest* req, v1::HoursEntry* resp) override;
  grpc::Status DisputeHours(Ctx* ctx, const v1::DecideHoursRequest* req, v1::HoursEntry* resp) override;
  grpc::Status ResolveHours(Ctx* ctx, const v1::ResolveHoursRequest* req, v1::HoursEntry* resp) override;
  grpc::Status AdjustHours(Ctx* ctx, const v1::AdjustHoursRequest* req, v1::HoursEntry* resp) override;
  grpc::Status ListHours(Ctx* ctx, const v1::ListHoursRequest* req, v1::ListHoursResponse* resp) override;
  grpc::Status GetHoursTotals(Ctx* ctx, const v1::GetHoursTotalsRequest* req, v1::HoursTotals* resp) override;
  grpc::Status GetServiceRecord(Ctx* ctx, const v1::GetServiceRecordRequest* req, v1::ServiceRecord* resp) override;
  grpc::Status ExportServiceRecord(Ctx* ctx, const v1::GetServiceRecordRequest* req,
                                   v1::ServiceRecordExport* resp) override;
  grpc::Status SummarizeVolunteers(Ctx* ctx, const v1::SummarizeVolunteersRequest* req,
                                   v1::VolunteersSummary* resp) override;

  grpc::Status CreatePairing(Ctx* ctx, const v1::CreatePairingRequest* req, v1::Pairing* resp) override;
  grpc::Status EndPairing(Ctx* ctx, const v1::EndPairingRequest* req, v1::Pairing* resp) override;
  grpc::Status HandOverPairing(Ctx* ctx, const v1::HandOverPairingRequest* req, v1::Pairing* resp) override;
  grpc::Status GetPairing(Ctx* ctx, const v1::GetPairingRequest* req, v1::Pairing* resp) override;
  grpc::Status ListPairings(Ctx* ctx, const v1::ListPairingsRequest* req, v1::ListPairingsResponse* resp) override;
  grpc::Status RecordVisit(Ctx* ctx, const v1::RecordVisitRequest* req, v1::Visit* resp) override;
  grpc::Status ListVisits(Ctx* ctx, const v1::ListVisitsRequest* req, v1::ListVisitsResponse* resp) override;
  grpc::Status ListOverdueVisits(Ctx* ctx, const v1::ListOverdueVisitsRequest* req,
                                 v1::DueVisitsResponse* resp) override;
  grpc::Status ListDueVisits(Ctx* ctx, const v1::ListDueVisitsRequest* req, v1::DueVisitsResponse* resp) override;
  grpc::Status SummarizeCare(Ctx* ctx, const v1::SummarizeCareRequest* req, v1::CareSummary* resp) override;
  grpc::Status GetRiskReport(Ctx* ctx, const v1::GetRiskReportRequest* req, v1::RiskReport* resp) override;
  grpc::Status ListRiskReports(Ctx* ctx, const v1::ListRiskReportsRequest* req,
                               v1::ListRiskReportsResponse* resp) override;
  grpc::Status AcknowledgeRiskReport(Ctx* ctx, const v1::DecideRiskReportRequest* req, v1::RiskReport* resp) override;
  grpc::Status ResolveRiskReport(Ctx* ctx, const v1::DecideRiskReportRequest* req, v1::RiskReport* resp) override;

  grpc::Status GetServiceInfo(Ctx* ctx, const common::v1::GetServiceInfoRequest* req,
                              common::v1::ServiceInfo* resp) override;
  grpc::Status ListAuditEvents(Ctx* ctx, const common::v1::ListAuditEventsRequest* req,
                               common::v1::ListAuditEventsResponse* resp) override;

 private:
  grpc::Status Run(Ctx* ctx, const char* method, const std::function<void(const Caller&)>& handler);
  grpc::Status ChangeState(Ctx* ctx, const char* method, const v1::ChangeActivityStateRequest& req,
                           ActivityState wanted, v1::Activity* resp);
  grpc::Status DecideHours(Ctx* ctx, const char* method, const v1::DecideHoursRequest& req, HoursState wanted,
                           v1::HoursEntry* resp);
  grpc::Status Attend(Ctx* ctx, const char* method, const v1::AttendanceRequest& req,
                      carehub::volunteers::SignUp (ActivitiesApp::*use_case)(db::Tx&, const Caller&, const Attendance&)
                          const,
                      v1::ActivitySignUp* resp);
  grpc::Status DecideRisk(Ctx* ctx, const char* method, const v1::DecideRiskReportRequest& req, RiskReportState wanted,
                          v1::RiskReport* resp);
  // Volunteers as answered to `caller`: identifiers opened (and audited) for `pii` holders.
  void Answer(const Caller& caller, const std::vector<Volunteer>& volunteers,
              google::protobuf::RepeatedPtrField<v1::Volunteer>* out) const;
  void Answer(const Caller& caller, const Volunteer& v, v1::Volunteer* out) const;
  Period CheckPeriod(const std::string& from, const std::string& to, bool required) const;
  // The civil date in China now, by the service's clock.
  std::chrono::year_month_day Today() const;

  BackendRuntime runtime_;
  VolunteersOptions options_;
  crypto::PiiCipher cipher_;
  VolunteersApp volunteers_;
  ActivitiesApp activities_;
  HoursApp hours_;
  std::unique_ptr<BeneficiaryDirectory> registry_;
  CareApp care_;
  std::unique_ptr<PersonChangeSource> feed_;
  std::unique_ptr<ChildRiskWriter> child_risk_;
  // Counts overdue visits every runtime.figures_every for /metrics.
  std::unique_ptr<PeriodicTask> overdue_counter_;
  std::unique_ptr<FeedFollower> follower_;  // last: stopped before what it uses
};

}  // namespace carehub::volunteers
