#pragma once
// carehubctl's command groups, one file each; main() adds them all.
#include <CLI/CLI.hpp>

#include "tools/carehubctl/client.h"

namespace carehub::ctl {

void AddAdminCommands(CLI::App& app, Cli& cli);       // genkey, keygen, health, info
void AddChildCommands(CLI::App& app, Cli& cli);       // child …
void AddWomanCommands(CLI::App& app, Cli& cli);       // woman …
void AddRegistryCommands(CLI::App& app, Cli& cli);    // import …, call, audit
void AddFundsCommands(CLI::App& app, Cli& cli);       // program …, budget …, grant …
void AddPaymentsCommands(CLI::App& app, Cli& cli);    // batch …, payments …, funds summary|disbursements
void AddReportCommands(CLI::App& app, Cli& cli);      // report …
void AddVolunteersCommands(CLI::App& app, Cli& cli);  // volunteer, team, activity, signup, attendance, hours
void AddCareCommands(CLI::App& app, Cli& cli);        // pairing, visit, overdue, due, risk
void AddCompletionCommand(CLI::App& app, Cli& cli);   // completion bash|zsh (add it last: it reads the tree)

}  // namespace carehub::ctl
