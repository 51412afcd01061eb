#include "services/funds/store/grant_rows.h"

#include <nlohmann/json.hpp>

#include "common/errors.h"

namespace carehub::funds::store {
namespace {

// Approvals and the snapshot are read and written whole with their grant: JSON columns.
db::Value ApprovalsJson(const Grant& g) { return ApprovalsText(g.approvals); }
void ReadApprovals(Grant& g, const db::Value& v) { g.approvals = ApprovalsFrom(db::AsText(v)); }
db::Value SnapshotJson(const Grant& g) {
  const auto& s = g.snapshot;
  return nlohmann::json{{"kind", static_cast<int>(s.kind)},   {"active", s.active},
                        {"categories", s.categories},         {"division_code", s.division_code},
                        {"birth_date", s.birth_date},         {"age", s.age},
                        {"cancer_patient", s.cancer_patient}, {"taken_at", s.taken_at}}
      .dump();
}
void ReadSnapshot(Grant& g, const db::Value& v) {
  auto j = nlohmann::json::parse(db::AsText(v));
  auto& s = g.snapshot;
  s.kind = static_cast<BeneficiaryKind>(j.at("kind").get<int>());
  s.active = j.at("active").get<bool>();
  s.categories = j.at("categories").get<std::vector<std::string>>();
  s.division_code = j.at("division_code").get<std::string>();
  s.birth_date = j.at("birth_date").get<std::string>();
  s.age = j.at("age").get<int>();
  s.cancer_patient = j.at("cancer_patient").get<bool>();
  s.taken_at = j.at("taken_at").get<std::string>();
}

db::RowMapping<Grant> Columns() {
  using G = Grant;
  return db::RowMapping<G>()
      .Text("id", &G::id)
      .Text("program_id", &G::program_id)
      .Text("beneficiary_id", &G::beneficiary_id)
      .Int("amount_fen", &G::amount_fen)
      .Text("note", &G::note)
      .Enum<GrantState>("state", &G::state)
      .Text("division_code", &G::division_code)
      .Date("applied_on", &G::applied_on)
      .Text("submitted_by", &G::submitted_by)
      .Text("submitted_at", &G::submitted_at)
      .Int("approvals_required", &G::approvals_required)
      .Custom("approvals_json", ApprovalsJson, ReadApprovals)
      .Custom("snapshot_json", SnapshotJson, ReadSnapshot)
      .Enum<PaymentChannel>("channel", &G::channel)
      .Text("payment_reference", &G::payment_reference)
      .Text("disbursed_at", &G::disbursed_at)
      .Text("disbursed_by", &G::disbursed_by)
      .Text("reason", &G::reason)
      .Int("version", &G::version)
      .Text("payee_name", &G::payee, &Payee::account_name)
      .Text("payee_bank", &G::payee, &Payee::bank)
      .Text("payee_account_cipher", &G::payee, &Payee::account_cipher)
      .Text("payee_account_masked", &G::payee, &Payee::account_masked)
      .Text("goods", &G::goods)
      .Text("batch_id", &G::batch_id)
      .Text("payment_batch_id", &G::payment_batch_id)
      .Text("approved_at", &G::approved_at)
      .Text("closed_at", &G::closed_at);
}

}  // namespace

std::string ApprovalsText(const std::vector<Approval>& approvals) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& x : approvals) a.push_back({{"approver", x.approver}, {"at", x.approved_at}, {"note", x.note}});
  return a.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<Approval> ApprovalsFrom(const std::string& text) {
  std::vector<Approval> out;
  for (const auto& x : nlohmann::json::parse(text)) {
    out.push_back(
        {x.at("approver").get<std::string>(), x.at("at").get<std::string>(), x.at("note").get<std::string>()});
  }
  return out;
}

const db::RecordTable<Grant>& Grants() {
  static const db::RecordTable<Grant> kTable(
      "grants", "no such grant", Columns(),
      {"id", "program_id", "beneficiary_id", "division_code", "applied_on", "submitted_by", "submitted_at"});
  return kTable;
}

db::Filter ToSql(const GrantFilter& f) {
  db::Filter sql;
  if (!f.program_id.empty()) sql.Where(" AND program_id = ?", {f.program_id});
  sql.Equals("state", f.state);
  if (!f.beneficiary_id.empty()) sql.Where(" AND beneficiary_id = ?", {f.beneficiary_id});
  return sql;
}

GrantTotals TotalsOf(db::Tx& tx, const std::string& program_id) {
  GrantTotals t;
  // Held: approved and not yet paid, whether in a bank's hands (sent) or not.
  for (const auto& row :
       tx.Query("SELECT state, COALESCE(SUM(amount_fen), 0) FROM grants WHERE program_id = ? AND "
                "state IN (?, ?, ?) GROUP BY state",
                {program_id, int64_t{static_cast<int>(GrantState::kApproved)},
                 int64_t{static_cast<int>(GrantState::kDisbursed)}, int64_t{static_cast<int>(GrantState::kSent)}})) {
    (db::AsInt(row[0]) == static_cast<int>(GrantState::kDisbursed) ? t.spent_fen : t.held_fen) += db::AsInt(row[1]);
  }
  return t;
}

void CountUsage(db::Tx& tx, const std::string& beneficiary_id, const UsageLimit& l, int64_t amount_fen) {
  auto refuse = [&] {
    Throw(ErrorCode::kFailedPrecondition, "beneficiary_id",
          "the person has reached the limit of " + l.scope + " for " + l.period);
  };
  // The bound is in the update itself: two approvals racing for the last place cannot both pass.
  if (tx.Exec("UPDATE usage_counters SET grants = grants + 1, amount_fen = amount_fen + ? WHERE beneficiary_id = ? AND "
              "scope = ? AND period = ? AND (? = 0 OR grants + 1 <= ?) AND (? = 0 OR amount_fen + ? <= ?)",
              {amount_fen, beneficiary_id, l.scope, l.period, int64_t{l.max_grants}, int64_t{l.max_grants}, l.max_fen,
               amount_fen, l.max_fen}) == 1) {
    return;
  }
  if (!tx.Query("SELECT grants FROM usage_counters WHERE beneficiary_id = ? AND scope = ? AND period = ?",
                {beneficiary_id, l.scope, l.period})
           .empty()) {
    refuse();
  }
  if (l.max_fen != 0 && amount_fen > l.max_fen) refuse();
  // Another approval may make the counter first: then the whole transaction counts on it again.
  db::RetryOnDuplicate([&] {
    tx.Exec("INSERT INTO usage_counters (beneficiary_id, scope, period, grants, amount_fen) VALUES (?, ?, ?, 1, ?)",
            {beneficiary_id, l.scope, l.period, amount_fen});
  });
}

void UncountUsage(db::Tx& tx, const std::string& beneficiary_id, const UsageLimit& l, int64_t amount_fen) {
  tx.Exec(
      "UPDATE usage_counters SET grants = grants - 1, amount_fen = amount_fen - ? WHERE beneficiary_id = ? AND "
      "scope = ? AND period = ? AND grants > 0",
      {amount_fen, beneficiary_id, l.scope, l.period});
}

bool UsageFits(db::Tx& tx, const std::string& beneficiary_id, const UsageLimit& l, int64_t amount_fen) {
  auto rows =
      tx.Query("SELECT grants, amount_fen FROM usage_counters WHERE beneficiary_id = ? AND scope = ? AND period = ?",
               {beneficiary_id, l.scope, l.period});
  if (rows.empty()) return (l.max_grants == 0 || l.max_grants >= 1) && (l.max_fen == 0 || amount_fen <= l.max_fen);
  return (l.max_grants == 0 || db::AsInt(rows[0][0]) + 1 <= l.max_grants) &&
         (l.max_fen == 0 || db::AsInt(rows[0][1]) + amount_fen <= l.max_fen);
}

std::optional<BenefitClassCap> CapOf(db::Tx& tx, const std::string& benefit_class) {
  auto rows = tx.Query("SELECT max_grants_per_year, max_fen_per_year FROM benefit_class_caps WHERE benefit_class = ?",
                       {benefit_class});
  if (rows.empty()) return std::nullopt;
  return BenefitClassCap{benefit_class, static_cast<int>(db::AsInt(rows[0][0])), db::AsInt(rows[0][1])};
}

void SetCap(db::Tx& tx, const BenefitClassCap& cap) {
  if (tx.Exec("UPDATE benefit_class_caps SET max_grants_per_year = ?, max_fen_per_year = ? WHERE benefit_class = ?",
              {int64_t{cap.max_grants_per_year}, cap.max_fen_per_year, cap.benefit_class}) == 0) {
    tx.Exec("INSERT INTO benefit_class_caps (benefit_class, max_grants_per_year, max_fen_per_year) VALUES (?, ?, ?)",
            {cap.benefit_class, int64_t{cap.max_grants_per_year}, cap.max_fen_per_year});
  }
}

}  // namespace carehub::funds::store
