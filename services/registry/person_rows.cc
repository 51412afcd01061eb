#include "services/registry/person_rows.h"

#include <unordered_set>

#include <nlohmann/json.hpp>

#include "common/db/bulk.h"
#include "common/errors.h"
#include "common/ids.h"
#include "common/log.h"

namespace carehub::registry {

void ClaimIdentity(db::Tx& tx, const std::string& id_index, const std::string& person_id, const std::string& id_field) {
  try {
    tx.Exec("INSERT INTO person_identities (id_number_index, person_id) VALUES (?, ?)", {id_index, person_id});
  } catch (const db::DbError& e) {
    if (e.kind() == db::DbError::Kind::kDuplicate) {
      throw DomainError(ErrorCode::kAlreadyExists, id_field, "this resident ID number is already registered");
    }
    throw;
  }
}

std::string RegisterOne(db::Database& db, const IdempotencyKey& key, const std::string& id_index,
                        const std::string& person_id, const std::string& id_field, const std::string& insert,
                        size_t columns, const std::vector<db::Value>& row, const AuditEvent& event,
                        const std::function<std::string()>& render) {
  std::string answer;
  db.Transact([&](db::Tx& tx) {
    if (auto replay = ClaimOrReplay(tx, key)) {
      answer = *replay;
      return;
    }
    ClaimIdentity(tx, id_index, person_id, id_field);
    db::InsertRows(tx, insert, columns, row);
    RecordAudit(tx, {event});
    answer = render();
    RememberAnswer(tx, key, answer);
  });
  return answer;
}

std::vector<OpenedIdentity> RevealAudited(db::Database& db, const crypto::PiiCipher& cipher,
                                          const std::string& record_type, const std::vector<SealedIdentity>& people,
                                          const std::string& actor, const std::string& request_id) {
  std::vector<OpenedIdentity> out;
  std::vector<AuditEvent> events;
  for (const auto& p : people) {
    auto number = cipher.Decrypt(p.number_cipher);
    auto mobile = cipher.Decrypt(p.mobile_cipher);
    if (!number || !mobile) throw std::runtime_error("stored identifiers of " + p.id + " do not open with this key");
    out.push_back({*number, *mobile});
    events.push_back({"", "", actor, request_id, record_type + ".read_unmasked", record_type, p.id, p.division_code,
                      "", ""});
  }
  // No unaudited look: the events are committed before anything is returned.
  if (!events.empty()) db.Transact([&](db::Tx& tx) { RecordAudit(tx, events); });
  return out;
}

std::vector<bool> RegisterPeople(db::Database& db, const std::vector<db::Value>& id_indexes,
                                 const std::vector<std::string>& person_ids, const std::string& insert,
                                 size_t columns,
                                 const std::function<void(size_t, std::vector<db::Value>&, std::vector<AuditEvent>&)>& add) {
  std::vector<bool> created;
  for (int attempt = 1;; ++attempt) {
    try {
      db.Transact([&](db::Tx& tx) {
        created.assign(id_indexes.size(), false);
        std::unordered_set<std::string> taken;
        for (const auto& row :
             db::QueryIn(tx, "SELECT id_number_index FROM person_identities WHERE id_number_index IN ", id_indexes)) {
          taken.insert(db::AsText(row[0]));
        }
        std::vector<db::Value> identities, rows;
        std::vector<AuditEvent> events;
        for (size_t i = 0; i < id_indexes.size(); ++i) {
          if (!taken.insert(db::AsText(id_indexes[i])).second) continue;  // registered, or twice in this batch
          created[i] = true;
          identities.push_back(id_indexes[i]);
          identities.emplace_back(person_ids[i]);
          add(i, rows, events);
        }
        db::InsertRows(tx, "INSERT INTO person_identities (id_number_index, person_id) VALUES ", 2, identities);
        db::InsertRows(tx, insert, columns, rows);
        RecordAudit(tx, std::move(events));
      });
      return created;
    } catch (const db::DbError& e) {
      // Another writer registered one of these people between our look and our insert (MySQL;
      // SQLite's single writer excludes it): look again.
      if (e.kind() != db::DbError::Kind::kDuplicate || attempt == 3) throw;
    }
  }
}

std::optional<db::Row> GetInReach(db::Database& db, const PersonTable& t, const std::string& id,
                                  const std::string& reach_prefix) {
  std::optional<db::Row> out;
  db.Read([&](db::Tx& tx) {
    auto rows = tx.Query("SELECT " + t.columns + " FROM " + t.table +
                             " WHERE id = ? AND division_code >= ? AND division_code < ?",
                         {id, reach_prefix, PrefixEnd(reach_prefix)});
    out = rows.empty() ? std::nullopt : std::optional(std::move(rows[0]));
  });
  return out;
}

std::vector<db::Row> ListInReach(db::Database& db, const PersonTable& t, const std::string& prefix,
                                 const PersonCursor& after, int limit, const std::string& extra_sql,
                                 const std::vector<db::Value>& extra) {
  std::vector<db::Row> out;
  // Start at the later of the prefix's first code and the cursor.
  const bool resume = !after.division_code.empty() && after.division_code >= prefix;
  const std::string from = resume ? after.division_code : prefix;
  const std::string after_id = resume ? after.id : "";
  std::vector<db::Value> params = {from, PrefixEnd(prefix), from, after_id};
  params.insert(params.end(), extra.begin(), extra.end());
  params.emplace_back(int64_t{limit});
  db.Read([&](db::Tx& tx) {
    // The bare range comes first so both planners seek the index to the cursor; the OR only
    // settles ties within the cursor's division.
    out = tx.Query("SELECT " + t.columns + " FROM " + t.table +
                       " WHERE division_code >= ? AND division_code < ? AND (division_code > ? OR id > ?)" +
                       extra_sql + " ORDER BY division_code, id LIMIT ?",
                   params);
  });
  return out;
}

std::string ChangeInReach(db::Database& db, const PersonTable& t, const std::string& id,
                          const std::string& reach_prefix, const IdempotencyKey& key,
                          const std::function<std::string(db::Tx&, const db::Row&)>& change) {
  std::string answer;
  const bool mysql = db.backend() == db::Backend::kMysql;
  db.Transact([&](db::Tx& tx) {
    if (auto replay = ClaimOrReplay(tx, key)) {
      answer = *replay;
      return;
    }
    // SQLite's IMMEDIATE transaction already excludes other writers; MySQL locks the row.
    auto rows = tx.Query("SELECT " + t.columns + " FROM " + t.table +
                             " WHERE id = ? AND division_code >= ? AND division_code < ?" + (mysql ? " FOR UPDATE" : ""),
                         {id, reach_prefix, PrefixEnd(reach_prefix)});
    if (rows.empty()) throw DomainError(ErrorCode::kNotFound, "id", t.not_found);
    answer = change(tx, rows[0]);
    RememberAnswer(tx, key, answer);
  });
  return answer;
}

void RecordFieldChange(db::Tx& tx, const FieldChange& c, const std::string& note, const std::string& actor,
                       const std::string& request_id) {
  if (c.from == c.to) return;
  tx.Exec(
      "INSERT INTO child_status_history (id, child_id, from_status, to_status, reason, note, actor, request_id, "
      "changed_at, field, from_value, to_value) VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?)",
      {NewId("cs"), c.person_id, int64_t{c.status}, int64_t{c.status}, note, actor, request_id, log::NowRfc3339(),
       c.field, int64_t{c.from}, int64_t{c.to}});
}

void ApplyStatusChange(db::Tx& tx, const std::string& table, const std::string& record_type, const StatusOf& before,
                       const Transition& t, const std::string& actor, const std::string& request_id) {
  if (tx.Exec("UPDATE " + table + " SET status = ?, exit_reason = ?, version = version + 1 WHERE id = ? AND version = ?",
              {int64_t{t.to_status}, int64_t{t.reason}, before.id, before.version}) != 1) {
    throw DomainError(ErrorCode::kAborted, "id", "the record changed meanwhile; read it again and retry");
  }
  // The history table predates women; its child_id column holds either kind of id.
  tx.Exec(
      "INSERT INTO child_status_history (id, child_id, from_status, to_status, reason, note, actor, request_id, "
      "changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {NewId("cs"), before.id, int64_t{before.status}, int64_t{t.to_status}, int64_t{t.reason}, t.note, actor,
       request_id, log::NowRfc3339()});
  auto state = [](int status, int reason, int64_t version) {
    return nlohmann::json{{"status", status}, {"exit_reason", reason}, {"version", version}}.dump();
  };
  RecordAudit(tx, {{"", "", actor, request_id, t.action, record_type, before.id, before.division_code,
                    state(before.status, before.exit_reason, before.version),
                    state(t.to_status, t.reason, before.version + 1)}});
}

}  // namespace carehub::registry
