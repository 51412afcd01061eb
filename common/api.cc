#include "common/api.h"

#include "common/ids.h"

#include <stdexcept>

#include "common/errors.h"
#include "common/proto_util.h"
#include "common/resident_id.h"
#include "common/text.h"

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

void CheckId(const std::string& id, std::string_view prefix, const std::string& field, const std::string& what) {
  if (!IsValidId(id, prefix)) ThrowInvalid(field, "is not " + what);
}

void CheckOptionalId(const std::string& id, std::string_view prefix, const std::string& field,
                     const std::string& what) {
  if (!id.empty()) CheckId(id, prefix, field, what);
}

void CheckDivisionFilter(const std::string& filter) {
  if (!filter.empty() && (filter.size() > 12 || !text::IsDigits(filter))) {
    ThrowInvalid("division_prefix", "must be up to 12 digits");
  }
}

void CheckDateRange(const std::string& from, const std::string& to, bool required) {
  if (required && from.empty()) ThrowInvalid("from", "is required (YYYY-MM-DD)");
  if (required && to.empty()) ThrowInvalid("to", "is required (YYYY-MM-DD)");
  if (!from.empty() && !ParseDate(from)) ThrowInvalid("from", "must be a date (YYYY-MM-DD)");
  if (!to.empty() && !ParseDate(to)) ThrowInvalid("to", "must be a date (YYYY-MM-DD)");
  if (!from.empty() && !to.empty() && to < from) ThrowInvalid("to", "must not be before from");
}

Page StartPage(int32_t page_size, const std::string& page_token, std::string filters, db::Filter sql) {
  Page p;
  p.size = ResolvePageSize(page_size);
  p.filters = std::move(filters);
  p.query.after = db::KeysetCursor::Decode(DecodePageToken(page_token, p.filters));
  p.query.limit = p.size + 1;  // one more tells whether another page follows
  p.query.filter = std::move(sql);
  return p;
}

}  // namespace carehub
