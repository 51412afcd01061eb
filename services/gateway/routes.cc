#include "services/gateway/routes.h"

#include <cctype>
#include <stdexcept>

namespace carehub::gateway {

Route ParseRoute(const std::string& text) {
  auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == text.size()) {
    throw std::runtime_error("route must be prefix=host:port, got: " + text);
  }
  Route r{text.substr(0, eq), text.substr(eq + 1)};
  size_t start = 0;
  while (start <= r.address.size()) {
    size_t bar = r.address.find('|', start);
    std::string one = r.address.substr(start, bar == std::string::npos ? std::string::npos : bar - start);
    auto colon = one.rfind(':');
    if (one.empty() || colon == std::string::npos || colon + 1 == one.size()) {
      throw std::runtime_error("route address needs host:port for each replica: " + text);
    }
    if (bar == std::string::npos) break;
    start = bar + 1;
  }
  ChannelTarget(r.address);  // validates replica lists
  return r;
}

std::string ChannelTarget(const std::string& address) {
  if (address.find('|') == std::string::npos) return "dns:///" + address;
  // Several replicas: gRPC's ipv4:/ipv6: schemes take a comma-separated list of literals.
  std::string list;
  bool v6 = address.front() == '[';
  for (char c : address) list.push_back(c == '|' ? ',' : c);
  for (size_t i = 0; i < address.size(); ++i) {
    char c = address[i];
    bool ok = v6 ? (std::isxdigit(static_cast<unsigned char>(c)) || c == ':' || c == '[' || c == ']' || c == '|')
                 : (std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == ':' || c == '|');
    if (!ok)
      throw std::runtime_error("replica lists take IP:port literals (use one DNS name for many hosts): " + address);
  }
  return (v6 ? "ipv6:" : "ipv4:") + list;
}

std::optional<std::string> ServiceOfMethod(const std::string& method) {
  if (method.size() < 4 || method[0] != '/') return std::nullopt;
  auto slash = method.find('/', 1);
  if (slash == std::string::npos || slash == 1 || slash + 1 == method.size()) return std::nullopt;
  return method.substr(1, slash - 1);
}

const google::protobuf::MethodDescriptor* LinkedMethod(const std::string& method) {
  auto service = ServiceOfMethod(method);
  if (!service) return nullptr;
  return google::protobuf::DescriptorPool::generated_pool()->FindMethodByName(*service + "." +
                                                                              method.substr(service->size() + 2));
}

Router::Router(const std::vector<Route>& routes, int max_message_bytes,
               std::shared_ptr<grpc::ChannelCredentials> credentials) {
  if (!credentials) credentials = grpc::InsecureChannelCredentials();
  for (const auto& r : routes) {
    grpc::ChannelArguments args;
    // Fail fast when a backend is down instead of queueing calls; retries belong to clients.
    args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 200);
    args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 2000);
    // Round robin over the replicas that are up and report SERVING (client-side health checks).
    args.SetServiceConfigJSON(R"({"loadBalancingConfig":[{"round_robin":{}}],"healthCheckConfig":{"serviceName":""}})");
    args.SetMaxReceiveMessageSize(max_message_bytes);
    args.SetMaxSendMessageSize(max_message_bytes);
    by_prefix_[r.prefix] = grpc::CreateCustomChannel(ChannelTarget(r.address), credentials, args);
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
