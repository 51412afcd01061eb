#include "services/registry/child_store.h"

#include <nlohmann/json.hpp>

#include "common/audit.h"
#include "common/ids.h"
#include "common/log.h"
#include "services/registry/person_rows.h"

namespace carehub::registry {
namespace {

constexpr char kColumns[] =
    "id, name, sex, birth_date, id_number_masked, division_code, category, guardian_name, "
    "guardian_relation, guardian_mobile_masked, created_at, created_by, id_number_cipher, guardian_mobile_cipher, "
    "status, exit_reason, version, address, school, hardship_reasons, father_location, father_place, "
    "mother_location, mother_place, guardian_able_to_care, risk_level, notes";
constexpr int kColumnCount = 27;
const std::string kInsertChildren = std::string("INSERT INTO children (") + kColumns + ") VALUES ";
const PersonTable kChildren{"children", kColumns, "no such child"};

// Hardship reasons are few and small: stored as "1,3" rather than in a table of their own.
std::string JoinReasons(const std::vector<int>& reasons) {
  std::string out;
  for (int r : reasons) out += (out.empty() ? "" : ",") + std::to_string(r);
  return out;
}
std::vector<int> SplitReasons(const std::string& text) {
  std::vector<int> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t comma = text.find(',', start);
    out.push_back(std::stoi(text.substr(start, comma - start)));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

ChildRecord FromRow(const db::Row& r) {
  ChildRecord c;
  c.id = db::AsText(r[0]);
  c.name = db::AsText(r[1]);
  c.sex = static_cast<int>(db::AsInt(r[2]));
  c.birth_date = db::AsText(r[3]);
  c.id_number_masked = db::AsText(r[4]);
  c.division_code = db::AsText(r[5]);
  c.category = static_cast<int>(db::AsInt(r[6]));
  c.guardian_name = db::AsText(r[7]);
  c.guardian_relation = static_cast<int>(db::AsInt(r[8]));
  c.guardian_mobile_masked = db::AsText(r[9]);
  c.created_at = db::AsText(r[10]);
  c.created_by = db::AsText(r[11]);
  c.id_number_cipher = db::AsText(r[12]);
  c.guardian_mobile_cipher = db::AsText(r[13]);
  c.status = static_cast<int>(db::AsInt(r[14]));
  c.exit_reason = static_cast<int>(db::AsInt(r[15]));
  c.version = db::AsInt(r[16]);
  c.address = db::AsText(r[17]);
  c.school = db::AsText(r[18]);
  c.hardship_reasons = SplitReasons(db::AsText(r[19]));
  c.father_location = static_cast<int>(db::AsInt(r[20]));
  c.father_place = db::AsText(r[21]);
  c.mother_location = static_cast<int>(db::AsInt(r[22]));
  c.mother_place = db::AsText(r[23]);
  c.guardian_able_to_care = db::AsInt(r[24]) != 0;
  c.risk_level = static_cast<int>(db::AsInt(r[25]));
  c.notes = db::AsText(r[26]);
  return c;
}

// A new child's record as first stored (identifiers masked; ciphers are added by the caller).
ChildRecord NewRecord(const ValidChild& child, const std::string& created_by) {
  ChildRecord r;
  r.id = NewId("ch");
  r.name = child.name;
  r.sex = static_cast<int>(child.sex);
  r.birth_date = FormatDate(child.birth_date);
  r.id_number_masked = MaskResidentId(child.resident_id_number);
  r.division_code = child.division_code;
  r.category = static_cast<int>(child.category);
  r.guardian_name = child.guardian_name;
  r.guardian_relation = static_cast<int>(child.guardian_relation);
  r.guardian_mobile_masked = MaskMobile(child.guardian_mobile);
  r.created_at = log::NowRfc3339();
  r.created_by = created_by;
  r.address = child.address;
  r.school = child.school;
  r.hardship_reasons = child.hardship_reasons;
  r.father_location = static_cast<int>(child.father_location);
  r.father_place = child.father_place;
  r.mother_location = static_cast<int>(child.mother_location);
  r.mother_place = child.mother_place;
  r.guardian_able_to_care = child.guardian_able_to_care;
  r.risk_level = static_cast<int>(child.risk_level);
  r.notes = child.notes;
  return r;
}

// The children columns of `r`, in kColumns order.
void AppendRow(const ChildRecord& r, std::vector<db::Value>& out) {
  for (db::Value v : std::initializer_list<db::Value>{
           r.id, r.name, int64_t{r.sex}, r.birth_date, r.id_number_masked, r.division_code, int64_t{r.category},
           r.guardian_name, int64_t{r.guardian_relation}, r.guardian_mobile_masked, r.created_at, r.created_by,
           r.id_number_cipher, r.guardian_mobile_cipher, int64_t{r.status}, int64_t{r.exit_reason}, r.version,
           r.address, r.school, JoinReasons(r.hardship_reasons), int64_t{r.father_location}, r.father_place,
           int64_t{r.mother_location}, r.mother_place, int64_t{r.guardian_able_to_care ? 1 : 0},
           int64_t{r.risk_level}, r.notes}) {
    out.push_back(std::move(v));
  }
}

}  // namespace

std::string ChildAuditJson(const ChildRecord& r) {
  nlohmann::json j = {{"name", r.name},
                      {"sex", r.sex},
                      {"birth_date", r.birth_date},
                      {"resident_id_number", r.id_number_masked},
                      {"division_code", r.division_code},
                      {"category", r.category},
                      {"guardian_name", r.guardian_name},
                      {"guardian_relation", r.guardian_relation},
                      {"guardian_mobile", r.guardian_mobile_masked},
                      {"guardian_able_to_care", r.guardian_able_to_care},
                      {"address", r.address},
                      {"school", r.school},
                      {"hardship_reasons", r.hardship_reasons},
                      {"father_location", r.father_location},
                      {"mother_location", r.mother_location},
                      {"risk_level", r.risk_level}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<ChildStore::Revealed> ChildStore::Reveal(const std::vector<ChildRecord>& children,
                                                     const std::string& actor, const std::string& request_id) {
  std::vector<SealedIdentity> sealed;
  for (const auto& c : children) sealed.push_back({c.id, c.division_code, c.id_number_cipher, c.guardian_mobile_cipher});
  return RevealAudited(db_, cipher_, "child", sealed, actor, request_id);
}

std::string ChildStore::Create(const ValidChild& child, const std::string& created_by, const std::string& request_id,
                               const IdempotencyKey& key, const std::function<std::string(const ChildRecord&)>& render,
                               const std::string& id_field) {
  // Encryption is CPU work that needs no lock: done before the transaction.
  ChildRecord r = NewRecord(child, created_by);
  r.id_number_cipher = cipher_.Encrypt(child.resident_id_number);
  r.guardian_mobile_cipher = cipher_.Encrypt(child.guardian_mobile);
  std::vector<db::Value> row;
  AppendRow(r, row);
  return RegisterOne(db_, key, cipher_.BlindIndex(child.resident_id_number), r.id, id_field, kInsertChildren,
                     kColumnCount, row,
                     {"", "", created_by, request_id, "child.create", "child", r.id, r.division_code, "",
                      ChildAuditJson(r)},
                     [&] { return render(r); });
}

std::vector<bool> ChildStore::Import(const std::vector<ValidChild>& children, const std::string& actor,
                                     const std::string& request_id) {
  // Encryption and the blind index are CPU work: done before the transaction.
  std::vector<ChildRecord> records;
  std::vector<db::Value> indexes;
  records.reserve(children.size());
  for (const auto& c : children) {
    ChildRecord r = NewRecord(c, actor);
    r.id_number_cipher = cipher_.Encrypt(c.resident_id_number);
    r.guardian_mobile_cipher = cipher_.Encrypt(c.guardian_mobile);
    records.push_back(std::move(r));
    indexes.emplace_back(cipher_.BlindIndex(c.resident_id_number));
  }
  std::vector<std::string> ids;
  for (const auto& r : records) ids.push_back(r.id);
  return RegisterPeople(db_, indexes, ids, kInsertChildren, kColumnCount,
                        [&](size_t i, std::vector<db::Value>& rows, std::vector<AuditEvent>& events) {
                          AppendRow(records[i], rows);
                          events.push_back({"", "", actor, request_id, "child.create", "child", records[i].id,
                                            records[i].division_code, "", ChildAuditJson(records[i])});
                        });
}

std::optional<ChildRecord> ChildStore::Get(const std::string& id, const std::string& reach_prefix) {
  auto row = GetInReach(db_, kChildren, id, reach_prefix);
  return row ? std::optional(FromRow(*row)) : std::nullopt;
}

std::vector<ChildRecord> ChildStore::List(const std::string& prefix, const Cursor& after, int limit) {
  return ListWhere(prefix, after, limit, "", {});
}

std::vector<ChildRecord> ChildStore::List(const std::string& prefix, const Filter& f, const Cursor& after,
                                          int limit) {
  std::string sql;
  std::vector<db::Value> params;
  if (f.category != 0) {
    sql += " AND category = ?";
    params.emplace_back(int64_t{f.category});
  }
  if (f.status != 0) {
    sql += " AND status = ?";
    params.emplace_back(int64_t{f.status});
  }
  if (f.risk_level != 0) {
    sql += " AND risk_level = ?";
    params.emplace_back(int64_t{f.risk_level});
  }
  if (!f.born_on_or_after.empty()) {
    sql += " AND birth_date >= ?";
    params.emplace_back(f.born_on_or_after);
  }
  if (!f.born_on_or_before.empty()) {
    sql += " AND birth_date <= ?";
    params.emplace_back(f.born_on_or_before);
  }
  if (!f.name_prefix.empty()) {
    // A range on the bytes: names sort by UTF-8 bytes on both backends (utf8mb4_bin), and
    // U+10FFFF's encoding sorts after every character that can follow the prefix.
    sql += " AND name >= ? AND name < ?";
    params.emplace_back(f.name_prefix);
    params.emplace_back(f.name_prefix + "\xF4\x8F\xBF\xBF");
  }
  return ListWhere(prefix, after, limit, sql, params);
}

std::vector<ChildRecord> ChildStore::ListDueToExit(const std::string& prefix, const std::string& born_by,
                                                   const Cursor& after, int limit) {
  return ListWhere(prefix, after, limit, " AND status = 1 AND category = 1 AND birth_date <= ?", {born_by});
}

std::vector<ChildRecord> ChildStore::ListWhere(const std::string& prefix, const Cursor& after, int limit,
                                               const std::string& extra_sql, const std::vector<db::Value>& extra) {
  std::vector<ChildRecord> out;
  for (const auto& r : ListInReach(db_, kChildren, prefix, after, limit, extra_sql, extra)) out.push_back(FromRow(r));
  return out;
}

std::string ChildStore::ChangeStatus(const std::string& id, const std::string& reach_prefix, const std::string& actor,
                                     const std::string& request_id, const IdempotencyKey& key,
                                     const std::function<Transition(const ChildRecord&)>& decide,
                                     const std::function<std::string(const ChildRecord&)>& render) {
  return ChangeLocked(id, reach_prefix, key, [&](db::Tx& tx, const ChildRecord& before) {
    Transition t = decide(before);
    ApplyStatusChange(tx, "children", "child", {id, before.division_code, before.status, before.exit_reason, before.version}, t,
                      actor, request_id);
    ChildRecord after = before;
    after.status = t.to_status;
    after.exit_reason = t.reason;
    after.version = before.version + 1;
    return render(after);
  });
}

std::string ChildStore::ChangeLocked(const std::string& id, const std::string& reach_prefix, const IdempotencyKey& key,
                                     const std::function<std::string(db::Tx&, const ChildRecord&)>& change) {
  return ChangeInReach(db_, kChildren, id, reach_prefix, key,
                       [&](db::Tx& tx, const db::Row& row) { return change(tx, FromRow(row)); });
}

std::string ChildStore::Update(const std::string& id, const std::string& reach_prefix, int64_t expected_version,
                              const ChildChanges& changes, const std::string& note, const std::string& actor,
                              const std::string& request_id, const IdempotencyKey& key, const std::function<void(const ChildRecord&)>& check,
                              const std::function<std::string(const ChildRecord&)>& render,
                              const std::string& version_field) {
  // Encrypt outside the transaction, as on create.
  std::optional<std::string> mobile_cipher;
  if (changes.guardian_mobile) mobile_cipher = cipher_.Encrypt(*changes.guardian_mobile);
  return ChangeLocked(id, reach_prefix, key, [&](db::Tx& tx, const ChildRecord& before) {
    if (before.version != expected_version) {
      throw DomainError(ErrorCode::kAborted, version_field,
                        "is stale: the child was changed since (now version " + std::to_string(before.version) +
                            "); read it again and reapply");
    }
    check(before);
    ChildRecord after = before;
    nlohmann::json was = nlohmann::json::object(), now = nlohmann::json::object();
    std::vector<std::string> sets;
    std::vector<db::Value> params;
    auto set = [&](const char* column, const char* field, db::Value value, nlohmann::json old_v, nlohmann::json new_v) {
      sets.push_back(std::string(column) + " = ?");
      params.push_back(std::move(value));
      was[field] = std::move(old_v);
      now[field] = std::move(new_v);
    };
    if (changes.name) {
      set("name", "name", *changes.name, before.name, *changes.name);
      after.name = *changes.name;
    }
    if (changes.category) {
      set("category", "category", int64_t{*changes.category}, before.category, *changes.category);
      after.category = *changes.category;
    }
    if (changes.division_code) {
      set("division_code", "division_code", *changes.division_code, before.division_code, *changes.division_code);
      after.division_code = *changes.division_code;
    }
    if (changes.guardian_name) {
      set("guardian_name", "guardian_name", *changes.guardian_name, before.guardian_name, *changes.guardian_name);
      after.guardian_name = *changes.guardian_name;
    }
    if (changes.guardian_relation) {
      set("guardian_relation", "guardian_relation", int64_t{*changes.guardian_relation}, before.guardian_relation,
          *changes.guardian_relation);
      after.guardian_relation = *changes.guardian_relation;
    }
    if (changes.guardian_able_to_care) {
      set("guardian_able_to_care", "guardian_able_to_care", int64_t{*changes.guardian_able_to_care ? 1 : 0},
          before.guardian_able_to_care, *changes.guardian_able_to_care);
      after.guardian_able_to_care = *changes.guardian_able_to_care;
    }
    auto set_text = [&](const char* column, const std::optional<std::string>& v, std::string& field) {
      if (!v) return;
      set(column, column, *v, field, *v);
      field = *v;
    };
    auto set_int = [&](const char* column, const std::optional<int>& v, int& field) {
      if (!v) return;
      set(column, column, int64_t{*v}, field, *v);
      field = *v;
    };
    set_text("address", changes.address, after.address);
    set_text("school", changes.school, after.school);
    set_text("notes", changes.notes, after.notes);
    set_text("father_place", changes.father_place, after.father_place);
    set_text("mother_place", changes.mother_place, after.mother_place);
    set_int("risk_level", changes.risk_level, after.risk_level);
    set_int("father_location", changes.father_location, after.father_location);
    set_int("mother_location", changes.mother_location, after.mother_location);
    if (changes.hardship_reasons) {
      set("hardship_reasons", "hardship_reasons", JoinReasons(*changes.hardship_reasons), before.hardship_reasons,
          *changes.hardship_reasons);
      after.hardship_reasons = *changes.hardship_reasons;
    }
    if (changes.guardian_mobile) {
      after.guardian_mobile_masked = MaskMobile(*changes.guardian_mobile);
      after.guardian_mobile_cipher = *mobile_cipher;
      set("guardian_mobile_masked", "guardian_mobile", after.guardian_mobile_masked, before.guardian_mobile_masked,
          after.guardian_mobile_masked);
      sets.push_back("guardian_mobile_cipher = ?");
      params.emplace_back(*mobile_cipher);
    }
    after.version = before.version + 1;
    std::string sql = "UPDATE children SET ";
    for (const auto& s : sets) sql += s + ", ";
    sql += "version = version + 1 WHERE id = ? AND version = ?";
    params.emplace_back(id);
    params.emplace_back(before.version);
    if (tx.Exec(sql, params) != 1) throw DomainError(ErrorCode::kAborted, version_field, "is stale; read again");
    // Category and risk changes join the status history: who, when, why.
    RecordFieldChange(tx, {id, before.status, "category", before.category, after.category}, note, actor, request_id);
    RecordFieldChange(tx, {id, before.status, "risk_level", before.risk_level, after.risk_level}, note, actor,
                      request_id);
    // Audited where the child was and, after a move, where it is now: both districts' auditors
    // see the change.
    AuditEvent event{"", "", actor, request_id, "child.update", "child", id, before.division_code,
                     was.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                     now.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)};
    std::vector<AuditEvent> events = {event};
    if (after.division_code != before.division_code) {
      event.division_code = after.division_code;
      events.push_back(event);
    }
    RecordAudit(tx, std::move(events));
    return render(after);
  });
}

std::vector<StatusChangeRecord> ChildStore::History(const std::string& child_id) {
  std::vector<StatusChangeRecord> out;
  db_.Read([&](db::Tx& tx) {
    out.clear();
    for (const auto& r : tx.Query(
             "SELECT id, child_id, from_status, to_status, reason, note, actor, request_id, changed_at, field, "
             "from_value, to_value FROM child_status_history WHERE child_id = ? ORDER BY id",
             {child_id})) {
      StatusChangeRecord c;
      c.id = db::AsText(r[0]);
      c.child_id = db::AsText(r[1]);
      c.from_status = static_cast<int>(db::AsInt(r[2]));
      c.to_status = static_cast<int>(db::AsInt(r[3]));
      c.reason = static_cast<int>(db::AsInt(r[4]));
      c.note = db::AsText(r[5]);
      c.actor = db::AsText(r[6]);
      c.request_id = db::AsText(r[7]);
      c.changed_at = db::AsText(r[8]);
      c.field = db::AsText(r[9]);
      c.from_value = static_cast<int>(db::AsInt(r[10]));
      c.to_value = static_cast<int>(db::AsInt(r[11]));
      out.push_back(std::move(c));
    }
  });
  return out;
}

}  // namespace carehub::registry
