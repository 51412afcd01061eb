#include "services/gateway/routes.h"

#include <stdexcept>

namespace carehub::gateway {

Route ParseRoute(const std::string& text) {
  auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == text.size()) {
    throw std::runtime_error("route must be prefix=host:port, got: " + text);
  }
  Route r{text.substr(0, eq), text.substr(eq + 1)};
  if (r.address.find(':') == std::string::npos) throw std::runtime_error("route address needs a port: " + text);
  return r;
}

std::optional<std::string> ServiceOfMethod(const std::string& method) {
  if (method.size() < 4 || method[0] != '/') return std::nullopt;
  auto slash = method.find('/', 1);
  if (slash == std::string::npos || slash == 1 || slash + 1 == method.size()) return std::nullopt;
  return method.substr(1, slash - 1);
}

Router::Router(const std::vector<Route>& routes, int max_message_bytes) {
  for (const auto& r : routes) {
    grpc::ChannelArguments args;
    // Fail fast when a backend is down instead of queueing calls; retries belong to clients.
    args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 200);
    args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 2000);
    args.SetMaxReceiveMessageSize(max_message_bytes);
    args.SetMaxSendMessageSize(max_message_bytes);
    by_prefix_[r.prefix] = grpc::CreateCustomChannel(r.address, grpc::InsecureChannelCredentials(), args);
  }
}

std::shared_ptr<grpc::Channel> Router::ChannelFor(const std::string& method) const {
  auto service = ServiceOfMethod(method);
  if (!service) return nullptr;
  std::shared_ptr<grpc::Channel> best;
  size_t best_len = 0;
  for (const auto& [prefix, channel] : by_prefix_) {
    bool match = service->size() > prefix.size() && service->compare(0, prefix.size(), prefix) == 0 &&
                 (*service)[prefix.size()] == '.';
    if (match && prefix.size() > best_len) {
      best = channel;
      best_len = prefix.size();
    }
  }
  return best;
}

}  // namespace carehub::gateway
