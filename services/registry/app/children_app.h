#pragma once
// The registry's use cases for children. Writes run on the caller's open transaction (the api
// layer wraps each in the idempotent transaction of its request); reads open their own.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "common/audit.h"
#include "common/caller.h"
#include "common/crypto.h"
#include "common/db/database.h"
#include "services/registry/app/people.h"
#include "services/registry/domain/child.h"
#include "services/registry/store/child_rows.h"

namespace carehub::registry {

// The children's register as the shared steps (people.h) see it.
struct ChildKind {
  using Record = ChildRecord;
  using Details = ChildDetails;
  static constexpr const char* kType = "child";
  static constexpr const char* kIdPrefix = "ch";
  static constexpr const char* kIdDescription = "a child id (ch_…)";
  static constexpr const char* kNotFound = "no such child";
  static const db::RecordTable<ChildRecord>& Table() { return store::Children(); }
  static nlohmann::json AuditView(const ChildRecord& r);
  static std::vector<TrackedField> Tracked(const ChildRecord& before, const ChildRecord& after);
  static const std::string& MobileCipher(const ChildRecord& r) { return r.guardian_mobile_cipher; }
  static const std::string& MobileOf(const ValidChild& c) { return c.guardian_mobile; }
  static void SealMobile(ChildRecord& r, const std::string& mobile, const crypto::PiiCipher& cipher);
};

using NewChild = NewPerson<ChildKind>;

struct ChildUpdate {
  std::string id;
  int64_t version = 0;
  ChildChanges changes;
  std::string note;
};

struct StatusRequest {
  std::string id;
  int reason = 0;  // exits only
  std::string note;
};

class ChildrenApp {
 public:
  ChildrenApp(db::Database& db, const crypto::PiiCipher& cipher) : db_(db), cipher_(cipher) {}

  // Seals the identifiers (CPU work, done before any transaction); PERMISSION_DENIED on
  // `field_prefix` + division_code when the child lies outside the caller's reach.
  NewChild Prepare(const Caller& caller, const ValidChild& child, const std::string& field_prefix = "child.") const;
  ChildRecord Register(db::Tx& tx, const Caller& caller, const NewChild& child,
                       const std::string& id_field = "child.resident_id_number") const;
  // Registers a batch from a bulk import; per child, whether it was new.
  std::vector<bool> Import(const Caller& caller, const std::vector<ValidChild>& children) const;

  ChildRecord Update(db::Tx& tx, const Caller& caller, ChildUpdate u, std::chrono::year_month_day today) const;
  ChildRecord Exit(db::Tx& tx, const Caller& caller, const StatusRequest& r, std::chrono::year_month_day today) const;
  ChildRecord Reactivate(db::Tx& tx, const Caller& caller, const StatusRequest& r,
                         std::chrono::year_month_day today) const;

  std::optional<ChildRecord> Get(const Caller& caller, const std::string& id) const;
  std::vector<ChildRecord> List(const Caller& caller, const std::string& division_filter, const db::PageQuery& q) const;
  // Identifiers opened for a caller allowed to see them, each look audited first.
  std::vector<OpenedIdentity> Reveal(const Caller& caller, const std::vector<ChildRecord>& children) const;

 private:
  db::Database& db_;
  const crypto::PiiCipher& cipher_;
};

}  // namespace carehub::registry
