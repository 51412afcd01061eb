#pragma once
// Named contexts, as kubectl has them: where a gateway is and where its key comes from, kept in
// a config file readable by its owner only, so neither address nor key is typed on every call
// and the key never has to be on a command line. Precedence: flag > environment > the context
// (--context NAME for one call, else the current one) > built-in defaults.
#include <map>
#include <string>

#include "tools/carehubctl/commands.h"

namespace carehub::ctl {

struct Context {
  std::string addr{};
  std::string tls_ca_file{};
  // Where the API key comes from; at most one is set.
  std::string key_file{}, key_env{}, key_command{};
};

struct ContextFile {
  std::string current{};
  std::map<std::string, Context> contexts{};
};

// $CAREHUB_CONFIG, else $XDG_CONFIG_HOME/carehub/config.json, else ~/.config/carehub/config.json.
std::string ContextFilePath();
// An absent file is an empty one; a malformed one throws std::runtime_error naming it.
ContextFile LoadContexts(const std::string& path);
// Written whole (mode 0600) and renamed into place.
void SaveContexts(const std::string& path, const ContextFile& file);
// The key a context names: the file's first line, the variable, or the command's output.
std::string KeyOf(const Context& c);

// Before the flags are parsed: the chosen context's address, CA and key source become the
// defaults the flags and environment override.
void ApplyContext(int argc, char** argv, Cli& cli);

// config get-contexts | current-context | use-context NAME | set-context NAME … | delete-context NAME
void AddConfigCommands(CLI::App& app, Cli& cli);

}  // namespace carehub::ctl
