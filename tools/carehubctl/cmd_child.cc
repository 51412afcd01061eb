// carehubctl child create | get | list | exit | reactivate | history | due-to-exit
#include <nlohmann/json.hpp>

#include "carehub/registry/v1/registry_service.grpc.pb.h"
#include "common/ids.h"
#include "tools/carehubctl/commands.h"
#include "tools/carehubctl/enum_words.h"

namespace carehub::ctl {
namespace {

namespace reg = registry::v1;

struct ChildFlags {
  reg::Child child;
  int sex = 0, category = 0, relation = 0, father = 0, mother = 0, risk = reg::RISK_LEVEL_LOW;
  std::string mobile, place_father, place_mother, request_id;
  std::vector<std::string> hardship;
  bool able_to_care = false;
};

void AddCreate(CLI::App* child, Cli& cli) {
  auto f = std::make_shared<ChildFlags>();
  auto* create = child->add_subcommand("create", "register a child");
  reg::Child& c = f->child;
  create->add_option_function<std::string>("--name", [&c](const std::string& v) { c.set_name(v); })->required();
  AddEnumOption(create, "--sex", f->sex, reg::Sex_descriptor(), "sex")->required();
  create
      ->add_option_function<std::string>(
          "--birth-date", [&c](const std::string& v) { c.set_birth_date(v); }, "YYYY-MM-DD")
      ->required();
  create
      ->add_option_function<std::string>(
          "--id-number", [&c](const std::string& v) { c.set_resident_id_number(v); }, "18-character resident ID number")
      ->required();
  create
      ->add_option_function<std::string>(
          "--division", [&c](const std::string& v) { c.set_division_code(v); }, "12-digit division code")
      ->required();
  AddEnumOption(create, "--category", f->category, reg::ChildCategory_descriptor(), "category")->required();
  create
      ->add_option_function<std::string>("--guardian-name",
                                         [&c](const std::string& v) { c.mutable_guardian()->set_name(v); })
      ->required();
  AddEnumOption(create, "--guardian-relation", f->relation, reg::GuardianRelation_descriptor(), "relation")->required();
  create->add_option("--guardian-mobile", f->mobile)->required();
  create->add_flag("--guardian-able-to-care", f->able_to_care, "the guardian at home can care for the child");
  AddEnumOption(create, "--father", f->father, reg::ParentLocation_descriptor(), "where the father is");
  AddEnumOption(create, "--mother", f->mother, reg::ParentLocation_descriptor(), "where the mother is");
  create->add_option("--father-place", f->place_father, "where the father works");
  create->add_option("--mother-place", f->place_mother, "where the mother works");
  create->add_option("--hardship", f->hardship, "hardship reasons, comma-separated")->delimiter(',');
  AddEnumOption(create, "--risk", f->risk, reg::RiskLevel_descriptor(), "guardianship risk; default low");
  create->add_option_function<std::string>("--address", [&c](const std::string& v) { c.set_address(v); });
  create->add_option_function<std::string>("--school", [&c](const std::string& v) { c.set_school(v); });
  create->add_option_function<std::string>("--notes", [&c](const std::string& v) { c.set_notes(v); });
  create->add_option("--request-id", f->request_id, "idempotency key; default: a new one");
  create->callback([&cli, f] {
    reg::CreateChildRequest req;
    reg::Child& c = *req.mutable_child() = f->child;
    c.set_sex(static_cast<reg::Sex>(f->sex));
    c.set_category(static_cast<reg::ChildCategory>(f->category));
    c.mutable_guardian()->set_relation(static_cast<reg::GuardianRelation>(f->relation));
    c.mutable_guardian()->set_mobile(f->mobile);
    c.mutable_guardian()->set_able_to_care(f->able_to_care);
    c.mutable_father()->set_location(static_cast<reg::ParentLocation>(f->father));
    c.mutable_father()->set_place(f->place_father);
    c.mutable_mother()->set_location(static_cast<reg::ParentLocation>(f->mother));
    c.mutable_mother()->set_place(f->place_mother);
    c.set_risk_level(static_cast<reg::RiskLevel>(f->risk));
    for (const auto& h : f->hardship) {
      auto n = EnumValue(reg::HardshipReason_descriptor(), h);
      if (!n) throw CLI::ValidationError("--hardship", h + " is not a hardship reason");
      c.add_hardship_reasons(static_cast<reg::HardshipReason>(*n));
    }
    req.set_request_id(f->request_id.empty() ? NewId("rq") : f->request_id);
    grpc::ClientContext ctx;
    Prepare(ctx, cli.conn);
    reg::Child resp;
    cli.rc = PrintOrFail(reg::RegistryService::NewStub(Channel(cli.conn))->CreateChild(&ctx, req, &resp), resp);
  });
}

// A child's status change: exit (with a reason) or reactivate.
void AddStatusChange(CLI::App* child, Cli& cli, const char* name, const char* help, bool exit) {
  struct Opts {
    std::string id, note, request_id;
    int reason = 0;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = child->add_subcommand(name, help);
  cmd->add_option("id", o->id, "ch_… id")->required();
  if (exit) AddEnumOption(cmd, "--reason", o->reason, reg::ExitReason_descriptor(), "why")->required();
  cmd->add_option("--note", o->note, exit ? "why (required for other)" : "why the child is back")->required(!exit);
  cmd->add_option("--request-id", o->request_id, "idempotency key; default: a new one");
  cmd->callback([&cli, o, exit] {
    nlohmann::json req = {{"id", o->id}, {"note", o->note}, {"request_id", o->request_id}};
    if (exit) req["reason"] = o->reason;
    cli.rc = CallJson(cli.conn, exit ? "ExitChild" : "ReactivateChild", req.dump());
  });
}

// A page of a list: the division prefix, page size and token every list takes.
void AddList(CLI::App* child, Cli& cli, const char* name, const char* help, const char* method) {
  struct Opts {
    std::string prefix, token, name;
    int size = 0;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = child->add_subcommand(name, help);
  cmd->add_option("--division-prefix", o->prefix);
  cmd->add_option("--page-size", o->size);
  cmd->add_option("--page-token", o->token);
  const bool by_name = std::string_view(method) == "ListChildren";
  if (by_name) cmd->add_option("--name", o->name, "names starting with this, as registered");
  cmd->callback([&cli, o, method, by_name] {
    nlohmann::json req = {{"division_prefix", o->prefix}, {"page_size", o->size}, {"page_token", o->token}};
    if (by_name) req["name_prefix"] = o->name;
    cli.rc = CallJson(cli.conn, method, req.dump());
  });
}

}  // namespace

void AddChildCommands(CLI::App& app, Cli& cli) {
  auto* child = app.add_subcommand("child", "children in the registry");
  child->require_subcommand(1);
  AddCreate(child, cli);
  auto id = std::make_shared<std::string>();
  auto* get = child->add_subcommand("get", "show one child");
  get->add_option("id", *id, "ch_… id")->required();
  get->callback([&cli, id] { cli.rc = CallJson(cli.conn, "GetChild", nlohmann::json{{"id", *id}}.dump()); });
  AddList(child, cli, "list", "list children in your reach", "ListChildren");
  AddStatusChange(child, cli, "exit", "take a child off the register with a reason", true);
  AddStatusChange(child, cli, "reactivate", "put an exited child back on the register", false);
  auto* history = child->add_subcommand("history", "status changes of one child");
  history->add_option("id", *id, "ch_… id")->required();
  history->callback([&cli, id] {
    cli.rc = CallJson(cli.conn, "ListStatusHistory", nlohmann::json{{"person_id", *id}}.dump());
  });
  AddList(child, cli, "due-to-exit", "active left-behind children who have turned 16", "ListChildrenDueToExit");
}

}  // namespace carehub::ctl
