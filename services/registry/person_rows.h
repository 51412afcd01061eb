#pragma once
// The storage patterns children and women share: one record per person (the blind-index
// identity), reach as a division-code range in every query, keyset pages, locked changes.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/audit.h"
#include "common/crypto.h"
#include "common/db/database.h"
#include "common/idempotency.h"

namespace carehub::registry {

// Keyset position: the last (division_code, id) a page ended on; empty for the first page.
struct PersonCursor {
  std::string division_code;
  std::string id;
};

// One register's table: its name, its column list (id first, then division_code... as the
// store reads them) and what a missing record is called in errors ("no such child").
struct PersonTable {
  std::string table;
  std::string columns;
  std::string not_found;  // message for NOT_FOUND on "id"
};

// What a status change does, decided by the domain rules from the record as stored.
struct Transition {
  int to_status;
  int reason;
  std::string note;
  std::string action;  // audit action, e.g. "child.exit"
};

// The record's status as a status change sees it.
struct StatusOf {
  std::string id, division_code;
  int status = 0, exit_reason = 0;
  int64_t version = 0;
};

// Applies `t` to the record in `table` (ABORTED when its version moved), keeps the history entry
// (who, when, why) and the audit event (`record_type`, before/after status): one status change
// of either register, inside the caller's transaction.
void ApplyStatusChange(db::Tx& tx, const std::string& table, const std::string& record_type, const StatusOf& before,
                       const Transition& t, const std::string& actor, const std::string& request_id);

// A change of a field the history keeps (a child's category or risk level, a woman's hardship
// categories): who, when, why, from and to. Nothing is written when `from` equals `to`.
struct FieldChange {
  std::string person_id;
  int status = 0;
  std::string field;
  int from = 0, to = 0;
};
void RecordFieldChange(db::Tx& tx, const FieldChange& c, const std::string& note, const std::string& actor,
                       const std::string& request_id);

// Upper bound for "starts with prefix" as a range scan: division codes are digits and ':'
// sorts right after '9', so [prefix, prefix + ":") holds exactly the codes with that prefix
// and both backends use the (division_code, id) index for it.
inline std::string PrefixEnd(const std::string& prefix) { return prefix + ":"; }

// Claims the person's identity for `person_id`; ALREADY_EXISTS on `id_field` when the ID number
// is registered already (as a child or a woman).
void ClaimIdentity(db::Tx& tx, const std::string& id_index, const std::string& person_id, const std::string& id_field);

// Registers one person once per idempotency key: claims the identity (ALREADY_EXISTS on
// `id_field`), inserts `row` with `insert`, records `event`, and stores `render()` as the answer
// replays get; all in one transaction. Returns the answer (the first one, for a replay).
std::string RegisterOne(db::Database& db, const IdempotencyKey& key, const std::string& id_index,
                        const std::string& person_id, const std::string& id_field, const std::string& insert,
                        size_t columns, const std::vector<db::Value>& row, const AuditEvent& event,
                        const std::function<std::string()>& render);

// Registers a batch in one transaction: people whose index is already taken (or repeats within
// the batch) are skipped; for each other one `add(i, values, events)` appends its row (in
// `insert`'s column order) and audit events. Returns, per person, whether it was registered.
std::vector<bool> RegisterPeople(db::Database& db, const std::vector<db::Value>& id_indexes,
                                 const std::vector<std::string>& person_ids, const std::string& insert,
                                 size_t columns,
                                 const std::function<void(size_t, std::vector<db::Value>&, std::vector<AuditEvent>&)>& add);

// A stored person's sealed identifiers, and the same opened.
struct SealedIdentity {
  std::string id, division_code, number_cipher, mobile_cipher;
};
struct OpenedIdentity {
  std::string resident_id_number, mobile;
};
// Records that `actor` is about to see these people's identifiers unmasked, one
// `<record_type>.read_unmasked` event each, committed before any of them is opened and returned.
std::vector<OpenedIdentity> RevealAudited(db::Database& db, const crypto::PiiCipher& cipher,
                                          const std::string& record_type, const std::vector<SealedIdentity>& people,
                                          const std::string& actor, const std::string& request_id);

// The row of `id` when it lies inside `reach_prefix`.
std::optional<db::Row> GetInReach(db::Database& db, const PersonTable& t, const std::string& id,
                                  const std::string& reach_prefix);

// Rows whose division starts with `prefix`, after `after`, ordered by (division_code, id), with
// `extra_sql` (" AND …") narrowing them.
std::vector<db::Row> ListInReach(db::Database& db, const PersonTable& t, const std::string& prefix,
                                 const PersonCursor& after, int limit, const std::string& extra_sql,
                                 const std::vector<db::Value>& extra);

// One change to one record: claims the idempotency key (or returns the stored answer), locks the
// record inside `reach_prefix` (NOT_FOUND on "id" otherwise), runs `change` and stores the
// answer it returns, all in one transaction.
std::string ChangeInReach(db::Database& db, const PersonTable& t, const std::string& id,
                          const std::string& reach_prefix, const IdempotencyKey& key,
                          const std::function<std::string(db::Tx&, const db::Row&)>& change);

}  // namespace carehub::registry
