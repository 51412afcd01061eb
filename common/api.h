#pragma once
// What every service's api/ layer does alike between the request and its use case.
#include <google/protobuf/message.h>

#include <functional>
#include <string_view>

#include "common/caller.h"
#include "common/db/database.h"
#include "common/idempotency.h"

namespace carehub {

// The idempotency key of a mutating request: its `request_id` field (checked: INVALID_ARGUMENT
// on request_id), the caller's subject, the method and a fingerprint of the rest of the body.
IdempotencyKey IdempotencyKeyOf(const Caller& caller, const google::protobuf::Message& request,
                                std::string_view method);

// Answers a replay from the stored first answer without running anything (true), so a replay
// needs nothing the first call needed (another service, say); false for a request not seen yet.
// The same request_id with another body is ALREADY_EXISTS.
bool AnswerReplay(db::Database& db, const IdempotencyKey& key, google::protobuf::Message* response);

// Runs `use_case` (which fills `response`) in the idempotent transaction of `key`; a replay is
// answered with the first response, byte for byte, and runs nothing.
void AnswerOnce(db::Database& db, const IdempotencyKey& key, google::protobuf::Message* response,
                const std::function<void(db::Tx&)>& use_case);

}  // namespace carehub
