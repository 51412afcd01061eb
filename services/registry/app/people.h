#pragma once
// The steps every register takes alike, written once over a register's description (Kind):
// ChildKind and WomanKind name the record type, its table, how it is audited and which of its
// fields the history keeps. Each use case in children_app / women_app reads top to bottom:
// lock in reach → check rules → apply → write rows → history → audit → return the record.
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "common/audit.h"
#include "common/caller.h"
#include "common/crypto.h"
#include "common/db/database.h"
#include "common/db/in_reach.h"
#include "common/errors.h"
#include "common/ids.h"
#include "common/log.h"
#include "common/reach.h"
#include "common/resident_id.h"
#include "common/sealed_pii.h"
#include "services/registry/domain/person.h"
#include "services/registry/store/person_rows.h"

namespace carehub::registry {

// A field whose changes the history keeps, as numbers (a category, a level, a bit set).
struct TrackedField {
  const char* name;
  int before, after;
};

// A person's identifiers opened for a caller allowed to see them.
struct OpenedIdentity {
  std::string resident_id_number;
  std::string mobile;
};

// The audit events of one change: where the record was and, after a move, where it is now,
// so both districts' auditors see it.
void AuditChange(db::Tx& tx, AuditEvent event, const std::string& division_after);
// The version a change was made from must be the one stored: ABORTED on `field` otherwise.
void RequireVersion(int64_t stored, int64_t expected, const std::string& field);
// A record moving to `division_code` must stay inside the caller's reach.
void RequireReachOf(const Caller& caller, const std::optional<std::string>& division_code, const std::string& field);
// A new record's id and creation stamp.
struct Created {
  std::string id, at, by;
};
Created Stamp(const char* id_prefix, const Caller& caller);

// `<type>.create` with the new record's audit view.
template <typename Kind>
AuditEvent CreationEvent(const Caller& caller, const typename Kind::Record& r) {
  return AuditBy(caller, std::string(Kind::kType) + ".create", {Kind::kType, r.id, r.division_code}, "",
                 AuditJson(Kind::AuditView(r)));
}

// Status change: the record as decided by the domain rules, its history entry, its audit event.
template <typename Kind>
typename Kind::Record ApplyStatusChange(db::Tx& tx, const Caller& caller, const typename Kind::Record& before,
                                        const StatusChange& change) {
  typename Kind::Record after = before;
  after.status = change.to;
  after.exit_reason = change.reason;
  after.version = before.version + 1;
  Kind::Table().Update(tx, after, before.version, "id");
  store::AppendHistory(tx, {NewId("ph"), before.id, before.status, change.to, change.reason, change.note,
                            caller.subject, caller.trace_id, log::NowRfc3339(), "status", 0, 0});
  auto state = [](const typename Kind::Record& r) {
    return AuditJson({{"status", static_cast<int>(r.status)},
                      {"exit_reason", static_cast<int>(r.exit_reason)},
                      {"version", r.version}});
  };
  std::string action = std::string(Kind::kType) + (change.to == PersonStatus::kExited ? ".exit" : ".reactivate");
  RecordAudit(tx,
              {AuditBy(caller, action, {Kind::kType, before.id, before.division_code}, state(before), state(after))});
  // Last: the feed's number is held until commit.
  store::AppendChange(tx, {0, before.id, Kind::kType, before.division_code, "status", change.to, 0, log::NowRfc3339()});
  return after;
}

// Field changes: writes `after` over `before` (version checked), keeps the history of tracked
// fields with `note`, and audits before/after of exactly the fields that changed.
template <typename Kind>
typename Kind::Record ApplyUpdate(db::Tx& tx, const Caller& caller, const typename Kind::Record& before,
                                  typename Kind::Record after, const std::string& note) {
  after.version = before.version + 1;
  Kind::Table().Update(tx, after, before.version, std::string(Kind::kType) + ".version");
  std::vector<PersonChange> changes;
  for (const TrackedField& f : Kind::Tracked(before, after)) {
    if (f.before == f.after) continue;
    store::AppendHistory(tx, {NewId("ph"), before.id, before.status, before.status, ExitReason::kNone, note,
                              caller.subject, caller.trace_id, log::NowRfc3339(), f.name, f.before, f.after});
    changes.push_back({0, before.id, Kind::kType, after.division_code, f.name, after.status, f.after, log::NowRfc3339()});
  }
  nlohmann::json was = Kind::AuditView(before), now = Kind::AuditView(after);
  for (auto it = was.begin(); it != was.end();) {
    if (now[it.key()] == it.value()) {
      now.erase(it.key());
      it = was.erase(it);
    } else {
      ++it;
    }
  }
  AuditChange(tx,
              AuditBy(caller, std::string(Kind::kType) + ".update", {Kind::kType, before.id, before.division_code},
                      AuditJson(was), AuditJson(now)),
              after.division_code);
  // Last: the feed's numbers are held until commit.
  for (const PersonChange& c : changes) store::AppendChange(tx, c);
  return after;
}

// The identifiers of `records` opened for `caller`, one `<type>.read_unmasked` audit event
// each, committed before any of them is opened and returned: no unaudited look.
template <typename Kind>
std::vector<OpenedIdentity> RevealAudited(db::Database& db, const crypto::PiiCipher& cipher, const Caller& caller,
                                          const std::vector<typename Kind::Record>& records) {
  std::vector<AuditEvent> looks;
  std::vector<std::string> sealed;
  for (const auto& r : records) {
    looks.push_back(AuditBy(caller, std::string(Kind::kType) + ".read_unmasked", {Kind::kType, r.id, r.division_code}));
    sealed.push_back(r.id_number_cipher);
    sealed.push_back(Kind::MobileCipher(r));
  }
  std::vector<std::string> opened = OpenAudited(db, cipher, std::move(looks), sealed);
  std::vector<OpenedIdentity> out;
  for (size_t i = 0; i < records.size(); ++i) out.push_back({opened[2 * i], opened[2 * i + 1]});
  return out;
}

// Registers a batch in one transaction: people already registered (or twice in the batch) are
// left alone; the others' rows and `<type>.create` events are written. Per person, whether
// it was registered. Retried when another writer registered one of them meanwhile (MySQL).
template <typename Kind>
std::vector<bool> RegisterBatch(db::Database& db, const Caller& caller,
                                const std::vector<typename Kind::Record>& records,
                                const std::vector<std::string>& id_indexes) {
  std::vector<std::string> ids;
  for (const auto& r : records) ids.push_back(r.id);
  for (int attempt = 1;; ++attempt) {
    try {
      std::vector<bool> created;
      db.Transact([&](db::Tx& tx) {
        created = store::ClaimIdentities(tx, id_indexes, ids);
        std::vector<const typename Kind::Record*> rows;
        std::vector<AuditEvent> events;
        for (size_t i = 0; i < records.size(); ++i) {
          if (!created[i]) continue;
          rows.push_back(&records[i]);
          events.push_back(CreationEvent<Kind>(caller, records[i]));
        }
        Kind::Table().Insert(tx, rows);
        RecordAudit(tx, std::move(events));
      });
      return created;
    } catch (const db::DbError& e) {
      if (e.kind() != db::DbError::Kind::kDuplicate || attempt == 3) throw;
    }
  }
}

// A person ready to register: the record with identifiers sealed, and the blind index that
// keeps one record per person.
template <typename Kind>
struct NewPerson {
  typename Kind::Record record;
  std::string id_index;
};

// Seals a validated person's identifiers and stamps the new record (CPU work, done before any
// transaction); PERMISSION_DENIED on `division_field` when it lies outside the caller's reach.
template <typename Kind, typename Valid>
NewPerson<Kind> PrepareNew(const Caller& caller, const Valid& valid, const crypto::PiiCipher& cipher,
                           const std::string& division_field) {
  RequireReachOf(caller, valid.division_code, division_field);
  NewPerson<Kind> out;
  typename Kind::Record& r = out.record;
  static_cast<typename Kind::Details&>(r) = valid;
  auto stamp = Stamp(Kind::kIdPrefix, caller);
  r.id = stamp.id, r.created_at = stamp.at, r.created_by = stamp.by;
  SealedResidentId id_number = SealResidentId(cipher, valid.resident_id_number);
  r.id_number_masked = std::move(id_number.masked);
  r.id_number_cipher = std::move(id_number.cipher);
  Kind::SealMobile(r, Kind::MobileOf(valid), cipher);
  out.id_index = std::move(id_number.index);
  return out;
}

// Registers a bulk import's batch (see RegisterBatch), sealing each person first.
template <typename Kind, typename Valid>
std::vector<bool> ImportBatch(db::Database& db, const crypto::PiiCipher& cipher, const Caller& caller,
                              const std::vector<Valid>& batch) {
  std::vector<typename Kind::Record> records;
  std::vector<std::string> indexes;
  for (const auto& v : batch) {
    NewPerson<Kind> n = PrepareNew<Kind>(caller, v, cipher, "");
    records.push_back(std::move(n.record));
    indexes.push_back(std::move(n.id_index));
  }
  return RegisterBatch<Kind>(db, caller, records, indexes);
}

// Registers one person inside the caller's transaction: ALREADY_EXISTS on `id_field` when the
// ID number is registered already.
template <typename Kind>
void RegisterOne(db::Tx& tx, const Caller& caller, const typename Kind::Record& record, const std::string& id_index,
                 const std::string& id_field) {
  store::ClaimIdentity(tx, id_index, record.id, id_field);
  Kind::Table().Insert(tx, {&record});
  RecordAudit(tx, {CreationEvent<Kind>(caller, record)});
}

// What every register's use cases share: reads inside the caller's reach, audited reveals,
// preparing and importing new people. ChildrenApp and WomenApp add their own changes.
template <typename Kind, typename Valid>
class RegisterApp {
 public:
  using Record = typename Kind::Record;
  RegisterApp(db::Database& db, const crypto::PiiCipher& cipher) : db_(db), cipher_(cipher) {}

  // Seals the identifiers (CPU work, done before any transaction); PERMISSION_DENIED on
  // `field_prefix` + division_code when the person lies outside the caller's reach.
  NewPerson<Kind> Prepare(const Caller& caller, const Valid& valid,
                          const std::string& field_prefix = std::string(Kind::kType) + ".") const {
    return PrepareNew<Kind>(caller, valid, cipher_, field_prefix + "division_code");
  }
  // Registers a batch from a bulk import; per person, whether it was new.
  std::vector<bool> Import(const Caller& caller, const std::vector<Valid>& batch) const {
    return ImportBatch<Kind>(db_, cipher_, caller, batch);
  }
  std::optional<Record> Get(const Caller& caller, const std::string& id) const {
    return Kind::Table().Find(db_, id, caller.reach);
  }
  std::vector<Record> List(const Caller& caller, const std::string& division_filter, const db::PageQuery& q) const {
    return Kind::Table().ListNarrowed(db_, caller.reach, division_filter, q);
  }
  // Identifiers opened for a caller allowed to see them, each look audited first.
  std::vector<OpenedIdentity> Reveal(const Caller& caller, const std::vector<Record>& records) const {
    return RevealAudited<Kind>(db_, cipher_, caller, records);
  }

 protected:
  db::Database& db_;
  const crypto::PiiCipher& cipher_;
};

}  // namespace carehub::registry
