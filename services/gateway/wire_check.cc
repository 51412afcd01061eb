#include "services/gateway/wire_check.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/wire_format_lite.h>

#include "common/text.h"

namespace carehub::gateway {
namespace {

namespace pb = google::protobuf;
using WireFormatLite = pb::internal::WireFormatLite;

// Walks one message; `depth` bounds recursion as protobuf's own parser does.
std::optional<std::string> Walk(const pb::Descriptor& type, std::string_view bytes, int depth) {
  if (depth > 64) return std::nullopt;
  pb::io::CodedInputStream in(reinterpret_cast<const uint8_t*>(bytes.data()), static_cast<int>(bytes.size()));
  while (uint32_t tag = in.ReadTag()) {
    const pb::FieldDescriptor* field = type.FindFieldByNumber(static_cast<int>(WireFormatLite::GetTagFieldNumber(tag)));
    bool length_delimited = WireFormatLite::GetTagWireType(tag) == WireFormatLite::WIRETYPE_LENGTH_DELIMITED;
    bool string_field = field && field->type() == pb::FieldDescriptor::TYPE_STRING;
    bool message_field = field && field->type() == pb::FieldDescriptor::TYPE_MESSAGE;
    if (!length_delimited || !(string_field || message_field)) {
      if (!WireFormatLite::SkipField(&in, tag)) return std::nullopt;
      continue;
    }
    uint32_t length = 0;
    std::string value;
    if (!in.ReadVarint32(&length) || !in.ReadString(&value, static_cast<int>(length))) return std::nullopt;
    if (string_field && !text::IsValidUtf8(value)) return field->name();
    if (message_field) {
      if (auto inner = Walk(*field->message_type(), value, depth + 1)) return field->name() + "." + *inner;
    }
  }
  return std::nullopt;
}

}  // namespace

std::string BytesOf(const grpc::ByteBuffer& buffer) {
  std::vector<grpc::Slice> slices;
  std::string bytes;
  if (!buffer.Dump(&slices).ok()) return bytes;
  for (const auto& s : slices) bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
  return bytes;
}

grpc::ByteBuffer BufferOf(const std::string& bytes) {
  grpc::Slice slice(bytes);
  return grpc::ByteBuffer(&slice, 1);
}

std::optional<std::string> FirstNonUtf8Field(const google::protobuf::Descriptor& type, std::string_view bytes) {
  return Walk(type, bytes, 0);
}

}  // namespace carehub::gateway
