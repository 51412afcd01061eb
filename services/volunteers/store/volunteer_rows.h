#pragma once
// The volunteers, volunteer_identities, teams and team_members tables, each declared once.
// SQL only; every function runs on the caller's open transaction.
#include <string>
#include <vector>

#include "common/db/in_reach.h"
#include "common/db/record_table.h"
#include "services/volunteers/domain/volunteer.h"

namespace carehub::volunteers::store {

const db::RecordTable<Volunteer>& Volunteers();
const db::RecordTable<Team>& Teams();

// Claims the ID number's blind index and inserts the volunteer; ALREADY_EXISTS on
// volunteer.resident_id_number when another volunteer has the number.
void InsertVolunteer(db::Tx& tx, const Volunteer& v, const std::string& id_index);

struct VolunteerFilter {
  int status = 0;
  std::string skill{};
};
db::Filter ToSql(const VolunteerFilter& f);

// Adds one to the no-show count of each volunteer named.
void CountNoShows(db::Tx& tx, const std::vector<std::string>& volunteer_ids);

// ALREADY_EXISTS on team.name when the division has a team of that name.
void InsertTeam(db::Tx& tx, const Team& t);
// Whether the volunteer was added (false: a member already). Keeps member_count.
bool AddMember(db::Tx& tx, const std::string& team_id, const std::string& volunteer_id, const std::string& by);
// Whether the volunteer was a member. Keeps member_count.
bool RemoveMember(db::Tx& tx, const std::string& team_id, const std::string& volunteer_id);
// One page of a team's members in id order, after `after_id`.
std::vector<Volunteer> Members(db::Tx& tx, const std::string& team_id, const std::string& after_id, int limit);

}  // namespace carehub::volunteers::store
