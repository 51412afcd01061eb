// carehubctl woman get | list | screen | screenings (create and update through `call`)
#include <nlohmann/json.hpp>

#include "carehub/registry/v1/registry_service.pb.h"
#include "tools/carehubctl/commands.h"

namespace carehub::ctl {

void AddWomanCommands(CLI::App& app, Cli& cli) {
  namespace reg = registry::v1;
  auto* woman = app.add_subcommand("woman", "women in the registry (create and update with `call`)");
  woman->require_subcommand(1);
  struct Opts {
    std::string id, prefix, token, date, facility;
    int hardship = 0, type = 0, result = 0;
    bool cancer = false;
  };
  auto o = std::make_shared<Opts>();
  auto* get = woman->add_subcommand("get", "show one woman");
  get->add_option("id", o->id, "wm_… id")->required();
  get->callback([&cli, o] { cli.rc = CallJson(cli.conn, "GetWoman", nlohmann::json{{"id", o->id}}.dump()); });

  auto* list = woman->add_subcommand("list", "list women in your reach");
  list->add_option("--division-prefix", o->prefix);
  AddEnumOption(list, "--hardship", o->hardship, reg::WomanHardship_descriptor(), "only women of this category");
  list->add_flag("--cancer-patients", o->cancer, "only women with a confirmed screening");
  list->add_option("--page-token", o->token);
  list->callback([&cli, o] {
    nlohmann::json req = {{"division_prefix", o->prefix}, {"page_token", o->token}, {"hardship", o->hardship}};
    if (o->cancer) req["cancer_patient"] = true;
    cli.rc = CallJson(cli.conn, "ListWomen", req.dump());
  });

  auto* screen = woman->add_subcommand("screen", "record a cervical or breast cancer screening");
  screen->add_option("id", o->id, "wm_… id")->required();
  AddEnumOption(screen, "--type", o->type, reg::ScreeningType_descriptor(), "which screening")->required();
  AddEnumOption(screen, "--result", o->result, reg::ScreeningResult_descriptor(), "what it found")->required();
  screen->add_option("--date", o->date, "YYYY-MM-DD")->required();
  screen->add_option("--facility", o->facility, "where")->required();
  screen->callback([&cli, o] {
    nlohmann::json s = {{"woman_id", o->id},
                        {"type", o->type},
                        {"result", o->result},
                        {"screened_on", o->date},
                        {"facility", o->facility}};
    cli.rc = CallJson(cli.conn, "RecordScreening", nlohmann::json{{"screening", s}}.dump());
  });

  auto* screenings = woman->add_subcommand("screenings", "a woman's screenings");
  screenings->add_option("id", o->id, "wm_… id")->required();
  screenings->callback([&cli, o] {
    cli.rc = CallJson(cli.conn, "ListScreenings", nlohmann::json{{"woman_id", o->id}}.dump());
  });
}

}  // namespace carehub::ctl
