// carehubctl program … | budget … | grant …: programs, their money and grants (docs/FUNDS.md).
// Amounts are typed in yuan ("10000", "99.50") and sent as fen.
#include <nlohmann/json.hpp>

#include "carehub/funds/v1/funds_service.pb.h"
#include "tools/carehubctl/commands.h"
#include "tools/carehubctl/enum_words.h"

namespace carehub::ctl {
namespace {

namespace fv1 = funds::v1;

int64_t Fen(const std::string& yuan, const std::string& flag) { return YuanFlag(yuan, flag); }

void AddProgramCreate(CLI::App* program, Cli& cli) {
  struct Opts {
    std::string code, name, division, benefit_class, opens, closes, amount, categories_csv;
    int source = 0, kind = 0, rule = fv1::AMOUNT_RULE_FIXED, min_age = -1, max_age = -1, max_grants = 0;
    bool cancer = false, per_year = false;
    std::vector<std::string> bands;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = program->add_subcommand("create", "set up a program (draft)");
  cmd->add_option("--code", o->code, "unique code, e.g. JJ-2026-CANCER")->required();
  cmd->add_option("--name", o->name)->required();
  AddEnumOption(cmd, "--source", o->source, fv1::FundingSource_descriptor(), "who pays")->required();
  cmd->add_option("--division", o->division, "owning division (12 digits)")->required();
  AddEnumOption(cmd, "--for", o->kind, fv1::BeneficiaryKind_descriptor(), "whom it serves")->required();
  cmd->add_option("--class", o->benefit_class, "benefit class, e.g. cancer_relief")->required();
  cmd->add_option("--opens", o->opens, "YYYY-MM-DD")->required();
  cmd->add_option("--closes", o->closes, "YYYY-MM-DD")->required();
  AddEnumOption(cmd, "--rule", o->rule, fv1::AmountRule_descriptor(), "fixed amount or capped; default fixed");
  cmd->add_option("--amount", o->amount, "yuan: the fixed amount or the cap")->required();
  cmd->add_option("--categories", o->categories_csv, "registry categories, any of them qualifies (comma-separated)");
  cmd->add_option("--min-age", o->min_age);
  cmd->add_option("--max-age", o->max_age);
  cmd->add_flag("--cancer-patients", o->cancer, "only women with a confirmed screening");
  cmd->add_option("--max-grants", o->max_grants, "grants per person in the program; 0: no limit");
  cmd->add_flag("--per-year", o->per_year, "count --max-grants per calendar year");
  cmd->add_option("--band", o->bands, "UP_TO_YUAN:APPROVALS, repeatable; 0 as the bound means any amount");
  cmd->callback([&cli, o] {
    nlohmann::json e = {{"requires_cancer_patient", o->cancer}};
    if (!o->categories_csv.empty()) {
      std::vector<std::string> cats;
      for (size_t at = 0; at <= o->categories_csv.size();) {
        size_t comma = std::min(o->categories_csv.find(',', at), o->categories_csv.size());
        cats.push_back(o->categories_csv.substr(at, comma - at));
        at = comma + 1;
      }
      e["any_of_categories"] = cats;
    }
    if (o->min_age >= 0) e["min_age"] = o->min_age;
    if (o->max_age >= 0) e["max_age"] = o->max_age;
    nlohmann::json bands = nlohmann::json::array();
    for (const auto& b : o->bands) {
      auto colon = b.find(':');
      if (colon == std::string::npos) throw CLI::ValidationError("--band", "expected UP_TO_YUAN:APPROVALS");
      bands.push_back({{"up_to_fen", b.substr(0, colon) == "0" ? 0 : Fen(b.substr(0, colon), "--band")},
                       {"approvals", std::stoi(b.substr(colon + 1))}});
    }
    nlohmann::json p = {{"code", o->code},
                        {"name", o->name},
                        {"funding_source", o->source},
                        {"division_code", o->division},
                        {"beneficiary_kind", o->kind},
                        {"benefit_class", o->benefit_class},
                        {"opens_on", o->opens},
                        {"closes_on", o->closes},
                        {"amount_rule", o->rule},
                        {"amount_fen", Fen(o->amount, "--amount")},
                        {"eligibility", e},
                        {"limit", {{"max_grants", o->max_grants}, {"per_calendar_year", o->per_year}}},
                        {"approval_bands", bands}};
    cli.rc = CallJson(cli.conn, "CreateProgram", nlohmann::json{{"program", p}}.dump());
  });
}

void AddBudget(CLI::App& app, Cli& cli) {
  auto* budget = app.add_subcommand("budget", "programs' money: allocate, transfer, balances, the journal");
  budget->require_subcommand(1);
  struct Opts {
    std::string program, to, amount, reason, from, until;
  };
  auto o = std::make_shared<Opts>();
  auto* allocate = budget->add_subcommand("allocate", "money from the program's funding source into it");
  allocate->add_option("program", o->program, "pg_… id")->required();
  allocate->add_option("--amount", o->amount, "yuan")->required();
  allocate->add_option("--reason", o->reason, "e.g. the budget document number");
  allocate->callback([&cli, o] {
    cli.rc = CallJson(
        cli.conn, "AllocateBudget",
        nlohmann::json{{"program_id", o->program}, {"amount_fen", Fen(o->amount, "--amount")}, {"reason", o->reason}}
            .dump());
  });
  auto* transfer = budget->add_subcommand("transfer", "available money from one program to another");
  transfer->add_option("program", o->program, "the giving pg_… id")->required();
  transfer->add_option("--to", o->to, "the receiving pg_… id")->required();
  transfer->add_option("--amount", o->amount, "yuan")->required();
  transfer->add_option("--reason", o->reason, "why (required)")->required();
  transfer->callback([&cli, o] {
    cli.rc = CallJson(cli.conn, "TransferBudget",
                      nlohmann::json{{"from_program_id", o->program},
                                     {"to_program_id", o->to},
                                     {"amount_fen", Fen(o->amount, "--amount")},
                                     {"reason", o->reason}}
                          .dump());
  });
  AddGet(budget, cli, "GetBudget", "program_id");
  auto* ledger = budget->add_subcommand("ledger", "journal entries of a program, or of every program in reach");
  ledger->add_option("--program", o->program, "pg_… id");
  ledger->add_option("--from", o->from, "YYYY-MM-DD");
  ledger->add_option("--to", o->until, "YYYY-MM-DD");
  ledger->callback([&cli, o] {
    cli.rc =
        CallJson(cli.conn, "ListLedgerEntries",
                 nlohmann::json{{"program_id", o->program}, {"posted_from", o->from}, {"posted_to", o->until}}.dump());
  });
  auto* reconcile = budget->add_subcommand("reconcile", "recompute every balance from the journal and the grants");
  reconcile->add_option("--program", o->program, "pg_… id; default: every program in reach");
  reconcile->callback([&cli, o] {
    cli.rc = CallJson(cli.conn, "Reconcile", nlohmann::json{{"program_id", o->program}}.dump());
  });
}

void AddGrant(CLI::App& app, Cli& cli) {
  auto* grant = app.add_subcommand("grant", "grant applications and their decisions");
  grant->require_subcommand(1);
  struct Opts {
    std::string program, beneficiary, amount, note, id, reference, goods, payee_name, bank, account;
    int channel = 0, state = 0;
  };
  auto o = std::make_shared<Opts>();
  auto* submit = grant->add_subcommand("submit", "apply for a grant for a registered person");
  submit->add_option("program", o->program, "pg_… id")->required();
  submit->add_option("beneficiary", o->beneficiary, "ch_… or wm_… id")->required();
  submit->add_option("--amount", o->amount, "yuan, for a capped program");
  submit->add_option("--note", o->note);
  submit->add_option("--goods", o->goods, "given as goods of this description (the amount is their value)");
  submit->add_option("--payee-name", o->payee_name, "paid by bank transfer: the account holder");
  submit->add_option("--bank", o->bank, "the payee's bank and branch");
  submit->add_option("--account", o->account, "the payee's account number");
  auto payee = [o] {
    return nlohmann::json{{"account_name", o->payee_name}, {"bank", o->bank}, {"account_number", o->account}};
  };
  submit->callback([&cli, o, payee] {
    nlohmann::json req = {{"program_id", o->program},
                          {"beneficiary_id", o->beneficiary},
                          {"amount_fen", o->amount.empty() ? 0 : Fen(o->amount, "--amount")},
                          {"note", o->note},
                          {"goods", o->goods}};
    if (!o->account.empty()) req["payee"] = payee();
    cli.rc = CallJson(cli.conn, "SubmitGrant", req.dump());
  });
  auto* set_payee = grant->add_subcommand("payee", "set or correct the payee of a grant not in a payment batch");
  set_payee->add_option("id", o->id)->required();
  set_payee->add_option("--payee-name", o->payee_name, "the account holder")->required();
  set_payee->add_option("--bank", o->bank, "bank and branch")->required();
  set_payee->add_option("--account", o->account, "account number")->required();
  set_payee->callback([&cli, o, payee] {
    cli.rc = CallJson(cli.conn, "SetGrantPayee", nlohmann::json{{"id", o->id}, {"payee", payee()}}.dump());
  });
  AddDecision(grant, cli, "approve", "approve (the final approval holds the money)", "ApproveGrant", false);
  AddDecision(grant, cli, "reject", "reject a pending grant", "RejectGrant", true);
  AddDecision(grant, cli, "cancel", "cancel; an approved grant's hold goes back", "CancelGrant", true);
  AddDecision(grant, cli, "reverse", "undo a disbursement", "ReverseGrant", true);
  auto* disburse = grant->add_subcommand("disburse", "pay an approved grant");
  disburse->add_option("id", o->id)->required();
  AddEnumOption(disburse, "--channel", o->channel, fv1::PaymentChannel_descriptor(), "how it is paid")->required();
  disburse->add_option("--reference", o->reference, "receipt, bank transaction or delivery note");
  disburse->callback([&cli, o] {
    cli.rc = CallJson(cli.conn, "DisburseGrant",
                      nlohmann::json{{"id", o->id}, {"channel", o->channel}, {"reference", o->reference}}.dump());
  });
  AddGet(grant, cli, "GetGrant", "id");
  auto* list = grant->add_subcommand("list", "grants in reach");
  list->add_option("--program", o->program);
  AddEnumOption(list, "--state", o->state, fv1::GrantState_descriptor(), "only grants in this state");
  list->callback([&cli, o] {
    cli.rc = CallJson(cli.conn, "ListGrants", nlohmann::json{{"program_id", o->program}, {"state", o->state}}.dump());
  });
}

}  // namespace

void AddFundsCommands(CLI::App& app, Cli& cli) {
  auto* program = app.add_subcommand("program", "relief programs");
  program->require_subcommand(1);
  AddProgramCreate(program, cli);
  AddGet(program, cli, "GetProgram", "id");
  auto* list = program->add_subcommand("list", "programs in reach");
  list->callback([&cli] { cli.rc = CallJson(cli.conn, "ListPrograms", "{}"); });
  AddDecision(program, cli, "open", "draft → open: takes applications", "OpenProgram", false);
  AddDecision(program, cli, "close", "open → closed: takes no more applications", "CloseProgram", false);
  AddBudget(app, cli);
  AddGrant(app, cli);
}

}  // namespace carehub::ctl
