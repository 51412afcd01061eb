#include "services/registry/app/women_app.h"

#include "common/sealed_pii.h"

namespace carehub::registry {

nlohmann::json WomanKind::AuditView(const WomanRecord& r) {
  return {{"name", r.name},
          {"birth_date", FormatDate(r.birth_date)},
          {"resident_id_number", r.id_number_masked},
          {"division_code", r.division_code},
          {"mobile", r.mobile_masked},
          {"hardship_categories", HardshipList(r.hardship_mask)},
          {"household_size", r.household_size},
          {"monthly_income_fen", r.monthly_income_fen},
          {"cancer_patient", r.cancer_patient},
          {"notes", r.notes}};
}

std::vector<TrackedField> WomanKind::Tracked(const WomanRecord& before, const WomanRecord& after) {
  return {{"hardship_categories", before.hardship_mask, after.hardship_mask}};
}

void WomanKind::SealMobile(WomanRecord& r, const std::string& mobile, const crypto::PiiCipher& cipher) {
  auto sealed = carehub::SealMobile(cipher, mobile);
  r.mobile_masked = std::move(sealed.masked);
  r.mobile_cipher = std::move(sealed.cipher);
}

WomanRecord WomenApp::Register(db::Tx& tx, const Caller& caller, const NewWoman& woman) const {
  RegisterOne<WomanKind>(tx, caller, woman.record, woman.id_index, "woman.resident_id_number");
  return woman.record;
}

WomanRecord WomenApp::Update(db::Tx& tx, const Caller& caller, WomanUpdate u) const {
  ValidateWomanChanges(u.changes);
  CheckNote(u.note, u.changes.TouchesHistory());
  WomanRecord before = store::Women().Lock(tx, u.id, caller.reach);
  RequireVersion(before.version, u.version, "woman.version");
  RequireReachOf(caller, u.changes.division_code, "woman.division_code");
  WomanRecord after = before;
  static_cast<WomanDetails&>(after) = ApplyChanges(before, u.changes);
  if (u.changes.mobile) WomanKind::SealMobile(after, *u.changes.mobile, cipher_);
  return ApplyUpdate<WomanKind>(tx, caller, before, std::move(after), u.note);
}

WomanRecord WomenApp::Exit(db::Tx& tx, const Caller& caller, const StatusRequest& r) const {
  WomanRecord before = store::Women().Lock(tx, r.id, caller.reach);
  return ApplyStatusChange<WomanKind>(tx, caller, before, DecideExit(before, r.reason, r.note));
}

WomanRecord WomenApp::Reactivate(db::Tx& tx, const Caller& caller, const StatusRequest& r) const {
  WomanRecord before = store::Women().Lock(tx, r.id, caller.reach);
  return ApplyStatusChange<WomanKind>(tx, caller, before, DecideReactivate(before, r.note));
}

Screening WomenApp::RecordScreening(db::Tx& tx, const Caller& caller, const std::string& woman_id,
                                    const ScreeningApplication& s, std::chrono::year_month_day today) const {
  WomanRecord woman = store::Women().Lock(tx, woman_id, caller.reach);
  Screening screening = ValidateScreening(s, woman, today);
  auto stamp = Stamp("sc", caller);
  screening.id = stamp.id, screening.recorded_at = stamp.at, screening.recorded_by = stamp.by;
  store::InsertScreening(tx, screening);
  nlohmann::json after = {{"screening_id", screening.id},
                          {"type", static_cast<int>(screening.type)},
                          {"result", static_cast<int>(screening.result)},
                          {"screened_on", FormatDate(screening.screened_on)}};
  if (screening.result == ScreeningResult::kConfirmed && !woman.cancer_patient) {
    WomanRecord marked = woman;
    marked.cancer_patient = true;
    marked.version = woman.version + 1;
    store::Women().Update(tx, marked, woman.version, "id");
    after["cancer_patient"] = true;
  }
  RecordAudit(tx, {AuditBy(caller, "woman.screening", {"woman", woman_id, woman.division_code}, "", AuditJson(after))});
  return screening;
}

std::vector<Screening> WomenApp::Screenings(const Caller& caller, const std::string& woman_id) const {
  std::vector<Screening> out;
  db_.Read([&](db::Tx& tx) {
    if (!store::Women().Get(tx, woman_id, caller.reach)) Throw(ErrorCode::kNotFound, "woman_id", "no such woman");
    out = store::Screenings(tx, woman_id);
  });
  return out;
}

}  // namespace carehub::registry
