#pragma once
// One backend calling another on a caller's behalf (DESIGN.md, Services): the caller's
// principal re-signed naming this service as the relay, the request id and the W3C traceparent
// passed on, the caller's
// remaining deadline, and a bounded retry on UNAVAILABLE. The gateway signs its calls with the
// same AttachPrincipal.
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "common/caller.h"
#include "common/principal.h"

namespace carehub {

// Adds the signed principal and its trace id to an outgoing call's metadata.
void AttachPrincipal(grpc::ClientContext& ctx, const Principal& principal, std::string_view internal_key);

struct RetryPolicy {
  int max_attempts = 3;  // UNAVAILABLE is tried again up to this many times in all
  // Before the second attempt; doubles after each. Together they outlast one reconnect of a peer
  // channel (100 ms, common/backend.cc), so a peer that just came back is reached.
  std::chrono::milliseconds backoff{100};
  std::chrono::milliseconds default_deadline{10000};  // when the caller has none
};

class ServiceClient {
 public:
  // `self`: this service's name ("carehub-funds"), which the callee sees as the relay.
  ServiceClient(std::string self, std::shared_ptr<grpc::Channel> channel, std::string internal_key,
                RetryPolicy retry = {});

  // Runs `attempt` (one RPC on the context it is given) on the caller's behalf until it returns
  // anything but UNAVAILABLE, the attempts run out, or too little of the deadline is left.
  grpc::Status Call(const Caller& caller, const std::function<grpc::Status(grpc::ClientContext&)>& attempt) const;

  const std::shared_ptr<grpc::Channel>& channel() const { return channel_; }

 private:
  std::string self_;
  std::shared_ptr<grpc::Channel> channel_;
  std::string internal_key_;
  RetryPolicy retry_;
};

}  // namespace carehub
