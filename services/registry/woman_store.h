#pragma once
// Women and their screenings in the database: encrypted identifiers, one record per person
// across the registry, reach in every query.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/crypto.h"
#include "common/db/database.h"
#include "common/idempotency.h"
#include "services/registry/child_store.h"
#include "services/registry/person_rows.h"
#include "services/registry/woman.h"

namespace carehub::registry {

// A stored woman as responses show her: identifiers masked.
struct WomanRecord {
  std::string id;
  std::string name;
  std::string birth_date;
  std::string id_number_masked;
  std::string division_code;
  std::string mobile_masked;
  int hardship_mask = 0;
  int household_size = 0;
  int64_t monthly_income_fen = 0;
  std::string notes;
  bool cancer_patient = false;
  int status = 1;
  int exit_reason = 0;
  int64_t version = 1;
  std::string created_at;
  std::string created_by;
  std::string id_number_cipher;
  std::string mobile_cipher;
};

struct ScreeningRecord {
  std::string id, woman_id, screened_on;
  int type = 0, result = 0;
  std::string facility, recorded_at, recorded_by;
};

class WomanStore {
 public:
  WomanStore(db::Database& db, const crypto::PiiCipher& cipher) : db_(db), cipher_(cipher) {}

  // As ChildStore::Create: once per idempotency key, ALREADY_EXISTS on `id_field` for a person
  // already registered, audited in the same transaction.
  std::string Create(const ValidWoman& woman, const std::string& created_by, const std::string& request_id,
                     const IdempotencyKey& key, const std::function<std::string(const WomanRecord&)>& render);
  // As ChildStore::Import.
  std::vector<bool> Import(const std::vector<ValidWoman>& women, const std::string& actor,
                           const std::string& request_id);

  std::optional<WomanRecord> Get(const std::string& id, const std::string& reach_prefix);

  struct Filter {
    int hardship = 0;  // a category she holds
    int status = 0;
    std::string born_on_or_after{};
    std::string born_on_or_before{};
    std::string name_prefix{};
    std::optional<bool> cancer_patient{};
  };
  std::vector<WomanRecord> List(const std::string& prefix, const Filter& f, const PersonCursor& after, int limit);

  // Audits (committed first) and opens the identifiers of these women: number, mobile.
  std::vector<OpenedIdentity> Reveal(const std::vector<WomanRecord>& women, const std::string& actor,
                                     const std::string& request_id);

  // As ChildStore::Update; a change of hardship categories joins her history with `note`.
  std::string Update(const std::string& id, const std::string& reach_prefix, int64_t expected_version,
                     const WomanChanges& changes, const std::string& note, const std::string& actor,
                     const std::string& request_id,
                     const IdempotencyKey& key, const std::function<void(const WomanRecord&)>& check,
                     const std::function<std::string(const WomanRecord&)>& render);

  // As ChildStore::ChangeStatus; the history shares the children's table (ListStatusHistory).
  std::string ChangeStatus(const std::string& id, const std::string& reach_prefix, const std::string& actor,
                           const std::string& request_id, const IdempotencyKey& key,
                           const std::function<Transition(const WomanRecord&)>& decide,
                           const std::function<std::string(const WomanRecord&)>& render);

  // Records a screening of a woman inside the reach; `check` sees her first (birth date). A
  // confirmed result marks her a cancer patient in the same transaction. Audited.
  std::string RecordScreening(const std::string& woman_id, const std::string& reach_prefix,
                              const ScreeningApplication& s, const std::string& actor, const std::string& request_id,
                              const IdempotencyKey& key, const std::function<void(const WomanRecord&)>& check,
                              const std::function<std::string(const ScreeningRecord&)>& render);
  std::vector<ScreeningRecord> Screenings(const std::string& woman_id);

 private:
  std::string ChangeLocked(const std::string& id, const std::string& reach_prefix, const IdempotencyKey& key,
                           const std::function<std::string(db::Tx&, const WomanRecord&)>& change);

  db::Database& db_;
  const crypto::PiiCipher& cipher_;
};

}  // namespace carehub::registry
