#include "services/volunteers/store/activity_rows.h"

#include "common/errors.h"

namespace carehub::volunteers::store {
namespace {

db::RowMapping<Activity> ActivityColumns() {
  using A = Activity;
  return db::RowMapping<A>()
      .Text("id", &A::id)
      .Text("title", &A::title)
      .Enum<ActivityType>("type", &A::type)
      .Text("division_code", &A::division_code)
      .Int("starts_at", &A::starts_at)
      .Int("ends_at", &A::ends_at)
      .Text("location", &A::location)
      .Int("capacity", &A::capacity)
      .Text("team_id", &A::team_id)
      .Enum<ActivityState>("state", &A::state)
      .Int("signed_up", &A::signed_up)
      .Int("waitlisted", &A::waitlisted)
      .Int("queue_seq", &A::queue_seq)
      .Text("check_in_code", &A::check_in_code)
      .Int("version", &A::version)
      .Text("created_at", &A::created_at)
      .Text("created_by", &A::created_by);
}

db::RowMapping<SignUp> SignUpColumns() {
  using S = SignUp;
  return db::RowMapping<S>()
      .Text("id", &S::id)
      .Text("activity_id", &S::activity_id)
      .Text("volunteer_id", &S::volunteer_id)
      .Text("division_code", &S::division_code)
      .Enum<SignUpState>("state", &S::state)
      .Int("queue_no", &S::queue_no)
      .Int("checked_in_at", &S::checked_in_at)
      .Int("checked_out_at", &S::checked_out_at)
      .Int("credited_minutes", &S::credited_minutes)
      .Int("version", &S::version)
      .Text("created_at", &S::created_at)
      .Text("created_by", &S::created_by);
}

std::vector<SignUp> ReadSignUps(const std::vector<db::Row>& rows) {
  std::vector<SignUp> out;
  for (const auto& row : rows) out.push_back(SignUps().columns().Read(row));
  return out;
}

std::string SelectSignUps() { return "SELECT " + SignUps().spec().columns + " FROM signups "; }

}  // namespace

const db::RecordTable<Activity>& Activities() {
  // The counters move only by the statements below, never by a whole-record update.
  static const db::RecordTable<Activity> kTable(
      "activities", "no such activity", ActivityColumns(),
      {"id", "signed_up", "waitlisted", "queue_seq", "check_in_code", "created_at", "created_by"});
  return kTable;
}

const db::RecordTable<SignUp>& SignUps() {
  static const db::RecordTable<SignUp> kTable("signups", "no such sign-up", SignUpColumns(),
                                              {"id", "activity_id", "volunteer_id", "division_code"});
  return kTable;
}

db::Filter ToSql(const ActivityFilter& f) {
  db::Filter sql;
  sql.Equals("state", f.state).Equals("type", f.type);
  return sql;
}

bool TakePlace(db::Tx& tx, const std::string& activity_id) {
  return tx.Exec("UPDATE activities SET signed_up = signed_up + 1 WHERE id = ? AND state = 2 AND signed_up < capacity",
                 {activity_id}) == 1;
}

int64_t NextQueueNo(db::Tx& tx, const std::string& activity_id) {
  tx.Exec("UPDATE activities SET queue_seq = queue_seq + 1 WHERE id = ?", {activity_id});
  return db::AsInt(tx.Query("SELECT queue_seq FROM activities WHERE id = ?", {activity_id}).at(0)[0]);
}

void MoveCounts(db::Tx& tx, const std::string& activity_id, int signed_up_delta, int waitlisted_delta) {
  tx.Exec("UPDATE activities SET signed_up = signed_up + ?, waitlisted = waitlisted + ? WHERE id = ?",
          {int64_t{signed_up_delta}, int64_t{waitlisted_delta}, activity_id});
}

std::optional<SignUp> FindSignUp(db::Tx& tx, const std::string& activity_id, const std::string& volunteer_id) {
  auto rows = ReadSignUps(
      tx.Query(SelectSignUps() + "WHERE activity_id = ? AND volunteer_id = ?", {activity_id, volunteer_id}));
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

bool HoldsOverlapping(db::Tx& tx, const std::string& volunteer_id, const std::string& except_id, int64_t starts_at,
                      int64_t ends_at) {
  return !tx.Query(
                "SELECT 1 FROM signups s JOIN activities a ON a.id = s.activity_id "
                "WHERE s.volunteer_id = ? AND s.state IN (1, 2) AND s.activity_id <> ? AND a.state IN (1, 2) "
                "AND a.starts_at < ? AND a.ends_at > ? LIMIT 1",
                {volunteer_id, except_id, ends_at, starts_at})
              .empty();
}

std::optional<SignUp> FirstWaiting(db::Tx& tx, const std::string& activity_id) {
  auto rows =
      ReadSignUps(tx.Query(SelectSignUps() + "WHERE activity_id = ? AND state = 2 AND volunteer_id IN "
                                             "(SELECT id FROM volunteers WHERE status = 1) ORDER BY queue_no LIMIT 1",
                           {activity_id}));
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

int WaitlistPosition(db::Tx& tx, const SignUp& s) {
  return static_cast<int>(
      db::AsInt(tx.Query("SELECT COUNT(*) FROM signups WHERE activity_id = ? AND state = 2 AND queue_no <= ?",
                         {s.activity_id, s.queue_no})
                    .at(0)[0]));
}

std::string SignUpCursor(const SignUp& s) {
  return std::to_string(static_cast<int>(s.state)) + ":" + std::to_string(s.queue_no);
}

std::vector<SignUp> ListSignUps(db::Tx& tx, const SignUpPage& page) {
  int64_t state = 0, queue = 0;
  if (!page.after.empty()) {
    size_t colon = page.after.find(':');
    if (colon == std::string::npos) ThrowInvalid("page_token", "is not a token this list gave");
    state = std::stoll(page.after.substr(0, colon));
    queue = std::stoll(page.after.substr(colon + 1));
  }
  std::string sql = SelectSignUps() + "WHERE activity_id = ? AND (state > ? OR (state = ? AND queue_no > ?))";
  std::vector<db::Value> params = {page.activity_id, state, state, queue};
  if (page.state) {
    sql += " AND state = ?";
    params.emplace_back(int64_t{page.state});
  }
  sql += " ORDER BY state, queue_no LIMIT ?";
  params.emplace_back(int64_t{page.limit});
  return ReadSignUps(tx.Query(sql, params));
}

std::vector<SignUp> Holding(db::Tx& tx, const std::string& activity_id) {
  return ReadSignUps(
      tx.Query(SelectSignUps() + "WHERE activity_id = ? AND state IN (1, 2) ORDER BY queue_no", {activity_id}));
}

}  // namespace carehub::volunteers::store
