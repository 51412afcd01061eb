// carehubctl pairing … | visit … | overdue: caring-mother pairings, home visits and what is due
// (docs/VOLUNTEERS.md, "Pairings and visits").
#include <nlohmann/json.hpp>

#include "carehub/volunteers/v1/volunteers_service.pb.h"
#include "common/money.h"
#include "tools/carehubctl/commands.h"
#include "tools/carehubctl/enum_words.h"

namespace carehub::ctl {
namespace {

namespace vv1 = volunteers::v1;
using nlohmann::json;

std::string M(const char* method) { return std::string("VolunteersService.") + method; }

void AddPairing(CLI::App& app, Cli& cli) {
  auto* pairing = app.add_subcommand("pairing", "caring-mother pairings (结对帮扶)");
  pairing->require_subcommand(1);
  struct Opts {
    std::string volunteer, child, id, note, division;
    int reason = vv1::PAIRING_END_OTHER, state = 0;
  };
  auto o = std::make_shared<Opts>();
  auto* create = pairing->add_subcommand("create", "pair a volunteer with a registered child");
  create->add_option("volunteer", o->volunteer, "vo_… id")->required();
  create->add_option("child", o->child, "ch_… id in the registry")->required();
  create->callback([&cli, o] {
    cli.rc =
        CallJson(cli.conn, M("CreatePairing"), json{{"volunteer_id", o->volunteer}, {"child_id", o->child}}.dump());
  });
  auto* end = pairing->add_subcommand("end", "end a pairing");
  end->add_option("id", o->id, "pr_… id")->required();
  AddEnumOption(end, "--reason", o->reason, vv1::PairingEnd_descriptor(), "child-exited, volunteer-left or other");
  end->add_option("--note", o->note, "why (required)")->required();
  end->callback([&cli, o] {
    cli.rc = CallJson(cli.conn, M("EndPairing"), json{{"id", o->id}, {"reason", o->reason}, {"note", o->note}}.dump());
  });
  auto* hand = pairing->add_subcommand("handover", "pair the child with another volunteer; the schedule carries on");
  hand->add_option("id", o->id, "pr_… id")->required();
  hand->add_option("--to", o->volunteer, "the new vo_… id")->required();
  hand->add_option("--note", o->note, "why (required)")->required();
  hand->callback([&cli, o] {
    cli.rc = CallJson(cli.conn, M("HandOverPairing"),
                      json{{"id", o->id}, {"to_volunteer_id", o->volunteer}, {"note", o->note}}.dump());
  });
  AddGet(pairing, cli, "VolunteersService.GetPairing", "id");
  auto* list = pairing->add_subcommand("list", "pairings in reach");
  list->add_option("--division", o->division, "division prefix");
  list->add_option("--volunteer", o->volunteer);
  list->add_option("--child", o->child);
  AddEnumOption(list, "--state", o->state, vv1::PairingState_descriptor(), "active or ended");
  list->callback([&cli, o] {
    cli.rc = CallJson(cli.conn, M("ListPairings"),
                      json{{"division_prefix", o->division},
                           {"volunteer_id", o->volunteer},
                           {"child_id", o->child},
                           {"state", o->state}}
                          .dump());
  });
}

void AddVisit(CLI::App& app, Cli& cli) {
  auto* visit = app.add_subcommand("visit", "home visits (走访)");
  visit->require_subcommand(1);
  struct Opts {
    std::string pairing, on, goods, services, note, division;
    int kind = vv1::VISIT_KIND_HOME, minutes = 0;
    bool contact = false, follow_up = false;
    std::vector<std::string> findings;
  };
  auto o = std::make_shared<Opts>();
  auto* record = visit->add_subcommand("record", "record a visit on a pairing");
  record->add_option("pairing", o->pairing, "pr_… id")->required();
  record->add_option("--on", o->on, "YYYY-MM-DD")->required();
  AddEnumOption(record, "--kind", o->kind, vv1::VisitKind_descriptor(), "home, phone, video or school");
  record->add_flag("--contact", o->contact, "the child or guardian was reached (moves the next due date)");
  record->add_option("--minutes", o->minutes, "how long");
  record->add_option("--finding", o->findings, "repeatable: guardian-unable-to-care, safety-hazard, …");
  record->add_option("--goods", o->goods, "value of goods given, yuan");
  record->add_option("--services", o->services, "services given");
  record->add_flag("--follow-up", o->follow_up, "follow-up needed");
  record->add_option("--note", o->note);
  record->callback([&cli, o] {
    json findings = json::array();
    for (const auto& f : o->findings) {
      auto value = EnumValue(vv1::Finding_descriptor(), f);
      if (!value) throw CLI::ValidationError("--finding", f + " is not a finding");
      findings.push_back(*value);
    }
    json v = {{"pairing_id", o->pairing},
              {"visited_on", o->on},
              {"kind", o->kind},
              {"contact_made", o->contact},
              {"duration_minutes", o->minutes},
              {"findings", findings},
              {"goods_fen", o->goods.empty() ? 0 : ParseYuan(o->goods, "--goods")},
              {"services", o->services},
              {"follow_up_needed", o->follow_up},
              {"note", o->note}};
    cli.rc = CallJson(cli.conn, M("RecordVisit"), json{{"visit", v}}.dump());
  });
  auto* list = visit->add_subcommand("list", "visits in reach");
  list->add_option("--division", o->division, "division prefix");
  list->callback([&cli, o] {
    cli.rc = CallJson(cli.conn, M("ListVisits"), json{{"division_prefix", o->division}}.dump());
  });
}

void AddDue(CLI::App& app, Cli& cli) {
  struct Opts {
    std::string division, volunteer;
    int days = 7;
  };
  auto o = std::make_shared<Opts>();
  auto* overdue = app.add_subcommand("overdue", "children whose visit is overdue, most overdue first");
  overdue->add_option("--division", o->division, "division prefix");
  overdue->callback([&cli, o] {
    cli.rc = CallJson(cli.conn, M("ListOverdueVisits"), json{{"division_prefix", o->division}}.dump());
  });
  auto* due = app.add_subcommand("due", "a volunteer's children due in the next days");
  due->add_option("volunteer", o->volunteer, "vo_… id")->required();
  due->add_option("--days", o->days, "0..90")->capture_default_str();
  due->callback([&cli, o] {
    cli.rc =
        CallJson(cli.conn, M("ListDueVisits"), json{{"volunteer_id", o->volunteer}, {"within_days", o->days}}.dump());
  });
}

void AddRisk(CLI::App& app, Cli& cli) {
  auto* risk = app.add_subcommand("risk", "risk reports (发现报告) opened by serious findings");
  risk->require_subcommand(1);
  struct Opts {
    std::string division;
    int state = 0;
    bool overdue = false;
  };
  auto o = std::make_shared<Opts>();
  auto* list = risk->add_subcommand("list", "open and acknowledged reports by due date");
  list->add_option("--division", o->division, "division prefix");
  AddEnumOption(list, "--state", o->state, vv1::RiskReportState_descriptor(), "only this state");
  list->add_flag("--overdue", o->overdue, "only those past their step's deadline");
  list->callback([&cli, o] {
    cli.rc = CallJson(cli.conn, M("ListRiskReports"),
                      json{{"division_prefix", o->division}, {"state", o->state}, {"overdue_only", o->overdue}}.dump());
  });
  AddGet(risk, cli, "VolunteersService.GetRiskReport", "id");
  AddDecision(risk, cli, "acknowledge", "an officer takes the report on", "VolunteersService.AcknowledgeRiskReport",
              true);
  AddDecision(risk, cli, "resolve", "the risk is dealt with", "VolunteersService.ResolveRiskReport", true);
}

}  // namespace

void AddCareCommands(CLI::App& app, Cli& cli) {
  AddPairing(app, cli);
  AddVisit(app, cli);
  AddDue(app, cli);
  AddRisk(app, cli);
}

}  // namespace carehub::ctl
