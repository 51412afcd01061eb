#pragma once
// Domain errors: what went wrong in the language of the API, free of gRPC so domain code and
// stores can raise them; rpc.cc maps them to gRPC status codes at the boundary.
#include <optional>
#include <stdexcept>
#include <string>

namespace carehub {

enum class ErrorCode {
  kInvalidArgument,
  kNotFound,
  kAlreadyExists,
  kFailedPrecondition,
  kPermissionDenied,
  kUnauthenticated,
  kResourceExhausted,
  kAborted,
  kUnavailable,
  kInternal,
};

struct FieldError {
  std::string field;    // request field path, e.g. "child.resident_id_number"
  std::string message;  // for the caller; never SQL, stack text or the offending PII value
};

// Thrown inside a service and caught at the RPC boundary (never crosses it).
class DomainError : public std::runtime_error {
 public:
  DomainError(ErrorCode code, std::string field, const std::string& message)
      : std::runtime_error(message), code_(code), field_(std::move(field)) {}
  DomainError(ErrorCode code, const FieldError& e) : DomainError(code, e.field, e.message) {}

  ErrorCode code() const { return code_; }
  const std::string& field() const { return field_; }
  // "field: message", or the message alone when no field applies.
  std::string Describe() const;

 private:
  ErrorCode code_;
  std::string field_;
};

// The one way a rule refuses a request: INVALID_ARGUMENT naming the request field at fault.
[[noreturn]] void ThrowInvalid(const std::string& field, const std::string& why);
// Any other refusal, with the field it concerns ("" for the call as a whole).
[[noreturn]] void Throw(ErrorCode code, const std::string& field, const std::string& why);

inline void ThrowIf(const std::optional<FieldError>& e, ErrorCode code = ErrorCode::kInvalidArgument) {
  if (e) throw DomainError(code, *e);
}

}  // namespace carehub
