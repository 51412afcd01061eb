#include "services/registry/store/woman_rows.h"

namespace carehub::registry::store {
namespace {

db::RowMapping<WomanRecord> Columns() {
  using R = WomanRecord;
  return db::RowMapping<R>()
      .Text("id", &R::id)
      .Text("name", &R::name)
      .Date("birth_date", &R::birth_date)
      .Text("id_number_masked", &R::id_number_masked)
      .Text("division_code", &R::division_code)
      .Text("mobile_masked", &R::mobile_masked)
      .Int("hardship_mask", &R::hardship_mask)
      .Int("household_size", &R::household_size)
      .Int("monthly_income_fen", &R::monthly_income_fen)
      .Text("notes", &R::notes)
      .Bool("cancer_patient", &R::cancer_patient)
      .Enum<PersonStatus>("status", &R::status)
      .Enum<ExitReason>("exit_reason", &R::exit_reason)
      .Int("version", &R::version)
      .Text("created_at", &R::created_at)
      .Text("created_by", &R::created_by)
      .Text("id_number_cipher", &R::id_number_cipher)
      .Text("mobile_cipher", &R::mobile_cipher);
}

const db::RowMapping<Screening>& ScreeningColumns() {
  using S = Screening;
  static const auto kColumns = db::RowMapping<S>()
                                   .Text("id", &S::id)
                                   .Text("woman_id", &S::woman_id)
                                   .Date("screened_on", &S::screened_on)
                                   .Enum<ScreeningType>("screening_type", &S::type)
                                   .Enum<ScreeningResult>("result", &S::result)
                                   .Text("facility", &S::facility)
                                   .Text("recorded_at", &S::recorded_at)
                                   .Text("recorded_by", &S::recorded_by);
  return kColumns;
}

}  // namespace

const db::RecordTable<WomanRecord>& Women() {
  static const db::RecordTable<WomanRecord> kTable(
      "women", "no such woman", Columns(),
      {"id", "birth_date", "id_number_masked", "id_number_cipher", "created_at", "created_by"});
  return kTable;
}

db::Filter ToSql(const WomanFilter& f) {
  db::Filter sql;
  sql.AnyBits("hardship_mask", f.hardship == 0 ? 0 : int64_t{1} << f.hardship)
      .Equals("status", f.status)
      .Equals("cancer_patient", f.cancer_patient ? std::optional<int64_t>(*f.cancer_patient ? 1 : 0) : std::nullopt)
      .AtLeast("birth_date", f.born_on_or_after)
      .AtMost("birth_date", f.born_on_or_before)
      .StartsWith("name", f.name_prefix);
  return sql;
}

void InsertScreening(db::Tx& tx, const Screening& s) {
  static const std::string kInsert = "INSERT INTO screenings (" + ScreeningColumns().ColumnList() + ") VALUES ";
  std::vector<db::Value> row;
  ScreeningColumns().Append(s, row);
  db::InsertRows(tx, kInsert, ScreeningColumns().size(), row);
}

std::vector<Screening> Screenings(db::Tx& tx, const std::string& woman_id) {
  std::vector<Screening> out;
  for (const auto& r :
       tx.Query("SELECT " + ScreeningColumns().ColumnList() + " FROM screenings WHERE woman_id = ? ORDER BY id",
                {woman_id})) {
    out.push_back(ScreeningColumns().Read(r));
  }
  return out;
}

}  // namespace carehub::registry::store
