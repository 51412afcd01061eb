#pragma once
// Real processes for end-to-end tests: start a binary with arguments and environment, log to a
// file, stop it with SIGTERM and read its exit status.
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "tests/support/temp_dir.h"

namespace carehub::testing {

class Process {
 public:
  Process(std::string path, std::vector<std::string> args, std::map<std::string, std::string> env,
          std::string log_file);
  ~Process();
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  // Sends SIGTERM and waits up to `seconds` (then SIGKILL); returns the exit code, or 128+signal.
  int Stop(int seconds = 15);
  // Waits for the process to exit by itself; -1 if it is still running after `seconds`.
  int WaitExit(int seconds);
  bool running() const { return pid_ > 0; }
  void Signal(int sig);
  std::string Log() const;

 private:
  int Reap(int options);
  int pid_ = -1;
  int status_ = -1;
  std::string log_file_;
};

// Runs `path` with `args` on a pseudo-terminal (its stdin, stdout and stderr), as from an
// operator's shell; waits up to `seconds`. Returns the exit code (-1 when killed for taking too
// long) and everything it wrote to the terminal.
std::pair<int, std::string> RunInTerminal(const std::string& path, const std::vector<std::string>& args, int seconds);

struct HttpResponse {
  int status = 0;  // 0: no answer
  std::string body;
  std::map<std::string, std::string> headers{};  // names in lower case
};
// POSTs `body` to http://127.0.0.1:port/path with the given extra header lines ("K: V\r\n").
HttpResponse HttpPost(int port, const std::string& path, const std::string& headers, const std::string& body);

HttpResponse HttpGet(int port, const std::string& path);

// A TCP port on 127.0.0.1 that was free a moment ago.
int FreePort();
// Polls the standard health service at `address` until SERVING or `seconds` pass.
bool WaitServing(const std::string& address, int seconds, const std::string& service = "");
// The health status name ("SERVING", "NOT_SERVING", "SERVICE_UNKNOWN", or the error) right now.
std::string HealthOf(const std::string& address, const std::string& service);

}  // namespace carehub::testing
