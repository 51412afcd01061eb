#include "tests/support/process.h"

#include "common/crypto.h"

#include <filesystem>

#include <civetweb.h>
#include <fcntl.h>
#include <grpcpp/grpcpp.h>
#include <netinet/in.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "grpc/health/v1/health.grpc.pb.h"

extern char** environ;

namespace carehub::testing {

Process::Process(std::string path, std::vector<std::string> args, std::map<std::string, std::string> env,
                 std::string log_file)
    : log_file_(std::move(log_file)) {
  std::vector<std::string> argv_s = {path};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_s;
  for (char** e = environ; *e; ++e) {
    std::string kv = *e;
    if (kv.rfind("CAREHUB_", 0) != 0) env_s.push_back(kv);  // only what the test sets
  }
  for (const auto& [k, v] : env) env_s.push_back(k + "=" + v);
  std::vector<char*> envp;
  for (auto& e : env_s) envp.push_back(e.data());
  envp.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, log_file_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  // The test runner may block signals; the child must start with them unblocked.
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK);
  int rc = posix_spawn(&pid_, path.c_str(), &actions, &attr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) throw std::runtime_error("cannot start " + path);
}

Process::~Process() {
  if (pid_ > 0) Stop(5);
}

int Process::Reap(int options) {
  int status = 0;
  int r = waitpid(pid_, &status, options);
  if (r == pid_) {
    pid_ = -1;
    status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return status_;
  }
  return -1;
}

int Process::WaitExit(int seconds) {
  if (pid_ <= 0) return status_;
  auto until = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (std::chrono::steady_clock::now() < until) {
    if (Reap(WNOHANG) >= 0) return status_;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return -1;
}

void Process::Signal(int sig) {
  if (pid_ > 0) kill(pid_, sig);
}

int Process::Stop(int seconds) {
  if (pid_ <= 0) return status_;
  kill(pid_, SIGTERM);
  if (WaitExit(seconds) >= 0) return status_;
  kill(pid_, SIGKILL);
  return Reap(0);
}

std::string Process::Log() const {
  std::ifstream in(log_file_);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

namespace {
// The status and the whole body of an answered request; closes the connection.
HttpResponse ReadResponse(mg_connection* conn) {
  HttpResponse r;
  const mg_response_info* info = mg_get_response_info(conn);
  r.status = info->status_code;
  for (int i = 0; i < info->num_headers; ++i) {
    std::string name = info->http_headers[i].name;
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    r.headers[name] = info->http_headers[i].value;
  }
  char buf[4096];
  int n;
  while ((n = mg_read(conn, buf, sizeof buf)) > 0) r.body.append(buf, static_cast<size_t>(n));
  mg_close_connection(conn);
  return r;
}
}  // namespace

HttpResponse HttpPost(int port, const std::string& path, const std::string& headers, const std::string& body) {
  char err[256] = {0};
  mg_connection* conn = mg_connect_client("127.0.0.1", port, 0, err, sizeof err);
  if (!conn) return HttpResponse{};
  mg_printf(conn,
            "POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n%sContent-Length: %zu\r\n\r\n",
            path.c_str(), headers.c_str(), body.size());
  mg_write(conn, body.data(), body.size());
  if (mg_get_response(conn, err, sizeof err, 10000) < 0) {
    mg_close_connection(conn);
    return HttpResponse{};
  }
  return ReadResponse(conn);
}

HttpResponse HttpGet(int port, const std::string& path) {
  char err[256] = {0};
  mg_connection* conn =
      mg_download("127.0.0.1", port, 0, err, sizeof err, "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", path.c_str());
  if (!conn) return HttpResponse{};
  return ReadResponse(conn);
}

std::pair<int, std::string> RunInTerminal(const std::string& path, const std::vector<std::string>& args, int seconds) {
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(path.c_str()));
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  int master = -1;
  pid_t pid = forkpty(&master, nullptr, nullptr, nullptr);
  if (pid < 0) throw std::runtime_error("forkpty failed");
  if (pid == 0) {
    setenv("TERM", "xterm", 1);
    execv(path.c_str(), argv.data());
    _exit(127);
  }
  std::string out;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  char buf[4096];
  for (;;) {
    pollfd p{master, POLLIN, 0};
    if (poll(&p, 1, 100) > 0) {
      ssize_t n = read(master, buf, sizeof buf);
      if (n <= 0) break;  // EIO: every copy of the terminal's other side is closed
      out.append(buf, static_cast<size_t>(n));
    }
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid, SIGKILL);
      break;
    }
  }
  close(master);
  int status = 0;
  waitpid(pid, &status, 0);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  int port = ntohs(addr.sin_port);
  close(fd);
  return port;
}

std::string HealthOf(const std::string& address, const std::string& service) {
  auto stub = grpc::health::v1::Health::NewStub(grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(1000));
  grpc::health::v1::HealthCheckRequest req;
  req.set_service(service);
  grpc::health::v1::HealthCheckResponse resp;
  auto s = stub->Check(&ctx, req, &resp);
  if (!s.ok()) return "error " + std::to_string(s.error_code());
  return grpc::health::v1::HealthCheckResponse::ServingStatus_Name(resp.status());
}

bool WaitServing(const std::string& address, int seconds, const std::string& service) {
  auto until = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (std::chrono::steady_clock::now() < until) {
    // A fresh channel with a subchannel of its own each time: a refused connection puts a
    // channel (and a shared subchannel) into back-off of a second and more, which would make
    // every process take seconds to be seen serving.
    grpc::ChannelArguments args;
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    auto stub =
        grpc::health::v1::Health::NewStub(grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), args));
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(500));
    grpc::health::v1::HealthCheckRequest req;
    req.set_service(service);
    grpc::health::v1::HealthCheckResponse resp;
    if (stub->Check(&ctx, req, &resp).ok() && resp.status() == grpc::health::v1::HealthCheckResponse::SERVING) {
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

}  // namespace carehub::testing
