#pragma once
// The registry's records and requests between protobuf and the domain, each mapping once.
#include <string>

#include "carehub/registry/v1/registry_service.pb.h"
#include "services/registry/app/people.h"
#include "services/registry/domain/child.h"
#include "services/registry/domain/woman.h"

namespace carehub::registry {

// A registration request as the domain rules read it (enum fields as raw wire numbers).
ChildApplication ApplicationFromProto(const v1::Child& c);
WomanApplication WomanFromProto(const v1::Woman& w);

// The fields an update mask names; INVALID_ARGUMENT on update_mask for identity fields,
// unknown fields or an empty mask.
ChildChanges ChildChangesFromMask(const v1::UpdateChildRequest& req);
WomanChanges WomanChangesFromMask(const v1::UpdateWomanRequest& req);

// `revealed`: the opened identifiers for callers holding `pii` (already audited), else masked.
void ToProto(const ChildRecord& r, v1::Child* out, const OpenedIdentity* revealed = nullptr);
void ToProto(const WomanRecord& r, v1::Woman* out, const OpenedIdentity* revealed = nullptr);
void ToProto(const Screening& s, v1::Screening* out);
void ToProto(const HistoryEntry& h, v1::StatusChange* out);

}  // namespace carehub::registry
