#pragma once
// HTTP/JSON for systems that cannot speak gRPC: every unary method is reachable as
// `POST /v1/<package.Service>/<Method>` with a JSON body. The body is translated with
// protobuf's JSON utilities (unknown fields refused), admitted exactly like a gRPC call (API key
// or bearer token in the same headers, rate limits, role table) and forwarded to the backend;
// the answer comes back as JSON, errors as {"code": "NOT_FOUND", "message": "…"} with the
// matching HTTP status. Served by GNU libmicrohttpd (Debian libmicrohttpd-dev): event-driven,
// so slow clients hold no thread, with per-client connection limits and TLS through GnuTLS.
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "services/gateway/proxy.h"

namespace carehub::gateway {

// A timeout in gRPC's wire format ("1500m", "2S": digits and one of H M S m u n); nullopt when
// malformed.
std::optional<std::chrono::nanoseconds> ParseGrpcTimeout(std::string_view text);

class JsonGateway {
 public:
  struct Options {
    std::string listen;  // numeric host:port
    int max_body_bytes = 0;
    std::string tls_cert_file{}, tls_key_file{};  // set: HTTPS only (TLS 1.2 and 1.3)
  };
  // Throws std::runtime_error when it cannot bind or read the certificate.
  JsonGateway(Proxy& proxy, const Options& options);
  // Cancels the calls in flight and stops serving.
  ~JsonGateway();

  // The HTTP status for a gRPC code (the mapping grpc-gateway and Google APIs use).
  static int HttpStatusFor(grpc::StatusCode code);

 private:
  class Server;
  std::unique_ptr<Server> server_;
};

}  // namespace carehub::gateway
