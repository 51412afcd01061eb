#pragma once
// Which backend serves a method: a route maps a service-name prefix ("carehub.registry") to an
// address; "/carehub.registry.v1.RegistryService/GetChild" goes to the longest matching prefix.
#include <grpcpp/grpcpp.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace carehub::gateway {

struct Route {
  std::string prefix;
  std::string address;
};

// Parses "prefix=host:port"; throws std::runtime_error on a malformed route.
Route ParseRoute(const std::string& text);
// "/pkg.Service/Method" → "pkg.Service"; nullopt when the name is malformed.
std::optional<std::string> ServiceOfMethod(const std::string& method);

class Router {
 public:
  explicit Router(const std::vector<Route>& routes, int max_message_bytes = 16 * 1024 * 1024);
  // The channel for a full method name, or nullptr when no route serves it.
  std::shared_ptr<grpc::Channel> ChannelFor(const std::string& method) const;

 private:
  std::map<std::string, std::shared_ptr<grpc::Channel>> by_prefix_;
};

}  // namespace carehub::gateway
