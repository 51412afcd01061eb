#pragma once
// Children in the database: encrypted identifiers, blind-index uniqueness, reach in every query.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/crypto.h"
#include "common/db/database.h"
#include "common/idempotency.h"
#include "services/registry/child.h"
#include "services/registry/person_rows.h"

namespace carehub::registry {

// A stored child as responses show it: identifiers masked, never decrypted here.
struct ChildRecord {
  std::string id;
  std::string name;
  int sex = 0;
  std::string birth_date;
  std::string id_number_masked;
  std::string division_code;
  int category = 0;
  std::string guardian_name;
  int guardian_relation = 0;
  std::string guardian_mobile_masked;
  std::string created_at;
  std::string created_by;
  int status = 1;
  int exit_reason = 0;
  int64_t version = 1;
  std::string address;
  std::string school;
  std::vector<int> hardship_reasons;
  int father_location = 0;
  std::string father_place;
  int mother_location = 0;
  std::string mother_place;
  bool guardian_able_to_care = false;
  int risk_level = 1;
  std::string notes;
  // Sealed identifiers (AES-GCM), opened only for callers allowed to see them.
  std::string id_number_cipher;
  std::string guardian_mobile_cipher;
};

struct StatusChangeRecord {
  std::string id, child_id;
  int from_status = 0, to_status = 0, reason = 0;
  std::string note, actor, request_id, changed_at;
  std::string field = "status";  // or "category", "risk_level"
  int from_value = 0, to_value = 0;
};

// The audit view of a child: every field a response may show, identifiers masked.
std::string ChildAuditJson(const ChildRecord& r);

class ChildStore {
 public:
  ChildStore(db::Database& db, const crypto::PiiCipher& cipher) : db_(db), cipher_(cipher) {}

  // Registers `child` once per idempotency key and returns the answer bytes made by `render`
  // (for a replay, the first answer). A resident ID number already in the registry is
  // DomainError ALREADY_EXISTS on `id_field`.
  // The creation is audited (actor `created_by`, `request_id`) in the same transaction.
  std::string Create(const ValidChild& child, const std::string& created_by, const std::string& request_id,
                     const IdempotencyKey& key, const std::function<std::string(const ChildRecord&)>& render,
                     const std::string& id_field = "child.resident_id_number");

  // Registers a batch of children from a bulk import in one transaction. A child whose resident
  // ID number is already registered (as a child or a woman) is left alone, so re-running a file
  // creates nothing twice. Each creation is audited (actor, request_id). Returns, per child,
  // whether it was created.
  std::vector<bool> Import(const std::vector<ValidChild>& children, const std::string& actor,
                           const std::string& request_id);

  // Records that `actor` is about to see these children's identifiers unmasked, one audit
  // event each, committed before any of them is shown; then opens them (number, mobile).
  using Revealed = OpenedIdentity;  // mobile: the guardian's
  std::vector<Revealed> Reveal(const std::vector<ChildRecord>& children, const std::string& actor,
                               const std::string& request_id);

  // Changes a child's status under its lock: `decide` sees the child as stored and returns the
  // transition or throws DomainError. The change, its history entry and its audit event commit
  // together, once per idempotency key. A child outside `reach_prefix` is NOT_FOUND on "id".
  std::string ChangeStatus(const std::string& id, const std::string& reach_prefix, const std::string& actor,
                           const std::string& request_id, const IdempotencyKey& key,
                           const std::function<Transition(const ChildRecord&)>& decide,
                           const std::function<std::string(const ChildRecord&)>& render);

  // Applies `changes` to a child whose version is still `expected_version` (else DomainError
  // ABORTED on `version_field`); `check` sees the child as stored before anything is written
  // (reach of a new division, rules that need the birth date). Audited with before/after of the
  // changed fields, once per idempotency key.
  std::string Update(const std::string& id, const std::string& reach_prefix, int64_t expected_version,
                     const ChildChanges& changes, const std::string& note, const std::string& actor,
                     const std::string& request_id, const IdempotencyKey& key, const std::function<void(const ChildRecord&)>& check,
                     const std::function<std::string(const ChildRecord&)>& render,
                     const std::string& version_field = "child.version");

  // Status history of one child, oldest first (the caller checks reach on the child first).
  std::vector<StatusChangeRecord> History(const std::string& child_id);

  // nullopt when absent or outside `reach_prefix`.
  std::optional<ChildRecord> Get(const std::string& id, const std::string& reach_prefix);

  using Cursor = PersonCursor;
  // Children whose division starts with `prefix`, after `after`, ordered by division code and
  // then registration time, so the (division_code, id) index serves the whole query.
  std::vector<ChildRecord> List(const std::string& prefix, const Cursor& after, int limit);
  // Optional narrowing of List; empty/zero fields do not filter.
  struct Filter {
    int category = 0;
    int status = 0;
    int risk_level = 0;
    std::string born_on_or_after{};   // YYYY-MM-DD
    std::string born_on_or_before{};  // YYYY-MM-DD
    std::string name_prefix{};
  };
  std::vector<ChildRecord> List(const std::string& prefix, const Filter& filter, const Cursor& after, int limit);

  // Active left-behind children born on or before `born_by` (YYYY-MM-DD), same order and paging.
  std::vector<ChildRecord> ListDueToExit(const std::string& prefix, const std::string& born_by, const Cursor& after,
                                         int limit);

 private:
  // One change to one child: claims the idempotency key (or returns the stored answer), locks
  // the child inside `reach_prefix` (NOT_FOUND on "id" otherwise), runs `change` and stores
  // the answer it returns, all in one transaction.
  std::string ChangeLocked(const std::string& id, const std::string& reach_prefix, const IdempotencyKey& key,
                           const std::function<std::string(db::Tx&, const ChildRecord&)>& change);
  std::vector<ChildRecord> ListWhere(const std::string& prefix, const Cursor& after, int limit,
                                     const std::string& extra_sql, const std::vector<db::Value>& extra);

  db::Database& db_;
  const crypto::PiiCipher& cipher_;
};

}  // namespace carehub::registry
