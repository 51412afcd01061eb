// carehubctl batch … | payments … | funds summary|disbursements | grant payee: Funds II
// (docs/FUNDS.md). Files go to and come from disk in chunks; a bank file, which carries account
// numbers, is written readable by its owner only.
#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <iostream>
#include <thread>

#include "carehub/funds/v1/funds_service.grpc.pb.h"
#include "tools/carehubctl/commands.h"

namespace carehub::ctl {
namespace {

namespace fv1 = funds::v1;

int64_t Fen(const std::string& yuan, const std::string& flag) { return yuan.empty() ? 0 : YuanFlag(yuan, flag); }

void AddBatch(CLI::App& app, Cli& cli) {
  auto* batch = app.add_subcommand("batch", "grants for everyone eligible under a division, in one batch");
  batch->require_subcommand(1);
  struct Opts {
    std::string program, division, amount, goods, note, id;
    bool wait = false;
  };
  auto o = std::make_shared<Opts>();
  auto terms = [o] {
    return nlohmann::json{{"program_id", o->program},
                          {"division_prefix", o->division},
                          {"amount_fen", Fen(o->amount, "--amount")},
                          {"goods", o->goods},
                          {"note", o->note}}
        .dump();
  };
  for (auto [name, help, method] :
       {std::tuple{"preview", "who would get a grant, the total, who is left out and why, the budget",
                   "PreviewGrantBatch"},
        std::tuple{"create", "start a batch: it fills in the background (see `batch status --wait`)",
                   "CreateGrantBatch"}}) {
    auto* cmd = batch->add_subcommand(name, help);
    cmd->add_option("program", o->program, "pg_… id")->required();
    cmd->add_option("--division", o->division, "division code prefix, e.g. 500116001 (default: your reach)");
    cmd->add_option("--amount", o->amount, "yuan, for a capped program");
    cmd->add_option("--goods", o->goods, "goods of this description instead of money");
    cmd->add_option("--note", o->note, "e.g. 2027年春节慰问");
    cmd->callback([&cli, terms, method = method] { cli.rc = CallJson(cli.conn, method, terms()); });
  }
  AddDecision(batch, cli, "approve", "one approval of every grant of the batch (the final one holds the total)",
              "ApproveGrantBatch", false);
  auto* status = batch->add_subcommand("status", "a batch and its counts so far");
  status->add_option("id", o->id, "gb_… id")->required();
  status->add_flag("--wait", o->wait, "wait until the batch has filled, showing progress");
  status->callback([&cli, o] {
    auto stub = fv1::FundsService::NewStub(Channel(cli.conn));
    fv1::GetGrantBatchRequest req;
    req.set_id(o->id);
    std::unique_ptr<Progress> bar;  // on a terminal, the counts on one line while filling
    for (;;) {
      grpc::ClientContext ctx;
      Prepare(ctx, cli.conn);
      fv1::GrantBatch b;
      auto s = stub->GetGrantBatch(&ctx, req, &b);
      if (!s.ok() || !o->wait || b.state() != fv1::GRANT_BATCH_STATE_FILLING) {
        bar.reset();
        cli.rc = PrintOrFail(s, b);
        return;
      }
      if (!bar) bar = std::make_unique<Progress>("filling " + o->id, 0);
      bar->Say(std::to_string(b.scanned()) + " read from the registry, " + std::to_string(b.created()) + " grants");
      std::this_thread::sleep_for(std::chrono::seconds(1));
    }
  });
  auto* list = batch->add_subcommand("list", "batches in reach");
  list->add_option("--program", o->program, "pg_… id");
  list->callback([&cli, o] {
    cli.rc = CallJson(cli.conn, "ListGrantBatches", nlohmann::json{{"program_id", o->program}}.dump());
  });
}

void AddPayments(CLI::App& app, Cli& cli) {
  auto* payments = app.add_subcommand("payments", "bank transfer files and the bank's results");
  payments->require_subcommand(1);
  struct Opts {
    std::string program, division, note, id, out, file;
    std::vector<std::string> grants;
  };
  auto o = std::make_shared<Opts>();
  auto* create = payments->add_subcommand("create", "gather approved bank-transfer grants into a payment batch");
  create->add_option("program", o->program, "pg_… id")->required();
  create->add_option("--grant", o->grants, "gr_… id, repeatable (default: every one under --division)");
  create->add_option("--division", o->division, "division code prefix (default: your reach)");
  create->add_option("--note", o->note, "the purpose printed on the file, e.g. 春节慰问金");
  create->callback([&cli, o] {
    cli.rc = CallJson(
        cli.conn, "CreatePaymentBatch",
        nlohmann::json{
            {"program_id", o->program}, {"grant_ids", o->grants}, {"division_prefix", o->division}, {"note", o->note}}
            .dump());
  });
  auto* exp = payments->add_subcommand("export", "write the file for the bank (finance with pii; audited)");
  exp->add_option("id", o->id, "pb_… id")->required();
  exp->add_option("--out", o->out, "file to write (mode 0600)")->required();
  exp->callback([&cli, o] {
    fv1::ExportPaymentBatchRequest req;
    req.set_id(o->id);
    auto stub = fv1::FundsService::NewStub(Channel(cli.conn));
    cli.rc = DownloadTo<fv1::FileChunk>(cli.conn, o->out,
                                        [&](grpc::ClientContext* ctx) { return stub->ExportPaymentBatch(ctx, req); });
  });
  auto* imp = payments->add_subcommand("import", "apply the bank's results file (exit 3 when lines were rejected)");
  imp->add_option("file", o->file, "the results CSV")->required()->check(CLI::ExistingFile);
  imp->callback([&cli, o] {
    auto stub = fv1::FundsService::NewStub(Channel(cli.conn));
    grpc::ClientContext ctx;
    PrepareLong(ctx, cli.conn);
    fv1::PaymentResultsSummary summary;
    auto writer = stub->ImportPaymentResults(&ctx, &summary);
    int rc = Upload(o->file, ctx, *writer, summary,
                    "a results file applies only when it arrived whole, so nothing of it was applied; run the same "
                    "import again");
    cli.rc = rc == 0 && summary.rejected_size() > 0 ? 3 : rc;
  });
  AddGet(payments, cli, "GetPaymentBatch", "id");
}

void AddFigures(CLI::App& app, Cli& cli) {
  auto* funds = app.add_subcommand("funds", "funds figures and exports for a period");
  funds->require_subcommand(1);
  struct Opts {
    std::string division, from, to, program, out;
  };
  auto o = std::make_shared<Opts>();
  auto* summary = funds->add_subcommand("summary", "per program: submitted, approved, paid, reversed");
  summary->add_option("--division", o->division, "division code prefix (default: your reach)");
  summary->add_option("--from", o->from, "YYYY-MM-DD")->required();
  summary->add_option("--to", o->to, "YYYY-MM-DD")->required();
  summary->callback([&cli, o] {
    cli.rc = CallJson(cli.conn, "SummarizeFunds",
                      nlohmann::json{{"division_prefix", o->division}, {"from", o->from}, {"to", o->to}}.dump());
  });
  auto* disb = funds->add_subcommand("disbursements", "a program's disbursements as CSV, for auditors");
  disb->add_option("program", o->program, "pg_… id")->required();
  disb->add_option("--from", o->from, "YYYY-MM-DD")->required();
  disb->add_option("--to", o->to, "YYYY-MM-DD")->required();
  disb->add_option("--out", o->out, "file to write")->required();
  disb->callback([&cli, o] {
    fv1::ExportDisbursementsRequest req;
    req.set_program_id(o->program);
    req.set_from(o->from);
    req.set_to(o->to);
    auto stub = fv1::FundsService::NewStub(Channel(cli.conn));
    cli.rc = DownloadTo<fv1::FileChunk>(cli.conn, o->out,
                                        [&](grpc::ClientContext* ctx) { return stub->ExportDisbursements(ctx, req); });
  });
}

}  // namespace

void AddPaymentsCommands(CLI::App& app, Cli& cli) {
  AddBatch(app, cli);
  AddPayments(app, cli);
  AddFigures(app, cli);
}

}  // namespace carehub::ctl
