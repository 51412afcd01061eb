#pragma once
// What the registry keeps for every person, child or woman: the one-record-per-person identity
// index and the history of status and field changes. SQL only; every function runs on the
// caller's open transaction.
#include <string>
#include <vector>

#include "common/db/database.h"
#include "services/registry/domain/person.h"

namespace carehub::registry::store {

// Claims the person's identity (blind index of the ID number) for `person_id`; ALREADY_EXISTS
// on `id_field` when the ID number is registered already, as a child or a woman.
void ClaimIdentity(db::Tx& tx, const std::string& id_index, const std::string& person_id, const std::string& id_field);

// Claims identities for a batch: per person, whether it was new (a person already registered,
// or named twice in the batch, is left alone).
std::vector<bool> ClaimIdentities(db::Tx& tx, const std::vector<std::string>& id_indexes,
                                  const std::vector<std::string>& person_ids);

void AppendHistory(db::Tx& tx, const HistoryEntry& e);

// The change feed: appended in the transaction of the change; read after a sequence number,
// inside a reach, oldest first. Appending takes the feed's counter row, so the rest of the
// transaction holds it: append as late as the transaction allows.
void AppendChange(db::Tx& tx, const PersonChange& c);
std::vector<PersonChange> ChangesAfter(db::Tx& tx, int64_t after, const std::string& reach, int limit);
// A person's history, oldest first.
std::vector<HistoryEntry> History(db::Tx& tx, const std::string& person_id);

}  // namespace carehub::registry::store
