#include "services/registry/woman_store.h"

#include <nlohmann/json.hpp>

#include "common/audit.h"
#include "common/ids.h"
#include "common/log.h"

namespace carehub::registry {
namespace {

constexpr char kColumns[] =
    "id, name, birth_date, id_number_masked, division_code, mobile_masked, hardship_mask, household_size, "
    "monthly_income_fen, notes, cancer_patient, status, exit_reason, version, created_at, created_by, "
    "id_number_cipher, mobile_cipher";
constexpr size_t kColumnCount = 18;
const std::string kInsertWomen = std::string("INSERT INTO women (") + kColumns + ") VALUES ";
const PersonTable kWomen{"women", kColumns, "no such woman"};

WomanRecord FromRow(const db::Row& r) {
  WomanRecord w;
  w.id = db::AsText(r[0]);
  w.name = db::AsText(r[1]);
  w.birth_date = db::AsText(r[2]);
  w.id_number_masked = db::AsText(r[3]);
  w.division_code = db::AsText(r[4]);
  w.mobile_masked = db::AsText(r[5]);
  w.hardship_mask = static_cast<int>(db::AsInt(r[6]));
  w.household_size = static_cast<int>(db::AsInt(r[7]));
  w.monthly_income_fen = db::AsInt(r[8]);
  w.notes = db::AsText(r[9]);
  w.cancer_patient = db::AsInt(r[10]) != 0;
  w.status = static_cast<int>(db::AsInt(r[11]));
  w.exit_reason = static_cast<int>(db::AsInt(r[12]));
  w.version = db::AsInt(r[13]);
  w.created_at = db::AsText(r[14]);
  w.created_by = db::AsText(r[15]);
  w.id_number_cipher = db::AsText(r[16]);
  w.mobile_cipher = db::AsText(r[17]);
  return w;
}

void AppendRow(const WomanRecord& w, std::vector<db::Value>& out) {
  for (db::Value v : std::initializer_list<db::Value>{
           w.id, w.name, w.birth_date, w.id_number_masked, w.division_code, w.mobile_masked,
           int64_t{w.hardship_mask}, int64_t{w.household_size}, w.monthly_income_fen, w.notes,
           int64_t{w.cancer_patient ? 1 : 0}, int64_t{w.status}, int64_t{w.exit_reason}, w.version, w.created_at,
           w.created_by, w.id_number_cipher, w.mobile_cipher}) {
    out.push_back(std::move(v));
  }
}

// A new woman's record with her identifiers sealed.
WomanRecord NewRecord(const ValidWoman& w, const std::string& created_by, const crypto::PiiCipher& cipher) {
  WomanRecord r;
  r.id = NewId("wm");
  r.name = w.name;
  r.birth_date = FormatDate(w.birth_date);
  r.id_number_masked = MaskResidentId(w.resident_id_number);
  r.division_code = w.division_code;
  r.mobile_masked = w.mobile.empty() ? "" : MaskMobile(w.mobile);
  r.hardship_mask = w.hardship_mask;
  r.household_size = w.household_size;
  r.monthly_income_fen = w.monthly_income_fen;
  r.notes = w.notes;
  r.created_at = log::NowRfc3339();
  r.created_by = created_by;
  r.id_number_cipher = cipher.Encrypt(w.resident_id_number);
  r.mobile_cipher = cipher.Encrypt(w.mobile);
  return r;
}

std::string Json(const nlohmann::json& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

std::string AuditJson(const WomanRecord& w) {
  return Json({{"name", w.name},
               {"birth_date", w.birth_date},
               {"resident_id_number", w.id_number_masked},
               {"division_code", w.division_code},
               {"mobile", w.mobile_masked},
               {"hardship_categories", HardshipList(w.hardship_mask)},
               {"household_size", w.household_size},
               {"monthly_income_fen", w.monthly_income_fen}});
}

}  // namespace

std::string WomanStore::Create(const ValidWoman& woman, const std::string& created_by, const std::string& request_id,
                               const IdempotencyKey& key, const std::function<std::string(const WomanRecord&)>& render) {
  WomanRecord r = NewRecord(woman, created_by, cipher_);  // encryption before the transaction
  std::vector<db::Value> row;
  AppendRow(r, row);
  return RegisterOne(db_, key, cipher_.BlindIndex(woman.resident_id_number), r.id, "woman.resident_id_number",
                     kInsertWomen, kColumnCount, row,
                     {"", "", created_by, request_id, "woman.create", "woman", r.id, r.division_code, "", AuditJson(r)},
                     [&] { return render(r); });
}

std::vector<bool> WomanStore::Import(const std::vector<ValidWoman>& women, const std::string& actor,
                                     const std::string& request_id) {
  std::vector<WomanRecord> records;
  std::vector<db::Value> indexes;
  std::vector<std::string> ids;
  for (const auto& w : women) {
    records.push_back(NewRecord(w, actor, cipher_));
    indexes.emplace_back(cipher_.BlindIndex(w.resident_id_number));
    ids.push_back(records.back().id);
  }
  return RegisterPeople(db_, indexes, ids, kInsertWomen, kColumnCount,
                        [&](size_t i, std::vector<db::Value>& rows, std::vector<AuditEvent>& events) {
                          AppendRow(records[i], rows);
                          events.push_back({"", "", actor, request_id, "woman.create", "woman", records[i].id,
                                            records[i].division_code, "", AuditJson(records[i])});
                        });
}

std::optional<WomanRecord> WomanStore::Get(const std::string& id, const std::string& reach_prefix) {
  auto row = GetInReach(db_, kWomen, id, reach_prefix);
  return row ? std::optional(FromRow(*row)) : std::nullopt;
}

std::vector<WomanRecord> WomanStore::List(const std::string& prefix, const Filter& f, const PersonCursor& after,
                                          int limit) {
  std::string sql;
  std::vector<db::Value> params;
  if (f.hardship != 0) {
    sql += " AND (hardship_mask & ?) <> 0";
    params.emplace_back(int64_t{1} << f.hardship);
  }
  if (f.status != 0) {
    sql += " AND status = ?";
    params.emplace_back(int64_t{f.status});
  }
  if (f.cancer_patient) {
    sql += " AND cancer_patient = ?";
    params.emplace_back(int64_t{*f.cancer_patient ? 1 : 0});
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
    sql += " AND name >= ? AND name < ?";  // a byte range, as for children
    params.emplace_back(f.name_prefix);
    params.emplace_back(f.name_prefix + "\xF4\x8F\xBF\xBF");
  }
  std::vector<WomanRecord> out;
  for (const auto& r : ListInReach(db_, kWomen, prefix, after, limit, sql, params)) out.push_back(FromRow(r));
  return out;
}

std::vector<OpenedIdentity> WomanStore::Reveal(const std::vector<WomanRecord>& women, const std::string& actor,
                                               const std::string& request_id) {
  std::vector<SealedIdentity> sealed;
  for (const auto& w : women) sealed.push_back({w.id, w.division_code, w.id_number_cipher, w.mobile_cipher});
  return RevealAudited(db_, cipher_, "woman", sealed, actor, request_id);
}

std::string WomanStore::ChangeLocked(const std::string& id, const std::string& reach_prefix, const IdempotencyKey& key,
                                     const std::function<std::string(db::Tx&, const WomanRecord&)>& change) {
  return ChangeInReach(db_, kWomen, id, reach_prefix, key,
                       [&](db::Tx& tx, const db::Row& row) { return change(tx, FromRow(row)); });
}

std::string WomanStore::Update(const std::string& id, const std::string& reach_prefix, int64_t expected_version,
                               const WomanChanges& c, const std::string& note, const std::string& actor,
                               const std::string& request_id,
                               const IdempotencyKey& key, const std::function<void(const WomanRecord&)>& check,
                               const std::function<std::string(const WomanRecord&)>& render) {
  std::optional<std::string> mobile_cipher;
  if (c.mobile) mobile_cipher = cipher_.Encrypt(*c.mobile);
  return ChangeLocked(id, reach_prefix, key, [&](db::Tx& tx, const WomanRecord& before) {
    if (before.version != expected_version) {
      throw DomainError(ErrorCode::kAborted, "woman.version",
                        "is stale: she was changed since (now version " + std::to_string(before.version) +
                            "); read again and reapply");
    }
    check(before);
    WomanRecord after = before;
    if (c.name) after.name = *c.name;
    if (c.division_code) after.division_code = *c.division_code;
    if (c.mobile) {
      after.mobile_masked = c.mobile->empty() ? "" : MaskMobile(*c.mobile);
      after.mobile_cipher = *mobile_cipher;
    }
    if (c.hardship_mask) after.hardship_mask = *c.hardship_mask;
    if (c.household_size) after.household_size = static_cast<int>(*c.household_size);
    if (c.monthly_income_fen) after.monthly_income_fen = *c.monthly_income_fen;
    if (c.notes) after.notes = *c.notes;
    after.version = before.version + 1;
    if (tx.Exec("UPDATE women SET name = ?, division_code = ?, mobile_masked = ?, mobile_cipher = ?, hardship_mask = ?, "
                "household_size = ?, monthly_income_fen = ?, notes = ?, version = version + 1 "
                "WHERE id = ? AND version = ?",
                {after.name, after.division_code, after.mobile_masked, after.mobile_cipher, int64_t{after.hardship_mask},
                 int64_t{after.household_size}, after.monthly_income_fen, after.notes, id, before.version}) != 1) {
      throw DomainError(ErrorCode::kAborted, "woman.version", "is stale; read again");
    }
    RecordFieldChange(tx, {id, before.status, "hardship_categories", before.hardship_mask, after.hardship_mask}, note,
                      actor, request_id);
    // Before/after of what changed only, identifiers masked.
    auto was = nlohmann::json::parse(AuditJson(before)), now = nlohmann::json::parse(AuditJson(after));
    for (auto it = was.begin(); it != was.end();) {
      if (now[it.key()] == it.value()) {
        now.erase(it.key());
        it = was.erase(it);
      } else {
        ++it;
      }
    }
    if (c.notes && *c.notes != before.notes) was["notes"] = "(changed)", now["notes"] = "(changed)";
    AuditEvent event{"", "", actor, request_id, "woman.update", "woman", id, before.division_code, Json(was), Json(now)};
    std::vector<AuditEvent> events = {event};
    if (after.division_code != before.division_code) {
      event.division_code = after.division_code;  // both districts' auditors see a move
      events.push_back(event);
    }
    RecordAudit(tx, std::move(events));
    return render(after);
  });
}

std::string WomanStore::ChangeStatus(const std::string& id, const std::string& reach_prefix, const std::string& actor,
                                     const std::string& request_id, const IdempotencyKey& key,
                                     const std::function<Transition(const WomanRecord&)>& decide,
                                     const std::function<std::string(const WomanRecord&)>& render) {
  return ChangeLocked(id, reach_prefix, key, [&](db::Tx& tx, const WomanRecord& before) {
    Transition t = decide(before);
    ApplyStatusChange(tx, "women", "woman", {id, before.division_code, before.status, before.exit_reason, before.version}, t,
                      actor, request_id);
    WomanRecord after = before;
    after.status = t.to_status;
    after.exit_reason = t.reason;
    after.version = before.version + 1;
    return render(after);
  });
}

std::string WomanStore::RecordScreening(const std::string& woman_id, const std::string& reach_prefix,
                                        const ScreeningApplication& s, const std::string& actor,
                                        const std::string& request_id, const IdempotencyKey& key,
                                        const std::function<void(const WomanRecord&)>& check,
                                        const std::function<std::string(const ScreeningRecord&)>& render) {
  return ChangeLocked(woman_id, reach_prefix, key, [&](db::Tx& tx, const WomanRecord& woman) {
    check(woman);
    ScreeningRecord r{NewId("sc"), woman_id, s.screened_on, s.type, s.result, s.facility, log::NowRfc3339(), actor};
    tx.Exec("INSERT INTO screenings (id, woman_id, screened_on, screening_type, result, facility, recorded_at, "
            "recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            {r.id, r.woman_id, r.screened_on, int64_t{r.type}, int64_t{r.result}, r.facility, r.recorded_at,
             r.recorded_by});
    nlohmann::json after = {{"screening_id", r.id}, {"type", r.type}, {"result", r.result}, {"screened_on", r.screened_on}};
    if (r.result == static_cast<int>(ScreeningResult::kConfirmed) && !woman.cancer_patient) {
      tx.Exec("UPDATE women SET cancer_patient = 1, version = version + 1 WHERE id = ?", {woman_id});
      after["cancer_patient"] = true;
    }
    RecordAudit(tx, {{"", "", actor, request_id, "woman.screening", "woman", woman_id, woman.division_code, "",
                      Json(after)}});
    return render(r);
  });
}

std::vector<ScreeningRecord> WomanStore::Screenings(const std::string& woman_id) {
  std::vector<ScreeningRecord> out;
  db_.Read([&](db::Tx& tx) {
    out.clear();
    for (const auto& r : tx.Query("SELECT id, woman_id, screened_on, screening_type, result, facility, recorded_at, "
                                  "recorded_by FROM screenings WHERE woman_id = ? ORDER BY id",
                                  {woman_id})) {
      out.push_back({db::AsText(r[0]), db::AsText(r[1]), db::AsText(r[2]), static_cast<int>(db::AsInt(r[3])),
                     static_cast<int>(db::AsInt(r[4])), db::AsText(r[5]), db::AsText(r[6]), db::AsText(r[7])});
    }
  });
  return out;
}

}  // namespace carehub::registry
