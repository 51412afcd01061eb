#include "services/funds/app/programs_app.h"

#include <nlohmann/json.hpp>

#include "common/audit.h"
#include "common/ids.h"
#include "common/log.h"
#include "common/reach.h"
#include "common/resident_id.h"
#include "services/funds/store/program_rows.h"

namespace carehub::funds {

std::string ProgramAuditJson(const Program& p) {
  nlohmann::json j = {{"code", p.code},
                      {"name", p.name},
                      {"funding_source", FundingSourceName(p.funding_source)},
                      {"division_code", p.division_code},
                      {"beneficiary_kind", static_cast<int>(p.beneficiary_kind)},
                      {"benefit_class", p.benefit_class},
                      {"opens_on", FormatDate(p.opens_on)},
                      {"closes_on", FormatDate(p.closes_on)},
                      {"state", StateName(p.state)},
                      {"amount_rule", static_cast<int>(p.amount_rule)},
                      {"amount_fen", p.amount_fen}};
  return AuditJson(j);
}

Program ProgramsApp::Create(db::Tx& tx, const Caller& caller, const ProgramTerms& terms) const {
  if (!caller.Reaches(terms.division_code)) {
    Throw(ErrorCode::kPermissionDenied, "program.division_code", "lies outside the caller's reach");
  }
  Program p;
  static_cast<ProgramTerms&>(p) = terms;
  p.id = NewId("pg");
  p.state = ProgramState::kDraft;
  p.created_at = log::NowRfc3339();
  p.created_by = caller.subject;
  store::InsertProgram(tx, p);
  RecordAudit(tx, {AuditBy(caller, "program.create", {"program", p.id, p.division_code}, "", ProgramAuditJson(p))});
  return p;
}

Program ProgramsApp::ChangeState(db::Tx& tx, const Caller& caller, const std::string& id, ProgramState wanted,
                                 const std::string& note) const {
  Program before = store::Programs().Lock(tx, id, caller.reach);
  Program after = before;
  after.state = NextState(before.state, wanted);
  after.version = before.version + 1;
  store::Programs().Update(tx, after, before.version, "id");
  auto state = [&](const Program& p) { return nlohmann::json{{"state", StateName(p.state)}, {"note", note}}.dump(); };
  RecordAudit(tx, {AuditBy(caller, std::string("program.") + StateName(wanted), {"program", id, before.division_code},
                           state(before), state(after))});
  return after;
}

std::optional<Program> ProgramsApp::Get(const Caller& caller, const std::string& id) const {
  return store::Programs().Find(db_, id, caller.reach);
}

std::vector<Program> ProgramsApp::List(const Caller& caller, const std::string& division_filter,
                                       const db::PageQuery& q) const {
  return store::Programs().ListNarrowed(db_, caller.reach, division_filter, q);
}

}  // namespace carehub::funds
