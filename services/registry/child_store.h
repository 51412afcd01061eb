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
  // Sealed identifiers (AES-GCM), opened only for callers allowed to see them.
  std::string id_number_cipher;
  std::string guardian_mobile_cipher;
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

  // Records that `actor` is about to see these children's identifiers unmasked, one audit
  // event each, committed before any of them is shown; then opens them (number, mobile).
  struct Revealed {
    std::string resident_id_number;
    std::string guardian_mobile;
  };
  std::vector<Revealed> Reveal(const std::vector<ChildRecord>& children, const std::string& actor,
                               const std::string& request_id);

  // nullopt when absent or outside `reach_prefix`.
  std::optional<ChildRecord> Get(const std::string& id, const std::string& reach_prefix);

  // Keyset position: the last (division_code, id) a page ended on; empty for the first page.
  struct Cursor {
    std::string division_code;
    std::string id;
  };
  // Children whose division starts with `prefix`, after `after`, ordered by division code and
  // then registration time, so the (division_code, id) index serves the whole query.
  std::vector<ChildRecord> List(const std::string& prefix, const Cursor& after, int limit);

 private:
  db::Database& db_;
  const crypto::PiiCipher& cipher_;
};

}  // namespace carehub::registry
