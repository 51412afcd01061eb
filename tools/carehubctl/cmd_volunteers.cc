// carehubctl volunteer … | team … | activity … | signup … | attendance … | hours …: the
// volunteers service (docs/VOLUNTEERS.md). Times are RFC 3339 ("2026-12-05T09:00:00+08:00").
#include <nlohmann/json.hpp>

#include <fstream>
#include <iostream>

#include "carehub/volunteers/v1/volunteers_service.grpc.pb.h"
#include "tools/carehubctl/commands.h"
#include "tools/carehubctl/enum_words.h"

namespace carehub::ctl {
namespace {

namespace vv1 = volunteers::v1;
using nlohmann::json;

std::string M(const char* method) { return std::string("VolunteersService.") + method; }

void AddStatusChange(CLI::App* volunteer, Cli& cli, const char* name, const char* help, vv1::VolunteerStatus to) {
  struct Opts {
    std::string id, note;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = volunteer->add_subcommand(name, help);
  cmd->add_option("id", o->id, "vo_… id")->required();
  cmd->add_option("--note", o->note, "why (required)")->required();
  cmd->callback([&cli, o, to] {
    cli.rc = CallJson(cli.conn, M("ChangeVolunteerStatus"),
                      json{{"id", o->id}, {"status", static_cast<int>(to)}, {"note", o->note}}.dump());
  });
}

void AddVolunteer(CLI::App& app, Cli& cli) {
  auto* volunteer = app.add_subcommand("volunteer", "volunteers (巾帼志愿者)");
  volunteer->require_subcommand(1);
  struct Opts {
    std::string name, mobile, id_number, division, skill, from, to, csv;
    std::vector<std::string> skills;
    int status = 0;
  };
  auto o = std::make_shared<Opts>();
  auto* create = volunteer->add_subcommand("create", "register a volunteer");
  create->add_option("--name", o->name)->required();
  create->add_option("--mobile", o->mobile)->required();
  create->add_option("--id-number", o->id_number, "18-character resident ID number")->required();
  create->add_option("--division", o->division, "12-digit division code")->required();
  create->add_option("--skill", o->skills, "repeatable, e.g. 心理疏导");
  create->callback([&cli, o] {
    json v = {{"name", o->name},
              {"mobile", o->mobile},
              {"resident_id_number", o->id_number},
              {"division_code", o->division},
              {"skills", o->skills}};
    cli.rc = CallJson(cli.conn, M("CreateVolunteer"), json{{"volunteer", v}}.dump());
  });
  AddGet(volunteer, cli, "VolunteersService.GetVolunteer", "id");
  auto* list = volunteer->add_subcommand("list", "volunteers in reach");
  list->add_option("--division", o->division, "division prefix");
  AddEnumOption(list, "--status", o->status, vv1::VolunteerStatus_descriptor(), "only this status");
  list->add_option("--skill", o->skill, "only volunteers with this skill");
  list->callback([&cli, o] {
    cli.rc = CallJson(cli.conn, M("ListVolunteers"),
                      json{{"division_prefix", o->division}, {"status", o->status}, {"skill", o->skill}}.dump());
  });
  AddStatusChange(volunteer, cli, "suspend", "no sign-ups until reactivated", vv1::VOLUNTEER_STATUS_SUSPENDED);
  AddStatusChange(volunteer, cli, "reactivate", "suspended → active", vv1::VOLUNTEER_STATUS_ACTIVE);
  AddStatusChange(volunteer, cli, "leave", "the volunteer leaves (final)", vv1::VOLUNTEER_STATUS_LEFT);
  AddDecision(volunteer, cli, "clear-no-shows", "let a volunteer blocked by no-shows sign up again",
              "VolunteersService.ClearNoShows", true);
  auto* record = volunteer->add_subcommand("record", "a volunteer's activities and hours");
  record->add_option("id", o->name, "vo_… id")->required();
  record->add_option("--from", o->from, "YYYY-MM-DD");
  record->add_option("--to", o->to, "YYYY-MM-DD");
  record->add_option("--csv", o->csv, "write the record as CSV to this file instead");
  record->callback([&cli, o] {
    json req = {{"volunteer_id", o->name}, {"from", o->from}, {"to", o->to}};
    if (o->csv.empty()) {
      cli.rc = CallJson(cli.conn, M("GetServiceRecord"), req.dump());
      return;
    }
    auto stub = vv1::VolunteersService::NewStub(Channel(cli.conn));
    vv1::GetServiceRecordRequest r;
    r.set_volunteer_id(o->name);
    r.set_from(o->from);
    r.set_to(o->to);
    vv1::ServiceRecordExport out;
    grpc::ClientContext ctx;
    Prepare(ctx, cli.conn);
    auto s = stub->ExportServiceRecord(&ctx, r, &out);
    if (!s.ok()) {
      cli.rc = PrintOrFail(s, out);
      return;
    }
    std::ofstream(o->csv, std::ios::binary) << out.csv();
    std::cout << "wrote " << o->csv << " (" << out.csv().size() << " bytes)\n";
  });
}

void AddTeam(CLI::App& app, Cli& cli) {
  auto* team = app.add_subcommand("team", "volunteer teams (志愿服务队)");
  team->require_subcommand(1);
  struct Opts {
    std::string name, division, leader, team, volunteer;
  };
  auto o = std::make_shared<Opts>();
  auto* create = team->add_subcommand("create", "form a team around its leader");
  create->add_option("--name", o->name)->required();
  create->add_option("--division", o->division)->required();
  create->add_option("--leader", o->leader, "vo_… id")->required();
  create->callback([&cli, o] {
    json t = {{"name", o->name}, {"division_code", o->division}, {"leader_id", o->leader}};
    cli.rc = CallJson(cli.conn, M("CreateTeam"), json{{"team", t}}.dump());
  });
  AddGet(team, cli, "VolunteersService.GetTeam", "id");
  auto* list = team->add_subcommand("list", "teams in reach");
  list->add_option("--division", o->division, "division prefix");
  list->callback([&cli, o] {
    cli.rc = CallJson(cli.conn, M("ListTeams"), json{{"division_prefix", o->division}}.dump());
  });
  for (auto [name, method] : {std::pair{"add", "AddTeamMember"}, std::pair{"remove", "RemoveTeamMember"}}) {
    auto* cmd = team->add_subcommand(name, std::string(name) + " a member");
    cmd->add_option("team", o->team, "tm_… id")->required();
    cmd->add_option("volunteer", o->volunteer, "vo_… id")->required();
    cmd->callback([&cli, o, method] {
      cli.rc = CallJson(cli.conn, M(method), json{{"team_id", o->team}, {"volunteer_id", o->volunteer}}.dump());
    });
  }
  auto* members = team->add_subcommand("members", "a team's members");
  members->add_option("team", o->team, "tm_… id")->required();
  members->callback([&cli, o] {
    cli.rc = CallJson(cli.conn, M("ListTeamMembers"), json{{"team_id", o->team}}.dump());
  });
}

void AddActivity(CLI::App& app, Cli& cli) {
  auto* activity = app.add_subcommand("activity", "activities and their state");
  activity->require_subcommand(1);
  struct Opts {
    std::string title, division, starts, ends, location, team;
    int type = 0, capacity = 0, state = 0;
  };
  auto o = std::make_shared<Opts>();
  auto* create = activity->add_subcommand("create", "plan an activity");
  create->add_option("--title", o->title)->required();
  AddEnumOption(create, "--type", o->type, vv1::ActivityType_descriptor(), "what kind of activity")->required();
  create->add_option("--division", o->division)->required();
  create->add_option("--starts", o->starts, "RFC 3339, e.g. 2026-12-05T09:00:00+08:00")->required();
  create->add_option("--ends", o->ends, "RFC 3339")->required();
  create->add_option("--location", o->location);
  create->add_option("--capacity", o->capacity, "places, 1..10000")->required();
  create->add_option("--team", o->team, "the organising tm_… id");
  create->callback([&cli, o] {
    json a = {{"title", o->title},  {"type", o->type},         {"division_code", o->division}, {"starts_at", o->starts},
              {"ends_at", o->ends}, {"location", o->location}, {"capacity", o->capacity},      {"team_id", o->team}};
    cli.rc = CallJson(cli.conn, M("CreateActivity"), json{{"activity", a}}.dump());
  });
  AddGet(activity, cli, "VolunteersService.GetActivity", "id");
  auto* list = activity->add_subcommand("list", "activities in reach");
  list->add_option("--division", o->division, "division prefix");
  AddEnumOption(list, "--state", o->state, vv1::ActivityState_descriptor(), "only this state");
  AddEnumOption(list, "--type", o->type, vv1::ActivityType_descriptor(), "only this type");
  list->callback([&cli, o] {
    cli.rc = CallJson(cli.conn, M("ListActivities"),
                      json{{"division_prefix", o->division}, {"state", o->state}, {"type", o->type}}.dump());
  });
  AddDecision(activity, cli, "open", "planned → open: sign-ups open until the start", "VolunteersService.OpenActivity",
              false);
  AddDecision(activity, cli, "complete", "after the start: no-shows counted, hours claimed",
              "VolunteersService.CompleteActivity", false);
  AddDecision(activity, cli, "cancel", "cancel it and every sign-up", "VolunteersService.CancelActivity", false);
}

void AddSignUp(CLI::App& app, Cli& cli) {
  auto* signup = app.add_subcommand("signup", "sign-ups and the waitlist");
  signup->require_subcommand(1);
  struct Opts {
    std::string activity, volunteer, note;
    int state = 0;
  };
  auto o = std::make_shared<Opts>();
  auto* add = signup->add_subcommand("add", "sign a volunteer up (waitlisted when full)");
  auto* cancel = signup->add_subcommand("cancel", "give up a place; the first waiting volunteer gets it");
  for (auto* cmd : {add, cancel}) {
    cmd->add_option("activity", o->activity, "ac_… id")->required();
    cmd->add_option("volunteer", o->volunteer, "vo_… id")->required();
  }
  cancel->add_option("--note", o->note);
  add->callback([&cli, o] {
    cli.rc = CallJson(cli.conn, M("SignUp"), json{{"activity_id", o->activity}, {"volunteer_id", o->volunteer}}.dump());
  });
  cancel->callback([&cli, o] {
    cli.rc = CallJson(cli.conn, M("CancelSignUp"),
                      json{{"activity_id", o->activity}, {"volunteer_id", o->volunteer}, {"note", o->note}}.dump());
  });
  auto* list = signup->add_subcommand("list", "an activity's sign-ups, places first, then the waitlist");
  list->add_option("activity", o->activity, "ac_… id")->required();
  AddEnumOption(list, "--state", o->state, vv1::SignUpState_descriptor(), "only this state");
  list->callback([&cli, o] {
    cli.rc = CallJson(cli.conn, M("ListSignUps"), json{{"activity_id", o->activity}, {"state", o->state}}.dump());
  });
}

void AddAttendance(CLI::App& app, Cli& cli) {
  auto* attendance = app.add_subcommand("attendance", "check volunteers in and out");
  attendance->require_subcommand(1);
  struct Opts {
    std::string activity, volunteer, at, code;
  };
  auto o = std::make_shared<Opts>();
  for (auto [name, method] : {std::pair{"in", "CheckIn"}, std::pair{"out", "CheckOut"}}) {
    auto* cmd = attendance->add_subcommand(name, std::string("check a volunteer ") + name);
    cmd->add_option("activity", o->activity, "ac_… id")->required();
    cmd->add_option("volunteer", o->volunteer, "vo_… id")->required();
    cmd->add_option("--at", o->at, "when (RFC 3339); default now");
    cmd->add_option("--code", o->code, "the activity's check-in code (for app keys)");
    cmd->callback([&cli, o, method] {
      cli.rc = CallJson(
          cli.conn, M(method),
          json{{"activity_id", o->activity}, {"volunteer_id", o->volunteer}, {"at", o->at}, {"check_in_code", o->code}}
              .dump());
    });
  }
}

void AddHours(CLI::App& app, Cli& cli) {
  auto* hours = app.add_subcommand("hours", "the hours ledger");
  hours->require_subcommand(1);
  struct Opts {
    std::string id, volunteer, activity, team, division, note, from, to;
    int minutes = 0;
  };
  auto o = std::make_shared<Opts>();
  auto* list = hours->add_subcommand("list", "entries of a volunteer or an activity");
  list->add_option("--volunteer", o->volunteer);
  list->add_option("--activity", o->activity);
  list->callback([&cli, o] {
    cli.rc =
        CallJson(cli.conn, M("ListHours"), json{{"volunteer_id", o->volunteer}, {"activity_id", o->activity}}.dump());
  });
  AddDecision(hours, cli, "confirm", "a coordinator confirms a claim", "VolunteersService.ConfirmHours", false);
  AddDecision(hours, cli, "dispute", "dispute a claim or a confirmed entry", "VolunteersService.DisputeHours", true);
  auto* resolve = hours->add_subcommand("resolve", "settle a dispute; a difference becomes an adjustment");
  resolve->add_option("id", o->id, "hr_… id")->required();
  resolve->add_option("--minutes", o->minutes, "what the entry should count")->required();
  resolve->add_option("--note", o->note, "why (required)")->required();
  resolve->callback([&cli, o] {
    cli.rc = CallJson(cli.conn, M("ResolveHours"),
                      json{{"id", o->id}, {"final_minutes", o->minutes}, {"note", o->note}}.dump());
  });
  auto* adjust = hours->add_subcommand("adjust", "add or take away minutes with a reason");
  adjust->add_option("--volunteer", o->volunteer)->required();
  adjust->add_option("--activity", o->activity)->required();
  adjust->add_option("--minutes", o->minutes, "negative takes time away")->required();
  adjust->add_option("--reason", o->note)->required();
  adjust->callback([&cli, o] {
    cli.rc = CallJson(
        cli.conn, M("AdjustHours"),
        json{{"volunteer_id", o->volunteer}, {"activity_id", o->activity}, {"minutes", o->minutes}, {"reason", o->note}}
            .dump());
  });
  auto* totals = hours->add_subcommand("totals", "minutes of a volunteer, a team or a division prefix");
  totals->add_option("--volunteer", o->volunteer);
  totals->add_option("--team", o->team);
  totals->add_option("--division", o->division);
  totals->add_option("--from", o->from, "YYYY-MM-DD");
  totals->add_option("--to", o->to, "YYYY-MM-DD");
  totals->callback([&cli, o] {
    cli.rc = CallJson(cli.conn, M("GetHoursTotals"),
                      json{{"volunteer_id", o->volunteer},
                           {"team_id", o->team},
                           {"division_prefix", o->division},
                           {"from", o->from},
                           {"to", o->to}}
                          .dump());
  });
  auto* summary = hours->add_subcommand("summary", "the figures reports use, for a division and a period");
  summary->add_option("--division", o->division, "division prefix");
  summary->add_option("--from", o->from, "YYYY-MM-DD")->required();
  summary->add_option("--to", o->to, "YYYY-MM-DD")->required();
  summary->callback([&cli, o] {
    cli.rc = CallJson(cli.conn, M("SummarizeVolunteers"),
                      json{{"division_prefix", o->division}, {"from", o->from}, {"to", o->to}}.dump());
  });
}

}  // namespace

void AddVolunteersCommands(CLI::App& app, Cli& cli) {
  AddVolunteer(app, cli);
  AddTeam(app, cli);
  AddActivity(app, cli);
  AddSignUp(app, cli);
  AddAttendance(app, cli);
  AddHours(app, cli);
}

}  // namespace carehub::ctl
