#include "common/rpc.h"

#include <chrono>

#include "common/db/database.h"
#include "common/log.h"
#include "common/metrics.h"

namespace carehub {
namespace {

std::string_view Metadata(const grpc::ServerContext& ctx, const char* key) {
  const auto& md = ctx.client_metadata();
  auto it = md.find(key);
  if (it == md.end()) return {};
  return std::string_view(it->second.data(), it->second.size());
}

grpc::StatusCode CodeOf(ErrorCode c) {
  switch (c) {
    case ErrorCode::kInvalidArgument:
      return grpc::StatusCode::INVALID_ARGUMENT;
    case ErrorCode::kNotFound:
      return grpc::StatusCode::NOT_FOUND;
    case ErrorCode::kAlreadyExists:
      return grpc::StatusCode::ALREADY_EXISTS;
    case ErrorCode::kFailedPrecondition:
      return grpc::StatusCode::FAILED_PRECONDITION;
    case ErrorCode::kPermissionDenied:
      return grpc::StatusCode::PERMISSION_DENIED;
    case ErrorCode::kUnauthenticated:
      return grpc::StatusCode::UNAUTHENTICATED;
    case ErrorCode::kResourceExhausted:
      return grpc::StatusCode::RESOURCE_EXHAUSTED;
    case ErrorCode::kAborted:
      return grpc::StatusCode::ABORTED;
    case ErrorCode::kUnavailable:
      return grpc::StatusCode::UNAVAILABLE;
    case ErrorCode::kInternal:
      return grpc::StatusCode::INTERNAL;
  }
  return grpc::StatusCode::INTERNAL;
}

bool RelayAllowed(const RpcEnv& env, const std::string& via, std::string_view method) {
  auto it = env.relayed_methods.find(via);
  return it != env.relayed_methods.end() && it->second.count(std::string(method)) > 0;
}

}  // namespace

const char* StatusCodeName(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK:
      return "OK";
    case grpc::StatusCode::CANCELLED:
      return "CANCELLED";
    case grpc::StatusCode::UNKNOWN:
      return "UNKNOWN";
    case grpc::StatusCode::INVALID_ARGUMENT:
      return "INVALID_ARGUMENT";
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return "DEADLINE_EXCEEDED";
    case grpc::StatusCode::NOT_FOUND:
      return "NOT_FOUND";
    case grpc::StatusCode::ALREADY_EXISTS:
      return "ALREADY_EXISTS";
    case grpc::StatusCode::PERMISSION_DENIED:
      return "PERMISSION_DENIED";
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return "RESOURCE_EXHAUSTED";
    case grpc::StatusCode::FAILED_PRECONDITION:
      return "FAILED_PRECONDITION";
    case grpc::StatusCode::ABORTED:
      return "ABORTED";
    case grpc::StatusCode::OUT_OF_RANGE:
      return "OUT_OF_RANGE";
    case grpc::StatusCode::UNIMPLEMENTED:
      return "UNIMPLEMENTED";
    case grpc::StatusCode::INTERNAL:
      return "INTERNAL";
    case grpc::StatusCode::UNAVAILABLE:
      return "UNAVAILABLE";
    case grpc::StatusCode::DATA_LOSS:
      return "DATA_LOSS";
    case grpc::StatusCode::UNAUTHENTICATED:
      return "UNAUTHENTICATED";
    default:
      return "UNKNOWN";
  }
}

grpc::Status ToGrpcStatus(const DomainError& e) { return grpc::Status(CodeOf(e.code()), e.Describe()); }

std::optional<Principal> PrincipalFromMetadata(const grpc::ServerContext& ctx, std::string_view key) {
  auto payload = Metadata(ctx, kPrincipalHeader);
  auto sig = Metadata(ctx, kPrincipalSignatureHeader);
  if (payload.empty() || sig.empty()) return std::nullopt;
  return VerifyPrincipal(payload, sig, key, std::chrono::system_clock::now());
}

grpc::Status RunRpc(grpc::ServerContext* ctx, std::string_view method, const RpcEnv& env,
                    const std::function<grpc::Status(const Caller&)>& handler) {
  auto start = std::chrono::steady_clock::now();
  const TraceContext trace = TraceContext::ContinueOrStart(Metadata(*ctx, kTraceparentHeader));
  TraceScope in_span(trace);  // the handler's log lines and this call's carry its trace
  std::optional<Principal> principal = PrincipalFromMetadata(*ctx, env.internal_key);
  grpc::Status status;
  std::string internal_detail;
  if (!principal) {
    status = grpc::Status(grpc::StatusCode::UNAUTHENTICATED,
                          "missing or invalid caller credentials; call through the CareHub gateway");
  } else if (!principal->on_behalf_of.empty() && !RelayAllowed(env, principal->on_behalf_of, method)) {
    status = grpc::Status(grpc::StatusCode::PERMISSION_DENIED,
                          principal->on_behalf_of + " may not call " + std::string(method) + " on a caller's behalf");
  } else {
    try {
      Caller caller = Caller::From(*principal, ctx->deadline());
      caller.trace = trace;
      status = handler(caller);
    } catch (const DomainError& e) {
      status = ToGrpcStatus(e);
    } catch (const db::DbError& e) {
      internal_detail = e.what();
      if (e.kind() == db::DbError::Kind::kUnavailable || e.kind() == db::DbError::Kind::kRetryable) {
        status = grpc::Status(grpc::StatusCode::UNAVAILABLE, "database unavailable; retry later");
      } else {
        status = grpc::Status(grpc::StatusCode::INTERNAL, "internal error");
      }
    } catch (const std::exception& e) {
      internal_detail = e.what();
      status = grpc::Status(grpc::StatusCode::INTERNAL, "internal error");
    } catch (...) {
      internal_detail = "unknown exception";
      status = grpc::Status(grpc::StatusCode::INTERNAL, "internal error");
    }
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const char* code = StatusCodeName(status.error_code());
  if (env.metrics) env.metrics->ObserveRpc(method, code, seconds);
  nlohmann::json fields = {
      {"method", method},
      {"status", code},
      {"latency_ms", seconds * 1000.0},
      {"request_id", principal ? principal->trace_id : std::string(Metadata(*ctx, kRequestIdHeader))},
      {"principal", principal ? principal->subject : ""},
  };
  if (principal && !principal->on_behalf_of.empty()) fields["on_behalf_of"] = principal->on_behalf_of;
  if (!trace.parent_span_id.empty()) fields["parent_span_id"] = trace.parent_span_id;
  // Server-side detail goes to our log only (it may hold SQL); the caller sees a generic message.
  if (!internal_detail.empty()) fields["error"] = internal_detail;
  if (status.error_code() == grpc::StatusCode::INTERNAL)
    log::Error("rpc", fields);
  else
    log::Info("rpc", fields);
  return status;
}

grpc::Status ServeRpc(grpc::ServerContext* ctx, std::string_view service, std::string_view method, const RpcEnv& env,
                      const std::function<void(const Caller&)>& handler) {
  std::string full = "/" + std::string(service) + "/" + std::string(method);
  return RunRpc(ctx, full, env, [&](const Caller& c) {
    handler(c);
    return grpc::Status::OK;
  });
}

}  // namespace carehub
