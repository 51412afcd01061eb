#include "tests/support/tcp_relay.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

#include "tests/support/loopback.h"

namespace carehub::testing {
namespace {

// Copies what is readable on `from` to `to`; false once `from` has ended or either side failed.
bool Pump(int from, int to) {
  char buf[16384];
  ssize_t n = ::read(from, buf, sizeof buf);
  if (n <= 0) return false;
  for (ssize_t sent = 0; sent < n;) {
    ssize_t w = ::write(to, buf + sent, static_cast<size_t>(n - sent));
    if (w <= 0) return false;
    sent += w;
  }
  return true;
}

}  // namespace

TcpRelay::TcpRelay(const Options& options) : options_(options) {
  listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  ::setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (::bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(listener_, 64) != 0 ||
      ::getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(listener_);
    throw std::runtime_error("TcpRelay: cannot listen on 127.0.0.1");
  }
  port_ = ntohs(addr.sin_port);
  acceptor_ = std::thread([this] { AcceptLoop(); });
}

TcpRelay::~TcpRelay() {
  stopping_ = true;
  ::shutdown(listener_, SHUT_RDWR);  // wakes accept()
  acceptor_.join();
  ::close(listener_);
  std::lock_guard lock(mu_);
  for (auto& t : sessions_) t.join();  // each ends within its poll interval once stopping_ is set
}

void TcpRelay::AcceptLoop() {
  while (!stopping_) {
    int client = ::accept(listener_, nullptr, nullptr);
    if (client < 0) continue;
    int n = ++accepted_;
    bool cut = options_.cut_first < 0 || n <= options_.cut_first;
    std::lock_guard lock(mu_);
    sessions_.emplace_back([this, client, cut] { Serve(client, cut); });
  }
}

void TcpRelay::Serve(int client, bool cut) {
  int server = ConnectToLoopback(options_.upstream_port);
  if (server >= 0) {
    pollfd fds[2] = {{client, POLLIN, 0}, {server, POLLIN, 0}};
    while (!stopping_) {
      int ready = ::poll(fds, 2, 100);
      if (ready < 0) break;
      if (ready == 0) continue;
      if (fds[1].revents & (POLLIN | POLLHUP | POLLERR)) {
        if (!Pump(server, client)) break;
      }
      if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
        if (!Pump(client, server) || cut) break;  // a cut session ends with the client's first bytes
      }
    }
    ::close(server);
  }
  ::shutdown(client, SHUT_RDWR);
  ::close(client);
}

}  // namespace carehub::testing
