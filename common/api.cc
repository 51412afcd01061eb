#include "common/api.h"

#include <stdexcept>

#include "common/proto_util.h"

namespace carehub {

IdempotencyKey IdempotencyKeyOf(const Caller& caller, const google::protobuf::Message& request,
                                std::string_view method) {
  const auto* field = request.GetDescriptor()->FindFieldByName("request_id");
  if (!field) throw std::logic_error(request.GetTypeName() + " has no request_id");
  std::string request_id = request.GetReflection()->GetString(request, field);
  CheckRequestId(request_id);
  return {caller.subject, std::move(request_id), std::string(method), RequestFingerprint(request)};
}

bool AnswerReplay(db::Database& db, const IdempotencyKey& key, google::protobuf::Message* response) {
  std::optional<std::string> stored;
  db.Read([&](db::Tx& tx) { stored = StoredAnswer(tx, key); });
  if (!stored) return false;
  if (!response->ParseFromString(*stored)) throw std::runtime_error("stored answer does not parse");
  return true;
}

void AnswerOnce(db::Database& db, const IdempotencyKey& key, google::protobuf::Message* response,
                const std::function<void(db::Tx&)>& use_case) {
  std::string answer = RunIdempotent(db, key, [&](db::Tx& tx) {
    response->Clear();
    use_case(tx);
    return response->SerializeAsString();
  });
  if (!response->ParseFromString(answer)) throw std::runtime_error("stored answer does not parse");
}

}  // namespace carehub
