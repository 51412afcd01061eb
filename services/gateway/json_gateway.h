#pragma once
// HTTP/JSON for systems that cannot speak gRPC: every unary method is reachable as
// `POST /v1/<package.Service>/<Method>` with a JSON body. The body is translated with
// protobuf's JSON utilities (unknown fields refused), admitted exactly like a gRPC call (API key
// or bearer token in the same headers, rate limits, role table) and forwarded to the backend;
// the answer comes back as JSON, errors as {"code": "NOT_FOUND", "message": "…"} with the
// matching HTTP status. Served by civetweb, the HTTP server prometheus-cpp already brings.
#include <memory>
#include <string>

#include "services/gateway/proxy.h"

class CivetServer;

namespace carehub::gateway {

class JsonGateway {
 public:
  // `listen`: host:port. Throws std::runtime_error when it cannot bind.
  JsonGateway(Proxy& proxy, const std::string& listen, int max_body_bytes);
  ~JsonGateway();

  // The HTTP status for a gRPC code (the mapping grpc-gateway and Google APIs use).
  static int HttpStatusFor(grpc::StatusCode code);

 private:
  class Handler;
  std::unique_ptr<Handler> handler_;
  std::unique_ptr<CivetServer> server_;
};

}  // namespace carehub::gateway
