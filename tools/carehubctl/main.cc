// carehubctl: the operator's command line for CareHub — keys, health probes, the registry, and
// any method of any service by name. One file per command group (commands.h).
#include <iostream>

#include "tools/carehubctl/commands.h"
#include "tools/carehubctl/contexts.h"
#include "tools/carehubctl/output.h"

int main(int argc, char** argv) {
  using namespace carehub::ctl;
  CLI::App app{"carehubctl: operate and call CareHub"};
  app.require_subcommand(1);
  Cli cli;
  try {
    ApplyContext(argc, argv, cli);  // its values are the defaults flags and environment override
  } catch (const std::exception& e) {
    std::cerr << "carehubctl: " << e.what() << "\n";
    return 1;
  }
  app.add_option("--context", cli.context, "use this context for the call (carehubctl config get-contexts)");
  app.add_option("--addr", cli.conn.addr, "gateway (or service) address")
      ->envname("CAREHUB_ADDR")
      ->capture_default_str();
  app.add_option("--api-key", cli.conn.api_key, "API key sent as x-api-key")->envname("CAREHUB_API_KEY");
  app.add_option("--tls-ca-file", cli.conn.tls_ca_file, "connect over TLS, trusting these PEM CA certificates")
      ->envname("CAREHUB_TLS_CA_FILE");
  app.add_option("--timeout-ms", cli.conn.timeout_ms, "deadline per call (default 10 s; imports 10 minutes)");
  app.add_option_function<std::string>(
         "-o,--output",
         [](const std::string& word) {
           Format f;
           if (!ParseFormat(word, &f)) throw CLI::ValidationError("--output", "table, json, yaml or csv");
           SetFormat(f);
         },
         "how answers print: table (default), json, yaml or csv")
      ->envname("CAREHUB_OUTPUT")
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);  // the last -o wins, as in kubectl
  app.fallthrough();  // the options above may follow the command too (carehubctl child list -o yaml)
  AddAdminCommands(app, cli);
  AddChildCommands(app, cli);
  AddWomanCommands(app, cli);
  AddRegistryCommands(app, cli);
  AddFundsCommands(app, cli);
  AddPaymentsCommands(app, cli);
  AddReportCommands(app, cli);
  AddVolunteersCommands(app, cli);
  AddCareCommands(app, cli);
  AddConfigCommands(app, cli);
  AddCompletionCommand(app, cli);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const std::exception& e) {
    std::cerr << "carehubctl: " << e.what() << "\n";
    return 1;
  }
  return cli.rc;
}
