// carehubctl import children|women FILE, call METHOD JSON, audit
#include <nlohmann/json.hpp>

#include "carehub/registry/v1/registry_service.grpc.pb.h"
#include "tools/carehubctl/commands.h"

namespace carehub::ctl {
namespace {

namespace reg = registry::v1;
using OpenImport = std::function<std::unique_ptr<grpc::ClientWriter<reg::ImportChunk>>(
    reg::RegistryService::Stub&, grpc::ClientContext*, reg::ImportSummary*)>;

// Streams a CSV file to an import RPC in 64 KB chunks and prints the summary. Exit 0 when every
// row landed or was already registered, 3 when some were rejected, 1 when the call failed.
int ImportFile(const std::string& path, const Connection& conn, const OpenImport& open) {
  auto stub = reg::RegistryService::NewStub(Channel(conn));
  grpc::ClientContext ctx;
  PrepareLong(ctx, conn);
  reg::ImportSummary summary;
  auto writer = open(*stub, &ctx, &summary);
  int rc = Upload(path, ctx, *writer, summary,
                  "the server stopped at the cancel. It stores whole batches of up to 2,048 rows, never part of "
                  "one: the batches it had stored stay registered, and running the same file again registers the "
                  "rest (nobody twice)");
  return rc == 0 && summary.rejected() > 0 ? 3 : rc;
}

void AddImport(CLI::App& app, Cli& cli) {
  auto* import = app.add_subcommand("import", "register people in bulk from a CSV file (docs/IMPORT.md)");
  import->require_subcommand(1);
  auto file = std::make_shared<std::string>();
  for (auto [name, open] : {std::pair<const char*, OpenImport>{
                                "children", [](auto&stub, auto*ctx, auto*s) { return stub.ImportChildren(ctx, s); }},
                            {"women", [](auto&stub, auto*ctx, auto*s) { return stub.ImportWomen(ctx, s); }}}) {
    auto* cmd = import->add_subcommand(name, std::string(name) + " from a CSV file with a header row");
    cmd->add_option("file", *file, "UTF-8 CSV file")->required()->check(CLI::ExistingFile);
    cmd->callback([&cli, file, open = open] { cli.rc = ImportFile(*file, cli.conn, open); });
  }
}

void AddAudit(CLI::App& app, Cli& cli) {
  struct Opts {
    std::string record, actor, action, token;
    int size = 0;
  };
  auto o = std::make_shared<Opts>();
  auto* audit = app.add_subcommand("audit", "the registry's audit trail (auditors and admins)");
  audit->add_option("--record", o->record, "only events on this record id");
  audit->add_option("--actor", o->actor, "only events by this subject");
  audit->add_option("--action", o->action, "e.g. child.read_unmasked");
  audit->add_option("--page-size", o->size);
  audit->add_option("--page-token", o->token);
  audit->callback([&cli, o] {
    nlohmann::json req = {{"record_id", o->record},
                          {"actor", o->actor},
                          {"action", o->action},
                          {"page_size", o->size},
                          {"page_token", o->token}};
    cli.rc = CallJson(cli.conn, "RegistryService.ListAuditEvents", req.dump());
  });
}

}  // namespace

namespace {

// The fields of a message, one line each, nested messages indented under theirs: what `call`
// takes. Enums list their words; a message met again further down is named, not repeated.
void PrintFields(const google::protobuf::Descriptor& m, const std::string& indent, std::vector<std::string>& path) {
  namespace pb = google::protobuf;
  for (int i = 0; i < m.field_count(); ++i) {
    const pb::FieldDescriptor* f = m.field(i);
    std::string type = f->is_map() ? "map" : f->type_name();
    if (f->message_type() && !f->is_map()) type = f->message_type()->full_name();
    if (f->enum_type()) type = f->enum_type()->name();
    std::cout << indent << f->name() << "  " << (f->is_repeated() && !f->is_map() ? "repeated " : "") << type;
    if (f->enum_type()) {
      std::cout << " (";
      for (int v = 0; v < f->enum_type()->value_count(); ++v)
        std::cout << (v ? " " : "") << f->enum_type()->value(v)->name();
      std::cout << ")";
    }
    std::cout << "\n";
    const pb::Descriptor* inner = f->message_type();
    if (inner && !f->is_map() && std::find(path.begin(), path.end(), inner->full_name()) == path.end()) {
      path.push_back(inner->full_name());
      PrintFields(*inner, indent + "  ", path);
      path.pop_back();
    }
  }
}

void AddDescribe(CLI::App& app, Cli& cli) {
  auto name = std::make_shared<std::string>();
  auto* d = app.add_subcommand("describe", "the request fields of a method, as `call` takes them (no server needed)");
  d->add_option("method", *name, "Service.Method or a method name only one service has")->required();
  d->callback([&cli, name] {
    std::string why;
    const auto* md = FindUnaryMethod(*name, &why);
    if (!md) {
      std::cerr << "error: " << why << "\n";
      cli.rc = 1;
      return;
    }
    std::cout << md->full_name() << "(" << md->input_type()->full_name() << ") returns "
              << md->output_type()->full_name() << "\n";
    std::vector<std::string> path = {md->input_type()->full_name()};
    PrintFields(*md->input_type(), "  ", path);
  });
}

}  // namespace

void AddRegistryCommands(CLI::App& app, Cli& cli) {
  AddImport(app, cli);
  struct Opts {
    std::string method, json = "{}";
  };
  auto o = std::make_shared<Opts>();
  auto* call = app.add_subcommand("call", "any unary method of any CareHub service, request and answer as JSON");
  call->add_option("method", o->method,
                   "Service.Method or a method name only one service has, e.g. UpdateChild, "
                   "FundsService.GetServiceInfo, carehub.registry.v1.RegistryService.CreateWoman")
      ->required();
  call->add_option("json", o->json, "the request, proto field names; request_id is filled in when absent")
      ->capture_default_str();
  call->callback([&cli, o] { cli.rc = CallJson(cli.conn, o->method, o->json); });
  AddDescribe(app, cli);
  AddAudit(app, cli);
}

}  // namespace carehub::ctl
