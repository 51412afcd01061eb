#include "services/registry/app/children_app.h"

#include "common/sealed_pii.h"

#include "services/registry/store/person_rows.h"

namespace carehub::registry {

nlohmann::json ChildKind::AuditView(const ChildRecord& r) {
  return {{"name", r.name},
          {"sex", static_cast<int>(r.sex)},
          {"birth_date", FormatDate(r.birth_date)},
          {"resident_id_number", r.id_number_masked},
          {"division_code", r.division_code},
          {"category", static_cast<int>(r.category)},
          {"guardian_name", r.guardian_name},
          {"guardian_relation", static_cast<int>(r.guardian_relation)},
          {"guardian_mobile", r.guardian_mobile_masked},
          {"guardian_able_to_care", r.guardian_able_to_care},
          {"address", r.address},
          {"school", r.school},
          {"hardship_reasons", r.hardship_reasons},
          {"father_location", static_cast<int>(r.father_location)},
          {"father_place", r.father_place},
          {"mother_location", static_cast<int>(r.mother_location)},
          {"mother_place", r.mother_place},
          {"risk_level", static_cast<int>(r.risk_level)},
          {"notes", r.notes}};
}

std::vector<TrackedField> ChildKind::Tracked(const ChildRecord& before, const ChildRecord& after) {
  return {{"category", static_cast<int>(before.category), static_cast<int>(after.category)},
          {"risk_level", static_cast<int>(before.risk_level), static_cast<int>(after.risk_level)}};
}

void ChildKind::SealMobile(ChildRecord& r, const std::string& mobile, const crypto::PiiCipher& cipher) {
  auto sealed = carehub::SealMobile(cipher, mobile);
  r.guardian_mobile_masked = std::move(sealed.masked);
  r.guardian_mobile_cipher = std::move(sealed.cipher);
}

ChildRecord ChildrenApp::Register(db::Tx& tx, const Caller& caller, const NewChild& child,
                                  const std::string& id_field) const {
  RegisterOne<ChildKind>(tx, caller, child.record, child.id_index, id_field);
  return child.record;
}

ChildRecord ChildrenApp::Update(db::Tx& tx, const Caller& caller, ChildUpdate u,
                                std::chrono::year_month_day today) const {
  CheckNote(u.note, u.changes.TouchesHistory());
  ChildRecord before = store::Children().Lock(tx, u.id, caller.reach);
  RequireVersion(before.version, u.version, "child.version");
  ValidateChanges(u.changes, before, today);
  RequireReachOf(caller, u.changes.division_code, "child.division_code");
  ChildRecord after = before;
  static_cast<ChildDetails&>(after) = ApplyChanges(before, u.changes);
  if (u.changes.guardian_mobile) ChildKind::SealMobile(after, *u.changes.guardian_mobile, cipher_);
  return ApplyUpdate<ChildKind>(tx, caller, before, std::move(after), u.note);
}

ChildRecord ChildrenApp::Exit(db::Tx& tx, const Caller& caller, const StatusRequest& r,
                              std::chrono::year_month_day today) const {
  ChildRecord before = store::Children().Lock(tx, r.id, caller.reach);
  StatusChange change = DecideExit(before, r.reason, r.note, today);
  return ApplyStatusChange<ChildKind>(tx, caller, before, change);
}

ChildRecord ChildrenApp::Reactivate(db::Tx& tx, const Caller& caller, const StatusRequest& r,
                                    std::chrono::year_month_day today) const {
  ChildRecord before = store::Children().Lock(tx, r.id, caller.reach);
  StatusChange change = DecideReactivate(before, r.note, today);
  return ApplyStatusChange<ChildKind>(tx, caller, before, change);
}

}  // namespace carehub::registry
