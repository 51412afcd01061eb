#pragma once
// Which backend serves a method: a route maps a service-name prefix ("carehub.registry") to its
// replicas; "/carehub.registry.v1.RegistryService/GetChild" goes to the longest matching prefix.
// Replicas are either one DNS name (every address it resolves to, e.g. a headless Kubernetes
// service or a scaled compose service) or IP:port literals joined by '|'. Calls are spread
// round-robin over the replicas that are connected and report SERVING on grpc.health.v1: a
// replica that turns NOT_SERVING (as ours do on SIGTERM) stops getting calls before it stops.
#include <google/protobuf/descriptor.h>
#include <grpcpp/grpcpp.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace carehub::gateway {

struct Route {
  std::string prefix;
  std::string address;  // host:port, or ip:port|ip:port|…
};

// Parses "prefix=host:port" or "prefix=ip:port|ip:port"; throws std::runtime_error when malformed.
Route ParseRoute(const std::string& text);
// The gRPC target for a route's address: "dns:///host:port" or "ipv4:a:p,b:p" / "ipv6:…".
std::string ChannelTarget(const std::string& address);
// "/pkg.Service/Method" → "pkg.Service"; nullopt when the name is malformed.
std::optional<std::string> ServiceOfMethod(const std::string& method);
// "/pkg.Service/Method" in the schemas linked into the gateway; nullptr when malformed or unknown.
const google::protobuf::MethodDescriptor* LinkedMethod(const std::string& method);

class Router {
 public:
  // `credentials`: how to reach the backends (TLS or plaintext); default plaintext.
  explicit Router(const std::vector<Route>& routes, int max_message_bytes = 16 * 1024 * 1024,
                  std::shared_ptr<grpc::ChannelCredentials> credentials = nullptr);
  // The channel for a full method name, or nullptr when no route serves it.
  std::shared_ptr<grpc::Channel> ChannelFor(const std::string& method) const;
  // Every route's prefix and channel, for health watching.
  const std::map<std::string, std::shared_ptr<grpc::Channel>>& channels() const { return by_prefix_; }

 private:
  std::map<std::string, std::shared_ptr<grpc::Channel>> by_prefix_;
};

}  // namespace carehub::gateway
