#include "services/funds/store/program_rows.h"

#include <nlohmann/json.hpp>

#include "common/db/bulk.h"
#include "services/funds/domain/ledger.h"

namespace carehub::funds::store {
namespace {

// Eligibility, limits and approval bands are read and written whole, never queried: one JSON
// column rather than three child tables.
db::Value TermsJson(const Program& p) {
  nlohmann::json bands = nlohmann::json::array();
  for (const auto& b : p.approval_bands) bands.push_back({{"up_to_fen", b.up_to_fen}, {"approvals", b.approvals}});
  nlohmann::json e = {{"any_of_categories", p.eligibility.any_of_categories},
                      {"requires_cancer_patient", p.eligibility.requires_cancer_patient}};
  if (p.eligibility.min_age) e["min_age"] = *p.eligibility.min_age;
  if (p.eligibility.max_age) e["max_age"] = *p.eligibility.max_age;
  return nlohmann::json{
      {"eligibility", e},
      {"limit", {{"max_grants", p.limit.max_grants}, {"per_calendar_year", p.limit.per_calendar_year}}},
      {"approval_bands", bands}}
      .dump();
}

void ReadTerms(Program& p, const db::Value& v) {
  auto j = nlohmann::json::parse(db::AsText(v));
  const auto& e = j.at("eligibility");
  p.eligibility.any_of_categories = e.at("any_of_categories").get<std::vector<std::string>>();
  p.eligibility.requires_cancer_patient = e.at("requires_cancer_patient").get<bool>();
  if (e.contains("min_age")) p.eligibility.min_age = e["min_age"].get<int>();
  if (e.contains("max_age")) p.eligibility.max_age = e["max_age"].get<int>();
  p.limit.max_grants = j.at("limit").at("max_grants").get<int>();
  p.limit.per_calendar_year = j.at("limit").at("per_calendar_year").get<bool>();
  p.approval_bands.clear();
  for (const auto& b : j.at("approval_bands")) {
    p.approval_bands.push_back({b.at("up_to_fen").get<int64_t>(), b.at("approvals").get<int>()});
  }
}

db::RowMapping<Program> Columns() {
  using P = Program;
  return db::RowMapping<P>()
      .Text("id", &P::id)
      .Text("code", &P::code)
      .Text("name", &P::name)
      .Enum<FundingSource>("funding_source", &P::funding_source)
      .Text("division_code", &P::division_code)
      .Enum<BeneficiaryKind>("beneficiary_kind", &P::beneficiary_kind)
      .Text("benefit_class", &P::benefit_class)
      .Date("opens_on", &P::opens_on)
      .Date("closes_on", &P::closes_on)
      .Enum<ProgramState>("state", &P::state)
      .Enum<AmountRule>("amount_rule", &P::amount_rule)
      .Int("amount_fen", &P::amount_fen)
      .Custom("terms_json", TermsJson, ReadTerms)
      .Int("version", &P::version)
      .Text("created_at", &P::created_at)
      .Text("created_by", &P::created_by);
}

}  // namespace

const db::RecordTable<Program>& Programs() {
  static const db::RecordTable<Program> kTable("programs", "no such program", Columns(),
                                               {"id", "code", "created_at", "created_by"});
  return kTable;
}

void InsertProgram(db::Tx& tx, const Program& p) {
  try {
    Programs().Insert(tx, {&p});
  } catch (const db::DbError& e) {
    if (e.kind() == db::DbError::Kind::kDuplicate)
      Throw(ErrorCode::kAlreadyExists, "program.code", "another program has this code");
    throw;
  }
  std::vector<db::Value> rows;
  for (auto k : {AccountKind::kAvailable, AccountKind::kHeld, AccountKind::kSpent}) {
    for (db::Value v :
         {db::Value(ProgramAccount(p.id, k)), db::Value(p.id), db::Value(int64_t{0}), db::Value(int64_t{0})}) {
      rows.push_back(std::move(v));
    }
  }
  db::InsertRows(tx, "INSERT INTO accounts (id, program_id, balance_fen, may_go_negative) VALUES ", 4, rows);
}

db::Filter ToSql(const ProgramFilter& f) {
  db::Filter sql;
  sql.Equals("state", f.state);
  if (!f.benefit_class.empty()) sql.Where(" AND benefit_class = ?", {f.benefit_class});
  return sql;
}

}  // namespace carehub::funds::store
