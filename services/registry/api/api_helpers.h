#pragma once
// What the registry's RPCs for children and women do alike around their use cases: list
// pages, answers that reveal identifiers to `pii` callers, id checks and import streams.
#include <grpcpp/grpcpp.h>

#include <string>
#include <vector>

#include "carehub/registry/v1/registry_service.grpc.pb.h"
#include "common/api.h"
#include "common/db/in_reach.h"
#include "common/errors.h"
#include "common/ids.h"
#include "common/paging.h"
#include "services/registry/api/person_proto.h"
#include "services/registry/app/children_app.h"
#include "services/registry/app/women_app.h"
#include "services/registry/domain/permissions.h"
#include "services/registry/import/bulk_import.h"

namespace carehub::registry::api {

// The protobuf message of a register's records.
template <typename Kind>
struct ProtoOfKind;
template <>
struct ProtoOfKind<ChildKind> {
  using type = v1::Child;
};
template <>
struct ProtoOfKind<WomanKind> {
  using type = v1::Woman;
};
template <typename Kind>
using ProtoOf = typename ProtoOfKind<Kind>::type;

std::string CheckNamePrefix(const std::string& prefix);
// An enum filter's wire number within 0..max; INVALID_ARGUMENT on `field` otherwise.
int CheckEnumFilter(int value, int max, const std::string& field, const char* kind);

// Records as protobuf, with identifiers opened (and audited) for callers who hold `pii`.
template <typename App, typename Record, typename Out>
void ShowAll(const App& app, const Caller& caller, const std::vector<Record>& rows, Out* out) {
  std::vector<OpenedIdentity> opened;
  if (SeesIdentifiers(caller)) opened = app.Reveal(caller, rows);
  for (size_t i = 0; i < rows.size(); ++i) ToProto(rows[i], out->Add(), opened.empty() ? nullptr : &opened[i]);
}

// Get<Kind>: one person inside the caller's reach (NOT_FOUND otherwise, as if never
// registered), identifiers opened for `pii` callers.
template <typename Kind, typename App, typename Resp>
void ShowOne(const App& app, const Caller& caller, const std::string& id, Resp* resp) {
  RequireRead(caller);
  CheckId(id, Kind::kIdPrefix, "id", Kind::kIdDescription);
  auto record = app.Get(caller, id);
  if (!record) Throw(ErrorCode::kNotFound, "id", Kind::kNotFound);
  google::protobuf::RepeatedPtrField<Resp> one;
  ShowAll(app, caller, std::vector{*record}, &one);
  resp->Swap(&one[0]);
}

// A change to one person, once per request_id: the caller may change people, the id names one
// of this register (INVALID_ARGUMENT on `id_field`), and `use_case(tx)` runs in the idempotent
// transaction; its record is the answer.
template <typename Kind, typename UseCase>
void ChangeOnce(db::Database& db, const Caller& caller, const google::protobuf::Message& req, std::string_view method,
                const std::string& id, const std::string& id_field, google::protobuf::Message* resp,
                const UseCase& use_case) {
  RequireRegister(caller);
  auto key = IdempotencyKeyOf(caller, req, method);
  CheckId(id, Kind::kIdPrefix, id_field, Kind::kIdDescription);
  AnswerOnce(db, key, resp, [&](db::Tx& tx) { ToProto(use_case(tx), static_cast<ProtoOf<Kind>*>(resp)); });
}

// Create<Kind>: validates the person in the request (`has` it, under `field`), prepares it
// outside any transaction and registers it once per request_id.
template <typename Kind, typename App, typename Validate>
void RegisterOnce(db::Database& db, const App& app, const Caller& caller, const google::protobuf::Message& req,
                  std::string_view method, bool has, ProtoOf<Kind>* resp, const Validate& validate) {
  RequireRegister(caller);
  auto key = IdempotencyKeyOf(caller, req, method);
  if (!has) ThrowInvalid(Kind::kType, "is required");
  auto person = app.Prepare(caller, validate());
  AnswerOnce(db, key, resp, [&](db::Tx& tx) { ToProto(app.Register(tx, caller, person), resp); });
}

// Feeds the streamed file to `run` and reports what became of its rows. Only a stream that ends
// with its `last` chunk is finished: the last row is parsed and the last batch stored only then,
// so a stream cut short (cancelled, expired, half-closed by a proxy for a client that went away)
// stores nothing it did not receive whole. Batches stored before stay: a re-run completes them.
template <typename Valid>
void RunImportStream(grpc::ServerContext* ctx, grpc::ServerReader<v1::ImportChunk>* reader, BulkImport<Valid>& run,
                     v1::ImportSummary* resp) {
  v1::ImportChunk chunk;
  bool whole = false;
  while (!whole && reader->Read(&chunk)) {
    run.Feed(chunk.data());
    whole = chunk.last();
  }
  if (!whole || ctx->IsCancelled()) {
    Throw(ErrorCode::kAborted, "", "the file ended before its last chunk; send the file again to complete it");
  }
  ImportSummary s = run.Finish();
  resp->set_rows(s.rows);
  resp->set_created(s.created);
  resp->set_already_registered(s.already_registered);
  resp->set_rejected(s.rejected);
  for (auto& r : s.rejections) {
    auto* out = resp->add_rejections();
    out->set_line(r.line);
    out->set_field(std::move(r.field));
    out->set_reason(std::move(r.reason));
  }
}

}  // namespace carehub::registry::api
