#include "services/registry/api/person_proto.h"

#include <map>

#include "common/errors.h"

namespace carehub::registry {
namespace {

std::string Shorten(const std::string& path) { return path.size() > 64 ? path.substr(0, 64) + "…" : path; }

[[noreturn]] void RefuseMaskPath(const std::string& path, bool identity, const char* who) {
  if (identity)
    ThrowInvalid("update_mask",
                 path + " identifies " + who + " and cannot be changed; register the correct record instead");
  ThrowInvalid("update_mask", Shorten(path) + " is not a field that can be changed");
}

void RequireMask(const google::protobuf::FieldMask& mask) {
  if (mask.paths_size() == 0) ThrowInvalid("update_mask", "must name the fields to change");
}

}  // namespace

ChildApplication ApplicationFromProto(const v1::Child& c) {
  ChildApplication a;
  a.name = c.name();
  a.sex = c.sex();
  a.birth_date = c.birth_date();
  a.resident_id_number = c.resident_id_number();
  a.division_code = c.division_code();
  a.category = c.category();
  a.guardian_name = c.guardian().name();
  a.guardian_relation = c.guardian().relation();
  a.guardian_mobile = c.guardian().mobile();
  a.guardian_able_to_care = c.guardian().able_to_care();
  a.address = c.address();
  a.school = c.school();
  a.hardship_reasons.assign(c.hardship_reasons().begin(), c.hardship_reasons().end());
  a.father_location = c.father().location();
  a.father_place = c.father().place();
  a.mother_location = c.mother().location();
  a.mother_place = c.mother().place();
  a.risk_level = c.risk_level();
  a.notes = c.notes();
  return a;
}

WomanApplication WomanFromProto(const v1::Woman& w) {
  WomanApplication a;
  a.name = w.name();
  a.birth_date = w.birth_date();
  a.resident_id_number = w.resident_id_number();
  a.division_code = w.division_code();
  a.mobile = w.mobile();
  a.hardship_categories.assign(w.hardship_categories().begin(), w.hardship_categories().end());
  a.household_size = w.household_size();
  a.monthly_income_fen = w.monthly_income_fen();
  a.notes = w.notes();
  return a;
}

ChildChanges ChildChangesFromMask(const v1::UpdateChildRequest& req) {
  RequireMask(req.update_mask());
  const v1::Child& c = req.child();
  using Set = void (*)(ChildChanges&, const v1::Child&);
  // Each path, and the group paths ("guardian") that name all of a nested message's fields.
  static const std::multimap<std::string, Set> kPaths = {
      {"name", [](ChildChanges& x, const v1::Child& c) { x.name = c.name(); }},
      {"category", [](ChildChanges& x, const v1::Child& c) { x.category = c.category(); }},
      {"division_code", [](ChildChanges& x, const v1::Child& c) { x.division_code = c.division_code(); }},
      {"address", [](ChildChanges& x, const v1::Child& c) { x.address = c.address(); }},
      {"school", [](ChildChanges& x, const v1::Child& c) { x.school = c.school(); }},
      {"notes", [](ChildChanges& x, const v1::Child& c) { x.notes = c.notes(); }},
      {"risk_level", [](ChildChanges& x, const v1::Child& c) { x.risk_level = c.risk_level(); }},
      {"hardship_reasons",
       [](ChildChanges& x, const v1::Child& c) {
         x.hardship_reasons = std::vector<int>(c.hardship_reasons().begin(), c.hardship_reasons().end());
       }},
      {"guardian.name", [](ChildChanges& x, const v1::Child& c) { x.guardian_name = c.guardian().name(); }},
      {"guardian.relation", [](ChildChanges& x, const v1::Child& c) { x.guardian_relation = c.guardian().relation(); }},
      {"guardian.mobile", [](ChildChanges& x, const v1::Child& c) { x.guardian_mobile = c.guardian().mobile(); }},
      {"guardian.able_to_care",
       [](ChildChanges& x, const v1::Child& c) { x.guardian_able_to_care = c.guardian().able_to_care(); }},
      {"father.location", [](ChildChanges& x, const v1::Child& c) { x.father_location = c.father().location(); }},
      {"father.place", [](ChildChanges& x, const v1::Child& c) { x.father_place = c.father().place(); }},
      {"mother.location", [](ChildChanges& x, const v1::Child& c) { x.mother_location = c.mother().location(); }},
      {"mother.place", [](ChildChanges& x, const v1::Child& c) { x.mother_place = c.mother().place(); }},
  };
  ChildChanges changes;
  for (const auto& path : req.update_mask().paths()) {
    bool group = path == "guardian" || path == "father" || path == "mother";
    bool known = false;
    for (const auto& [p, set] : kPaths) {
      if (p == path || (group && p.rfind(path + ".", 0) == 0)) set(changes, c), known = true;
    }
    if (!known)
      RefuseMaskPath(path, path == "sex" || path == "birth_date" || path == "resident_id_number", "the child");
  }
  return changes;
}

WomanChanges WomanChangesFromMask(const v1::UpdateWomanRequest& req) {
  RequireMask(req.update_mask());
  const v1::Woman& w = req.woman();
  WomanChanges changes;
  for (const auto& path : req.update_mask().paths()) {
    if (path == "name")
      changes.name = w.name();
    else if (path == "division_code")
      changes.division_code = w.division_code();
    else if (path == "mobile")
      changes.mobile = w.mobile();
    else if (path == "hardship_categories") {
      changes.hardship_categories = std::vector<int>(w.hardship_categories().begin(), w.hardship_categories().end());
    } else if (path == "household_size")
      changes.household_size = w.household_size();
    else if (path == "monthly_income_fen")
      changes.monthly_income_fen = w.monthly_income_fen();
    else if (path == "notes")
      changes.notes = w.notes();
    else
      RefuseMaskPath(path, path == "birth_date" || path == "resident_id_number", "her");
  }
  return changes;
}

void ToProto(const ChildRecord& r, v1::Child* c, const OpenedIdentity* revealed) {
  c->set_id(r.id);
  c->set_name(r.name);
  c->set_sex(static_cast<v1::Sex>(r.sex));
  c->set_birth_date(FormatDate(r.birth_date));
  c->set_resident_id_number(revealed ? revealed->resident_id_number : r.id_number_masked);
  c->set_division_code(r.division_code);
  c->set_category(static_cast<v1::ChildCategory>(r.category));
  auto* g = c->mutable_guardian();
  g->set_name(r.guardian_name);
  g->set_relation(static_cast<v1::GuardianRelation>(r.guardian_relation));
  g->set_mobile(revealed ? revealed->mobile : r.guardian_mobile_masked);
  g->set_able_to_care(r.guardian_able_to_care);
  c->set_created_at(r.created_at);
  c->set_created_by(r.created_by);
  c->set_status(static_cast<v1::ChildStatus>(r.status));
  c->set_exit_reason(static_cast<v1::ExitReason>(r.exit_reason));
  c->set_version(r.version);
  c->set_address(r.address);
  c->set_school(r.school);
  for (int h : r.hardship_reasons) c->add_hardship_reasons(static_cast<v1::HardshipReason>(h));
  c->mutable_father()->set_location(static_cast<v1::ParentLocation>(r.father_location));
  c->mutable_father()->set_place(r.father_place);
  c->mutable_mother()->set_location(static_cast<v1::ParentLocation>(r.mother_location));
  c->mutable_mother()->set_place(r.mother_place);
  c->set_risk_level(static_cast<v1::RiskLevel>(r.risk_level));
  c->set_notes(r.notes);
}

void ToProto(const WomanRecord& r, v1::Woman* w, const OpenedIdentity* revealed) {
  w->set_id(r.id);
  w->set_name(r.name);
  w->set_birth_date(FormatDate(r.birth_date));
  w->set_resident_id_number(revealed ? revealed->resident_id_number : r.id_number_masked);
  w->set_division_code(r.division_code);
  w->set_mobile(revealed ? revealed->mobile : r.mobile_masked);
  for (int c : HardshipList(r.hardship_mask)) w->add_hardship_categories(static_cast<v1::WomanHardship>(c));
  w->set_household_size(r.household_size);
  w->set_monthly_income_fen(r.monthly_income_fen);
  w->set_notes(r.notes);
  w->set_cancer_patient(r.cancer_patient);
  w->set_status(static_cast<v1::ChildStatus>(r.status));
  w->set_exit_reason(static_cast<v1::ExitReason>(r.exit_reason));
  w->set_version(r.version);
  w->set_created_at(r.created_at);
  w->set_created_by(r.created_by);
}

void ToProto(const Screening& r, v1::Screening* s) {
  s->set_id(r.id);
  s->set_woman_id(r.woman_id);
  s->set_screened_on(FormatDate(r.screened_on));
  s->set_type(static_cast<v1::ScreeningType>(r.type));
  s->set_result(static_cast<v1::ScreeningResult>(r.result));
  s->set_facility(r.facility);
  s->set_recorded_at(r.recorded_at);
  s->set_recorded_by(r.recorded_by);
}

void ToProto(const HistoryEntry& h, v1::StatusChange* c) {
  c->set_id(h.id);
  c->set_person_id(h.person_id);
  c->set_from_status(static_cast<v1::ChildStatus>(h.from_status));
  c->set_to_status(static_cast<v1::ChildStatus>(h.to_status));
  c->set_reason(static_cast<v1::ExitReason>(h.reason));
  c->set_note(h.note);
  c->set_actor(h.actor);
  c->set_request_id(h.trace_id);
  c->set_changed_at(h.changed_at);
  c->set_field(h.field);
  c->set_from_value(h.from_value);
  c->set_to_value(h.to_value);
}

}  // namespace carehub::registry
