#include "services/volunteers/store/volunteer_rows.h"

#include "common/db/bulk.h"
#include "common/db/identity_index.h"
#include "common/log.h"

namespace carehub::volunteers::store {
namespace {

// Skills are few, short and never contain a comma (domain/volunteer.cc): stored as ",a,b," so
// one LIKE finds a whole skill on both backends.
db::Value JoinSkills(const Volunteer& v) {
  std::string out;
  for (const auto& s : v.skills) out += "," + s;
  return out.empty() ? out : out + ",";
}
void SplitSkills(Volunteer& v, const db::Value& value) {
  const std::string& text = db::AsText(value);
  v.skills.clear();
  for (size_t start = 1; start < text.size();) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) break;
    v.skills.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
}

std::string EscapeLike(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '!' || c == '%' || c == '_') out += '!';
    out += c;
  }
  return out;
}

db::RowMapping<Volunteer> VolunteerColumns() {
  using V = Volunteer;
  return db::RowMapping<V>()
      .Text("id", &V::id)
      .Text("name", &V::name)
      .Text("division_code", &V::division_code)
      .Custom("skills", JoinSkills, SplitSkills)
      .Text("mobile_masked", &V::mobile_masked)
      .Text("mobile_cipher", &V::mobile_cipher)
      .Text("id_number_masked", &V::id_number_masked)
      .Text("id_number_cipher", &V::id_number_cipher)
      .Enum<VolunteerStatus>("status", &V::status)
      .Int("no_show_count", &V::no_show_count)
      .Int("version", &V::version)
      .Text("created_at", &V::created_at)
      .Text("created_by", &V::created_by);
}

db::RowMapping<Team> TeamColumns() {
  using T = Team;
  return db::RowMapping<T>()
      .Text("id", &T::id)
      .Text("name", &T::name)
      .Text("division_code", &T::division_code)
      .Text("leader_id", &T::leader_id)
      .Int("member_count", &T::member_count)
      .Int("version", &T::version)
      .Text("created_at", &T::created_at)
      .Text("created_by", &T::created_by);
}

}  // namespace

const db::RecordTable<Volunteer>& Volunteers() {
  // no_show_count changes only by statement (CountNoShows) or a clearing update.
  static const db::RecordTable<Volunteer> kTable(
      "volunteers", "no such volunteer", VolunteerColumns(),
      {"id", "id_number_masked", "id_number_cipher", "created_at", "created_by"});
  return kTable;
}

const db::RecordTable<Team>& Teams() {
  static const db::RecordTable<Team> kTable("teams", "no such team", TeamColumns(),
                                            {"id", "member_count", "created_at", "created_by"});
  return kTable;
}

void InsertVolunteer(db::Tx& tx, const Volunteer& v, const std::string& id_index) {
  db::ClaimIdentity(tx, "volunteer_identities", id_index, v.id, "volunteer.resident_id_number");
  Volunteers().Insert(tx, {&v});
}

db::Filter ToSql(const VolunteerFilter& f) {
  db::Filter sql;
  sql.Equals("status", f.status);
  // A skill is a whole item of the comma-joined list.
  if (!f.skill.empty()) sql.Where(" AND skills LIKE ? ESCAPE '!'", {"%," + EscapeLike(f.skill) + ",%"});
  return sql;
}

void CountNoShows(db::Tx& tx, const std::vector<std::string>& volunteer_ids) {
  if (volunteer_ids.empty()) return;
  std::vector<db::Value> keys(volunteer_ids.begin(), volunteer_ids.end());
  std::string marks;
  for (size_t i = 0; i < keys.size(); ++i) marks += i ? ",?" : "?";
  tx.Exec("UPDATE volunteers SET no_show_count = no_show_count + 1 WHERE id IN (" + marks + ")", keys);
}

void InsertTeam(db::Tx& tx, const Team& t) {
  try {
    Teams().Insert(tx, {&t});
  } catch (const db::DbError& e) {
    if (e.kind() == db::DbError::Kind::kDuplicate)
      Throw(ErrorCode::kAlreadyExists, "team.name", "the division has a team of this name");
    throw;
  }
}

bool AddMember(db::Tx& tx, const std::string& team_id, const std::string& volunteer_id, const std::string& by) {
  if (!tx.Query("SELECT 1 FROM team_members WHERE team_id = ? AND volunteer_id = ?", {team_id, volunteer_id}).empty()) {
    return false;
  }
  tx.Exec("INSERT INTO team_members (team_id, volunteer_id, joined_at, added_by) VALUES (?, ?, ?, ?)",
          {team_id, volunteer_id, log::NowRfc3339(), by});
  tx.Exec("UPDATE teams SET member_count = member_count + 1 WHERE id = ?", {team_id});
  return true;
}

bool RemoveMember(db::Tx& tx, const std::string& team_id, const std::string& volunteer_id) {
  if (tx.Exec("DELETE FROM team_members WHERE team_id = ? AND volunteer_id = ?", {team_id, volunteer_id}) != 1) {
    return false;
  }
  tx.Exec("UPDATE teams SET member_count = member_count - 1 WHERE id = ?", {team_id});
  return true;
}

std::vector<Volunteer> Members(db::Tx& tx, const std::string& team_id, const std::string& after_id, int limit) {
  std::string columns = Volunteers().columns().ColumnList("v.");
  std::vector<Volunteer> out;
  for (const auto& row : tx.Query("SELECT " + columns +
                                      " FROM team_members m JOIN volunteers v ON v.id = m.volunteer_id "
                                      "WHERE m.team_id = ? AND m.volunteer_id > ? ORDER BY m.volunteer_id LIMIT ?",
                                  {team_id, after_id, int64_t{limit}})) {
    out.push_back(Volunteers().columns().Read(row));
  }
  return out;
}

}  // namespace carehub::volunteers::store
