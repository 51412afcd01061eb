#include "services/registry/store/child_rows.h"

namespace carehub::registry::store {
namespace {

// Hardship reasons are few and small: stored as "1,3" rather than in a table of their own.
db::Value JoinReasons(const ChildRecord& r) {
  std::string out;
  for (int h : r.hardship_reasons) out += (out.empty() ? "" : ",") + std::to_string(h);
  return out;
}
void SplitReasons(ChildRecord& r, const db::Value& v) {
  const std::string& text = db::AsText(v);
  r.hardship_reasons.clear();
  for (size_t start = 0; start < text.size();) {
    size_t comma = text.find(',', start);
    r.hardship_reasons.push_back(std::stoi(text.substr(start, comma - start)));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
}

db::RowMapping<ChildRecord> Columns() {
  using R = ChildRecord;
  return db::RowMapping<R>()
      .Text("id", &R::id)
      .Text("name", &R::name)
      .Enum<Sex>("sex", &R::sex)
      .Date("birth_date", &R::birth_date)
      .Text("id_number_masked", &R::id_number_masked)
      .Text("division_code", &R::division_code)
      .Enum<ChildCategory>("category", &R::category)
      .Text("guardian_name", &R::guardian_name)
      .Enum<GuardianRelation>("guardian_relation", &R::guardian_relation)
      .Text("guardian_mobile_masked", &R::guardian_mobile_masked)
      .Text("created_at", &R::created_at)
      .Text("created_by", &R::created_by)
      .Text("id_number_cipher", &R::id_number_cipher)
      .Text("guardian_mobile_cipher", &R::guardian_mobile_cipher)
      .Enum<PersonStatus>("status", &R::status)
      .Enum<ExitReason>("exit_reason", &R::exit_reason)
      .Int("version", &R::version)
      .Text("address", &R::address)
      .Text("school", &R::school)
      .Custom("hardship_reasons", JoinReasons, SplitReasons)
      .Enum<ParentLocation>("father_location", &R::father_location)
      .Text("father_place", &R::father_place)
      .Enum<ParentLocation>("mother_location", &R::mother_location)
      .Text("mother_place", &R::mother_place)
      .Bool("guardian_able_to_care", &R::guardian_able_to_care)
      .Enum<RiskLevel>("risk_level", &R::risk_level)
      .Text("notes", &R::notes);
}

}  // namespace

const db::RecordTable<ChildRecord>& Children() {
  static const db::RecordTable<ChildRecord> kTable(
      "children", "no such child", Columns(),
      {"id", "sex", "birth_date", "id_number_masked", "id_number_cipher", "created_at", "created_by"});
  return kTable;
}

db::Filter ToSql(const ChildFilter& f) {
  db::Filter sql;
  sql.Equals("category", f.category)
      .Equals("status", f.status)
      .Equals("risk_level", f.risk_level)
      .AtLeast("birth_date", f.born_on_or_after)
      .AtMost("birth_date", f.born_on_or_before)
      .StartsWith("name", f.name_prefix);
  return sql;
}

db::Filter DueToExit(const std::string& born_by) {
  return db::Filter().Where(" AND status = 1 AND category = 1 AND birth_date <= ?", {born_by});
}

}  // namespace carehub::registry::store
