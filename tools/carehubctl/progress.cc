#include "tools/carehubctl/progress.h"

#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>

namespace carehub::ctl {
namespace {

std::string Bytes(double b) {
  const char* units[] = {"B", "KiB", "MiB", "GiB"};
  int u = 0;
  while (b >= 1024 && u < 3) {
    b /= 1024;
    ++u;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, u == 0 ? "%.0f %s" : "%.1f %s", b, units[u]);
  return buf;
}

std::string Clock(double seconds) {
  long s = static_cast<long>(seconds + 0.5);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  return buf;
}

// The signal handler may only touch these: a flag and a pipe the watcher thread polls.
std::atomic<bool> g_interrupted{false};
int g_wake[2] = {-1, -1};
struct sigaction g_previous {};

void OnInterrupt(int) {
  g_interrupted = true;
  sigaction(SIGINT, &g_previous, nullptr);  // a second Ctrl-C ends the process as usual
  if (g_wake[1] >= 0) (void)!write(g_wake[1], "x", 1);
}

}  // namespace

Progress::Progress(std::string label, int64_t total) : enabled_(Enabled()), label_(std::move(label)), total_(total) {}

Progress::~Progress() {
  stop_ = true;
  if (ticker_.joinable()) ticker_.join();
  if (enabled_) std::cerr << "\r\033[K" << std::flush;  // leave the terminal as it was
}

bool Progress::Enabled() {
  const char* term = std::getenv("TERM");
  return isatty(STDERR_FILENO) && !(term && std::strcmp(term, "dumb") == 0);
}

void Progress::Set(int64_t done) {
  std::lock_guard lock(mu_);
  done_ = done;
  Draw(false);
}

void Progress::Say(const std::string& s) {
  std::lock_guard lock(mu_);
  said_ = s;
  Draw(true);
}

void Progress::Tick() {
  if (!enabled_ || ticker_.joinable()) return;
  ticker_ = std::thread([this] {
    while (!stop_) {
      {
        std::lock_guard lock(mu_);
        Draw(true);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  });
}

void Progress::Draw(bool force) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (!force && now - drawn_ < std::chrono::milliseconds(100) && done_ != total_) return;
  drawn_ = now;
  double seconds = std::chrono::duration<double>(now - start_).count();
  std::string line = label_;
  if (!said_.empty()) {
    line += "  " + said_ + "  " + Clock(seconds);
  } else if (total_ > 0) {
    constexpr int kWidth = 24;
    double part = std::min(1.0, static_cast<double>(done_) / static_cast<double>(total_));
    int filled = static_cast<int>(part * kWidth);
    double rate = seconds > 0 ? done_ / seconds : 0;
    line += "  [" + std::string(filled, '#') + std::string(kWidth - filled, '-') + "] " +
            std::to_string(static_cast<int>(part * 100)) + "%  " + Bytes(done_) + " / " + Bytes(total_) + "  " +
            Bytes(rate) + "/s";
    if (rate > 0 && done_ < total_) line += "  " + Clock((total_ - done_) / rate) + " left";
  } else if (done_ > 0) {
    line += "  " + Bytes(done_) + "  " + Bytes(seconds > 0 ? done_ / seconds : 0) + "/s";
  } else {
    line += "  " + Clock(seconds);
  }
  std::cerr << "\r\033[K" << line << std::flush;
}

CancelOnInterrupt::CancelOnInterrupt(grpc::ClientContext& ctx) : ctx_(ctx) {
  g_interrupted = false;
  if (pipe(g_wake) != 0) g_wake[0] = g_wake[1] = -1;
  struct sigaction action {};
  action.sa_handler = OnInterrupt;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, &g_previous);
  watcher_ = std::thread([this] {
    while (!stop_) {
      pollfd p{g_wake[0], POLLIN, 0};
      if (poll(&p, 1, 100) == 1 || g_interrupted) {
        if (g_interrupted) {
          ctx_.TryCancel();
          return;
        }
      }
    }
  });
}

CancelOnInterrupt::~CancelOnInterrupt() {
  stop_ = true;
  watcher_.join();
  if (!g_interrupted) sigaction(SIGINT, &g_previous, nullptr);
  for (int& fd : g_wake) {
    if (fd >= 0) close(fd);
    fd = -1;
  }
}

bool CancelOnInterrupt::interrupted() const { return g_interrupted; }

}  // namespace carehub::ctl
