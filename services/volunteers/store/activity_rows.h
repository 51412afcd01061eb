#pragma once
// The activities and signups tables, each declared once, and the statements that keep an
// activity's places: a place is taken by one conditional UPDATE (signed_up < capacity), so
// capacity holds in the database whatever the number of replicas. Every change to an activity's
// sign-ups runs with the activity's row locked (the app locks it first).
#include <optional>
#include <string>
#include <vector>

#include "common/db/in_reach.h"
#include "common/db/record_table.h"
#include "services/volunteers/domain/activity.h"

namespace carehub::volunteers::store {

const db::RecordTable<Activity>& Activities();
const db::RecordTable<SignUp>& SignUps();

struct ActivityFilter {
  int state = 0;
  int type = 0;
};
db::Filter ToSql(const ActivityFilter& f);

// Takes one place when one is left: true when taken, false when the activity is full.
bool TakePlace(db::Tx& tx, const std::string& activity_id);
// The next queue number of the activity (its waitlist order).
int64_t NextQueueNo(db::Tx& tx, const std::string& activity_id);
// Moves the counters by the deltas given.
void MoveCounts(db::Tx& tx, const std::string& activity_id, int signed_up_delta, int waitlisted_delta);

std::optional<SignUp> FindSignUp(db::Tx& tx, const std::string& activity_id, const std::string& volunteer_id);
// Whether the volunteer holds (signed up or waitlisted) an activity other than `except_id`,
// not cancelled, that overlaps [starts_at, ends_at).
bool HoldsOverlapping(db::Tx& tx, const std::string& volunteer_id, const std::string& except_id, int64_t starts_at,
                      int64_t ends_at);
// The first waitlisted sign-up, by queue number, of a volunteer still active (a suspended
// volunteer keeps their entry but is passed over).
std::optional<SignUp> FirstWaiting(db::Tx& tx, const std::string& activity_id);
// 1-based place on the waitlist of a waitlisted sign-up.
int WaitlistPosition(db::Tx& tx, const SignUp& s);

// One page of an activity's sign-ups: by state (signed up first), then queue number.
struct SignUpPage {
  std::string activity_id;
  int state = 0;        // 0: any
  std::string after{};  // "state:queue_no" of the last one shown
  int limit = 50;
};
std::vector<SignUp> ListSignUps(db::Tx& tx, const SignUpPage& page);
std::string SignUpCursor(const SignUp& s);

// Sign-ups still holding a place or waitlist entry, in queue order.
std::vector<SignUp> Holding(db::Tx& tx, const std::string& activity_id);

}  // namespace carehub::volunteers::store
