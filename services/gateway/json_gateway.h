#pragma once
// HTTP/JSON for systems that cannot speak gRPC: every unary method is reachable as
// `POST /v1/<package.Service>/<Method>` with a JSON body. The body is translated with
// protobuf's JSON utilities (unknown fields refused), admitted exactly like a gRPC call (API key
// or bearer token in the same headers, rate limits, role table) and forwarded to the backend;
// the answer comes back as JSON, errors as {"code": "NOT_FOUND", "message": "…"} with the
// matching HTTP status. Served by civetweb, the HTTP server prometheus-cpp already brings.
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "services/gateway/proxy.h"

class CivetServer;

namespace carehub::gateway {

// A timeout in gRPC's wire format ("1500m", "2S": digits and one of H M S m u n); nullopt when
// malformed.
std::optional<std::chrono::nanoseconds> ParseGrpcTimeout(std::string_view text);

class JsonGateway {
 public:
  struct Options {
    std::string listen;  // host:port
    int max_body_bytes = 0;
  };
  // Throws std::runtime_error when it cannot bind or read the certificate.
  JsonGateway(Proxy& proxy, const Options& options);
  ~JsonGateway();

  // The HTTP status for a gRPC code (the mapping grpc-gateway and Google APIs use).
  static int HttpStatusFor(grpc::StatusCode code);

 private:
  class Handler;
  Options options_;
  std::unique_ptr<Handler> handler_;
  std::unique_ptr<CivetServer> server_;
};

}  // namespace carehub::gateway
