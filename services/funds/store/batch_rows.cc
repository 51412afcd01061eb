#include "services/funds/store/batch_rows.h"

#include <nlohmann/json.hpp>

#include "common/db/bulk.h"

namespace carehub::funds::store {
namespace {

constexpr int64_t kSubmitted = static_cast<int>(GrantState::kSubmitted);
constexpr int64_t kPartly = static_cast<int>(GrantState::kPartlyApproved);

std::string JoinRoles(const std::vector<std::string>& roles) {
  std::string out;
  for (const auto& r : roles) out += (out.empty() ? "" : ",") + r;
  return out;
}
std::vector<std::string> SplitRoles(const std::string& text) {
  std::vector<std::string> out;
  for (size_t start = 0; start < text.size();) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

db::Value TallyJson(const GrantBatch& b) {
  nlohmann::json skipped = nlohmann::json::object();
  for (size_t i = 1; i < b.tally.skipped.by_reason.size(); ++i) {
    if (b.tally.skipped.by_reason[i])
      skipped[SkipReasonName(static_cast<SkipReason>(i))] = b.tally.skipped.by_reason[i];
  }
  return nlohmann::json{{"scanned", b.tally.scanned},
                        {"eligible", b.tally.eligible},
                        {"total_fen", b.tally.total_fen},
                        {"skipped", skipped}}
      .dump();
}
void ReadTally(GrantBatch& b, const db::Value& v) {
  auto j = nlohmann::json::parse(db::AsText(v));
  b.tally = {};
  b.tally.scanned = j.at("scanned").get<int64_t>();
  b.tally.eligible = j.at("eligible").get<int64_t>();
  b.tally.total_fen = j.at("total_fen").get<int64_t>();
  for (size_t i = 1; i < b.tally.skipped.by_reason.size(); ++i) {
    b.tally.skipped.by_reason[i] = j.at("skipped").value(SkipReasonName(static_cast<SkipReason>(i)), int64_t{0});
  }
}

db::RowMapping<GrantBatch> Columns() {
  using B = GrantBatch;
  return db::RowMapping<B>()
      .Text("id", &B::id)
      .Text("program_id", &B::program_id)
      .Text("division_code", &B::division_code)
      .Text("division_prefix", &B::division_prefix)
      .Int("amount_fen", &B::amount_fen)
      .Text("goods", &B::goods)
      .Text("note", &B::note)
      .Enum<BatchState>("state", &B::state)
      .Custom("tally_json", TallyJson, ReadTally)
      .Text("fill_cursor", &B::cursor)
      .Text("creator_subject", &B::creator_subject)
      .Custom(
          "creator_roles", [](const B& b) -> db::Value { return JoinRoles(b.creator_roles); },
          [](B& b, const db::Value& v) { b.creator_roles = SplitRoles(db::AsText(v)); })
      .Text("creator_reach", &B::creator_reach)
      .Int("approvals_required", &B::approvals_required)
      .Custom(
          "approvals_json", [](const B& b) -> db::Value { return ApprovalsText(b.approvals); },
          [](B& b, const db::Value& v) { b.approvals = ApprovalsFrom(db::AsText(v)); })
      .Int("approved", &B::approved)
      .Int("rejected", &B::rejected)
      .Text("created_at", &B::created_at)
      .Text("filled_at", &B::filled_at)
      .Text("lease_owner", &B::lease_owner)
      .Int("lease_until", &B::lease_until)
      .Int("version", &B::version);
}

std::vector<db::Value> Keys(const std::vector<std::string>& ids) { return {ids.begin(), ids.end()}; }

}  // namespace

const db::RecordTable<GrantBatch>& GrantBatches() {
  static const db::RecordTable<GrantBatch> kTable(
      "grant_batches", "no such batch", Columns(),
      {"id", "program_id", "division_code", "division_prefix", "amount_fen", "creator_subject", "created_at"});
  return kTable;
}

std::vector<std::string> FillingBatchIds(db::Tx& tx) {
  std::vector<std::string> out;
  for (const auto& row : tx.Query("SELECT id FROM grant_batches WHERE state = ? ORDER BY id",
                                  {int64_t{static_cast<int>(BatchState::kFilling)}})) {
    out.push_back(db::AsText(row[0]));
  }
  return out;
}

bool ClaimFill(db::Tx& tx, const std::string& id, const std::string& owner, int64_t now, int64_t until) {
  // The version moves too: MySQL counts only rows it changed, and a runner renewing its own
  // lease within the second would change nothing.
  return tx.Exec(
             "UPDATE grant_batches SET lease_owner = ?, lease_until = ?, version = version + 1 WHERE id = ? AND "
             "state = ? AND "
             "(lease_owner = ? OR lease_until < ?)",
             {owner, until, id, int64_t{static_cast<int>(BatchState::kFilling)}, owner, now}) == 1;
}

std::set<std::string> AlreadyGranted(db::Tx& tx, const std::string& program_id, const std::string& period,
                                     const std::vector<std::string>& ids) {
  std::set<std::string> out;
  // Live: submitted, partly approved, approved, disbursed or sent. Rejected, cancelled and
  // reversed grants leave the person free for a batch.
  for (const auto& row : db::QueryIn(tx,
                                     "SELECT beneficiary_id FROM grants WHERE program_id = ? AND state IN (1, 2, 3, "
                                     "4, 8) AND beneficiary_id IN ",
                                     {program_id}, Keys(ids))) {
    out.insert(db::AsText(row[0]));
  }
  for (const auto& row : db::QueryIn(tx,
                                     "SELECT beneficiary_id FROM batch_members WHERE program_id = ? AND period = ? "
                                     "AND beneficiary_id IN ",
                                     {program_id, period}, Keys(ids))) {
    out.insert(db::AsText(row[0]));
  }
  return out;
}

std::map<std::string, Usage> UsageOf(db::Tx& tx, const UsageLimit& limit, const std::vector<std::string>& ids) {
  std::map<std::string, Usage> out;
  for (const auto& row : db::QueryIn(tx,
                                     "SELECT beneficiary_id, grants, amount_fen FROM usage_counters WHERE scope = ? "
                                     "AND period = ? AND beneficiary_id IN ",
                                     {limit.scope, limit.period}, Keys(ids))) {
    out[db::AsText(row[0])] = {db::AsInt(row[1]), db::AsInt(row[2])};
  }
  return out;
}

bool Fits(const UsageLimit& l, const Usage& used, int64_t amount_fen) {
  return (l.max_grants == 0 || used.grants + 1 <= l.max_grants) &&
         (l.max_fen == 0 || used.fen + amount_fen <= l.max_fen);
}

void InsertMembers(db::Tx& tx, const GrantBatch& b, const std::string& period,
                   const std::vector<const Grant*>& grants) {
  std::vector<db::Value> values;
  for (const Grant* g : grants) {
    for (const auto& v : std::initializer_list<std::string>{b.program_id, g->beneficiary_id, period, b.id, g->id})
      values.emplace_back(v);
  }
  // Another fill may give one of these people a grant first: the chunk runs again and sees it.
  db::RetryOnDuplicate([&] {
    db::InsertRows(tx, "INSERT INTO batch_members (program_id, beneficiary_id, period, batch_id, grant_id) VALUES ", 5,
                   values);
  });
}

std::vector<PendingGrant> PendingOf(db::Tx& tx, const std::string& batch_id) {
  std::vector<PendingGrant> out;
  for (const auto& row : tx.Query("SELECT id, beneficiary_id FROM grants WHERE batch_id = ? AND state IN (?, ?)",
                                  {batch_id, kSubmitted, kPartly})) {
    out.push_back({db::AsText(row[0]), db::AsText(row[1])});
  }
  return out;
}

int64_t RejectPending(db::Tx& tx, const std::string& batch_id, const std::vector<std::string>& grant_ids,
                      const std::string& reason, const std::string& at) {
  int64_t n = 0;
  for (size_t i = 0; i < grant_ids.size(); i += db::kMaxBulkRows) {
    size_t end = std::min(grant_ids.size(), i + db::kMaxBulkRows);
    std::string marks;
    std::vector<db::Value> params = {
        int64_t{static_cast<int>(GrantState::kRejected)}, reason, at, batch_id, kSubmitted, kPartly};
    for (size_t k = i; k < end; ++k) {
      marks += marks.empty() ? "?" : ", ?";
      params.emplace_back(grant_ids[k]);
    }
    n += tx.Exec(
        "UPDATE grants SET state = ?, reason = ?, closed_at = ?, version = version + 1 WHERE batch_id = ? "
        "AND state IN (?, ?) AND id IN (" +
            marks + ")",
        params);
  }
  return n;
}

int64_t ApprovePending(db::Tx& tx, const GrantBatch& b, bool final, const std::string& at) {
  auto state = final ? GrantState::kApproved : GrantState::kPartlyApproved;
  // Every pending grant of a batch has had the batch's approvals and no other (a batch grant is
  // never approved alone), so they all carry the same list.
  return tx.Exec(
      "UPDATE grants SET state = ?, approvals_json = ?, approved_at = ?, version = version + 1 WHERE batch_id = ? "
      "AND state IN (?, ?)",
      {int64_t{static_cast<int>(state)}, ApprovalsText(b.approvals), final ? at : std::string(), b.id, kSubmitted,
       kPartly});
}

bool CountPendingUsage(db::Tx& tx, const std::string& batch_id, const UsageLimit& l, int64_t amount_fen,
                       int64_t pending) {
  if (l.max_fen != 0 && amount_fen > l.max_fen) return false;
  const std::string members = "SELECT beneficiary_id FROM grants WHERE batch_id = ? AND state IN (?, ?)";
  // MySQL refuses a subquery on the table being updated only when it is the same table; the
  // counters are another, so the bound sits in the statement as for one grant.
  int64_t counted = tx.Exec(
      "UPDATE usage_counters SET grants = grants + 1, amount_fen = amount_fen + ? WHERE scope = ? AND period = ? AND "
      "beneficiary_id IN (" +
          members + ") AND (? = 0 OR grants + 1 <= ?) AND (? = 0 OR amount_fen + ? <= ?)",
      {amount_fen, l.scope, l.period, batch_id, kSubmitted, kPartly, int64_t{l.max_grants}, int64_t{l.max_grants},
       l.max_fen, amount_fen, l.max_fen});
  int64_t created = tx.Exec(
      "INSERT INTO usage_counters (beneficiary_id, scope, period, grants, amount_fen) SELECT g.beneficiary_id, ?, ?, "
      "1, ? FROM grants g WHERE g.batch_id = ? AND g.state IN (?, ?) AND NOT EXISTS (SELECT 1 FROM usage_counters u "
      "WHERE u.beneficiary_id = g.beneficiary_id AND u.scope = ? AND u.period = ?)",
      {l.scope, l.period, amount_fen, batch_id, kSubmitted, kPartly, l.scope, l.period});
  return counted + created == pending;
}

}  // namespace carehub::funds::store
