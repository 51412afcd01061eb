#include "services/registry/store/person_rows.h"

#include <unordered_set>

#include "common/db/bulk.h"
#include "common/db/identity_index.h"
#include "common/db/row_mapping.h"
#include "common/errors.h"
#include "common/reach.h"

namespace carehub::registry::store {
namespace {

const db::RowMapping<HistoryEntry>& HistoryColumns() {
  static const auto kColumns = db::RowMapping<HistoryEntry>()
                                   .Text("id", &HistoryEntry::id)
                                   .Text("person_id", &HistoryEntry::person_id)
                                   .Enum<PersonStatus>("from_status", &HistoryEntry::from_status)
                                   .Enum<PersonStatus>("to_status", &HistoryEntry::to_status)
                                   .Enum<ExitReason>("reason", &HistoryEntry::reason)
                                   .Text("note", &HistoryEntry::note)
                                   .Text("actor", &HistoryEntry::actor)
                                   .Text("request_id", &HistoryEntry::trace_id)
                                   .Text("changed_at", &HistoryEntry::changed_at)
                                   .Text("field", &HistoryEntry::field)
                                   .Int("from_value", &HistoryEntry::from_value)
                                   .Int("to_value", &HistoryEntry::to_value);
  return kColumns;
}

}  // namespace

void ClaimIdentity(db::Tx& tx, const std::string& id_index, const std::string& person_id, const std::string& id_field) {
  db::ClaimIdentity(tx, "person_identities", id_index, person_id, id_field);
}

std::vector<bool> ClaimIdentities(db::Tx& tx, const std::vector<std::string>& id_indexes,
                                  const std::vector<std::string>& person_ids) {
  std::vector<db::Value> keys(id_indexes.begin(), id_indexes.end());
  std::unordered_set<std::string> taken;
  for (const auto& row :
       db::QueryIn(tx, "SELECT id_number_index FROM person_identities WHERE id_number_index IN ", keys)) {
    taken.insert(db::AsText(row[0]));
  }
  std::vector<bool> created(id_indexes.size(), false);
  std::vector<db::Value> rows;
  for (size_t i = 0; i < id_indexes.size(); ++i) {
    if (!taken.insert(id_indexes[i]).second) continue;  // registered, or twice in this batch
    created[i] = true;
    rows.emplace_back(id_indexes[i]);
    rows.emplace_back(person_ids[i]);
  }
  db::InsertRows(tx, "INSERT INTO person_identities (id_number_index, person_id) VALUES ", 2, rows);
  return created;
}

void AppendHistory(db::Tx& tx, const HistoryEntry& e) {
  static const std::string kInsert = "INSERT INTO person_history (" + HistoryColumns().ColumnList() + ") VALUES ";
  std::vector<db::Value> row;
  HistoryColumns().Append(e, row);
  db::InsertRows(tx, kInsert, HistoryColumns().size(), row);
}

std::vector<HistoryEntry> History(db::Tx& tx, const std::string& person_id) {
  std::vector<HistoryEntry> out;
  for (const auto& r :
       tx.Query("SELECT " + HistoryColumns().ColumnList() + " FROM person_history WHERE person_id = ? ORDER BY id",
                {person_id})) {
    out.push_back(HistoryColumns().Read(r));
  }
  return out;
}

void AppendChange(db::Tx& tx, const PersonChange& c) {
  // The next number under the counter row's lock (migration 0011: numbers commit in order, with
  // no holes). Never below what the table holds, so rows numbered by AUTO_INCREMENT (a replica
  // of an older version during a rolling upgrade) are never numbered again.
  const char* greatest = tx.backend() == db::Backend::kMysql ? "GREATEST" : "MAX";
  tx.Exec(std::string("UPDATE person_change_seq SET last_seq = ") + greatest +
          "(last_seq, (SELECT COALESCE(MAX(seq), 0) FROM person_changes)) + 1 WHERE id = 1");
  int64_t seq = db::AsInt(tx.Query("SELECT last_seq FROM person_change_seq WHERE id = 1").at(0).at(0));
  db::RetryOnDuplicate([&] {
    tx.Exec(
        "INSERT INTO person_changes (seq, person_id, person_type, division_code, field, status, value, changed_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        {seq, c.person_id, c.person_type, c.division_code, c.field, int64_t{static_cast<int>(c.status)},
         int64_t{c.value}, c.changed_at});
  });
}

std::vector<PersonChange> ChangesAfter(db::Tx& tx, int64_t after, const std::string& reach, int limit) {
  auto range = RangeOf(reach);
  std::vector<PersonChange> out;
  for (const auto& row :
       tx.Query("SELECT seq, person_id, person_type, division_code, field, status, value, changed_at FROM "
                "person_changes WHERE seq > ? AND division_code >= ? AND division_code < ? ORDER BY seq LIMIT ?",
                {after, range.begin, range.end, int64_t{limit}})) {
    out.push_back({db::AsInt(row[0]), db::AsText(row[1]), db::AsText(row[2]), db::AsText(row[3]), db::AsText(row[4]),
                   static_cast<PersonStatus>(db::AsInt(row[5])), static_cast<int>(db::AsInt(row[6])),
                   db::AsText(row[7])});
  }
  return out;
}

}  // namespace carehub::registry::store
