// The RPCs of Funds II: payees, batches of grants, payment files and their results, figures.
#include "common/api.h"
#include "common/field_checks.h"
#include "common/ids.h"
#include "common/resident_id.h"
#include "services/funds/api/funds_api.h"
#include "services/funds/api/program_proto.h"
#include "services/funds/domain/permissions.h"

namespace carehub::funds {
namespace {

constexpr size_t kMaxResultsFileBytes = 64 << 20;  // 64 MiB: a million lines with room to spare

BatchTerms TermsOf(const v1::GrantBatchRequest& r) {
  CheckId(r.program_id(), "pg", "program_id", "a program id (pg_…)");
  CheckDivisionFilter(r.division_prefix());
  return {r.program_id(), r.division_prefix(), r.amount_fen(), r.goods(), r.note()};
}

Period CheckPeriod(const std::string& from, const std::string& to) {
  CheckDateRange(from, to, true);
  return {from, to};
}

}  // namespace

grpc::Status FundsApi::SetGrantPayee(grpc::ServerContext* ctx, const v1::SetGrantPayeeRequest* req, v1::Grant* resp) {
  return Run(ctx, "SetGrantPayee", [&](const Caller& c) {
    RequirePayeeEditor(c);
    auto key = IdempotencyKeyOf(c, *req, "SetGrantPayee");
    CheckId(req->id(), "gr", "id", "a grant id (gr_…)");
    PayeeDetails payee = CheckPayee({req->payee().account_name(), req->payee().bank(), req->payee().account_number()});
    AnswerOnce(runtime_.Db(), key, resp, [&](db::Tx& tx) { ToProto(grants_.SetPayee(tx, c, req->id(), payee), resp); });
  });
}

grpc::Status FundsApi::PreviewGrantBatch(grpc::ServerContext* ctx, const v1::GrantBatchRequest* req,
                                         v1::GrantBatchPreview* resp) {
  return Run(ctx, "PreviewGrantBatch", [&](const Caller& c) {
    RequireFundsReader(c);
    BatchPreview p = batches_.Preview(c, TermsOf(*req));
    resp->set_eligible(p.tally.eligible);
    resp->set_total_fen(p.tally.total_fen);
    ToProto(p.tally, resp->mutable_skipped());
    resp->set_available_fen(p.available_fen);
    resp->set_budget_covers(p.available_fen >= p.tally.total_fen);
    resp->set_shortfall_fen(std::max<int64_t>(0, p.tally.total_fen - p.available_fen));
    resp->set_scanned(p.tally.scanned);
  });
}

grpc::Status FundsApi::CreateGrantBatch(grpc::ServerContext* ctx, const v1::GrantBatchRequest* req,
                                        v1::GrantBatch* resp) {
  return Run(ctx, "CreateGrantBatch", [&](const Caller& c) {
    RequireSubmitter(c);
    auto key = IdempotencyKeyOf(c, *req, "CreateGrantBatch");
    BatchTerms terms = TermsOf(*req);
    AnswerOnce(runtime_.Db(), key, resp, [&](db::Tx& tx) { ToProto(batches_.Create(tx, c, terms), resp); });
    if (batch_runner_) batch_runner_->Wake();
  });
}

grpc::Status FundsApi::ApproveGrantBatch(grpc::ServerContext* ctx, const v1::ApproveGrantBatchRequest* req,
                                         v1::GrantBatch* resp) {
  return Run(ctx, "ApproveGrantBatch", [&](const Caller& c) {
    RequireApprover(c);
    auto key = IdempotencyKeyOf(c, *req, "ApproveGrantBatch");
    CheckId(req->id(), "gb", "id", "a batch id (gb_…)");
    CheckNote(req->note(), false);
    if (AnswerReplay(runtime_.Db(), key, resp)) return;
    // The registry is read before any row is locked: who no longer qualifies.
    Disqualified gone = batches_.CheckAgain(c, req->id());
    AnswerOnce(runtime_.Db(), key, resp,
               [&](db::Tx& tx) { ToProto(batches_.Approve(tx, c, req->id(), req->note(), gone), resp); });
  });
}

grpc::Status FundsApi::GetGrantBatch(grpc::ServerContext* ctx, const v1::GetGrantBatchRequest* req,
                                     v1::GrantBatch* resp) {
  return Run(ctx, "GetGrantBatch", [&](const Caller& c) {
    RequireFundsReader(c);
    CheckId(req->id(), "gb", "id", "a batch id (gb_…)");
    auto b = batches_.Get(c, req->id());
    if (!b) Throw(ErrorCode::kNotFound, "id", "no such batch");
    ToProto(*b, resp);
  });
}

grpc::Status FundsApi::ListGrantBatches(grpc::ServerContext* ctx, const v1::ListGrantBatchesRequest* req,
                                        v1::ListGrantBatchesResponse* resp) {
  return Run(ctx, "ListGrantBatches", [&](const Caller& c) {
    RequireFundsReader(c);
    CheckOptionalId(req->program_id(), "pg", "program_id", "a program id (pg_…)");
    db::Filter f;
    if (!req->program_id().empty()) f.Where(" AND program_id = ?", {req->program_id()});
    auto page = StartPage(req->page_size(), req->page_token(),
                          FilterKey({"grant_batches", c.reach, c.subject, req->program_id()}), f);
    auto rows = batches_.List(c, page.query);
    resp->set_next_page_token(FinishPage(rows, page));
    for (const auto& b : rows) ToProto(b, resp->add_batches());
  });
}

grpc::Status FundsApi::CreatePaymentBatch(grpc::ServerContext* ctx, const v1::CreatePaymentBatchRequest* req,
                                          v1::PaymentBatch* resp) {
  return Run(ctx, "CreatePaymentBatch", [&](const Caller& c) {
    RequireMoneyMover(c);
    auto key = IdempotencyKeyOf(c, *req, "CreatePaymentBatch");
    CheckId(req->program_id(), "pg", "program_id", "a program id (pg_…)");
    CheckDivisionFilter(req->division_prefix());
    if (req->grant_ids_size() > 100'000) ThrowInvalid("grant_ids", "names more than 100,000 grants");
    PaymentBatchRequest r{
        req->program_id(), {req->grant_ids().begin(), req->grant_ids().end()}, req->division_prefix(), req->note()};
    std::set<std::string> distinct;
    for (const auto& id : r.grant_ids) {
      CheckId(id, "gr", "grant_ids", "a list of grant ids (gr_…)");
      if (!distinct.insert(id).second) ThrowInvalid("grant_ids", id + " is named twice");
    }
    AnswerOnce(runtime_.Db(), key, resp, [&](db::Tx& tx) { ToProto(payments_.Create(tx, c, r), resp); });
  });
}

grpc::Status FundsApi::ExportPaymentBatch(grpc::ServerContext* ctx, const v1::ExportPaymentBatchRequest* req,
                                          grpc::ServerWriter<v1::FileChunk>* writer) {
  return Run(ctx, "ExportPaymentBatch", [&](const Caller& c) {
    RequireBankFileHandler(c);
    CheckId(req->id(), "pb", "id", "a payment batch id (pb_…)");
    payments_.Export(c, req->id(), [&](const std::string& piece) { return WriteChunks(ctx, writer, piece); });
  });
}

grpc::Status FundsApi::ImportPaymentResults(grpc::ServerContext* ctx, grpc::ServerReader<v1::FileChunk>* reader,
                                            v1::PaymentResultsSummary* resp) {
  return Run(ctx, "ImportPaymentResults", [&](const Caller& c) {
    RequireMoneyMover(c);
    std::string file;
    v1::FileChunk chunk;
    bool whole = false;
    while (!whole && reader->Read(&chunk)) {
      if (file.size() + chunk.data().size() > kMaxResultsFileBytes) ThrowInvalid("file", "is larger than 64 MiB");
      file += chunk.data();
      whole = chunk.last();
    }
    // Only a file that arrived whole is applied: a cut stream could still parse.
    if (!whole || ctx->IsCancelled()) {
      Throw(ErrorCode::kAborted, "file", "the file ended before its last chunk; nothing was applied, send it again");
    }
    ToProto(payments_.ImportResults(c, file), resp);
  });
}

grpc::Status FundsApi::GetPaymentBatch(grpc::ServerContext* ctx, const v1::GetPaymentBatchRequest* req,
                                       v1::PaymentBatch* resp) {
  return Run(ctx, "GetPaymentBatch", [&](const Caller& c) {
    RequireFundsReader(c);
    CheckId(req->id(), "pb", "id", "a payment batch id (pb_…)");
    auto b = payments_.Get(c, req->id());
    if (!b) Throw(ErrorCode::kNotFound, "id", "no such payment batch");
    ToProto(*b, resp);
  });
}

grpc::Status FundsApi::SummarizeFunds(grpc::ServerContext* ctx, const v1::SummarizeFundsRequest* req,
                                      v1::FundsSummary* resp) {
  return Run(ctx, "SummarizeFunds", [&](const Caller& c) {
    RequireFundsReader(c);
    CheckDivisionFilter(req->division_prefix());
    ToProto(figures_.Summarize(c, req->division_prefix(), CheckPeriod(req->from(), req->to())), resp);
  });
}

grpc::Status FundsApi::ExportDisbursements(grpc::ServerContext* ctx, const v1::ExportDisbursementsRequest* req,
                                           grpc::ServerWriter<v1::FileChunk>* writer) {
  return Run(ctx, "ExportDisbursements", [&](const Caller& c) {
    RequireDisbursementReader(c);
    CheckId(req->program_id(), "pg", "program_id", "a program id (pg_…)");
    Period period = CheckPeriod(req->from(), req->to());
    figures_.ExportDisbursements(c, req->program_id(), period,
                                 [&](const std::string& piece) { return WriteChunks(ctx, writer, piece); });
  });
}

}  // namespace carehub::funds
