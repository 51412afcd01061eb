#pragma once
// Long calls seen and stopped from the terminal: a one-line progress bar on stderr (done, rate,
// time left; or the time so far when nothing can be counted), drawn only when stderr is a
// terminal, so scripts and pipes see nothing extra; and Ctrl-C turned into a clean cancel of the
// call in flight instead of killing the process mid-write.
#include <grpcpp/grpcpp.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

namespace carehub::ctl {

class Progress {
 public:
  // `total` bytes, or 0 when unknown (a download, a build: the line counts what it can).
  Progress(std::string label, int64_t total);
  ~Progress();  // clears the line
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void Set(int64_t done);          // bytes so far; redrawn at most ten times a second
  void Say(const std::string& s);  // a line of its own instead of a bar (a batch's counts)
  // Redraws the elapsed time every 100 ms until destroyed: for a call that reports nothing.
  void Tick();

  static bool Enabled();  // stderr is a terminal (and TERM is not "dumb")

 private:
  void Draw(bool force);
  bool enabled_;
  std::string label_;
  int64_t total_;
  int64_t done_ = 0;
  std::string said_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now(), drawn_{};
  std::mutex mu_;
  std::atomic<bool> stop_{false};
  std::thread ticker_;
};

// While it lives, Ctrl-C (SIGINT) cancels the call on `ctx` instead of ending the process; a
// second Ctrl-C, after the cancel, ends it as usual.
class CancelOnInterrupt {
 public:
  explicit CancelOnInterrupt(grpc::ClientContext& ctx);
  ~CancelOnInterrupt();
  CancelOnInterrupt(const CancelOnInterrupt&) = delete;
  CancelOnInterrupt& operator=(const CancelOnInterrupt&) = delete;
  bool interrupted() const;

 private:
  grpc::ClientContext& ctx_;
  std::atomic<bool> stop_{false};
  std::thread watcher_;
};

// The exit status of a command cancelled by Ctrl-C, as a shell reports a process ended by it.
inline constexpr int kInterruptedExit = 130;

}  // namespace carehub::ctl
