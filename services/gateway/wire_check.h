#pragma once
// Finds what a backend could not parse in a request. A backend answers a message it cannot
// deserialise with INTERNAL and no message (gRPC's generated code, before any CareHub code
// runs); the usual cause is a string field holding bytes that are not UTF-8, which proto3
// refuses. The gateway walks the request's wire format against the linked schema, only on that
// failure, and names the field, so the caller gets INVALID_ARGUMENT it can act on.
#include <google/protobuf/descriptor.h>
#include <grpcpp/support/byte_buffer.h>

#include <optional>
#include <string>
#include <string_view>

namespace carehub::gateway {

// The dotted path of the first string field in `bytes` (a serialised `type`) whose value is not
// UTF-8 ("child.guardian.name"), or nullopt when every string is UTF-8 (or the bytes are not
// a `type` at all).
std::optional<std::string> FirstNonUtf8Field(const google::protobuf::Descriptor& type, std::string_view bytes);

// A message's bytes as one string (a ByteBuffer may hold them in several slices); "" when unreadable.
std::string BytesOf(const grpc::ByteBuffer& buffer);
// `bytes` as a message buffer (one slice, copied).
grpc::ByteBuffer BufferOf(const std::string& bytes);

}  // namespace carehub::gateway
