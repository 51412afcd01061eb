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

class ChildrenApp : public RegisterApp<ChildKind, ValidChild> {
 public:
  using RegisterApp::RegisterApp;

  ChildRecord Register(db::Tx& tx, const Caller& caller, const NewChild& child,
                       const std::string& id_field = "child.resident_id_number") const;
  ChildRecord Update(db::Tx& tx, const Caller& caller, ChildUpdate u, std::chrono::year_month_day today) const;
  ChildRecord Exit(db::Tx& tx, const Caller& caller, const StatusRequest& r, std::chrono::year_month_day today) const;
  ChildRecord Reactivate(db::Tx& tx, const Caller& caller, const StatusRequest& r,
                         std::chrono::year_month_day today) const;
};

}  // namespace carehub::registry
