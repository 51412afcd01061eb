#pragma once
// A TCP relay on 127.0.0.1 in front of a real server on 127.0.0.1, for tests of what a client does when a
// proxy ends its connection: the first `cut_first` connections are closed as soon as the client
// has sent its first bytes (for MySQL: its login, cut before the server's answer, as HAProxy was
// seen doing under load); the others are relayed both ways untouched.
#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

namespace carehub::testing {

class TcpRelay {
 public:
  struct Options {
    int upstream_port = 0;
    int cut_first = 0;  // a negative number cuts every connection
  };
  explicit TcpRelay(const Options& options);
  ~TcpRelay();
  TcpRelay(const TcpRelay&) = delete;
  TcpRelay& operator=(const TcpRelay&) = delete;

  int port() const { return port_; }
  int accepted() const { return accepted_.load(); }

 private:
  void AcceptLoop();
  void Serve(int client, bool cut);

  Options options_;
  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> accepted_{0};
  std::thread acceptor_;
  std::mutex mu_;
  std::vector<std::thread> sessions_;
};

}  // namespace carehub::testing
