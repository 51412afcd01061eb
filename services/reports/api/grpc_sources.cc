#include "services/reports/api/grpc_sources.h"

#include "carehub/funds/v1/funds_service.grpc.pb.h"
#include "carehub/registry/v1/registry_service.grpc.pb.h"
#include "carehub/volunteers/v1/volunteers_service.grpc.pb.h"
#include "common/errors.h"

namespace carehub::reports {
namespace {

// One summary RPC as a source: `ask` fills the request's prefix and period, calls, and maps the
// answer to indicator codes.
template <typename Service>
class GrpcSource final : public FigureSource {
 public:
  using Stub = typename Service::Stub;
  using Ask =
      std::function<grpc::Status(Stub&, grpc::ClientContext&, const std::string&, const DateRange&, SourceAnswer&)>;
  GrpcSource(Source source, ServiceClient client, Ask ask)
      : source_(source), client_(std::move(client)), stub_(Service::NewStub(client_.channel())), ask_(std::move(ask)) {}

  Source source() const override { return source_; }
  SourceAnswer Summarize(const Caller& caller, const std::string& prefix, const DateRange& period) const override {
    SourceAnswer answer;
    auto s = client_.Call(caller, [&](grpc::ClientContext& ctx) {
      answer = {};
      return ask_(*stub_, ctx, prefix, period, answer);
    });
    switch (s.error_code()) {
      case grpc::StatusCode::OK:
        return answer;
      case grpc::StatusCode::PERMISSION_DENIED:
        Throw(ErrorCode::kPermissionDenied, "", "the caller may not read these figures");
      case grpc::StatusCode::UNIMPLEMENTED:
        Throw(ErrorCode::kUnavailable, "", "the service does not give these figures yet");
      case grpc::StatusCode::DEADLINE_EXCEEDED:
        Throw(ErrorCode::kUnavailable, "", "no answer in time");
      default:
        Throw(ErrorCode::kUnavailable, "", "cannot answer now");
    }
  }

 private:
  Source source_;
  ServiceClient client_;
  std::unique_ptr<Stub> stub_;
  Ask ask_;
};

template <typename Request>
void Fill(Request& req, const std::string& prefix, const DateRange& period) {
  req.set_division_prefix(prefix);
  req.set_from(period.From());
  req.set_to(period.To());
}

}  // namespace

Sources GrpcSources(const BackendRuntime& rt) {
  namespace rv1 = registry::v1;
  namespace fv1 = funds::v1;
  namespace vv1 = volunteers::v1;
  Sources out;
  out.push_back(std::make_unique<GrpcSource<rv1::RegistryService>>(
      Source::kRegistry, rt.ClientFor("registry"),
      [](auto& stub, grpc::ClientContext& ctx, const std::string& prefix, const DateRange& period, SourceAnswer& a) {
        rv1::SummarizeRegistryRequest req;
        Fill(req, prefix, period);
        rv1::RegistrySummary s;
        auto status = stub.SummarizeRegistry(&ctx, req, &s);
        a.values = {{"children.left_behind", s.children_left_behind()},
                    {"children.in_difficulty", s.children_in_difficulty()},
                    {"children.entered", s.children_entered()},
                    {"children.exited", s.children_exited()},
                    {"women.active", s.women_active()},
                    {"women.entered", s.women_entered()},
                    {"women.exited", s.women_exited()},
                    {"women.screenings", s.screenings()},
                    {"women.screenings_confirmed", s.screenings_confirmed()},
                    {"women.cancer_patients", s.cancer_patients()}};
        a.next_level.assign(s.next_level_divisions().begin(), s.next_level_divisions().end());
        return status;
      }));
  out.push_back(std::make_unique<GrpcSource<fv1::FundsService>>(
      Source::kFunds, rt.ClientFor("funds"),
      [](auto& stub, grpc::ClientContext& ctx, const std::string& prefix, const DateRange& period, SourceAnswer& a) {
        fv1::SummarizeFundsRequest req;
        Fill(req, prefix, period);
        fv1::FundsSummary s;
        auto status = stub.SummarizeFunds(&ctx, req, &s);
        const auto& t = s.total();
        a.values = {{"funds.approved", t.approved().count()},      {"funds.approved_fen", t.approved().fen()},
                    {"funds.disbursed", t.disbursed().count()},    {"funds.disbursed_fen", t.disbursed().fen()},
                    {"funds.people_paid", t.beneficiaries_paid()}, {"funds.goods_fen", t.goods_fen()},
                    {"funds.reversed_fen", t.reversed().fen()}};
        return status;
      }));
  out.push_back(std::make_unique<GrpcSource<vv1::VolunteersService>>(
      Source::kVolunteers, rt.ClientFor("volunteers"),
      [](auto& stub, grpc::ClientContext& ctx, const std::string& prefix, const DateRange& period, SourceAnswer& a) {
        vv1::SummarizeVolunteersRequest req;
        Fill(req, prefix, period);
        vv1::VolunteersSummary s;
        auto status = stub.SummarizeVolunteers(&ctx, req, &s);
        int64_t held = 0;
        for (const auto& c : s.activities_held()) held += c.held();
        a.values = {{"volunteers.active", s.active_volunteers()},
                    {"volunteers.teams", s.teams()},
                    {"volunteers.activities", held},
                    {"volunteers.participations", s.participations()},
                    {"volunteers.distinct", s.distinct_volunteers()},
                    {"volunteers.minutes", s.confirmed_minutes()}};
        return status;
      }));
  out.push_back(std::make_unique<GrpcSource<vv1::VolunteersService>>(
      Source::kCare, rt.ClientFor("volunteers"),
      [](auto& stub, grpc::ClientContext& ctx, const std::string& prefix, const DateRange& period, SourceAnswer& a) {
        vv1::SummarizeCareRequest req;
        Fill(req, prefix, period);
        vv1::CareSummary s;
        auto status = stub.SummarizeCare(&ctx, req, &s);
        int64_t left_behind = 0, in_difficulty = 0;
        for (const auto& c : s.distinct_children_visited()) {
          (c.category() == "left_behind" ? left_behind : in_difficulty) += c.children();
        }
        a.values = {{"care.visits", s.visits()},
                    {"care.left_behind_visited", left_behind},
                    {"care.in_difficulty_visited", in_difficulty},
                    {"care.goods_fen", s.goods_fen()},
                    {"care.active_pairings", s.active_pairings()},
                    {"care.overdue", s.overdue_visits()},
                    {"care.risk_reports", s.risk_reports_opened()}};
        return status;
      }));
  return out;
}

}  // namespace carehub::reports
