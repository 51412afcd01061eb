#pragma once
// Request-id idempotency for mutating calls: a repeat with the same request_id and the same
// body returns the first answer; the same id with another body is ALREADY_EXISTS. Keys are
// per principal subject, so one client's ids never collide with another's. Each service keeps
// an `idempotency_keys` table in its own schema (see its migrations).
#include <functional>
#include <optional>
#include <string>

#include "common/db/database.h"

namespace carehub {

struct IdempotencyKey {
  std::string subject;
  std::string request_id;
  std::string method;
  std::string request_hash;  // hex SHA-256 of the request without its request_id
};

// Validates request_id (required; 8..64 characters of [A-Za-z0-9-_.:]); DomainError otherwise.
void CheckRequestId(const std::string& request_id);

// Inside the caller's transaction: the stored answer for a replay, nullopt for a new request
// (which is claimed: a concurrent twin waits for this transaction, then sees its answer).
std::optional<std::string> ClaimOrReplay(db::Tx& tx, const IdempotencyKey& key);
// The stored answer of a request already answered, without claiming anything (nullopt when it
// is new or still running); ALREADY_EXISTS when the id was used for another body.
std::optional<std::string> StoredAnswer(db::Tx& tx, const IdempotencyKey& key);
// Stores the answer for a request claimed in the same transaction.
void RememberAnswer(db::Tx& tx, const IdempotencyKey& key, const std::string& answer);

// The idempotent transaction every mutating call runs in: claims `key`, runs `use_case` on the
// open transaction and stores the answer it returns, all committed together. A replay (or a
// concurrent twin, once the first commits) gets the first answer without running the use case.
std::string RunIdempotent(db::Database& db, const IdempotencyKey& key,
                          const std::function<std::string(db::Tx&)>& use_case);

}  // namespace carehub
