#pragma once
// The registry's use cases for women and their screenings (see children_app.h).
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "common/audit.h"
#include "common/caller.h"
#include "common/crypto.h"
#include "common/db/database.h"
#include "services/registry/app/children_app.h"
#include "services/registry/app/people.h"
#include "services/registry/domain/woman.h"
#include "services/registry/store/woman_rows.h"

namespace carehub::registry {

struct WomanKind {
  using Record = WomanRecord;
  using Details = WomanDetails;
  static constexpr const char* kType = "woman";
  static constexpr const char* kIdPrefix = "wm";
  static constexpr const char* kIdDescription = "a woman's id (wm_…)";
  static constexpr const char* kNotFound = "no such woman";
  static const db::RecordTable<WomanRecord>& Table() { return store::Women(); }
  static nlohmann::json AuditView(const WomanRecord& r);
  static std::vector<TrackedField> Tracked(const WomanRecord& before, const WomanRecord& after);
  static const std::string& MobileCipher(const WomanRecord& r) { return r.mobile_cipher; }
  static const std::string& MobileOf(const ValidWoman& w) { return w.mobile; }
  static void SealMobile(WomanRecord& r, const std::string& mobile, const crypto::PiiCipher& cipher);
};

using NewWoman = NewPerson<WomanKind>;

struct WomanUpdate {
  std::string id;
  int64_t version = 0;
  WomanChanges changes;
  std::string note;
};

class WomenApp : public RegisterApp<WomanKind, ValidWoman> {
 public:
  using RegisterApp::RegisterApp;

  WomanRecord Register(db::Tx& tx, const Caller& caller, const NewWoman& woman) const;

  WomanRecord Update(db::Tx& tx, const Caller& caller, WomanUpdate u) const;
  WomanRecord Exit(db::Tx& tx, const Caller& caller, const StatusRequest& r) const;
  WomanRecord Reactivate(db::Tx& tx, const Caller& caller, const StatusRequest& r) const;
  // A confirmed result marks her a cancer patient in the same transaction (never cleared by
  // itself). Audited.
  Screening RecordScreening(db::Tx& tx, const Caller& caller, const std::string& woman_id,
                            const ScreeningApplication& s, std::chrono::year_month_day today) const;

  // NOT_FOUND on woman_id when she is outside the caller's reach.
  std::vector<Screening> Screenings(const Caller& caller, const std::string& woman_id) const;
};

}  // namespace carehub::registry
