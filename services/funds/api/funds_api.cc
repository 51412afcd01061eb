#include "services/funds/api/funds_api.h"

#include "common/api.h"
#include "common/audit.h"
#include "common/audit_api.h"
#include "common/db/in_reach.h"
#include "common/field_checks.h"
#include "common/ids.h"
#include "common/instant.h"
#include "common/log.h"
#include "common/metrics.h"
#include "common/paging.h"
#include "common/resident_id.h"
#include "common/service_info.h"
#include "common/text.h"
#include "services/funds/api/program_proto.h"
#include "services/funds/domain/permissions.h"
#include "services/funds/store/grant_rows.h"
#include "services/funds/store/program_rows.h"

namespace carehub::funds {
namespace {

void CheckProgramId(const std::string& id, const std::string& field) {
  CheckId(id, "pg", field, "a program id (pg_…)");
}

void CheckGrantId(const std::string& id) { CheckId(id, "gr", "id", "a grant id (gr_…)"); }

}  // namespace

FundsApi::FundsApi(BackendRuntime runtime, FundsOptions options, std::unique_ptr<BeneficiaryDirectory> registry)
    : runtime_(std::move(runtime)),
      options_(std::move(options)),
      registry_(std::move(registry)),
      cipher_(options_.pii_key),
      programs_(runtime_.Db()),
      budget_(runtime_.Db()),
      grants_(runtime_.Db(), *registry_, cipher_),
      batches_(runtime_.Db(), *registry_),
      payments_(runtime_.Db(), cipher_),
      figures_(runtime_.Db()),
      runner_id_(NewId("rn")) {
  // Batches left filling by a replica that stopped are resumed here (each held by one runner at
  // a time; the cursor keeps what was done).
  if (options_.batch_poll.count() > 0) {
    batch_runner_ = std::make_unique<PeriodicTask>("grant batches", options_.batch_poll,
                                                   [this] { batches_.FillPending(runner_id_); });
  }
  if (runtime_.figures_every.count() > 0 && runtime_.env.metrics) {
    reconciler_ = std::make_unique<PeriodicTask>("reconciliation", runtime_.figures_every,
                                                 [this] { PublishReconciliation(); });
  }
}

void FundsApi::PublishReconciliation() const {
  const Caller self{"carehub-funds", {std::string(role::kAuditor)}, "", "reconciliation"};
  Reconciliation r = budget_.Reconcile(self, "");
  const int64_t off_fen = r.DifferenceFen();
  Metrics& m = *runtime_.env.metrics;
  m.SetFigure("carehub_funds_reconcile_differences",
              "Balances that disagree with the journal or the grants at the last reconciliation",
              static_cast<double>(r.differences.size()));
  m.SetFigure("carehub_funds_reconcile_difference_fen", "Sum of those disagreements, in fen",
              static_cast<double>(off_fen));
  m.SetFigure("carehub_funds_reconcile_last_run_timestamp_seconds", "When the last reconciliation finished",
              static_cast<double>(NowSeconds()));
  if (!r.differences.empty()) {
    log::Error("reconciliation found differences", {{"differences", r.differences.size()},
                                                    {"difference_fen", off_fen},
                                                    {"first_account", r.differences.front().account}});
  }
}

FundsApi::~FundsApi() = default;

void FundsApi::Answer(const Caller& caller, const std::vector<Grant>& grants,
                      google::protobuf::RepeatedPtrField<v1::Grant>* out) const {
  std::vector<std::string> opened;
  if (caller.Has(role::kPii)) opened = grants_.RevealAccounts(caller, grants);
  for (size_t i = 0; i < grants.size(); ++i) {
    auto* g = out->Add();
    ToProto(grants[i], g);
    if (!opened.empty() && !opened[i].empty()) g->mutable_payee()->set_account_number(opened[i]);
  }
}

void FundsApi::Answer(const Caller& caller, const Grant& g, v1::Grant* out) const {
  google::protobuf::RepeatedPtrField<v1::Grant> one;
  Answer(caller, {g}, &one);
  out->Swap(&one[0]);
}

grpc::Status FundsApi::Run(grpc::ServerContext* ctx, const char* method,
                           const std::function<void(const Caller&)>& handler) {
  return ServeRpc(ctx, v1::FundsService::service_full_name(), method, runtime_.env, handler);
}

grpc::Status FundsApi::CreateProgram(grpc::ServerContext* ctx, const v1::CreateProgramRequest* req, v1::Program* resp) {
  return Run(ctx, "CreateProgram", [&](const Caller& c) {
    RequireProgramAdmin(c);
    auto key = IdempotencyKeyOf(c, *req, "CreateProgram");
    if (!req->has_program()) ThrowInvalid("program", "is required");
    ProgramTerms terms = ValidateProgram(ProgramFromProto(req->program()));
    AnswerOnce(runtime_.Db(), key, resp, [&](db::Tx& tx) { ToProto(programs_.Create(tx, c, terms), resp); });
  });
}

grpc::Status FundsApi::GetProgram(grpc::ServerContext* ctx, const v1::GetProgramRequest* req, v1::Program* resp) {
  return Run(ctx, "GetProgram", [&](const Caller& c) {
    RequireFundsReader(c);
    CheckProgramId(req->id(), "id");
    auto p = programs_.Get(c, req->id());
    if (!p) Throw(ErrorCode::kNotFound, "id", "no such program");
    ToProto(*p, resp);
  });
}

grpc::Status FundsApi::ListPrograms(grpc::ServerContext* ctx, const v1::ListProgramsRequest* req,
                                    v1::ListProgramsResponse* resp) {
  return Run(ctx, "ListPrograms", [&](const Caller& c) {
    RequireFundsReader(c);
    CheckDivisionFilter(req->division_prefix());
    if (req->state() < 0 || req->state() > 3) ThrowInvalid("state", "is not a PROGRAM_STATE_ value");
    if (req->benefit_class().size() > 32) ThrowInvalid("benefit_class", "is too long");
    store::ProgramFilter f{req->state(), req->benefit_class()};
    auto page = StartPage(
        req->page_size(), req->page_token(),
        FilterKey({"programs", req->division_prefix(), c.reach, c.subject, std::to_string(f.state), f.benefit_class}),
        store::ToSql(f));
    auto rows = programs_.List(c, req->division_prefix(), page.query);
    resp->set_next_page_token(FinishPage(rows, page));
    for (const auto& p : rows) ToProto(p, resp->add_programs());
  });
}

grpc::Status FundsApi::ChangeState(grpc::ServerContext* ctx, const char* method,
                                   const v1::ChangeProgramStateRequest& req, ProgramState wanted, v1::Program* resp) {
  return Run(ctx, method, [&](const Caller& c) {
    RequireProgramAdmin(c);
    auto key = IdempotencyKeyOf(c, req, method);
    CheckProgramId(req.id(), "id");
    CheckNote(req.note(), false);
    AnswerOnce(runtime_.Db(), key, resp,
               [&](db::Tx& tx) { ToProto(programs_.ChangeState(tx, c, req.id(), wanted, req.note()), resp); });
  });
}

grpc::Status FundsApi::OpenProgram(grpc::ServerContext* ctx, const v1::ChangeProgramStateRequest* req,
                                   v1::Program* resp) {
  return ChangeState(ctx, "OpenProgram", *req, ProgramState::kOpen, resp);
}

grpc::Status FundsApi::CloseProgram(grpc::ServerContext* ctx, const v1::ChangeProgramStateRequest* req,
                                    v1::Program* resp) {
  return ChangeState(ctx, "CloseProgram", *req, ProgramState::kClosed, resp);
}

grpc::Status FundsApi::AllocateBudget(grpc::ServerContext* ctx, const v1::AllocateBudgetRequest* req,
                                      v1::LedgerEntry* resp) {
  return Run(ctx, "AllocateBudget", [&](const Caller& c) {
    RequireMoneyMover(c);
    auto key = IdempotencyKeyOf(c, *req, "AllocateBudget");
    CheckProgramId(req->program_id(), "program_id");
    AnswerOnce(runtime_.Db(), key, resp, [&](db::Tx& tx) {
      ToProto(budget_.Allocate(tx, c, req->program_id(), req->amount_fen(), req->reason()), resp);
    });
  });
}

grpc::Status FundsApi::TransferBudget(grpc::ServerContext* ctx, const v1::TransferBudgetRequest* req,
                                      v1::LedgerEntry* resp) {
  return Run(ctx, "TransferBudget", [&](const Caller& c) {
    RequireMoneyMover(c);
    auto key = IdempotencyKeyOf(c, *req, "TransferBudget");
    CheckProgramId(req->from_program_id(), "from_program_id");
    CheckProgramId(req->to_program_id(), "to_program_id");
    AnswerOnce(runtime_.Db(), key, resp, [&](db::Tx& tx) {
      ToProto(budget_.Transfer(tx, c, req->from_program_id(), req->to_program_id(), req->amount_fen(), req->reason()),
              resp);
    });
  });
}

grpc::Status FundsApi::GetBudget(grpc::ServerContext* ctx, const v1::GetBudgetRequest* req, v1::Budget* resp) {
  return Run(ctx, "GetBudget", [&](const Caller& c) {
    RequireFundsReader(c);
    CheckProgramId(req->program_id(), "program_id");
    ToProto(budget_.Budget(c, req->program_id()), resp);
  });
}

grpc::Status FundsApi::ListLedgerEntries(grpc::ServerContext* ctx, const v1::ListLedgerEntriesRequest* req,
                                         v1::ListLedgerEntriesResponse* resp) {
  return Run(ctx, "ListLedgerEntries", [&](const Caller& c) {
    RequireFundsReader(c);
    if (!req->program_id().empty()) CheckProgramId(req->program_id(), "program_id");
    int size = ResolvePageSize(req->page_size());
    std::string filters =
        FilterKey({"ledger", req->program_id(), c.reach, c.subject, req->posted_from(), req->posted_to()});
    JournalQuery q{req->program_id(), req->posted_from(), req->posted_to(), DecodePageToken(req->page_token(), filters),
                   size + 1};
    auto rows = budget_.Journal(c, q);
    resp->set_next_page_token(NextPageToken(rows, size, filters, [](const LedgerEntry& e) { return e.id; }));
    for (const auto& e : rows) ToProto(e, resp->add_entries());
  });
}

grpc::Status FundsApi::Reconcile(grpc::ServerContext* ctx, const v1::ReconcileRequest* req, v1::ReconcileReport* resp) {
  return Run(ctx, "Reconcile", [&](const Caller& c) {
    RequireFundsReader(c);
    if (!req->program_id().empty()) CheckProgramId(req->program_id(), "program_id");
    ToProto(budget_.Reconcile(c, req->program_id()), resp);
  });
}

grpc::Status FundsApi::SubmitGrant(grpc::ServerContext* ctx, const v1::SubmitGrantRequest* req, v1::Grant* resp) {
  return Run(ctx, "SubmitGrant", [&](const Caller& c) {
    RequireSubmitter(c);
    auto key = IdempotencyKeyOf(c, *req, "SubmitGrant");
    CheckProgramId(req->program_id(), "program_id");
    if (!IsValidId(req->beneficiary_id(), "ch") && !IsValidId(req->beneficiary_id(), "wm")) {
      ThrowInvalid("beneficiary_id", "is not a registered person's id (ch_… or wm_…)");
    }
    CheckNote(req->note(), false);
    if (AnswerReplay(runtime_.Db(), key, resp)) return;  // a replay needs no registry
    auto today = TodayInChina();
    // The registry is asked before any row is locked; unreachable, nothing is stored.
    BeneficiarySnapshot facts = grants_.LookUp(c, req->beneficiary_id(), today);
    GrantApplication a{req->program_id(), req->beneficiary_id(), req->amount_fen(), req->note()};
    if (req->has_payee()) {
      a.payee = CheckPayee({req->payee().account_name(), req->payee().bank(), req->payee().account_number()});
    }
    a.goods = req->goods();
    AnswerOnce(runtime_.Db(), key, resp, [&](db::Tx& tx) { ToProto(grants_.Submit(tx, c, a, facts, today), resp); });
  });
}

grpc::Status FundsApi::ApproveGrant(grpc::ServerContext* ctx, const v1::DecideGrantRequest* req, v1::Grant* resp) {
  return Run(ctx, "ApproveGrant", [&](const Caller& c) {
    RequireApprover(c);
    auto key = IdempotencyKeyOf(c, *req, "ApproveGrant");
    CheckGrantId(req->id());
    CheckNote(req->note(), false);
    if (AnswerReplay(runtime_.Db(), key, resp)) return;
    auto grant = grants_.Get(c, req->id());
    if (!grant) Throw(ErrorCode::kNotFound, "id", "no such grant");
    BeneficiarySnapshot facts = grants_.LookUp(c, grant->beneficiary_id, grant->applied_on);
    AnswerOnce(runtime_.Db(), key, resp,
               [&](db::Tx& tx) { ToProto(grants_.Approve(tx, c, req->id(), req->note(), facts), resp); });
  });
}

grpc::Status FundsApi::DecideRpc(grpc::ServerContext* ctx, const char* method, const v1::DecideGrantRequest& req,
                                 void (*require)(const Caller&),
                                 Grant (GrantsApp::*use_case)(db::Tx&, const Caller&, const std::string&,
                                                              const std::string&) const,
                                 v1::Grant* resp) {
  return Run(ctx, method, [&](const Caller& c) {
    require(c);
    auto key = IdempotencyKeyOf(c, req, method);
    CheckGrantId(req.id());
    AnswerOnce(runtime_.Db(), key, resp,
               [&](db::Tx& tx) { ToProto((grants_.*use_case)(tx, c, req.id(), req.note()), resp); });
  });
}

grpc::Status FundsApi::RejectGrant(grpc::ServerContext* ctx, const v1::DecideGrantRequest* req, v1::Grant* resp) {
  return DecideRpc(ctx, "RejectGrant", *req, RequireApprover, &GrantsApp::Reject, resp);
}

grpc::Status FundsApi::CancelGrant(grpc::ServerContext* ctx, const v1::DecideGrantRequest* req, v1::Grant* resp) {
  return DecideRpc(ctx, "CancelGrant", *req, RequireMoneyMover, &GrantsApp::Cancel, resp);
}

grpc::Status FundsApi::ReverseGrant(grpc::ServerContext* ctx, const v1::DecideGrantRequest* req, v1::Grant* resp) {
  return DecideRpc(ctx, "ReverseGrant", *req, RequireMoneyMover, &GrantsApp::Reverse, resp);
}

grpc::Status FundsApi::DisburseGrant(grpc::ServerContext* ctx, const v1::DisburseGrantRequest* req, v1::Grant* resp) {
  return Run(ctx, "DisburseGrant", [&](const Caller& c) {
    RequireMoneyMover(c);
    auto key = IdempotencyKeyOf(c, *req, "DisburseGrant");
    CheckGrantId(req->id());
    Disbursement d{req->id(), req->channel(), req->reference()};
    AnswerOnce(runtime_.Db(), key, resp, [&](db::Tx& tx) { ToProto(grants_.Disburse(tx, c, d), resp); });
  });
}

grpc::Status FundsApi::GetGrant(grpc::ServerContext* ctx, const v1::GetGrantRequest* req, v1::Grant* resp) {
  return Run(ctx, "GetGrant", [&](const Caller& c) {
    RequireFundsReader(c);
    CheckGrantId(req->id());
    auto g = grants_.Get(c, req->id());
    if (!g) Throw(ErrorCode::kNotFound, "id", "no such grant");
    Answer(c, *g, resp);
  });
}

grpc::Status FundsApi::ListGrants(grpc::ServerContext* ctx, const v1::ListGrantsRequest* req,
                                  v1::ListGrantsResponse* resp) {
  return Run(ctx, "ListGrants", [&](const Caller& c) {
    RequireFundsReader(c);
    CheckDivisionFilter(req->division_prefix());
    if (!req->program_id().empty()) CheckProgramId(req->program_id(), "program_id");
    if (req->state() < 0 || req->state() > 7) ThrowInvalid("state", "is not a GRANT_STATE_ value");
    if (req->beneficiary_id().size() > 40) ThrowInvalid("beneficiary_id", "is too long");
    store::GrantFilter f{req->program_id(), req->state(), req->beneficiary_id()};
    auto page = StartPage(req->page_size(), req->page_token(),
                          FilterKey({"grants", req->division_prefix(), c.reach, c.subject, f.program_id,
                                     std::to_string(f.state), f.beneficiary_id}),
                          store::ToSql(f));
    auto rows = grants_.List(c, req->division_prefix(), page.query);
    resp->set_next_page_token(FinishPage(rows, page));
    Answer(c, rows, resp->mutable_grants());
  });
}

grpc::Status FundsApi::SetBenefitClassCap(grpc::ServerContext* ctx, const v1::SetBenefitClassCapRequest* req,
                                          v1::BenefitClassCap* resp) {
  return Run(ctx, "SetBenefitClassCap", [&](const Caller& c) {
    RequireProgramAdmin(c);
    auto key = IdempotencyKeyOf(c, *req, "SetBenefitClassCap");
    BenefitClassCap cap =
        ValidateCap({req->cap().benefit_class(), req->cap().max_grants_per_year(), req->cap().max_fen_per_year()});
    AnswerOnce(runtime_.Db(), key, resp, [&](db::Tx& tx) {
      store::SetCap(tx, cap);
      RecordAudit(tx, {AuditBy(c, "benefit_class.cap", {"benefit_class", cap.benefit_class, ""}, "",
                               "{\"max_grants_per_year\":" + std::to_string(cap.max_grants_per_year) +
                                   ",\"max_fen_per_year\":" + std::to_string(cap.max_fen_per_year) + "}")});
      resp->set_benefit_class(cap.benefit_class);
      resp->set_max_grants_per_year(cap.max_grants_per_year);
      resp->set_max_fen_per_year(cap.max_fen_per_year);
    });
  });
}

grpc::Status FundsApi::GetServiceInfo(grpc::ServerContext* ctx, const common::v1::GetServiceInfoRequest*,
                                      common::v1::ServiceInfo* resp) {
  return ServiceInfoRpc(ctx, runtime_, v1::FundsService::service_full_name(), resp);
}

grpc::Status FundsApi::ListAuditEvents(grpc::ServerContext* ctx, const common::v1::ListAuditEventsRequest* req,
                                       common::v1::ListAuditEventsResponse* resp) {
  return Run(ctx, "ListAuditEvents", [&](const Caller& c) {
    RequireAuditReader(c);
    AnswerAuditEvents(runtime_.Db(), c, *req, resp);
  });
}

}  // namespace carehub::funds
