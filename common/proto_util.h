#pragma once
#include <google/protobuf/message.h>

#include <string>

namespace carehub {

// Hex SHA-256 of the message serialised deterministically with its `request_id` field cleared:
// two requests with equal bodies hash alike whatever their request ids.
std::string RequestFingerprint(const google::protobuf::Message& request);

}  // namespace carehub
