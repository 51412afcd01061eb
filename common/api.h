#pragma once
// What every service's api/ layer does alike between the request and its use case.
#include <google/protobuf/message.h>
#include <grpcpp/grpcpp.h>

#include <functional>
#include <string_view>

#include "common/caller.h"
#include "common/db/database.h"
#include "common/db/in_reach.h"
#include "common/idempotency.h"
#include "common/paging.h"

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

// A record id of the kind `prefix` names (pg, ch, vo …): INVALID_ARGUMENT on `field`, "is not
// <what>" (what: "a volunteer id (vo_…)"). CheckOptionalId lets an empty id pass (an unset filter).
void CheckId(const std::string& id, std::string_view prefix, const std::string& field, const std::string& what);
void CheckOptionalId(const std::string& id, std::string_view prefix, const std::string& field, const std::string& what);

// A list request's division filter: up to 12 digits (INVALID_ARGUMENT on division_prefix).
void CheckDivisionFilter(const std::string& filter);
// A period of China dates `from`..`to` (YYYY-MM-DD, inclusive; either may be empty unless
// `required`): INVALID_ARGUMENT on from / to for a missing or unreal date or a reversed range.
void CheckDateRange(const std::string& from, const std::string& to, bool required);

// Writes `data` to a server stream as `Chunk` messages (a `data` bytes field) of at most 64 KiB;
// false when the caller went away or cancelled (nothing more is worth writing).
template <typename Chunk>
bool WriteChunks(grpc::ServerContext* ctx, grpc::ServerWriter<Chunk>* writer, std::string_view data) {
  constexpr size_t kChunkBytes = 64 << 10;
  Chunk chunk;
  for (size_t at = 0; at < data.size(); at += kChunkBytes) {
    if (ctx->IsCancelled()) return false;
    chunk.set_data(std::string(data.substr(at, kChunkBytes)));
    if (!writer->Write(chunk)) return false;
  }
  return true;
}

// The start of a keyset page for a list of division-owned records: size rules, the token checked
// against the request's filters, the filter SQL. The rows come back one more than the page size.
struct Page {
  int size = 0;
  std::string filters;
  db::PageQuery query;
};
Page StartPage(int32_t page_size, const std::string& page_token, std::string filters, db::Filter sql);
// Trims the extra row and returns the next page's token ("" on the last page).
template <typename Record>
std::string FinishPage(std::vector<Record>& rows, const Page& page) {
  return NextPageToken(rows, page.size, page.filters, [](const Record& r) {
    return db::KeysetCursor{r.division_code, r.id}.Encode();
  });
}

}  // namespace carehub
