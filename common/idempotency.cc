#include "common/idempotency.h"

#include "common/crypto.h"
#include "common/errors.h"
#include "common/log.h"

namespace carehub {

void CheckRequestId(const std::string& id) {
  if (id.empty()) throw DomainError(ErrorCode::kInvalidArgument, "request_id", "is required (a client-made UUID)");
  if (id.size() < 8 || id.size() > 64) {
    throw DomainError(ErrorCode::kInvalidArgument, "request_id", "must be 8 to 64 characters");
  }
  for (char c : id) {
    bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_' ||
              c == '.' || c == ':';
    if (!ok) throw DomainError(ErrorCode::kInvalidArgument, "request_id", "may hold only letters, digits and -_.:");
  }
}

namespace {
// The stored answer of `key` (empty while its first call runs), nullopt when absent;
// ALREADY_EXISTS when the id was used for another body.
std::optional<std::string> Lookup(db::Tx& tx, const IdempotencyKey& key) {
  auto rows =
      tx.Query("SELECT method, request_hash, response FROM idempotency_keys WHERE subject = ? AND request_id = ?",
               {key.subject, key.request_id});
  if (rows.empty()) return std::nullopt;
  if (db::AsText(rows[0][0]) != key.method || db::AsText(rows[0][1]) != key.request_hash) {
    throw DomainError(ErrorCode::kAlreadyExists, "request_id", "was already used for a different request");
  }
  auto answer = crypto::Base64UrlDecode(db::AsText(rows[0][2]));
  if (!answer) throw std::runtime_error("stored idempotent answer is corrupt");
  return *answer;
}
}  // namespace

std::optional<std::string> StoredAnswer(db::Tx& tx, const IdempotencyKey& key) {
  auto answer = Lookup(tx, key);
  if (!answer || answer->empty()) return std::nullopt;  // new (or an empty answer: the normal path replays it)
  return answer;
}

std::optional<std::string> ClaimOrReplay(db::Tx& tx, const IdempotencyKey& key) {
  if (auto answer = Lookup(tx, key)) return answer;
  // A concurrent twin may claim it first: then the transaction runs again to return its answer.
  db::RetryOnDuplicate([&] {
    tx.Exec(
        "INSERT INTO idempotency_keys (subject, request_id, method, request_hash, response, created_at) "
        "VALUES (?, ?, ?, ?, '', ?)",
        {key.subject, key.request_id, key.method, key.request_hash, log::NowRfc3339()});
  });
  return std::nullopt;
}

void RememberAnswer(db::Tx& tx, const IdempotencyKey& key, const std::string& answer) {
  tx.Exec("UPDATE idempotency_keys SET response = ? WHERE subject = ? AND request_id = ?",
          {crypto::Base64UrlEncode(answer), key.subject, key.request_id});
}

std::string RunIdempotent(db::Database& db, const IdempotencyKey& key,
                          const std::function<std::string(db::Tx&)>& use_case) {
  std::string answer;
  db.Transact([&](db::Tx& tx) {
    if (auto replay = ClaimOrReplay(tx, key)) {
      answer = std::move(*replay);
      return;
    }
    answer = use_case(tx);
    RememberAnswer(tx, key, answer);
  });
  return answer;
}

}  // namespace carehub
