#include "tools/carehubctl/contexts.h"

#include <nlohmann/json.hpp>

#include <array>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "common/files.h"

namespace carehub::ctl {
namespace {

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

std::string Trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

// A context's settings by their names in the file.
std::array<std::pair<const char*, std::string*>, 5> Fields(Context& c) {
  return {{{"addr", &c.addr},
           {"tls_ca_file", &c.tls_ca_file},
           {"key_file", &c.key_file},
           {"key_env", &c.key_env},
           {"key_command", &c.key_command}}};
}

nlohmann::json ToJson(Context c) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [k, v] : Fields(c)) {
    if (!v->empty()) j[k] = *v;
  }
  return j;
}

Context FromJson(const nlohmann::json& j) {
  Context c;
  for (const auto& [k, v] : Fields(c)) {
    if (j.contains(k) && j[k].is_string()) *v = j[k].get<std::string>();
  }
  return c;
}

// Where a context's key comes from, for listing (never the key itself).
std::string KeySourceOf(const Context& c) {
  if (!c.key_file.empty()) return "file " + c.key_file;
  if (!c.key_env.empty()) return "env " + c.key_env;
  if (!c.key_command.empty()) return "command";
  return "-";
}

// The value given after `flag` on the command line ("--flag V" or "--flag=V"), or "".
std::string FlagValue(int argc, char** argv, const std::string& flag) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == flag && i + 1 < argc) return argv[i + 1];
    if (a.rfind(flag + "=", 0) == 0) return a.substr(flag.size() + 1);
  }
  return "";
}

}  // namespace

std::string ContextFilePath() {
  if (auto p = Env("CAREHUB_CONFIG"); !p.empty()) return p;
  if (auto x = Env("XDG_CONFIG_HOME"); !x.empty()) return x + "/carehub/config.json";
  return Env("HOME") + "/.config/carehub/config.json";
}

ContextFile LoadContexts(const std::string& path) {
  ContextFile f;
  if (!std::filesystem::exists(path)) return f;
  auto j = nlohmann::json::parse(ReadFileOrThrow(path, "carehubctl config"), nullptr, false);
  if (!j.is_object()) throw std::runtime_error(path + ": not a carehubctl config (JSON object expected)");
  if (j.contains("current_context") && j["current_context"].is_string()) f.current = j["current_context"];
  if (j.contains("contexts") && j["contexts"].is_object()) {
    for (const auto& [name, c] : j["contexts"].items()) f.contexts[name] = FromJson(c);
  }
  return f;
}

void SaveContexts(const std::string& path, const ContextFile& f) {
  nlohmann::json j = {{"current_context", f.current}, {"contexts", nlohmann::json::object()}};
  for (const auto& [name, c] : f.contexts) j["contexts"][name] = ToJson(c);
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::string tmp = path + ".part";
  {
    std::ofstream out(tmp, std::ios::trunc);
    ::chmod(tmp.c_str(), 0600);
    out << j.dump(2) << "\n";
    if (!out) throw std::runtime_error("cannot write " + tmp);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) throw std::runtime_error("cannot write " + path);
}

std::string KeyOf(const Context& c) {
  if (!c.key_file.empty()) return Trimmed(ReadFileOrThrow(c.key_file, "API key file"));
  if (!c.key_env.empty()) return Env(c.key_env.c_str());
  if (c.key_command.empty()) return "";
  // A password manager or vault CLI prints the key; its output is the key.
  FILE* p = ::popen(c.key_command.c_str(), "r");
  if (!p) throw std::runtime_error("cannot run the context's key command");
  std::string out;
  char buf[256];
  for (size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  if (::pclose(p) != 0) throw std::runtime_error("the context's key command failed");
  return Trimmed(out);
}

void ApplyContext(int argc, char** argv, Cli& cli) {
  std::string asked = FlagValue(argc, argv, "--context");
  try {
    std::string path = ContextFilePath();
    auto file = LoadContexts(path);
    std::string name = asked.empty() ? file.current : asked;
    if (name.empty()) return;
    auto it = file.contexts.find(name);
    if (it == file.contexts.end()) throw std::runtime_error("no context " + name + " in " + path);
    cli.context = name;
    if (!it->second.addr.empty()) cli.conn.addr = it->second.addr;
    if (!it->second.tls_ca_file.empty()) cli.conn.tls_ca_file = it->second.tls_ca_file;
    // The key only when neither the flag nor the environment gives one: a key command may be slow.
    if (FlagValue(argc, argv, "--api-key").empty() && Env("CAREHUB_API_KEY").empty()) {
      cli.conn.api_key = KeyOf(it->second);
    }
  } catch (const std::exception& e) {
    // A context asked for by name must work; a broken current one only warns (flags may suffice).
    if (!asked.empty()) throw;
    std::cerr << "carehubctl: warning: " << e.what() << "\n";
  }
}

void AddConfigCommands(CLI::App& app, Cli& cli) {
  auto* config = app.add_subcommand("config", "named contexts: address, TLS CA and where the key comes from");
  config->require_subcommand(1);

  config->add_subcommand("get-contexts", "list the contexts (* marks the current one)")->callback([&cli] {
    auto f = LoadContexts(ContextFilePath());
    std::printf("%-9s %-20s %-28s %-5s %s\n", "CURRENT", "NAME", "ADDRESS", "TLS", "KEY FROM");
    for (const auto& [name, c] : f.contexts) {
      std::printf("%-9s %-20s %-28s %-5s %s\n", name == f.current ? "*" : "", name.c_str(), c.addr.c_str(),
                  c.tls_ca_file.empty() ? "no" : "yes", KeySourceOf(c).c_str());
    }
    cli.rc = 0;
  });

  config->add_subcommand("current-context", "print the current context's name")->callback([&cli] {
    auto f = LoadContexts(ContextFilePath());
    if (f.current.empty()) {
      std::cerr << "error: no current context (carehubctl config use-context NAME)\n";
      cli.rc = 1;
      return;
    }
    std::cout << f.current << "\n";
  });

  auto* use = config->add_subcommand("use-context", "make NAME the current context");
  auto use_name = std::make_shared<std::string>();
  use->add_option("name", *use_name)->required();
  use->callback([&cli, use_name] {
    auto path = ContextFilePath();
    auto f = LoadContexts(path);
    if (!f.contexts.contains(*use_name)) {
      std::cerr << "error: no context " << *use_name << " (carehubctl config get-contexts)\n";
      cli.rc = 1;
      return;
    }
    f.current = *use_name;
    SaveContexts(path, f);
    std::cerr << "switched to context " << *use_name << "\n";
  });

  auto* set = config->add_subcommand("set-context", "create or change NAME (only the options given change)");
  struct SetOptions {
    std::string name;
    Context c;
  };
  auto o = std::make_shared<SetOptions>();
  set->add_option("name", o->name)->required();
  set->add_option("--server", o->c.addr, "gateway address, host:port");
  set->add_option("--ca-file", o->c.tls_ca_file, "PEM CA certificates: connect over TLS");
  auto* kf = set->add_option("--key-file", o->c.key_file, "file holding the API key (keep it 0600)");
  auto* ke = set->add_option("--key-env", o->c.key_env, "environment variable holding the API key");
  auto* kc = set->add_option("--key-command", o->c.key_command, "command that prints the API key (a vault CLI)");
  kf->excludes(ke)->excludes(kc);
  ke->excludes(kc);
  set->callback([o] {
    auto path = ContextFilePath();
    auto f = LoadContexts(path);
    Context& c = f.contexts[o->name];
    if (!o->c.addr.empty()) c.addr = o->c.addr;
    if (!o->c.tls_ca_file.empty()) c.tls_ca_file = o->c.tls_ca_file;
    if (!o->c.key_file.empty() || !o->c.key_env.empty() || !o->c.key_command.empty()) {
      c.key_file = o->c.key_file, c.key_env = o->c.key_env, c.key_command = o->c.key_command;
    }
    if (f.current.empty()) f.current = o->name;
    SaveContexts(path, f);
    std::cerr << "context " << o->name << " saved in " << path << "\n";
  });

  auto* del = config->add_subcommand("delete-context", "remove NAME");
  auto del_name = std::make_shared<std::string>();
  del->add_option("name", *del_name)->required();
  del->callback([&cli, del_name] {
    auto path = ContextFilePath();
    auto f = LoadContexts(path);
    if (f.contexts.erase(*del_name) == 0) {
      std::cerr << "error: no context " << *del_name << "\n";
      cli.rc = 1;
      return;
    }
    if (f.current == *del_name) f.current.clear();
    SaveContexts(path, f);
  });
}

}  // namespace carehub::ctl
